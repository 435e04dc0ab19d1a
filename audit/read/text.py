"""Reader for plain text and Markdown (.txt, .md).

Paragraphs are the non-empty lines. Tables are runs of pipe rows (``| a | b |``), the way text
renderings of report pages and Markdown write them: blank lines between rows are allowed, rows
are ragged (merged cells were flattened, so rows have different cell counts), Markdown
separator rows (``|---|``) are dropped, and a row broken after a cell (``| 0`` then ``| 0 | …``
on the next line) is joined back.

Text whose table cells were run together with no separator (``…申请数量801000081``) cannot be
split without guessing, so such lines stay paragraphs; the model stage reports the table as
unmappable. Tables written one cell per line are left as paragraphs too (see the module note
in tests/test_read_text.py for what that means for the corpus).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .settings import Resolvable
from ..document import Block, Cell, Document
from .decode import decode


@dataclass
class TextSettings(Resolvable):
    # Strip an archiver's "key: value" header that ends with a marked line (==== 正文 ====).
    strip_archive_header: bool = True
    # How far down the file such a header may end.
    header_max_lines: int = 30

    def __post_init__(self):
        if self.header_max_lines < 0:
            raise ValueError("header_max_lines must be >= 0")



_HEADER_END = re.compile(r"^\s*={3,}\s*正文\s*={3,}\s*$")
_HEADER_LINE = re.compile(r"^\s*([^:：\s]{1,12})\s*[:：]\s?(.*)$")
_DATE = re.compile(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_BLANK_CELL = re.compile(r"^[\s\u00a0\u3000]*$")


def read(data: bytes, settings=None) -> Document:
    settings = TextSettings.resolve(settings)
    text, _enc, garbled = decode(data)
    doc = Document(path="<bytes>", format="text")
    if garbled:
        doc.problems.append(("E903", garbled))
    lines = text.splitlines()
    start = 0
    if settings.strip_archive_header:
        start = _archive_header(lines, settings.header_max_lines, doc.meta)
    doc.blocks = parse_lines(lines, start)
    return doc


def _archive_header(lines: list[str], max_lines: int, meta: dict) -> int:
    """Index of the first body line after a clearly marked archive header, else 0.

    Only a header that ends with a ``==== 正文 ====`` line and consists of ``key: value`` lines
    counts; anything less clear is kept as text (it may be the report's own first lines).
    """
    for i, line in enumerate(lines[:max_lines]):
        if _HEADER_END.match(line):
            head = [ln for ln in lines[:i] if ln.strip()]
            if head and sum(1 for ln in head if _HEADER_LINE.match(ln)) >= len(head) - 1:
                for ln in head:
                    m = _HEADER_LINE.match(ln)
                    if not m:
                        continue
                    key, value = m.group(1), m.group(2).strip()
                    if key in ("标题", "title") and value:
                        meta.setdefault("title", value)
                    elif key in ("发布时间", "发布日期", "date") and (d := _DATE.search(value)):
                        meta.setdefault("published", _iso(d))
                    elif key in ("发布机构", "publisher") and value:
                        meta.setdefault("publisher", value)
                    elif key in ("原文链接", "url", "source") and value:
                        meta.setdefault("url", value)
                return i + 1
            return 0
    return 0


def _iso(m: re.Match) -> str:
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def is_pipe_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") or (s.endswith("|") and s.count("|") >= 2)


def split_row(line: str, lineno: int | None = None, width: int | None = None) -> list[Cell]:
    """Cells of one pipe row; an escaped ``\\|`` stays inside its cell.

    A row ending in ``||`` (``行政许可 | 0 | ||``) is how some HTML-to-text tools write a
    colspan: its trailing blank cells become spanned copies of the last filled cell, as the
    HTML reader would give, so the mapper does not take them for blank values. A row ending in
    a blank cell with something between its pipes (``| 0 |  |``) keeps it as a blank value.
    """
    s = line.strip()
    offset = len(line) - len(line.lstrip())  # characters before s in the line
    if s.startswith("|"):
        s, offset = s[1:], offset + 1
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    raw = re.split(r"(?<!\\)\|", s)
    cells = [Cell("" if _BLANK_CELL.match(c) else c.strip().replace("\\|", "|")) for c in raw]
    for c, piece in zip(cells, raw):
        start = offset + len(piece) - len(piece.lstrip())  # 0-based, where the text begins
        c.where = {"line": lineno} if lineno is not None else None
        if c.where is not None and (width is None or start < width):
            c.where["char"] = start + 1  # 1-based character column, as editors count
        offset += len(piece) + 1
    end = len(raw)
    if raw[-1] == "":  # the row ends "||": the blank cells before it are padding too
        while end > 1 and not cells[end - 1].text:
            end -= 1
    if end < len(raw):
        origin = cells[end - 1]
        cells[end:] = [Cell(origin.text, spanned=True, where=origin.where) for _ in raw[end:]]
    return cells


def _is_separator(cells: list[Cell]) -> bool:
    filled = [c.text for c in cells if c.text]
    return bool(filled) and all(_SEPARATOR_CELL.match(c.replace(" ", "")) for c in filled)


def parse_lines(lines: list[str], start: int = 0) -> list[Block]:
    blocks: list[Block] = []
    table: Block | None = None
    i = start
    while i < len(lines):
        raw = lines[i]
        lineno = i + 1
        if not raw.strip():
            i += 1
            continue  # blank lines neither end a table nor make a paragraph
        if is_pipe_row(raw):
            row_text = raw.rstrip()
            width = len(row_text)  # cells of a continuation line get no column
            # A row broken inside: "| 0" then "| 0 | 0 |" on the next line. The break sits
            # between two cells, so the continuation's leading pipe closes the first cell.
            while (not row_text.endswith("|") and i + 1 < len(lines)
                   and lines[i + 1].strip().startswith("|")):
                i += 1
                row_text = row_text + " " + lines[i].strip()
            cells = split_row(row_text, lineno, width)
            i += 1
            if _is_separator(cells):
                if table is None:
                    table = Block(kind="table", line=lineno)
                continue
            if table is None:
                table = Block(kind="table", line=lineno)
            table.rows.append(cells)
            table.row_lines.append(lineno)
            continue
        if table is not None:
            _close(table, blocks)
            table = None
        text = raw.strip().replace("\u00a0", " ")
        kind = "paragraph"
        m = _MD_HEADING.match(text)
        if m:
            kind, text = "heading", m.group(2)
        if text:
            blocks.append(Block(kind=kind, text=text, line=lineno))
        i += 1
    if table is not None:
        _close(table, blocks)
    return blocks


def _close(table: Block, blocks: list[Block]) -> None:
    # Trailing rows with no text at all (a renderer's padding) carry nothing.
    while table.rows and not any(c.text for c in table.rows[-1]):
        table.rows.pop()
        table.row_lines.pop()
    if table.rows:
        blocks.append(table)
