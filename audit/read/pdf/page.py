"""One PDF page → its tables and body lines, from one parse of the page's objects.

``page.objects`` is parsed once; chars, rects, lines and curves all come from that parse.
Tables are found by pdfplumber's table finder on *our* border edges (``edges``), and every
char whose centre falls inside a table's box belongs to that table: a section heading is a
paragraph only outside table areas, and a table row label is never a paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...document import Block
from .check import char_stats
from .edges import ruling_edges
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
class PageContent:
    number: int
    tables: list[Item]
    lines: list  # body lines (text.Line), page furniture removed
    stats: dict  # char counts for the quality checks (check.char_stats)
    images: int


def _table_settings(hs, vs, settings):
    return {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": vs,
        "explicit_horizontal_lines": hs,
        "snap_tolerance": settings.snap_tolerance,
        "join_tolerance": settings.snap_tolerance,
        "intersection_tolerance": settings.snap_tolerance,
    }


def _find_tables(page, objects, settings):
    hs, vs = ruling_edges(objects)
    if len(hs) < 2 or len(vs) < 2:
        return []
    found = []
    for table in page.find_tables(_table_settings(hs, vs, settings)):
        grid = Grid.from_cells(table.cells)
        # A lone frame around text (a text box, a page border) is not a table: its text reads
        # as prose. A real table has at least two columns.
        if len(grid.xs) < 3:
            continue
        found.append((table.bbox, grid))
    return found


def _inside(ch, box) -> bool:
    x = (ch["x0"] + ch["x1"]) / 2
    y = (ch["top"] + ch["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


# What the later stages read of a char. pdfplumber's char dicts carry ~25 keys (matrix, colours,
# font objects); keeping only these lets the pages read so far cost a tenth as much, so that a
# long file's memory grows with its text, not with the parser's objects.
_CHAR_KEYS = ("text", "x0", "x1", "top", "bottom", "size")


def read_page(page, number: int, settings) -> PageContent:
    objects = page.objects
    chars = [{k: c[k] for k in _CHAR_KEYS} for c in objects.get("char", []) if c.get("text")]
    tables = _find_tables(page, objects, settings)
    per_table: list[list] = [[] for _ in tables]
    body = []
    for ch in chars:
        for i, (box, _) in enumerate(tables):
            if _inside(ch, box):
                per_table[i].append(ch)
                break
        else:
            body.append(ch)
    items = []
    for (box, grid), tchars in zip(tables, per_table):
        rows = fill(grid, tchars)
        block = Block(kind="table", rows=rows, page=number, row_pages=[number] * len(rows))
        items.append(Item(block, box[1], grid.xs, grid.owner))
    # pdfminer turns /Rotate 90 pages upright, but pdfplumber keeps the unrotated size
    height = float(page.width if (page.rotation or 0) % 180 == 90 else page.height)
    lines = [ln for ln in build_lines(body) if not is_page_furniture(ln, height)]
    return PageContent(number, items, lines, char_stats(chars), len(objects.get("image", [])))
