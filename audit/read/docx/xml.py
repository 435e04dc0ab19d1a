"""Small helpers over the OOXML tree (lxml elements from python-docx), tolerant of absent parts:
``child(None, …)`` is None and ``attr(None, …)`` is None, so a chain of optional elements reads
as one expression."""
from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def child(el, name: str):
    """The first ``w:name`` child of ``el`` (None when ``el`` is None or has none)."""
    return None if el is None else el.find(W + name)


def attr(el, name: str) -> str | None:
    """The ``w:name`` attribute of ``el``."""
    return None if el is None else el.get(W + name)


def local(el) -> str | None:
    """Local name of a w: element; None for other namespaces, comments and processing
    instructions."""
    tag = el.tag
    if isinstance(tag, str) and tag.startswith(W):
        return tag[len(W):]
    return None


def inherit(styles_xml, own: dict) -> dict:
    """``own`` (styleId → a property set on that style) extended to every style that inherits
    it through its ``w:basedOn`` chain."""
    based = {}
    for st in styles_xml.iter(W + "style"):
        parent = attr(child(st, "basedOn"), "val")
        if parent:
            based[attr(st, "styleId")] = parent
    out = {}
    for sid in {*own, *based}:
        seen, cur = set(), sid
        while cur and cur not in own and cur not in seen:
            seen.add(cur)
            cur = based.get(cur)
        if cur in own:
            out[sid] = own[cur]
    return out
