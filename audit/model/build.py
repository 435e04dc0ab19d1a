"""Document → report model. Orchestrates the model stage; each part lives in its own module:
sections (headings), facts (period, contact, title), tablemap / tables_t2 (cells), kind."""
from __future__ import annotations

import re

from ..document import Block, Document, ReadError
from .report import ReportModel, Section, TableProblem
from ..normalize import fold, parse_cell, squash
from . import agency, dates, facts, kind, sections, tablemap, tables_t2

_MAPPERS = {"t2": tables_t2.map_t2, "t3": tablemap.map_t3, "t4": tablemap.map_t4}
_SECTION_TABLE = {2: "t2", 3: "t3", 4: "t4"}
# A flattened table whose cells ran together: a row label followed directly by a digit string.
_RUN_TOGETHER = {
    # (digits for a whole row of 7 cells; narrative such as 予以公开238件 has fewer)
    "t3": re.compile(r"本年新收政府信息公开申请数量\d{7,}|予以公开\d{7,}"),
    "t4": re.compile(r"结果维持结果纠正.*\d{10,}|尚未审结总计\d{10,}"),
    "t2": re.compile(r"规章\d{3,}(?:行政)?规范性文件"),
}


def _segment(doc: Document, model: ReportModel) -> list[tuple[int | None, object]]:
    """Assign each block to a section (None before the first heading); fill model.sections."""
    heads = {i: (n, o, h, rest) for i, n, o, h, rest in sections.find_sections(doc.blocks)}
    current, owner = None, []
    for i, block in enumerate(doc.blocks):
        if i in heads:
            n, ordinal, heading, rest = heads[i]
            current = Section(n, sections.SECTIONS[n], heading, block.page, block.line, ordinal,
                              fold(rest))
            model.sections.append(current)
            continue
        owner.append((current, block))
        if current is None:
            continue
        if block.kind != "table":
            current.text = (current.text + "\n" + fold(block.text)).strip()
    return owner


def _map_tables(owner, model: ReportModel) -> None:
    groups: dict[str, list] = {}
    previous = None
    number = 0  # the table's number among the document's tables, as a reader counts them
    for section, block in owner:
        if block.kind != "table":
            continue
        number += 1
        tid = tablemap.identify(block)
        if tid is None and section is not None:
            tid = _SECTION_TABLE.get(section.number) or previous
        tid = tid or previous
        if tid is None:
            # A table without numbers (a portal's 索引号/发文机关 box, a layout table) is not
            # a statistics table at all; one with numbers that maps nowhere is worth saying.
            if sum(isinstance(parse_cell(c.text), (int, float)) for r in block.rows for c in r) >= 3:
                model.table_problems.append(TableProblem("?", "表格无法对应到模板的任何一张表", block.line, block.page))
            continue
        previous = tid
        groups.setdefault(tid, []).extend(tablemap.rows_of(block, number))
        if section is not None and tid not in section.tables:
            section.tables.append(tid)
    for tid, rows in groups.items():
        if _MAPPERS[tid](rows, model) == 0:
            first = rows[0] if rows else None
            model.table_problems.append(TableProblem(
                tid, "表格存在，但无法对应到模板的行和列", first and first.line, first and first.page))
    tablemap.label_columns(model)
    texts = "".join(squash(s.text) for s in model.sections) + squash(model.intro)
    for tid, rx in _RUN_TOGETHER.items():
        if tid not in groups and rx.search(texts):
            model.table_problems.append(TableProblem(
                tid, "表格的单元格连在一起、没有分隔，无法可靠拆分出各个数值", None, None))


def _unrun(doc: Document) -> None:
    """Cut paragraphs that hold several section headings (archived text extractions put a whole
    report on one line) into one block per section, keeping the source line."""
    blocks = []
    for b in doc.blocks:
        if b.kind == "table":
            blocks.append(b)
            continue
        blocks.extend(Block(b.kind, text=part, line=b.line, page=b.page)
                      for part in sections.split_run_in(b.text))
    doc.blocks = blocks


def build_model(doc: Document) -> ReportModel:
    _unrun(doc)
    model = ReportModel(path=doc.path, format=doc.format)
    model.problems = [list(p) for p in doc.problems]
    model.word_tables = doc.meta.get("word_tables", [])
    paras = [(b.text, b.line, b.page) for b in doc.blocks if b.kind != "table" and b.text.strip()]
    model.published, model.published_source = dates.find_published(doc.meta, paras)
    owner = _segment(doc, model)
    model.intro = "\n".join(fold(b.text) for s, b in owner if s is None and b.kind != "table")
    _map_tables(owner, model)

    model.title, model.report_year, model.agency = facts.find_title(paras, doc.meta.get("title", ""))
    model.period = facts.find_period(paras)
    model.contact = facts.find_contact(paras)
    model.download, urls = facts.find_download(paras)
    full = "\n".join(fold(t) for t, _l, _p in paras)
    if model.report_year is None:
        model.report_year = facts.year_from_text(full)
    if model.report_year is None and model.period and model.period.end:
        model.report_year = int(model.period.end[:4])
    model.agency = agency.find_agency(model.agency, doc.meta.get("publisher"), paras)
    if model.contact is not None:
        model.contact.website = urls
    elif urls:
        from .report import Contact
        model.contact = Contact(website=urls, text=model.download or "")

    table_text = "".join("".join(t for t in (l.printed,)) for l in model.labels)
    table_text += "".join(model.headers.values())
    model.template, model.signals = kind.detect_template(model, squash(table_text))
    has_values = any(v is not None for t in model.tables.values() for v in t.values())
    model.kind, model.kind_reason = kind.classify(model, full, has_values)
    return model


def extract_path(path: str, options: dict | None = None, data: bytes | None = None) -> ReportModel:
    """Read and model one file (``options``: reader settings by format; ``data``: its bytes,
    when already read). A file that cannot be read gives a model whose ``problems`` say why
    (E901–E903) instead of raising."""
    from ..read import read_path

    return _extract(lambda p: read_path(p, options, data), path)


def extract_bytes(data: bytes, name: str, options: dict | None = None) -> ReportModel:
    """``extract_path`` for bytes that arrived without a file (an upload named ``name``)."""
    from ..read import read_named

    return _extract(lambda p: read_named(data, p, options), name)


def _extract(read, path: str) -> ReportModel:
    try:
        doc = read(path)
    except ReadError as err:
        return unreadable_model(path, err.code, err.reason)
    return build_model(doc)


_FORMATS = {"htm": "html", "html": "html", "txt": "text", "md": "text", "pdf": "pdf", "docx": "docx"}


def unreadable_model(path: str, code: str, reason: str) -> ReportModel:
    """The model of a file that could not be read: nothing but the reason, as a problem."""
    ext = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return ReportModel(path=path, format=_FORMATS.get(ext, "unknown"), kind="unknown",
                       problems=[[code, reason]])
