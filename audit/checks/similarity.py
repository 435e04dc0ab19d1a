"""Text similarity for X603 (measured on real consecutive reports: docs/n503-x603-corpus.md).

The narrative is compared after ``squash`` (no whitespace, NFKC) with every run of digits
replaced by ``#``: a copy whose year and figures were updated is still a copy. The measure is
difflib's ``SequenceMatcher.ratio`` on characters (2·matches / total length, symmetric, in
[0, 1]) without its junk heuristic (which would ignore the commonest characters of Chinese
text); the longest repeated passage is its longest matching block, shown with the digits of this
year's text. Each text is cut at ``LIMIT`` characters to bound the quadratic worst case.
"""
from __future__ import annotations

import re

from ..normalize import squash

LIMIT = 20000
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def narrative(model, sections) -> str:
    return "".join(squash(s.text) for s in model.sections if s.number in sections)[:LIMIT]


def may_reach(a: str, b: str, threshold: float) -> bool:
    """False when the texts cannot be ``threshold`` similar: difflib's quick_ratio (shared
    characters as a multiset) bounds ratio from above and costs a linear pass, while ratio is
    quadratic in the worst case; most pairs stop here."""
    from difflib import SequenceMatcher

    ma, mb = _DIGITS.sub("#", a), _DIGITS.sub("#", b)
    return SequenceMatcher(None, ma, mb, autojunk=False).quick_ratio() >= threshold


def similar(a: str, b: str) -> tuple[float, str]:
    """(ratio, longest passage of ``a`` that ``b`` repeats) of two squashed texts."""
    from difflib import SequenceMatcher

    ma, mb = _DIGITS.sub("#", a), _DIGITS.sub("#", b)
    sm = SequenceMatcher(None, ma, mb, autojunk=False)
    block = sm.find_longest_match(0, len(ma), 0, len(mb))
    # positions in the masked text: map back to the original by masking a prefix at a time
    start = _unmasked_index(a, block.a)
    end = _unmasked_index(a, block.a + block.size)
    return sm.ratio(), a[start:end]


def _unmasked_index(text: str, masked_pos: int) -> int:
    """The index in ``text`` of position ``masked_pos`` of its digit-masked form."""
    shift = 0
    for m in _DIGITS.finditer(text):
        if m.start() - shift >= masked_pos:
            break
        shift += len(m.group()) - 1
    return masked_pos + shift
