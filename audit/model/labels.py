"""Matching printed labels against the template's wording.

Both sides go through ``normalize.squash``; ordinals are compared separately from the words, so
that 1、属于国家秘密 and 1.属于国家秘密 are the same label and a typo (其他法律行政止公开) still maps,
with ``exact=False`` so that rule S108 can report the deviation.
"""
from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

from ..normalize import split_ordinal, squash

FUZZY_MIN = 0.72  # below this a label is not the template's, however close it looks


@lru_cache(maxsize=8192)  # the template's labels are folded again for every row otherwise
def core(label: str) -> str:
    """The words of a label without ordinal and without brackets' content variants."""
    text = squash(label)
    _, rest = split_ordinal(text)
    return rest.strip("：:，,。 ")


_NOTE = re.compile(r"\([^()]*\)")


def _without_notes(text: str) -> str:
    return _NOTE.sub("", text)


def similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _ratio_above(a: str, b: str, floor: float) -> float:
    """``similarity(a, b)`` when it may exceed ``floor``; else 0 (the caller keeps the floor)."""
    if not a or not b or 2 * min(len(a), len(b)) / (len(a) + len(b)) <= floor:
        return 0.0  # SequenceMatcher.real_quick_ratio's bound, before building anything
    ca, cb = _counts(a), _counts(b)  # then quick_ratio's, from counts kept per label
    if 2 * sum(min(n, cb[ch]) for ch, n in ca.items() if ch in cb) / (len(a) + len(b)) <= floor:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@lru_cache(maxsize=8192)
def _counts(text: str) -> Counter:
    return Counter(text)


def best_match(printed: str, candidates: dict[str, str], minimum: float = FUZZY_MIN):
    """Best template key for a printed label: (key, score) or (None, best score).

    ``candidates`` maps key -> template label. Containment counts as a strong match because
    printed labels often carry extra words (本年度 / 单位：万元) or lose a parenthesised note.
    """
    words = core(printed)
    for key, label in candidates.items():  # most labels are printed as the template prints them
        if core(label) == words:
            return key, 1.0
    best, best_score = None, 0.0
    for key, label in candidates.items():
        want = core(label)  # != words: equal cores returned above
        contained = 0.0
        if len(want) >= 4 and len(words) >= 4 and (want in words or words in want):
            contained = 0.9 * min(len(want), len(words)) / max(len(want), len(words)) + 0.1
        if _without_notes(words) == _without_notes(want) and _without_notes(want):
            score = max(0.95, contained)  # a parenthesised note dropped or reworded: same row
        else:
            # SequenceMatcher.ratio is the cost of the whole model (hundreds of label pairs per
            # report); its cheap upper bound skips the pairs that cannot beat the best so far.
            score = _ratio_above(words, want, max(best_score, contained))
            score = max(score, contained)
        if score > best_score:
            best, best_score = key, score
    if best_score >= minimum:
        return best, best_score
    return None, best_score
