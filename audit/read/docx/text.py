"""The text of one Word paragraph as the reader of the printed page sees it.

Kept: runs of text, inserted text of tracked changes (``w:ins``, ``w:moveTo``: changes read as
accepted), hyperlinks, content controls, field results, the automatic numbering label.
Dropped: deleted text (``w:del``, ``w:moveFrom``), field codes (``w:instrText``), hidden text
(``w:vanish``), and everything anchored in a run that is not body text: text boxes, shapes,
pictures (``w:drawing``, ``w:pict``, ``mc:AlternateContent``), footnote and comment references
(their text lives in other parts, which are never read; headers and footers too).
A manual line break (``w:br``, Shift+Enter) cuts the paragraph into pieces, as ``<br>`` does in
the HTML reader: authors use it between a heading and its first sentence.
"""
from __future__ import annotations

import re

from .xml import W, attr, child, inherit, local

_SKIP = frozenset("""del moveFrom delText delInstrText instrText txbxContent pPr rPr drawing pict
    object footnoteReference endnoteReference commentReference fldData sectPr""".split())
_MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_SYMBOLS = {"tab": " ", "ptab": " ", "noBreakHyphen": "-", "softHyphen": ""}
_OFF = ("0", "false", "off")


def _hidden(run) -> bool:
    vanish = child(child(run, "rPr"), "vanish")
    return vanish is not None and attr(vanish, "val") not in _OFF


def pieces(p) -> list[str]:
    """The paragraph's text, cut at manual line breaks (pieces may be empty)."""
    out = [""]

    def walk(el):
        for node in el:
            name = local(node)
            if name is None:
                if node.tag != _MC_ALTERNATE and isinstance(node.tag, str):
                    walk(node)  # w14:/wps: wrappers around ordinary runs
                continue
            if name in _SKIP or name == "r" and _hidden(node):
                continue
            if name == "t":
                out[-1] += node.text or ""
            elif name in ("br", "cr"):
                out.append("")
            elif name in _SYMBOLS:
                out[-1] += _SYMBOLS[name]
            else:
                walk(node)

    walk(p)
    return out


def mark_deleted(p) -> bool:
    """The paragraph mark itself is a tracked deletion: accepted, this paragraph runs on into
    the next one."""
    return child(child(child(p, "pPr"), "rPr"), "del") is not None


def outline_levels(styles_xml) -> dict[str, int]:
    """styleId → outline level (0 = 标题 1) of the heading styles, through ``basedOn``."""
    if styles_xml is None:
        return {}
    own: dict[str, int] = {}
    for st in styles_xml.iter(W + "style"):
        sid = attr(st, "styleId")
        lvl = attr(child(child(st, "pPr"), "outlineLvl"), "val")
        name = (attr(child(st, "name"), "val") or "").lower()
        if lvl is not None and lvl.isdigit() and int(lvl) < 9:
            own[sid] = int(lvl)
        elif name.startswith(("heading ", "标题 ")) and name[-1:].isdigit():
            own[sid] = int(name[-1]) - 1
    return inherit(styles_xml, own)


def toc_styles(styles_xml) -> set[str]:
    """styleIds of Word's table-of-contents entries (built-in names "toc 1" … "toc 9"): a table
    of contents repeats every heading ("一、总体情况……1"), which must not count as a second
    heading."""
    if styles_xml is None:
        return set()
    return {attr(st, "styleId") for st in styles_xml.iter(W + "style")
            if re.fullmatch(r"toc \d", (attr(child(st, "name"), "val") or "").lower())}


def is_heading(p, levels: dict[str, int]) -> bool:
    ppr = child(p, "pPr")
    lvl = attr(child(ppr, "outlineLvl"), "val")
    if lvl is not None:
        return lvl.isdigit() and int(lvl) < 9
    return attr(child(ppr, "pStyle"), "val") in levels
