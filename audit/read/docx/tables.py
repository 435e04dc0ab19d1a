"""Word tables to span-resolved grids.

Word stores merges per cell, not per table: ``w:gridSpan`` says how many grid columns a cell
covers, ``w:vMerge restart`` opens a vertical merge and a bare ``w:vMerge`` (or ``continue``)
cell below it continues it; ``w:gridBefore`` leaves grid columns empty at the start of a row.
The grid here is built on grid columns, so a cell's position is exact (no left-to-right
guessing as for HTML rowspans). Continued cells are spanned copies of the merge's text, as in
the other readers. Rows deleted as a tracked change are dropped.

A table that holds another table, or a single cell, is a layout frame (the whole report pasted
into a one-cell table, a two-column page): the reader walks its cells as body text, like the
HTML reader does with layout tables.
"""
from __future__ import annotations

from ...document import Cell
from ..html.grid import join_pieces
from .xml import W, attr, child, local

_DIGIT_GAP_CHARS = " \u00a0\u3000"


def _unwrap(el, name: str) -> list:
    """Children named ``name`` of ``el``, looking through content controls and custom XML."""
    out = []
    for node in el:
        tag = local(node)
        if tag == name:
            out.append(node)
        elif tag in ("sdt", "customXml"):
            inner = child(node, "sdtContent") if tag == "sdt" else node
            if inner is not None:
                out.extend(_unwrap(inner, name))
    return out


def rows(tbl) -> list:
    """The table's rows, without rows deleted as a tracked change."""
    return [tr for tr in _unwrap(tbl, "tr") if child(child(tr, "trPr"), "del") is None]


def cells(tr) -> list:
    return _unwrap(tr, "tc")


def content(tc) -> list:
    """Paragraphs and tables of a cell (or the body), in order."""
    out = []
    for node in tc:
        tag = local(node)
        if tag in ("p", "tbl"):
            out.append(node)
        elif tag in ("sdt", "customXml"):
            inner = child(node, "sdtContent") if tag == "sdt" else node
            if inner is not None:
                out.extend(content(inner))
    return out


def is_layout(tbl) -> bool:
    if any(el is not tbl for el in tbl.iter(W + "tbl")):
        return True
    trs = rows(tbl)
    return len(trs) <= 1 and sum(len(cells(tr)) for tr in trs) <= 1


def _int(el, name: str, default: int) -> int:
    try:
        return max(int(attr(child(el, name), "val")), 0)
    except (TypeError, ValueError):
        return default


def _vmerge(tc) -> str | None:
    """"restart", "continue" or None (not merged vertically)."""
    vm = child(child(tc, "tcPr"), "vMerge")
    if vm is None:
        return None
    return "restart" if attr(vm, "val") == "restart" else "continue"


def cell_text(paragraph_texts: list[str]) -> str:
    """One cell's paragraphs as one string (no space between Chinese pieces), with digit runs
    that Word spaced out for alignment ("1 2") joined back."""
    text = join_pieces(paragraph_texts)
    out = []
    for i, ch in enumerate(text):
        if ch in _DIGIT_GAP_CHARS and 0 < i < len(text) - 1 and text[i - 1].isdigit() \
                and text[i + 1].isdigit():
            continue
        out.append(ch)
    return "".join(out)


def grid(tbl, text_of) -> tuple[list[list[Cell]], list[tuple[int, int]]]:
    """(span-resolved rows, orphans). ``text_of(tc)`` gives a cell's text. Orphans are the
    (row, column) positions that continue a vertical merge begun above the table: a table the
    author split in two keeps its group label in the first part only."""
    placed: dict[tuple[int, int], Cell] = {}
    merged: set[tuple[int, int]] = set()  # positions inside a vertical merge
    orphans = []
    trs = rows(tbl)
    for r, tr in enumerate(trs):
        col = _int(child(tr, "trPr"), "gridBefore", 0)
        for tc in cells(tr):
            span = min(max(_int(child(tc, "tcPr"), "gridSpan", 1), 1), 200)
            mode = _vmerge(tc)
            above = (r - 1, col)
            if mode == "continue" and above in merged:
                text, spanned = placed[above].text, True
            else:
                text, spanned = text_of(tc), False
                if mode == "continue":
                    orphans.append((r, col))
            for dc in range(span):
                placed[(r, col + dc)] = Cell(text, spanned or dc > 0)
                if mode is not None:
                    merged.add((r, col + dc))
            col += span
    out = []
    for r in range(len(trs)):
        width = max((c + 1 for (rr, c) in placed if rr == r), default=0)
        out.append([placed.get((r, c), Cell("")) for c in range(width)])
    return out, orphans
