"""The document: what a reader hands on, independent of the input format.

A document is a flat list of blocks in reading order. Text blocks carry one paragraph or
heading; table blocks carry a span-resolved grid. Every block keeps where it came from (line in
the file for HTML and text, page for PDF, paragraph number for Word: see ``Block.line``) so
that findings can point back into the source.
Readers know bytes and layout; they know nothing of the template or the rules.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    """One position of a span-resolved grid.

    ``spanned`` is True when the position is covered by a rowspan/colspan whose text was written
    in another position (the origin). Mapping code needs it: a value cell with colspan=2 must be
    counted once, while a label with rowspan=22 applies to every row it covers.
    """

    text: str
    spanned: bool = False
    # Where the cell is printed, when the reader knows: HTML {"pointer": CSS-path-like, "line"},
    # text {"line", "char": 1-based character}, PDF {"box": [x0, top, x1, bottom] in points}.
    where: dict | None = None


@dataclass
class Block:
    kind: str  # "paragraph" | "heading" | "table"
    text: str = ""  # paragraphs and headings; for tables, empty
    rows: list[list[Cell]] = field(default_factory=list)  # tables only; ragged rows are allowed
    # 1-based line in the source file (HTML, text); for a .docx, which has neither lines nor
    # fixed pages, the paragraph number (read/docx/reader.py), shown as 第N段 / "paragraph".
    line: int | None = None
    page: int | None = None  # 1-based page (PDF)
    # For tables: the line/page of each row, when the reader knows it (same length as rows).
    row_lines: list[int | None] = field(default_factory=list)
    row_pages: list[int | None] = field(default_factory=list)

    def grid(self) -> list[list[str]]:
        """The table as plain strings (span copies included), for tests and debugging."""
        return [[c.text for c in row] for row in self.rows]


@dataclass
class Document:
    path: str
    format: str  # "html" | "pdf" | "text" | "docx"
    blocks: list[Block] = field(default_factory=list)
    # What the reader learnt outside the article body: page <title>, publication date from the
    # portal's 发布日期 box or PDF metadata (ISO date string), site name. Free-form but small.
    meta: dict = field(default_factory=dict)
    # Reading problems that are not fatal, as (code, message) pairs, e.g. ("E903", "…").
    problems: list[tuple[str, str]] = field(default_factory=list)

    def text_blocks(self):
        return [b for b in self.blocks if b.kind != "table"]

    def tables(self):
        return [b for b in self.blocks if b.kind == "table"]


class ReadError(Exception):
    """A file that cannot be read at all. ``code`` is E901 (unreadable), E902 (no text layer)
    or E903 (garbled beyond use); the message says why, in words a user can act on."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


def table_block(grid, line=None, page=None, row_lines=None, row_pages=None) -> Block:
    """Build a table block from plain strings (no spans), e.g. from a text reader or a test."""
    rows = [[c if isinstance(c, Cell) else Cell(c) for c in row] for row in grid]
    return Block(
        kind="table",
        rows=rows,
        line=line,
        page=page,
        row_lines=list(row_lines or []),
        row_pages=list(row_pages or []),
    )
