"""Structure checks (S1xx): sections, template version, template cells, label wording, scope."""
from __future__ import annotations

from .registry import check
from .cells import TABLE_NAMES, Text, cell_text, column_text, row_text, table_section
from .findings import Finding, NotAssessable
from .grouping import table_finding
from ..normalize import split_ordinal, squash
from ..model.template import SECTIONS, T4_KEYS, t2_rows, t3_keys

CN = "一二三四五六"


def _title(n: int) -> Text:
    return Text(f"{CN[n - 1]}、{SECTIONS[n]}", f"section {n} ({SECTIONS[n]})")


def _at(s, **kw) -> Finding:
    return Finding(section=s.number, page=s.page, line=s.line, snippet=s.heading, **kw)


@check("section_missing")
def section_missing(model, params):
    """Each of the six sections is present."""
    seen = {s.number for s in model.sections}
    for n in params.get("sections", [1, 2, 3, 4, 5, 6]):
        if n not in seen:
            yield Finding(section=n, args={"section": _title(n)})


@check("section_order")
def section_order(model, params):
    """Sections come in order 一…六, once each, with the right printed ordinal."""
    if not model.sections:
        raise NotAssessable("没有识别到任何章节")
    seen, last = set(), 0
    for s in model.sections:
        if s.number in seen:
            yield _at(s, args={"section": _title(s.number), "problem": Text("重复出现", "appears twice")})
        elif s.number < last:
            yield _at(s, args={"section": _title(s.number),
                               "problem": Text(f"出现在第{CN[last - 1]}部分之后",
                                               f"comes after section {last}")})
        elif s.ordinal is not None and s.ordinal != s.number:
            yield _at(s, args={"section": _title(s.number),
                               "problem": Text(f"序号印为“{_cn(s.ordinal)}”",
                                               f"is numbered {s.ordinal}")})
        seen.add(s.number)
        last = max(last, s.number)


def _cn(n: int) -> str:
    return CN[n - 1] if 1 <= n <= 6 else str(n)


@check("section_heading_wording")
def section_heading_wording(model, params):
    """A recognised heading whose words differ from the template title."""
    if not model.sections:
        raise NotAssessable("没有识别到任何章节")
    for s in model.sections:
        words = split_ordinal(squash(s.heading))[1].strip("：:，,。. ")
        if words != squash(SECTIONS[s.number]):
            yield _at(s, args={"heading": s.heading, "title": SECTIONS[s.number]})


_SECTION_TABLE = {2: "t2", 3: "t3", 4: "t4"}


@check("section_without_table")
def section_without_table(model, params):
    """Sections 2, 3 and 4 each carry their table. A section printed twice needs it once; a
    table that is there but could not be mapped (E904) is a table, not prose only."""
    wanted = params.get("sections", [2, 3, 4])
    present = [s for s in model.sections if s.number in wanted]
    if not present:
        raise NotAssessable("第二、三、四部分均未识别到")
    unmapped = {p.table for p in model.table_problems}
    has_table = {s.number for s in present if s.tables or _SECTION_TABLE.get(s.number) in unmapped}
    done = set()
    for s in present:
        if s.number not in has_table and s.number not in done:
            yield _at(s, args={"section": _title(s.number)})
        done.add(s.number)


@check("template_version")
def template_version(model, params):
    """The tables follow the template version the report year requires (S105) or do not mix
    versions (S106). ``want``: "2021" fails a 2019-format report; "single" fails a mix."""
    sig19, sig21 = model.signals.get("2019", []), model.signals.get("2021", [])
    if model.template == "unknown" and not (sig19 or sig21):
        raise NotAssessable("未能判断表格格式")
    if params["want"] == "2021":
        if model.template == "2019" or (sig19 and not sig21):
            yield Finding(section=2, snippet="、".join(sig19) or None,
                          evidence={"signals": sig19},
                          args={"year": model.report_year, "signals": "、".join(sig19) or "—"})
    elif model.template == "mixed" or (sig19 and sig21):
        yield Finding(section=2, evidence={"2019": sig19, "2021": sig21},
                      args={"signals_2019": "、".join(sig19) or "—",
                            "signals_2021": "、".join(sig21) or "—"})


def _version(model, table: str) -> str | None:
    if model.template in ("2019", "2021"):
        return model.template
    if model.template == "mixed":
        return None if table == "t2" else "2021"  # which t2 to expect is ambiguous
    return "2021" if (model.report_year or 0) >= 2021 else "2019"


def _expected(model, table: str, version: str) -> list[str]:
    if table == "t2":
        return [f"{r}/{c}" for r, (_, cols) in t2_rows(version).items() for c, _ in cols]
    if table == "t4":
        return list(T4_KEYS)
    keys = t3_keys(version)
    have = model.tables.get("t3", {})
    if not any(k.startswith("other.") for k in have) and any(k.startswith("other/") for k in have):
        # a single （六） row in a 2021 report is S106's matter, not a missing row
        keys = [k for k in t3_keys("2019") if not k.startswith("other.")]
    return keys


@check("template_cells_missing")
def template_cells_missing(model, params):
    """Every template row and column is in t2, t3 and t4 (tables not read at all are skipped)."""
    tables = [t for t in params.get("tables", ["t2", "t3", "t4"]) if model.tables.get(t)]
    if not tables:
        raise NotAssessable("没有读到任何表格")
    for t in tables:
        version = _version(model, t)
        if version is None:
            continue
        have = model.tables[t]
        missing = [k for k in _expected(model, t, version) if k not in have]
        yield from _grouped(model, t, missing, _expected(model, t, version))


def _grouped(model, t, missing, expected):
    """One finding per table: whole missing rows, then columns missing from every remaining
    row (of two or more), then the other cells; the evidence lists every missing cell."""
    if not missing:
        return
    rows = list(dict.fromkeys(k.split("/")[0] for k in expected))
    gone_rows = [r for r in rows if all(k in missing for k in expected if k.startswith(r + "/"))]
    rest = [k for k in expected if k.split("/")[0] not in gone_rows]
    cols = list(dict.fromkeys(k.split("/")[1] for k in rest))
    gone_cols = [c for c in cols if len([k for k in rest if k.endswith("/" + c)]) > 1
                 and all(k in missing for k in rest if k.endswith("/" + c))]
    cells = [k for k in missing if k.split("/")[0] not in gone_rows and k.split("/")[1] not in gone_cols]
    zh, en = [], []
    if gone_rows:
        zh.append("行 " + "、".join(row_text(t, r).zh or r for r in gone_rows))
        en.append("rows " + ", ".join(gone_rows))
    if gone_cols:
        zh.append("列 " + "、".join(column_text(t, c).zh for c in gone_cols))
        en.append("columns " + ", ".join(gone_cols))
    if cells:
        zh.append("单元格 " + "、".join(cell_text(t, *k.split("/")).zh.replace(TABLE_NAMES[t].zh + " ", "")
                                     for k in cells))
        en.append("cells " + ", ".join(cells))
    keys = [f"{t}/{k}" for k in missing]
    f = table_finding(model, t, keys, evidence={"missing": keys, "rows": gone_rows, "columns": gone_cols},
                      args={"what": Text(f"{TABLE_NAMES[t].zh}的" + "；".join(zh),
                                         f"{TABLE_NAMES[t].en} " + "; ".join(en))})
    if len(gone_cols) == 1 and not gone_rows and not cells:
        f.row = None  # the column is missing from every row
    yield f


@check("label_wording")
def label_wording(model, params):
    """Mapped row/column labels whose wording differs from the template."""
    if not model.labels:
        raise NotAssessable("没有读到表格标签")
    for lab in model.labels:
        if lab.key is None or lab.exact:
            continue
        row, col = (lab.key.split("/", 1) if "/" in lab.key else
                    (lab.key, None) if lab.kind == "row" else (None, lab.key))
        yield Finding(section=table_section(model, lab.table), table=lab.table, row=row,
                      column=col, page=lab.page, line=lab.line, snippet=lab.printed,
                      evidence={"printed": lab.printed, "expected": lab.expected},
                      args={"table": TABLE_NAMES.get(lab.table, Text(lab.table, lab.table)),
                            "printed": lab.printed, "expected": lab.expected or ""})


_KINDS = {"news": Text("新闻报道", "a news article"), "letter": Text("函件", "a letter"),
          "blank_template": Text("空白模板", "a blank template"),
          "university": Text("高校信息公开年度报告", "a university report"),
          "enterprise": Text("企事业单位信息公开报告", "an enterprise report"),
          "legacy": Text("2019年统一格式之前的报告", "a report from before the 2019 template"),
          "unknown": Text("无法识别为年度报告的文件", "not recognisable as an annual report")}


@check("out_of_scope")
def out_of_scope(model, params):
    """The document is an annual report in scope (right kind, report year ≥ the first one)."""
    first = params.get("first_year", 2019)
    kind = model.kind
    if kind == "report" and model.report_year is not None and model.report_year < first:
        kind = "legacy"
    if kind == "report":
        return
    reason = model.kind_reason or (f"报告年度 {model.report_year}" if kind == "legacy" else "")
    # A report from before 2019 still has an intro whose period and contact can be judged; a
    # news article, a letter, a blank template or a university report has none to judge.
    yield Finding(snippet=model.title or None, evidence={"kind": kind, "reason": reason},
                  blocks=[] if kind == "legacy" else ["P", "C"],
                  args={"kind": _KINDS.get(kind, Text(kind, kind)), "reason": reason or "—"})
