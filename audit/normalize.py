"""Normalisation, used on both sides of every comparison (document text and template labels).

Real reports write the same label many ways: full-width and half-width brackets and digits,
Kangxi radicals from PDF text layers (⼀ for 一), spaces inside labels (不予 公开, 不予　公开),
curly and straight quotes, 1. / 1、 / （一） numbering. Everything that compares text goes
through ``fold`` (for reading) or ``key`` (for matching), so the two sides can never disagree.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# CJK Radicals Supplement code points that NFKC leaves alone but PDF text layers use for ordinary
# characters (NFKC already folds the Kangxi Radicals block U+2F00–U+2FDF).
_RADICALS = {
    "⺀": "冫", "⺁": "厂", "⺃": "乚", "⺅": "亻", "⺇": "几", "⺈": "𠂊", "⺉": "刂", "⺊": "卜",
    "⺋": "㔾", "⺌": "小", "⺍": "小", "⺎": "尢", "⺏": "尣", "⺐": "尢", "⺑": "尣", "⺒": "巳",
    "⺓": "幺", "⺔": "彑", "⺖": "忄", "⺗": "心", "⺘": "扌", "⺙": "攵", "⺛": "旡", "⺜": "日",
    "⺝": "月", "⺞": "歺", "⺟": "母", "⺠": "民", "⺡": "氵", "⺢": "氺", "⺣": "灬", "⺤": "爫",
    "⺥": "爫", "⺦": "丬", "⺧": "牛", "⺨": "犭", "⺩": "王", "⺪": "疋", "⺫": "罒", "⺬": "示",
    "⺭": "礻", "⺮": "竹", "⺯": "糸", "⺰": "纟", "⺱": "网", "⺲": "罒", "⺳": "网", "⺴": "罒",
    "⺵": "罒", "⺶": "羊", "⺷": "羊", "⺸": "羊", "⺹": "耂", "⺺": "肀", "⺻": "聿", "⺼": "月",
    "⺽": "臼", "⺾": "艹", "⺿": "艹", "⻀": "艹", "⻁": "虎", "⻂": "衤", "⻃": "西", "⻄": "西",
    "⻅": "见", "⻆": "角", "⻇": "角", "⻈": "讠", "⻉": "贝", "⻊": "足", "⻋": "车", "⻌": "辶",
    "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "金", "⻑": "長", "⻒": "镸", "⻓": "长", "⻔": "门",
    "⻕": "阝", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞",
    "⻝": "食", "⻞": "食", "⻟": "食", "⻠": "饣", "⻡": "首", "⻢": "马", "⻣": "骨", "⻤": "鬼",
    "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "齐", "⻬": "齐",
    "⻭": "齿", "⻮": "齿", "⻯": "龙", "⻰": "龙", "⻱": "龟", "⻲": "龟", "⻳": "龟",
}
_QUOTES = {"“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "『": '"', "』": '"',
           "‘": "'", "’": "'", "〝": '"', "〞": '"'}
# Dashes that stand for "nothing here" or join numbers: all fold to an ASCII hyphen-minus in
# numbers, while placeholders keep their printed form.
_DASHES = "‐‑‒–—―−－"
_TRANS_KEYS = {**_RADICALS, **_QUOTES, "\u3000": " ", "\xa0": " ", "\u200b": ""}
_WS = re.compile(r"\s+")


# str.translate looks every character up in the table; a search in C finds the few that are in
# it (most text has none).
_TO_TRANSLATE = re.compile("[" + re.escape("".join(_TRANS_KEYS)) + "]")


def _translated(m: re.Match) -> str:
    return _TRANS_KEYS[m.group()]


def fold(text: str) -> str:
    """Canonical reading form: NFKC, radicals folded, quotes straightened, whitespace runs
    collapsed to one space and trimmed. Keeps the text readable (used for snippets too)."""
    if not text:
        return ""
    if len(text) <= 64:  # cells and labels: the same few hundred strings again and again
        return _fold_short(text)
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _TO_TRANSLATE.sub(_translated, text)
    return _WS.sub(" ", text).strip()


_fold_short = lru_cache(maxsize=16384)(_fold)


def squash(text: str) -> str:
    """``fold`` with all whitespace removed: Chinese labels never need their spaces
    (不予 公开 == 不予公开, 商业\\n企业 == 商业企业)."""
    return _WS.sub("", fold(text))


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百零五 → 105, 两千 → 2000, 二〇二二 → 2022 (digit by
    digit, as years are written); None when it is not a Chinese numeral."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if all(ch in _CN_DIGITS for ch in text):  # 二〇二二: digits written one by one
        return int("".join(str(_CN_DIGITS[ch]) for ch in text)) if len(text) > 1 or text in _CN_DIGITS else None
    total, rest = 0, text
    for unit, value in (("千", 1000), ("百", 100), ("十", 10)):
        if unit in rest:
            head, _, rest = rest.partition(unit)
            head = head.lstrip("零〇")
            digit = _CN_DIGITS.get(head) if head else (1 if value == 10 and total == 0 else None)
            if digit is None:
                return None
            total += digit * value
    rest = rest.lstrip("零〇")
    if rest:
        if rest not in _CN_DIGITS:
            return None
        total += _CN_DIGITS[rest]
    return total if total or text in ("零", "〇") else None


# Ordinals at the start of a folded label: 一、 一. 一． (一) 1. 1、 (1) ①
_ORDINAL = re.compile(
    r"^(?:\((?P<paren>[一二三四五六七八九十]+|\d+)\)"
    r"|(?P<cn>[一二三四五六七八九十]+)\s*[、.,．]"
    r"|(?P<num>\d{1,2})\s*[、.．](?!\d)"
    r"|(?P<circ>[①②③④⑤⑥⑦⑧⑨⑩]))\s*"
)


def split_ordinal(label: str) -> tuple[tuple[str, int] | None, str]:
    """Split a folded label into its ordinal and the rest.

    Returns ((style, n), rest) where style is "cn" (一、), "paren" (（一）or (1)), "num" (1. 1、)
    or "circ" (①); or (None, label) when there is no ordinal.
    """
    m = _ORDINAL.match(label)
    if not m:
        return None, label
    rest = label[m.end():]
    if m.group("paren"):
        return ("paren", cn_number(m.group("paren"))), rest
    if m.group("cn"):
        return ("cn", cn_number(m.group("cn"))), rest
    if m.group("num"):
        return ("num", int(m.group("num"))), rest
    return ("circ", "①②③④⑤⑥⑦⑧⑨⑩".index(m.group("circ")) + 1), rest


PLACEHOLDERS = {"-", "--", "—", "——", "–", "/", "\\", "无", "空", "×", "x", "X", "*", "——", "一"}
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def parse_cell(text: str):
    """A table cell's value: an int or float for a number, None for a blank cell, and the
    printed text (folded) for anything else, placeholders (-, —, /, 无) included.

    Blank, placeholder and 0 stay distinct: the rules treat blank and placeholders as 0 for
    arithmetic but say so (T206).
    """
    t = squash(text)
    if not t:
        return None
    sign = ""
    if len(t) > 1 and t[0] in _DASHES and t[1:].replace(".", "", 1).replace(",", "").isdigit():
        sign, t = "-", t[1:]  # −18 / －18: the 2019 本年增/减 column
    if _NUMBER.match(t):
        t = sign + t.replace(",", "")
        if "." in t:
            return float(t)
        return int(t)
    return fold(text)


def is_placeholder(value) -> bool:
    return isinstance(value, str) and squash(value) in PLACEHOLDERS


_WITH_UNIT = re.compile(r"^[+-]?[\d,]+(?:\.\d+)?(?:元|万元|亿元|件|项|个|条|次|%)$")


def is_numberlike(text: str) -> bool:
    """True for cells that hold a value rather than a label: numbers (also with a unit, such as
    73802895.90元, which stay strings in the model), blanks, placeholders."""
    v = parse_cell(text)
    return (v is None or isinstance(v, (int, float)) or is_placeholder(v)
            or bool(_WITH_UNIT.match(squash(text))))
