"""Word (.docx) reader: python-docx opens the package, the body is read from its OOXML tree.

python-docx's ``Document.paragraphs`` and ``tables`` lists lose the order between paragraphs
and tables, hide the numbering labels, and read text boxes and deleted text as text, so the
reader walks ``w:body`` itself: ``text`` reads one paragraph, ``numbering`` replays Word's list
counters, ``tables`` resolves merges. Headers, footers, comments and footnotes live in other
parts of the package and are never opened.

Locations: a .docx has no source lines and no fixed pages, so ``Block.line`` holds the
*paragraph number*: the body's paragraphs with text and the rows of its data tables, counted
from 1 in reading order (the formatters print 第N段). ``meta["word_tables"]`` maps the
paragraph numbers of each table to Word's table number and row (第2个表格第4行), which Word's
Go To > Table finds.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from ...document import Block, Document, ReadError
from ..settings import Resolvable
from ..html.grid import clean_text, join_cell, join_pieces
from . import convert
from .numbering import Numbering
from .tables import carry_labels, cells, content, grid, is_layout, rows
from .text import is_heading, mark_deleted, outline_levels, pieces, toc_styles
from .xml import W, attr, child, local

_RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"


@dataclass
class DocxSettings(Resolvable):
    # Seconds LibreOffice may take to convert a .doc/.wps/RTF (below the runner's --timeout, so
    # a hung conversion is this reader's E901, not a killed worker).
    convert_timeout: float = convert.TIMEOUT

    def __post_init__(self):
        if not self.convert_timeout > 0:
            raise ValueError("convert_timeout must be > 0")


def read(data: bytes, settings=None) -> Document:
    settings = DocxSettings.resolve(settings)
    data = convert.to_docx(data, settings.convert_timeout)
    package = _open(data)
    body = package.element.body
    try:
        numbering_xml = package.part.part_related_by(_RT_NUMBERING).element
    except KeyError:
        numbering_xml = None
    styles_xml = package.styles.element
    flow = _Flow(Numbering(numbering_xml, styles_xml), outline_levels(styles_xml),
                 toc_styles(styles_xml))
    flow.body(content(body))
    if not flow.blocks:
        if next(body.iter(W + "drawing", W + "pict"), None) is not None:
            raise ReadError("E902", "Word 文件中只有图片，没有可读取的文字（可能是扫描件）")
        raise ReadError("E901", "Word 文件没有文字内容")
    return Document(path="<bytes>", format="docx", blocks=flow.blocks,
                    meta={"word_tables": flow.word_tables})


def _open(data: bytes):
    import docx  # heavy: imported only when a Word file is read

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError/ValueError/BadZipFile for broken files
        raise ReadError("E901", f"Word 文件损坏或不是 .docx 格式，无法打开（{type(exc).__name__}: {exc}）"
                        ) from exc


class _Flow:
    """Walks the body in order and cuts it into blocks, numbering paragraphs as it goes."""

    def __init__(self, numbering: Numbering, levels: dict[str, int], toc: set[str]):
        self.numbering = numbering
        self.levels = levels
        self.toc = toc
        self.blocks: list[Block] = []
        self.number = 0  # the paragraph number (see the module docstring)
        self.carry = ""  # text of paragraphs whose mark was deleted: it runs on into the next
        self.last_table: Block | None = None  # a table followed by nothing but empty paragraphs
        self.tables = 0  # Word's table number (every table counts, frames and nested ones too)
        # [table number, first paragraph number, last, rows trimmed at the top] of each data
        # table: findings then say 表2第5行, which Word's Go To (Ctrl+G, Table) finds.
        self.word_tables: list[list[int]] = []

    def body(self, items) -> None:
        for el in items:
            if local(el) == "p":
                self.paragraph(el)
            else:
                self.table(el)

    def _texts(self, p) -> list[str]:
        """The paragraph as pieces of text, the numbering label in front of the first."""
        parts = pieces(p)
        if mark_deleted(p):
            self.carry += "".join(parts)  # accepted, the two paragraphs become one
            return []
        parts[0] = join_pieces([self.numbering.label(p), self.carry + parts[0]])
        self.carry = ""
        return [t for t in (clean_text(x) for x in parts) if t]

    def paragraph(self, p) -> None:
        if attr(child(child(p, "pPr"), "pStyle"), "val") in self.toc:
            return
        texts = self._texts(p)
        if not texts:
            return
        self.number += 1
        kind = "heading" if is_heading(p, self.levels) else "paragraph"
        for i, text in enumerate(texts):
            self.blocks.append(Block(kind=kind if i == 0 else "paragraph", text=text, line=self.number))
        self.last_table = None

    def _cell(self, tc) -> str:
        return join_cell([t for p in content(tc) if local(p) == "p" for t in self._texts(p)])

    def table(self, tbl) -> None:
        self.tables += 1
        if is_layout(tbl):
            for tr in rows(tbl):
                for tc in cells(tr):
                    self.body(content(tc))
            return
        grid_rows, blank = grid(tbl, self._cell)
        if self.last_table is not None:
            carry_labels(grid_rows, blank, self.last_table.rows[-1])
        # Word leaves empty rows at the ends of a table (spacing, a deleted last line).
        while grid_rows and not any(c.text for c in grid_rows[-1]):
            grid_rows.pop()
        lead = 0
        while grid_rows and not any(c.text for c in grid_rows[0]):
            grid_rows.pop(0)
            lead += 1
        if not grid_rows:
            return
        lines = list(range(self.number + 1, self.number + len(grid_rows) + 1))
        self.number += len(grid_rows)
        self.word_tables.append([self.tables, lines[0], lines[-1], lead])
        block = Block(kind="table", rows=grid_rows, line=lines[0], row_lines=lines)
        self.blocks.append(block)
        self.last_table = block
