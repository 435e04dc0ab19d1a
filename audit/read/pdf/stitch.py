"""Across page breaks: re-join what the break cut, keep what the page repeats.

A table that runs over a page break stays two table blocks (the model builder streams rows, so
a repeated header is harmless), but three things the break does must be undone here:
- a *row* cut in two (label head on one page, tail and/or values on the next) becomes one row;
- a merged *group label* cut in two (（四）无 | 法提供) becomes the whole label on both sides;
- a group label that does not repeat on the new page (blank first column) is carried over as a
  spanned copy, so that 3.补正后申请内容仍不明确 still sits under （四）无法提供.
Paragraphs cut by a page break are joined the same way.
"""
from __future__ import annotations

from ...document import Cell
from ...normalize import fold, is_numberlike, parse_cell, split_ordinal
from .text import join_text

_SAME_X = 4.0  # pt: column lines this close on two pages are the same column


def _label_end(row) -> int:
    """Number of leading label positions: up to the last cell that is not a value."""
    end = 0
    for i, cell in enumerate(row):
        if not is_numberlike(cell.text):
            end = i + 1
    return end


def _has_number(row, start) -> bool:
    return any(isinstance(parse_cell(c.text), (int, float)) for c in row[start:])


def _starts_item(text: str) -> bool:
    """A label that opens a row of its own: 一、 （一） 1. 1、 ① …"""
    return split_ordinal(fold(text))[0] is not None


def _retext(block, owner, k, text):
    """Give every grid position of merged cell k the text ``text`` (flags unchanged)."""
    if k < 0:
        return
    for r, owners in enumerate(owner):
        for c, o in enumerate(owners):
            if o == k:
                block.rows[r][c] = Cell(text, block.rows[r][c].spanned, block.rows[r][c].where)


def _is_group(owner, r, c) -> bool:
    """Position (r, c) is part of a cell merged over several rows."""
    k = owner[r][c]
    return k >= 0 and any(row[c] == k for i, row in enumerate(owner) if i != r)


def _first_body_row(a, b) -> int:
    """Index of B's first row that is not a repeated header (headers hold words, no numbers,
    where A's last row holds values)."""
    start = _label_end(a.block.rows[-1])
    for k, row in enumerate(b.block.rows):
        if _has_number(row, 0) or all(is_numberlike(c.text) for c in row[start:]):
            return k
    return len(b.block.rows)


def _column_map(a, b, values: int):
    """For each of B's columns, A's column at the same place, or None when the value columns
    (counted from the right) do not line up: then B is not A's continuation."""
    if values < 1 or len(a.xs) < values + 1 or len(b.xs) < values + 1:
        return None
    if any(abs(x - y) > _SAME_X for x, y in zip(a.xs[-values - 1:], b.xs[-values - 1:])):
        return None
    out = []
    for c in range(len(b.xs) - 1):
        mid = (b.xs[c] + b.xs[c + 1]) / 2
        out.append(next((i for i in range(len(a.xs) - 1) if a.xs[i] <= mid < a.xs[i + 1]), None))
    return out


def _join_cut_row(a, b, k, cmap) -> bool:
    """Merge B's row k into A's last row when it is the tail of that row (the row keeps A's
    shape and page; merged group cells are left to _carry_groups)."""
    ra, rb = a.block.rows[-1], b.block.rows[k]
    end = _label_end(rb)
    labels = [c.text for c in rb[:end] if c.text and not c.spanned]
    if not labels or any(_starts_item(t) for t in labels) or not _label_end(ra):
        return False
    tails: dict[int, str] = {}
    for c, i in enumerate(cmap):
        if i is not None and rb[c].text and i not in tails:
            tails[i] = rb[c].text
    values = range(len(ra) - (len(rb) - end), len(ra))
    if any(ra[i].text and tails.get(i) for i in values):
        return False  # both halves hold a value in one column: two rows, not one cut row
    merged = []
    for i, x in enumerate(ra):
        tail = tails.get(i, "")
        if _is_group(a.owner, len(a.owner) - 1, i) or not tail or tail == x.text:
            merged.append(Cell(x.text or tail, x.spanned, x.where))
        else:
            merged.append(Cell(join_text(x.text, tail) if x.text else tail, x.spanned, x.where))
    a.block.rows[-1] = merged
    del b.block.rows[k], b.block.row_pages[k], b.owner[k]
    return True


def _carry_groups(a, b, k, cmap):
    """Group labels over a page break: carry a label on, or join a label cut in two."""
    ra, rb = a.block.rows[-1], b.block.rows[k]
    item = _label_end(rb) - 1
    if item <= 0 or not _has_number(rb, item + 1):
        return
    for c in range(item):
        i = cmap[c]
        if i is None or not _is_group(a.owner, len(a.owner) - 1, i) and not _is_group(b.owner, k, c):
            continue
        top, head = rb[c], ra[i]
        if not head.text or is_numberlike(head.text) or top.text == head.text:
            continue
        if not top.text:
            cell_id = b.owner[k][c]
            for r, owners in enumerate(b.owner):
                if owners[c] == cell_id and (cell_id >= 0 or r == k):
                    b.block.rows[r][c] = Cell(head.text, True, b.block.rows[r][c].where)
        elif not _starts_item(top.text):
            whole = head.text if head.text.endswith(top.text) else join_text(head.text, top.text)
            _retext(a.block, a.owner, a.owner[-1][i], whole)
            _retext(b.block, b.owner, b.owner[k][c], whole)


def stitch_tables(a, b):
    """B (first on its page) may continue A (last on the previous page): undo the cut.
    Returns False when B lost all its rows to A (the caller then drops B)."""
    if not a.block.rows or not b.block.rows:
        return True
    k = _first_body_row(a, b)
    if k >= len(b.block.rows):
        return True
    rb = b.block.rows[k]
    cmap = _column_map(a, b, len(rb) - _label_end(rb))
    if cmap is None:
        return True
    if _join_cut_row(a, b, k, cmap) and k < len(b.block.rows):
        rb = b.block.rows[k]
    if k < len(b.block.rows):
        _carry_groups(a, b, k, cmap)
    return bool(b.block.rows)


def stitch_paragraphs(a, b) -> bool:
    """Join B (first on its page) to A (last on the previous page) when A ran to the right edge
    and B is not indented: one paragraph cut by the break."""
    if a.open_end and not b.indented and abs(a.size - b.size) <= 1.0:
        a.block.text = join_text(a.block.text, b.block.text)
        a.open_end = b.open_end  # a paragraph may run over more than one break
        return True
    return False
