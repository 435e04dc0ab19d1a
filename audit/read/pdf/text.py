"""Characters → lines → paragraphs, for the PDF reader.

Everything here works on pdfplumber-shaped char dicts (``text``, ``x0``, ``x1``, ``top``,
``bottom``, ``size``; either engine gives them) that the page already read once; nothing calls
``extract_text``.
Chinese needs no spaces between characters, so spaces are kept only between two narrow
(Latin/digit) characters: 信 息 内 容 → 信息内容, 2024 年 → 2024年, but "WPS Office" stays.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

# Vertical overlap (as a share of the smaller height) for two chars to sit on one line.
_LINE_OVERLAP = 0.5
# A gap wider than this share of the font size counts as a space between narrow chars.
_SPACE_GAP = 0.3


def is_wide(ch: str) -> bool:
    """CJK ideographs, kana, radicals and full-width punctuation: no spaces around them."""
    return bool(ch) and ord(ch[0]) >= 0x2E80


@dataclass
class Line:
    chars: list = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]

    # size and text are asked for many times per line (paragraph breaks, headings, margins),
    # and a line's chars no longer change once build_lines has returned it
    @cached_property
    def size(self) -> float:
        sizes = sorted(c["size"] for c in self.chars if not c["text"].isspace()) or [10.0]
        return sizes[len(sizes) // 2]

    @cached_property
    def text(self) -> str:
        return chars_text(self.chars)


def _x0(c):
    return c["x0"]


def _top(line):
    return line[0]


def build_lines(chars) -> list[Line]:
    """Group chars into visual lines. Chars are taken in top order; a char joins one of the few
    most recent lines when it overlaps it vertically enough (mixed fonts on a line have different
    tops and heights, so equal ``top`` would be too strict)."""
    # Lines as [top, bottom, chars] while they grow: this loop runs for every char of the file,
    # several times (page body, table, cell), so attribute access and min()/max() are spelled out
    grown: list[list] = []
    # in (top to 0.1 pt, x0) order; the keys made by one comprehension, not a call per char
    keys = [(round(c["top"], 1), c["x0"]) for c in chars]
    for i in sorted(range(len(keys)), key=keys.__getitem__):
        ch = chars[i]
        top, bottom = ch["top"], ch["bottom"]
        height = bottom - top
        target = None
        for line in reversed(grown[-3:]):  # the latest line it overlaps enough
            lt, lb = line[0], line[1]
            overlap = (bottom if bottom < lb else lb) - (top if top > lt else lt)
            least = height if height < lb - lt else lb - lt
            if overlap >= _LINE_OVERLAP * (least if least > 0.1 else 0.1):
                target = line
                break
        if target is None:
            grown.append([top, bottom, [ch]])
        else:
            target[2].append(ch)
            if top < target[0]:
                target[0] = top
            if bottom > target[1]:
                target[1] = bottom
    if len(grown) > 1:  # most cells hold one line
        grown.sort(key=_top)
    lines = []
    for top, bottom, line_chars in grown:
        if len(line_chars) > 1:
            line_chars.sort(key=_x0)
        lines.append(Line(line_chars, top, bottom))
    return lines


def chars_text(chars) -> str:
    """One line's chars (sorted by x) as text, with the spacing rule of the module docstring.
    Fake-bold duplicates (the same glyph drawn twice a fraction of a point apart) are dropped."""
    out: list[str] = []
    prev = None
    pending_space = False
    for ch in chars:
        t = ch["text"]
        if t.isspace():
            pending_space = True
            continue
        if prev is not None:
            if t == prev["text"] and abs(ch["x0"] - prev["x0"]) < 0.08 * ch["size"] \
                    and abs(ch["top"] - prev["top"]) < 0.08 * ch["size"]:
                continue  # fake bold: the glyph drawn again a fraction of a point away
            gap = ch["x0"] - prev["x1"]
            if (pending_space or gap > _SPACE_GAP * ch["size"]) and not (
                is_wide(prev["text"][-1]) or is_wide(t[0])
            ):
                out.append(" ")
        out.append(t)
        prev = ch
        pending_space = False
    return "".join(out)


def join_text(a: str, b: str) -> str:
    """Join two pieces of one logical text broken at a line end (商业 + 企业 → 商业企业)."""
    if not a:
        return b
    if not b:
        return a
    if is_wide(a[-1]) or is_wide(b[0]) or a[-1] == "-":
        return a + b
    return a + " " + b


# Dashes and the full-width slash as their ASCII forms first: a class of several chars beyond
# Latin-1 ([-—–－\s]) costs re ~0.5 ms to compile in every process that reads a PDF.
_DASHES = str.maketrans("—–－／", "---/")
_PAGE_NUMBER = re.compile(r"^[-\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/共]\s*\d{1,4}\s*页?)?[-\s]*$")


def is_page_furniture(line: Line, page_height: float) -> bool:
    """Page numbers (- 4 -, 第4页, 4/6) in the top or bottom margin: not part of the report."""
    in_margin = line.top > page_height * 0.88 or line.bottom < page_height * 0.08
    return in_margin and bool(_PAGE_NUMBER.match(line.text.translate(_DASHES)))


def _opens_item(prev: Line, line: Line) -> bool:
    """A numbered line (一、 （二） 3.) after a finished sentence starts a paragraph even when
    nothing in the layout says so (no indent, previous line full)."""
    from ...normalize import fold, split_ordinal

    end = prev.text.rstrip()[-1:]
    return end in ("。", "：", ":", "；", ";") and split_ordinal(fold(line.text[:8]))[0] is not None


@dataclass
class Para:
    text: str
    top: float
    bottom: float
    indented: bool  # first line starts right of the body's left edge
    open_end: bool  # last line runs to the body's right edge: may continue on the next page
    size: float


def paragraphs(lines: list[Line], left: float, right: float) -> list[Para]:
    """Group a page's body lines (table text already removed) into paragraphs.

    Word and WPS give no paragraph marks, so a new paragraph starts at an indented line, after a
    line that stopped short of the right edge, at a font size change or after a wide vertical gap.
    ``left``/``right`` are the body's edges, measured over the whole document.
    """
    out: list[Para] = []
    cur: list[Line] = []

    def flush():
        if cur:
            text = ""
            for ln in cur:
                text = join_text(text, ln.text)
            first, last = cur[0], cur[-1]
            out.append(Para(text, first.top, last.bottom, first.x0 - left > 0.8 * first.size,
                            right - last.x1 < 1.5 * last.size, first.size))
            cur.clear()

    for ln in lines:
        if cur:
            prev = cur[-1]
            size = max(ln.size, prev.size)
            new = (
                _opens_item(prev, ln)
                or ln.x0 - left > 0.8 * ln.size
                or right - prev.x1 > 1.5 * prev.size
                or abs(ln.size - prev.size) > 1.0
                or ln.top - prev.bottom > 1.6 * size
            )
            if new:
                flush()
        cur.append(ln)
    flush()
    return out
