"""The publication date of a report and where it was read (rule P304).

In order of strength: the page (the portal's 发布时间/发布日期/成文日期 box or a PubDate meta tag,
harvested by the readers into ``Document.meta["published"]``, or a date standing alone on a line
under the title), then the PDF's own dates (CreationDate, else ModDate: when the file was made,
weaker evidence than a publication box), then the signature date at the end of the text (when
the report was signed; it cannot have been published earlier). ``--published`` and a manifest's
``published`` column are stronger still; the runner applies them (they are not in the document).
"""
from __future__ import annotations

import re

from ..normalize import cn_number, fold

# Sources, strongest first; the names are what reports and findings say.
SOURCES = ("option", "manifest", "page", "pdf_created", "pdf_modified", "signature")
_DIGIT_DATE = r"((?:19|20)\d{2})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?"
_CN = "〇零一二三四五六七八九十"
_CN_DATE = rf"([{_CN}]{{4}})年([{_CN}]{{1,2}})月([{_CN}]{{1,3}})日"
# A line that is nothing but a date (and perhaps a time): the date under a portal's title.
_LONE = re.compile(rf"^\s*(?:发布时间|发布日期|日期|时间)?\s*[:：]?\s*{_DIGIT_DATE}"
                   r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
_FIRST_HEADING = re.compile(r"^\s*(?:[一1]\s*[、.．]|第一部分|\(一\))")
# A signature: the body's name (optional) and a date ending the line.
_SIGN = re.compile(rf"(?:^|\s){_DIGIT_DATE}\s*$|(?:^|\s){_CN_DATE}\s*$")


def _iso(y, m, d) -> str | None:
    import datetime

    try:
        return datetime.date(int(y), int(m), int(d)).isoformat()
    except (TypeError, ValueError):
        return None


def _cn_iso(y, m, d) -> str | None:
    return _iso(cn_number(y), cn_number(m), cn_number(d))


def signature_date(paragraphs, tail: int = 6) -> str | None:
    """The date that ends one of the last ``tail`` paragraphs, when it stands on its own
    (``XX区人民政府办公室 2022年1月20日`` or ``二〇二二年一月二十日``)."""
    for text, *_ in reversed(paragraphs[-tail:]):
        t = fold(text)
        if len(t) > 60:  # a sentence that merely ends with a date is not a signature
            continue
        m = _SIGN.search(t)
        if m:
            return _iso(*m.group(1, 2, 3)) if m.group(1) else _cn_iso(*m.group(4, 5, 6))
    return None


def find_published(meta: dict, paragraphs) -> tuple[str | None, str | None]:
    """(ISO date, source) of the publication date the document itself gives, or (None, None)."""
    if meta.get("published"):
        return meta["published"], "page"
    for text, *_ in paragraphs[:8]:
        if _FIRST_HEADING.match(fold(text)):  # under the title means before the report's body
            break
        m = _LONE.match(fold(text))
        if m and (d := _iso(*m.groups())):
            return d, "page"
    for key, source in (("created", "pdf_created"), ("modified", "pdf_modified")):
        if meta.get(key) and _iso(*meta[key].split("-")):
            return meta[key], source
    d = signature_date(paragraphs)
    return (d, "signature") if d else (None, None)
