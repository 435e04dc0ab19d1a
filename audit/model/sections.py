"""Finding the six section headings in the document's text blocks.

Traps (template.md §2): the t3 row labels 一、本年新收… to 四、结转下年度… also start with 一、…四、
(they are in table blocks, or in paragraphs when a table was flattened, and carry none of the
section titles' words); the intro sentence lists all six titles (too long to be a heading);
section 1 has its own （一）（二） sub-headings (wrong ordinal style).
"""
from __future__ import annotations

import re

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
        for cand in _RUN_IN_TITLES:
            if s.startswith(cand) and len(s) > len(cand) + 1:
                n = match_title(cand)
                if n is not None:
                    return n, number, cand, _after(rest, cand)
    n = match_title(rest)
    if n is not None:
        return n, number, rest, ""
    return None


def _after(text: str, title: str) -> str:
    """What follows ``title`` in ``text``, where ``text`` may have spaces inside the title."""
    i = 0
    for ch in title:
        while i < len(text) and text[i].isspace():
            i += 1
        i += 1
    return text[i:].strip(" ：:")


_ORDINAL_AT = re.compile(r"[一二三四五六][、.．]\s*")


def split_run_in(text: str) -> list[str]:
    """Split a long paragraph in which a portal's text extraction ran the whole report
    together (headings glued to the text before and after them) at the section headings it
    contains: an ordinal 一、…六、 directly followed by a title as the template prints it (or a
    known variant). Returns the paragraph unchanged when fewer than two are found."""
    cuts = []
    for m in _ORDINAL_AT.finditer(text):
        after = text[m.end():m.end() + 40]
        if any(after.startswith(t) for t in _RUN_IN_TITLES):
            cuts.append(m.start())
    if len(cuts) < 2:
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
