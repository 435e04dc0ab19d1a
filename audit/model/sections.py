"""Finding the six section headings in the document's text blocks.

Traps (template.md §2): the t3 row labels 一、本年新收… to 四、结转下年度… also start with 一、…四、
(they are in table blocks, or in paragraphs when a table was flattened, and carry none of the
section titles' words); the intro sentence lists all six titles (too long to be a heading);
section 1 has its own （一）（二） sub-headings (wrong ordinal style).
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..normalize import fold, split_ordinal, squash
from .template import SECTION_KEYWORDS, SECTIONS

BARE_TITLES = {squash(t) for t in (
    *SECTIONS.values(), "概述", "其它需要报告的事项", "行政机关收到和处理政府信息公开申请情况",
    "因政府信息公开工作被申请行政复议、提起行政诉讼情况", "政府信息公开工作存在的主要问题及改进情况",
    "存在的主要问题及改进措施", "政府信息公开行政复议行政诉讼情况")}
MAX_TITLE = 32
_RUN_IN_TITLES = sorted(BARE_TITLES | {"因政府信息公开申请行政复议、提起行政诉讼的情况"}, key=len, reverse=True)  # characters after the ordinal; longer text is a paragraph that mentions a title


def match_title(text: str) -> int | None:
    """The section a heading's words name, or None."""
    t = squash(text).rstrip("：:。")
    if not t or len(t) > MAX_TITLE or re.search(r"[0-9，,。；;]", t):
        return None
    for n, alternatives in SECTION_KEYWORDS.items():
        if any(all(w in t for w in words) for words in alternatives):
            return n
    return None


_TITLE_PREFIX = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．,，]|[一二三四五六七八九十]+\s)")


def heading_of(text: str):
    """(section number, printed ordinal or None, title words, rest of the paragraph) when the
    paragraph is, or starts with, a section heading; else None."""
    folded = fold(text)
    if len(folded) > 200 and not folded[:1] in "一二三四五六":
        return None
    ordinal, rest = split_ordinal(folded)
    if ordinal is not None and ordinal[0] not in ("cn",):
        return None  # （一） and 1. are sub-headings or table rows, never sections
    number = ordinal[1] if ordinal else None
    # A heading run into its first paragraph ("一、总体情况 2021年，…", "六、其他需要报告的事项
    # 无其他需要报告的事项"): accept when the words after the ordinal begin with a title exactly
    # as the template (or a known variant) prints it; checked first, as the keyword test below
    # would take the whole run-in text for a title.
    if number is not None:
        s = squash(rest)
        hit = title_at(s)
        if hit is not None and len(s) > len(hit) + 1:
            n = match_title(hit) or match_title(_closest(hit))
            if n is not None:
                return n, number, hit, _after(rest, hit)
    n = match_title(rest)
    if n is not None:
        return n, number, rest, ""
    if number is not None:  # a heading alone on its line with a typo: 五、存在的主要向题及改进情况
        s = squash(rest).rstrip("：:。")
        hit = title_at(s)
        if hit is not None and len(s) - len(hit) <= 1:
            n = match_title(_closest(hit))
            if n is not None:
                return n, number, rest, ""
    return None


def _closest(printed: str) -> str:
    return max(_RUN_IN_TITLES, key=lambda t: SequenceMatcher(None, printed, t).ratio())


def title_at(s: str) -> str | None:
    """The heading words at the start of ``s`` (squashed text after an ordinal): a title exactly
    as the template or a known variant prints it, else a close match of one (a typo such as
    政府信息公开行政法复议、行政诉讼情况) ending on the title's last two characters, so that the
    text read from HTML, PDF and plain text recognise the same headings; S103 then reports
    the wording."""
    for cand in _RUN_IN_TITLES:
        if s.startswith(cand):
            return cand
    for cand in _RUN_IN_TITLES:
        if len(cand) < 6:
            continue  # 概述, 总体情况: too short for a fuzzy match to mean anything
        for size in range(len(cand) - 2, len(cand) + 3):
            window = s[:size]
            if window.endswith(cand[-2:]) and SequenceMatcher(None, window, cand).ratio() >= 0.88:
                return window
    return None


def _after(text: str, title: str) -> str:
    """What follows ``title`` in ``text``, where ``text`` may have spaces inside the title."""
    i = 0
    for ch in title:
        while i < len(text) and text[i].isspace():
            i += 1
        i += 1
    return text[i:].strip(" ：:").lstrip("。")


_ORDINAL_AT = re.compile(r"[一二三四五六][、.．]\s*")


def split_run_in(text: str) -> list[str]:
    """Split a long paragraph in which a portal's text extraction ran the whole report
    together (headings glued to the text before and after them) at the section headings it
    contains: an ordinal 一、…六、 directly followed by a title as the template prints it (or a
    known variant). Returns the paragraph unchanged when fewer than two are found."""
    cuts = []
    for m in _ORDINAL_AT.finditer(text):
        if title_at(squash(text[m.end():m.end() + 48])) is not None:
            cuts.append(m.start())
    # One heading is enough after a report title: "清水县人民政府2019年政府信息公开工作年度报告
    # 一、总体情况 …" is a title line with the report run into it.
    if not cuts or (len(cuts) < 2 and not re.search(r"报告\s*$", text[:cuts[0]])):
        return [text]
    cuts = [0, *cuts] if cuts[0] > 0 else cuts
    return [text[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(text)]) if text[a:b].strip()]


def find_sections(blocks):
    """Yield (block index, number, ordinal, heading text, rest) for each section heading in
    the text blocks, in document order."""
    for i, block in enumerate(blocks):
        if block.kind == "table":
            continue
        hit = heading_of(block.text)
        if hit is None:
            continue
        n, ordinal, title, rest = hit
        # A heading with no ordinal must be the title itself, alone on its line: 表二：主动公开…,
        # 无其他需要报告的事项 or a 行政复议/行政诉讼 table caption are not headings.
        if ordinal is None and (rest or squash(block.text).rstrip("：:") not in BARE_TITLES):
            continue
        heading = fold(block.text)
        if rest:
            heading = heading[: len(heading) - len(rest)].strip(" ：:")
        yield i, n, ordinal, heading, rest
