"""PDF reader: bytes → Document, on PDFium or pdfplumber (``engine``; imported only when a
PDF is read).

Reports are Word/WPS exports: ruled tables split over pages, merged cells, text with Kangxi
radicals, sometimes scans or fonts without a Unicode map. The work is split by stage:
``engine`` (the file's pages as chars, rects and paths), ``page`` (one page: tables and
body lines), ``grid`` (cell text and spans),
``text`` (lines and paragraphs), ``stitch`` (page breaks), ``check`` (E901–E903,
metadata). This module only runs them in order.
"""
from __future__ import annotations

import contextlib
import warnings
from dataclasses import dataclass, field

from ..settings import Resolvable
from ...document import Block, Document
from ...normalize import fold


# The engine when none is chosen. The test suite switches it to run every PDF test on both.
DEFAULT_ENGINE = "pdfium"


@dataclass
class PdfSettings(Resolvable):
    snap_tolerance: float = 3.0  # pt: border pieces this close are one border
    max_pages: int = 500  # longer files are refused (E901): no annual report is that long
    garbled_ratio: float = 0.2  # share of (cid:NN)/junk chars above which the text is unusable
    engine: str = field(default_factory=lambda: DEFAULT_ENGINE)  # pdfium | pdfplumber

    def __post_init__(self):
        from .engine import ENGINES

        if self.snap_tolerance < 0 or self.max_pages < 1 or not 0 < self.garbled_ratio <= 1 \
                or self.engine not in ENGINES:
            raise ValueError(f"invalid PdfSettings: {self}")



@contextlib.contextmanager
def _quiet():
    """Libraries' warnings about odd objects in real-world PDFs are not findings: users must not
    see them. (pdfminer's log is silenced by its engine, ``engine.plumber``.)"""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def read(data: bytes, settings=None) -> Document:
    settings = PdfSettings.resolve(settings)
    from .check import check_text
    from .engine import open_source
    from .page import read_page

    with _quiet():
        source = open_source(data, settings)
        try:
            pages = [read_page(raw, settings) for raw in source.pages()]
            meta = source.metadata()
            encrypted = getattr(source, "encrypted", False)
        finally:
            source.close()
    problems = check_text(pages, settings, encrypted)
    doc = Document(path="<bytes>", format="pdf", meta=meta, problems=problems)
    doc.blocks = _assemble(pages)
    return doc


def _margins(pages) -> tuple[float, float]:
    """The body's left and right edges: the commonest line start and end over the document
    (justified body text fills the line; headings and indents are the minority)."""
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for p in pages:
        for ln in p.lines:
            if len(ln.chars) >= 8:
                starts[round(ln.x0 / 2)] = starts.get(round(ln.x0 / 2), 0) + 1
                ends[round(ln.x1 / 2)] = ends.get(round(ln.x1 / 2), 0) + 1
    if not starts:
        return 0.0, 1e9
    left = 2 * max(starts, key=starts.get)
    right = 2 * max(ends, key=ends.get)
    return left - 1.0, right + 1.0


def _page_items(page, left, right):
    from .page import Item
    from .text import paragraphs

    items = list(page.tables)
    for para in paragraphs(page.lines, left, right):
        block = Block(kind="paragraph", text=fold(para.text), page=page.number)
        items.append(Item(block, para.top, open_end=para.open_end, indented=para.indented,
                          size=para.size))
    items.sort(key=lambda it: it.top)
    return items


def _assemble(pages) -> list[Block]:
    from .stitch import stitch_paragraphs, stitch_tables

    left, right = _margins(pages)
    out = []
    last = None  # the last item of the previous page
    for page in pages:
        items = _page_items(page, left, right)
        if items and last is not None:
            first = items[0]
            if first.block.kind == last.block.kind == "table":
                if not stitch_tables(last, first):
                    items.pop(0)
            elif first.block.kind == last.block.kind == "paragraph":
                if stitch_paragraphs(last, first):
                    items.pop(0)
        out.extend(it.block for it in items)
        if items:
            last = items[-1]
    return [b for b in out if b.kind != "table" or b.rows]
