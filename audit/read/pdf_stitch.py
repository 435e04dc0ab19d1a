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

from ..document import Cell
from ..normalize import fold, is_numberlike, parse_cell, split_ordinal
from .pdf_text import join_text

_SAME_X = 4.0  # pt: column lines this close on two pages are the same column


def same_layout(xs_a, xs_b) -> bool:
    return len(xs_a) == len(xs_b) and all(abs(a - b) <= _SAME_X for a, b in zip(xs_a, xs_b))


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
                block.rows[r][c] = Cell(text, block.rows[r][c].spanned)


def _join_cut_row(a, b) -> bool:
    """Merge B's first row into A's last row when it is the tail of that row."""
    ra, rb = a.block.rows[-1], b.block.rows[0]
    end = max(_label_end(ra), _label_end(rb))
    if end == 0 or any(not is_numberlike(c.text) for c in rb[end:]):
        return False
    labels = [c.text for c in rb[:end] if c.text and not c.spanned]
    if not labels or any(_starts_item(t) for t in labels) or not any(c.text for c in ra[:end]):
        return False
    if any(x.text and y.text for x, y in zip(ra[end:], rb[end:])):
        return False  # both halves hold a value in one column: two rows, not one cut row
    merged = []
    for x, y in zip(ra, rb):
        if x.text and y.text and x.text != y.text:
            merged.append(Cell(join_text(x.text, y.text), x.spanned))
        else:
            merged.append(Cell(x.text or y.text, x.spanned if x.text else y.spanned))
    a.block.rows[-1] = merged
    del b.block.rows[0], b.block.row_pages[0], b.owner[0]
    return True


def _carry_groups(a, b):
    """Group labels over a page break: carry a label on, or join a label cut in two."""
    ra, rb = a.block.rows[-1], b.block.rows[0]
    item = _label_end(rb) - 1
    if item <= 0 or not (_has_number(ra, _label_end(ra)) and _has_number(rb, item + 1)):
        return
    for c in range(item):
        top, head = rb[c], ra[c]
        if not head.text or is_numberlike(head.text):
            continue
        if not top.text:
            k = b.owner[0][c]
            if k < 0:
                rb[c] = Cell(head.text, True)
            for r, owners in enumerate(b.owner):
                if k >= 0 and owners[c] == k:
                    b.block.rows[r][c] = Cell(head.text, True)
        elif top.text != head.text and not _starts_item(top.text):
            whole = join_text(head.text, top.text)
            _retext(a.block, a.owner, a.owner[-1][c], whole)
            _retext(b.block, b.owner, b.owner[0][c], whole)


def stitch_tables(a, b):
    """A continues on the next page as B (same columns): undo the cut. Returns False when B
    lost all its rows to A (the caller then drops B)."""
    if not same_layout(a.xs, b.xs) or not a.block.rows or not b.block.rows:
        return True
    _join_cut_row(a, b)
    if b.block.rows:
        _carry_groups(a, b)
    return bool(b.block.rows)


def stitch_paragraphs(a, b) -> bool:
    """Join B (first on its page) to A (last on the previous page) when A ran to the right edge
    and B is not indented: one paragraph cut by the break."""
    if a.open_end and not b.indented and abs(a.size - b.size) <= 1.0:
        a.block.text = join_text(a.block.text, b.block.text)
        a.open_end = b.open_end  # a paragraph may run over more than one break
        return True
    return False
