"""Word's automatic list numbering: the label Word draws but does not store in the text.

A heading typed as "总体情况" with a numbered-list style is printed "一、总体情况"; the "一、"
exists only as ``w:numPr`` (numId, ilvl) → ``w:num`` → ``w:abstractNum`` → ``w:lvl`` (start,
numFmt, lvlText "%1、"). Without it the section heading is not found. This module replays the
counters in document order the way Word does:
- counters belong to the abstract list, so two ``w:num`` on one ``w:abstractNum`` continue one
  another, unless a ``w:lvlOverride/w:startOverride`` restarts the list where that num first
  appears;
- numbering a level restarts the levels below it;
- a paragraph takes its numbering from its own ``w:numPr`` or from its style (``basedOn`` chain);
  numId 0 switches numbering off.
Bullets and ``none`` give no label: they carry no ordinal a rule could read.
"""
from __future__ import annotations

from .xml import W, attr, child, inherit

_CN = "零一二三四五六七八九"
_LEGAL = str.maketrans("零一二三四五六七八九十百", "零壹贰叁肆伍陆柒捌玖拾佰")


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + chinese(rest) if rest < 10 else chinese(rest))
    if 10 <= rest < 20:
        tail = "一" + tail
    return _CN[n // 100 % 10] + "百" + tail if n < 1000 else str(n)


def _letters(n: int, upper: bool) -> str:
    # Word repeats the letter: 27 → AA, 28 → BB
    ch = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return ch * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(d) + 0xFEE0) for d in str(n)),
    "decimalHalfWidth": str,
    # LibreOffice writes Word's chineseCounting back as taiwaneseCounting(Thousand): same digits
    "chineseCounting": chinese,
    "chineseCountingThousand": chinese,
    "taiwaneseCounting": chinese,
    "taiwaneseCountingThousand": chinese,
    "japaneseCounting": chinese,
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: chinese(n).translate(_LEGAL),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographZodiac": lambda n: "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12],
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})",
    "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}.",
    "upperLetter": lambda n: _letters(n, True),
    "lowerLetter": lambda n: _letters(n, False),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
}


def format_number(n: int, fmt: str) -> str:
    return _FORMATS.get(fmt, str)(n)


class _Level:
    def __init__(self, lvl):
        self.start = int(attr(child(lvl, "start"), "val") or 1)
        self.fmt = attr(child(lvl, "numFmt"), "val") or "decimal"
        text = child(lvl, "lvlText")
        self.text = attr(text, "val") if text is not None else None
        self.legal = child(lvl, "isLgl") is not None
        restart = attr(child(lvl, "lvlRestart"), "val")
        self.restart = int(restart) if restart is not None else None


class Numbering:
    """Labels for numbered paragraphs, in document order (call ``label`` once per paragraph)."""

    def __init__(self, numbering_xml, styles_xml):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.links: dict[str, str] = {}  # abstractNumId -> list style it takes its levels from
        if numbering_xml is not None:
            self._load_numbering(numbering_xml)
        if styles_xml is not None:
            self._load_styles(styles_xml)
        self._follow_style_links()

    def _load_numbering(self, root) -> None:
        for a in root.iter(W + "abstractNum"):
            aid = attr(a, "abstractNumId")
            self.abstract[aid] = {
                int(attr(lvl, "ilvl") or 0): _Level(lvl) for lvl in a.iter(W + "lvl")}
            link = attr(child(a, "numStyleLink"), "val")
            if link and not self.abstract[aid]:
                self.links[aid] = link
        for num in root.iter(W + "num"):
            starts, levels = {}, {}
            for ov in num.iter(W + "lvlOverride"):
                ilvl = int(attr(ov, "ilvl") or 0)
                so = attr(child(ov, "startOverride"), "val")
                if so is not None:
                    starts[ilvl] = int(so)
                lvl = child(ov, "lvl")
                if lvl is not None:
                    levels[ilvl] = _Level(lvl)
            self.nums[attr(num, "numId")] = (attr(child(num, "abstractNumId"), "val"), starts, levels)

    def _load_styles(self, root) -> None:
        own: dict[str, tuple[str | None, int | None]] = {}
        for st in root.iter(W + "style"):
            sid = attr(st, "styleId")
            num_pr = child(child(st, "pPr"), "numPr")
            if num_pr is not None:
                ilvl = attr(child(num_pr, "ilvl"), "val")
                own[sid] = (attr(child(num_pr, "numId"), "val"), int(ilvl) if ilvl else None)
        self.style_num = inherit(root, own)

    def _follow_style_links(self) -> None:
        """A list defined by a list style (``w:numStyleLink``) has no levels of its own: they are
        those of the list the style's ``w:numPr`` names."""
        for aid, link in self.links.items():
            num_id = self.style_num.get(link, (None, None))[0]
            target = self.nums.get(num_id, (None,))[0]
            if target is not None and target != aid:
                self.abstract[aid] = self.abstract.get(target, {})

    def label(self, p) -> str:
        """The label Word draws before paragraph ``p`` ("一、", "（二）", "3."), or ""."""
        ppr = child(p, "pPr")
        num_pr = child(ppr, "numPr")
        num_id = attr(child(num_pr, "numId"), "val")
        ilvl = attr(child(num_pr, "ilvl"), "val")
        style = self.style_num.get(attr(child(ppr, "pStyle"), "val"), (None, None))
        num_id = num_id if num_id is not None else style[0]
        level = int(ilvl) if ilvl is not None else (style[1] or 0)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, starts, overrides = self.nums[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **overrides}
        if level not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for ilvl_o, start in starts.items():
                counters[ilvl_o] = start - 1  # the override restarts the list here
                for deeper in [k for k in counters if k > ilvl_o]:
                    del counters[deeper]
        lvl = levels[level]
        counters[level] = counters.get(level, lvl.start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or restart != 0 and restart - 1 >= level:
                del counters[deeper]
        return self._render(lvl, levels, counters, level)

    @staticmethod
    def _render(lvl: _Level, levels, counters, level: int) -> str:
        if lvl.fmt in ("bullet", "none") or not lvl.text:
            return ""
        out = lvl.text
        for k in range(level + 1):
            ref = f"%{k + 1}"
            if ref in out:
                src = levels.get(k)
                n = counters.get(k, src.start if src else 1)
                fmt = "decimal" if lvl.legal or src is None else src.fmt
                out = out.replace(ref, format_number(n, fmt))
        return out
