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
from ...normalize import is_numberlike, parse_cell
from .xml import W, attr, child, local


def _unwrap(el, *names: str) -> list:
    """Children of ``el`` with one of ``names``, in order, looking through content controls and
    custom XML."""
    out = []
    for node in el:
        tag = local(node)
        if tag in names:
            out.append(node)
        elif tag in ("sdt", "customXml"):
            inner = child(node, "sdtContent") if tag == "sdt" else node
            if inner is not None:
                out.extend(_unwrap(inner, *names))
    return out


def rows(tbl) -> list:
    """The table's rows, without rows deleted as a tracked change."""
    return [tr for tr in _unwrap(tbl, "tr") if child(child(tr, "trPr"), "del") is None]


def cells(tr) -> list:
    return _unwrap(tr, "tc")


def content(tc) -> list:
    """Paragraphs and tables of a cell (or the body), in order."""
    return _unwrap(tc, "p", "tbl")


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


def grid(tbl, text_of) -> tuple[list[list[Cell]], list[list[tuple[int, int]]]]:
    """(span-resolved rows, blank merges). ``text_of(tc)`` gives a cell's text. A blank merge
    is the list of positions of a vertical merge without text: one that continues a merge begun
    above the table, or one that restarts empty. Both are what a table split by the author
    leaves of a group label (（四）无法提供) that stays in the first part; the reader carries it
    over (``carry_labels``)."""
    placed: dict[tuple[int, int], Cell] = {}
    merge_of: dict[tuple[int, int], list] = {}  # position -> positions of its vertical merge
    trs = rows(tbl)
    for r, tr in enumerate(trs):
        col = _int(child(tr, "trPr"), "gridBefore", 0)
        for tc in cells(tr):
            span = min(max(_int(child(tc, "tcPr"), "gridSpan", 1), 1), 200)
            mode = _vmerge(tc)
            above = (r - 1, col)
            if mode == "continue" and above in merge_of:
                text, spanned, merge = placed[above].text, True, merge_of[above]
            else:
                text, spanned, merge = text_of(tc), False, []
            for dc in range(span):
                placed[(r, col + dc)] = Cell(text, spanned or dc > 0)
                if mode is not None:
                    merge.append((r, col + dc))
                    merge_of[(r, col + dc)] = merge
            col += span
    out = []
    for r in range(len(trs)):
        width = max((c + 1 for (rr, c) in placed if rr == r), default=0)
        out.append([placed.get((r, c), Cell("")) for c in range(width)])
    blank = {id(m): m for m in merge_of.values() if not placed[m[0]].text}
    return out, list(blank.values())


def carry_labels(rows_, blank, previous) -> None:
    """Give the blank merges that start on this table's first data row the group label that
    stands at the same grid column in ``previous`` (the last row of the table just before, when
    nothing but empty paragraphs lies between them)."""
    first = next((r for r, row in enumerate(rows_)
                  if any(isinstance(parse_cell(c.text), (int, float)) for c in row)), None)
    for merge in blank:
        r, c = merge[0]
        if r != first or c >= len(previous):
            continue
        label = previous[c].text
        if not label or is_numberlike(label):
            continue
        for rr, cc in merge:
            rows_[rr][cc] = Cell(label, True)
