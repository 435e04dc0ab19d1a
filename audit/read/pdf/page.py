"""One PDF page → its tables and body lines, from the page's chars, rects and paths.

This is the seam between the PDF engines and the rest of the reader: an engine (``engine``:
PDFium or pdfplumber) reads each page once into a ``RawPage`` of pdfplumber-shaped dicts, and
everything from here on works on those. Tables are found by the table finder (``finder``) on
*our* border edges (``edges``), and every char whose centre falls inside a table's box belongs
to that table: a section heading is a paragraph only outside table areas, and a table row
label is never a paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...document import Block
from .check import char_stats
from .edges import ruling_edges
from .finder import find_tables
from .grid import Grid, fill
from .text import build_lines, is_page_furniture


@dataclass
class Item:
    """A block with what the page-break stitching needs to know about it."""

    block: Block
    top: float
    xs: list = field(default_factory=list)  # table column lines
    owner: list = field(default_factory=list)  # table grid position → merged cell id
    open_end: bool = False  # paragraph ran to the right edge
    indented: bool = True
    size: float = 0.0


@dataclass
class RawPage:
    """One page as an engine reads it, in pdfplumber's shapes (top-down coordinates of the
    upright page, in points), with only the keys the reader uses."""

    number: int
    # The height the page-number test measures margins against. On a /Rotate 90 page this is
    # the displayed *width* (what the reader always used: the landscape fixtures put their
    # footer there); chars are in displayed coordinates on every page.
    height: float
    chars: list  # text, x0, x1, top, bottom, size
    rects: list  # x0, top, x1, bottom, fill, stroke, non_stroking_color, stroking_color
    paths: list  # lines and curves: the rect keys + pts [(x, top), ...]
    images: int


@dataclass
class PageContent:
    number: int
    tables: list[Item]
    lines: list  # body lines (text.Line), page furniture removed
    stats: dict  # char counts for the quality checks (check.char_stats)
    images: int


def _find_tables(raw: RawPage, settings):
    hs, vs = ruling_edges(raw.rects, raw.paths)
    if len(hs) < 2 or len(vs) < 2:
        return []
    found = []
    for bbox, cells in find_tables(hs, vs, settings.snap_tolerance):
        grid = Grid.from_cells(cells)
        # A lone frame around text (a text box, a page border) is not a table: its text reads
        # as prose. A real table has at least two columns.
        if len(grid.xs) < 3:
            continue
        found.append((bbox, grid))
    return found


def read_page(raw: RawPage, settings) -> PageContent:
    number, chars = raw.number, raw.chars
    tables = _find_tables(raw, settings)
    per_table: list[list] = [[] for _ in tables]
    if not tables:
        body = list(chars)
    else:  # a char belongs to the first table whose box holds its centre
        body = []
        boxes = [box for box, _ in tables]
        for ch in chars:
            x = (ch["x0"] + ch["x1"]) / 2
            y = (ch["top"] + ch["bottom"]) / 2
            for i, box in enumerate(boxes):
                if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                    per_table[i].append(ch)
                    break
            else:
                body.append(ch)
    items = []
    for (box, grid), tchars in zip(tables, per_table):
        rows = fill(grid, tchars)
        block = Block(kind="table", rows=rows, page=number, row_pages=[number] * len(rows))
        items.append(Item(block, box[1], grid.xs, grid.owner))
    lines = [ln for ln in build_lines(body) if not is_page_furniture(ln, raw.height)]
    return PageContent(number, items, lines, char_stats(chars), raw.images)
