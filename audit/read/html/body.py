"""Where the report is on a portal page, and what the page says about it.

Portal pages wrap the report in site chrome: header and menus, a breadcrumb (当前位置), an
information box (索引号 / 发布机构 / 发布日期), share and print buttons, related links, a
footer. We keep the publication date, title and site name from that chrome in ``meta`` and find
the article body by text mass: starting from a known content container if the page has one
(CMS class names are hints, not requirements), we descend while one child holds nearly all the
text and every data table, and fall back to the whole <body>.
"""
from __future__ import annotations

import re

from ..decode import visible_len
from .grid import SKIP_TAGS, is_layout_table, tag_of

# Class/id names content management systems give the article body.
CONTENT_HINT = re.compile(
    r"trs_editor|trs_ueditor|article[_-]?con|art[_-]?con|zoom|con[_-]?text|content[_-]?text|"
    r"detail[_-]?con|xxgk[_-]?con|unionstyle|wordsection|news[_-]?con|main[_-]?con|"
    r"pages?[_-]?con|text[_-]?con|zw[_-]?con|^(?:content|contents|article|zw|wzcon)$",
    re.I)
# Class/id tokens of chrome inside an article container.
CHROME_HINT = re.compile(
    r"(?:^|[-_ ])(?:breadcrumbs?|crumbs?|position|location|share|bdshare|print|toolbar|nav|"
    r"navbar|menu|footer|sidebar|related|qrcode|ewm|erweima|fenxiang|pagenav)(?:$|[-_ ])", re.I)
# Short paragraphs that are page furniture, not report text.
CHROME_TEXT = re.compile(
    r"^\s*(?:(?:当前位置|您的位置|您现在的位置|所在位置|索引号|发布机构|发文机关|发布日期|发布时间|"
    r"成文日期|生成日期|文号|发文字号|主题分类|主题词|公开方式|公开范围|公开时限|有效性|信息来源|"
    r"来源|浏览次数|访问量|点击数|阅读次数)\s*[:：]|【?\s*字[号体]\s*[:：]|分享到|打印本页|"
    r"关闭窗口|扫一扫|【\s*打印|\[\s*打印)")
CHROME_TEXT_MAX = 80
_DATE = r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})"
_DATE_LABELS = (  # in order of preference: the portal's own publication box first
    re.compile(r"(?:发布日期|发布时间|发布于|公开日期|发文日期)\s*[:：]?\s*" + _DATE),
    re.compile(r"(?:^|\s)(?:日期|时间)\s*[:：]\s*" + _DATE),
    re.compile(r"成文日期\s*[:：]?\s*" + _DATE),
)
_PUBDATE_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time",
                 "og:article:published_time", "dc.date", "dcterms.issued", "publishtime")
_TITLE_META = ("articletitle", "og:title", "dc.title")
_SITE_META = ("sitename", "og:site_name", "site")
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|--|—| - )\s*")


def c_tags(names) -> list[str]:
    """Every spelling ``tag_of`` reads as one of ``names``, for lxml's C-side tag filters
    (``iter(*tags)``), which compare exactly: the HTML parser lower-cases ASCII letters, and
    str.lower also turns the Kelvin sign into "k" ("lin\\u212a" is "link" to ``tag_of``)."""
    from itertools import product

    out = set()
    for name in names:
        out.update("".join(p) for p in product(*[(ch, "\u212a") if ch == "k" else (ch,)
                                                 for ch in name]))
    return sorted(out)


def text_content(el) -> str:
    """All the text inside ``el`` (what lxml.html's ``text_content`` returns: XPath string())."""
    from lxml import etree  # already loaded: the caller parsed the page with it

    global _STRING
    if _STRING is None:
        _STRING = etree.XPath("string()", smart_strings=False)
    return _STRING(el)


_STRING = None


def remove(el) -> None:
    """Remove an element but keep its tail text in the tree."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


_NON_CONTENT = c_tags(SKIP_TAGS - {"head", "title", "meta"})


def strip_non_content(root) -> None:
    """Remove comments, processing instructions, scripts, styles, forms' controls and the like
    (found by lxml's C-side filter: a Python test of every element cost more than the parse)."""
    from lxml import etree  # already loaded: the caller parsed the page with it

    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction, etree.Entity,
                             *_NON_CONTENT)):
        if el is not root:
            remove(el)


def _iso(m) -> str | None:
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if 1990 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def harvest_meta(root, body_text: str) -> dict:
    """title, published and site from <meta>, <title> and the page's information box."""
    meta: dict = {}
    tags = {}
    for m in root.iter("meta"):
        key = (m.get("name") or m.get("property") or "").strip().lower()
        if key and m.get("content") and key not in tags:
            tags[key] = m.get("content").strip()
    page_title = ""
    for t in root.iter("title"):
        page_title = " ".join((text_content(t) or "").split())
        break
    parts = [p for p in _TITLE_SPLIT.split(page_title) if p] if page_title else []
    title = next((tags[k] for k in _TITLE_META if tags.get(k)), None)
    if not title:
        h1 = next((" ".join(text_content(h).split()) for h in root.iter("h1")
                   if len(text_content(h).strip()) >= 6), None)
        title = h1 or (parts[0] if parts else None)
    if title:
        meta["title"] = title
    site = next((tags[k] for k in _SITE_META if tags.get(k)), None)
    if not site and len(parts) > 1:
        site = parts[-1]
    if site:
        meta["site"] = site
    published = _labelled_date(_DATE_LABELS[0], body_text)
    for key in _PUBDATE_META:
        if published:
            break
        m = re.search(_DATE, tags.get(key, ""))
        published = _iso(m) if m else None
    for pattern in _DATE_LABELS[1:]:
        published = published or _labelled_date(pattern, body_text)
    if published:
        meta["published"] = published
    if publisher := _publisher(root):  # the page's 索引号/发布机构 box, removed as chrome
        meta["publisher"] = publisher
    return meta


_PUBLISHER = re.compile(r"发布机构\s*[:：]")


def _publisher(root) -> str | None:
    """The value after 发布机构：, in the same element, its tail or the next cell."""
    from lxml import etree  # already loaded: the caller parsed the page with it

    for el in root.iter(etree.Element):  # elements only: comments have no label
        # the substring test first: the regular expression on every element's text cost more
        if not el.text or "发布机构" not in el.text or not _PUBLISHER.search(el.text):
            continue
        value = _PUBLISHER.split(el.text, 1)[1].strip()
        if not value:
            nxt = el.getnext()
            value = (el.tail or "").strip() or (text_content(nxt).strip() if nxt is not None else "")
        value = re.split(r"\s|发布日期|成文日期|索引号|文号|[:：|]", value)[0]
        if 2 <= len(value) <= 30:
            return value
    return None


def _labelled_date(pattern, text: str) -> str | None:
    m = pattern.search(text)
    return _iso(m) if m else None


def text_lengths(root) -> dict:
    """Non-whitespace character count of every element's text content, in one pass. Link text
    does not count: menus, sidebars and footers are mostly links, report text hardly ever."""
    # Backwards through the document, so an element's descendants come before it: each node
    # hands its count plus its tail's to its parent (``owed``), and an element adds its own
    # text. No loop over each element's children: the per-element work is this function's cost.
    lengths: dict = {}
    owed: dict = {}
    for el in reversed(list(root.iter())):
        tag = el.tag
        n = 0
        if tag.__class__ is str:  # an element (comments and the like only pass on their tail)
            s = el.text
            n = owed.pop(el, 0) + (visible_len(s) if s else 0)
            if tag.lower() == "a":
                n = 0
            lengths[el] = n
        if el is root:
            break
        s = el.tail
        if s:
            n += visible_len(s)
        if n:
            parent = el.getparent()
            owed[parent] = owed.get(parent, 0) + n
    return lengths


def _class_id(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


_DESCEND = frozenset("body div section article main center form font td tr tbody table span"
                     .split())


def find_article(body, share: float = 0.8, hint_share: float = 0.3):
    """The element that holds the report: a hinted content container or the text-mass descent."""
    lengths = text_lengths(body)
    total = lengths.get(body, 0) or 1
    start = body
    # the text-mass test first: it is a dict look-up, and rules out nearly every element
    hinted = [el for el in body.iter() if lengths.get(el, 0) >= hint_share * total
              and tag_of(el) in _DESCEND - {"body"}
              and any(CONTENT_HINT.search(tok) for tok in _class_id(el).split())]
    if hinted:
        # most text wins; among equals the deepest (iteration order puts descendants later)
        start = max(hinted, key=lambda el: (lengths[el], _depth(el)))
    cur = start
    # once: the descent asks again at every level, and each question walks a whole subtree
    layout = {t: is_layout_table(t) for t in start.iter("table")}
    data = {t for t, is_layout in layout.items() if not is_layout and not _is_info_box(t)}

    def tables(el) -> set:
        return {t for t in el.iter("table") if t in data}

    while True:
        kids = [k for k in cur if tag_of(k) in _DESCEND
                and not (tag_of(k) == "table" and not layout[k])]
        if not kids:
            break
        best = max(kids, key=lambda k: lengths.get(k, 0))
        if lengths.get(best, 0) < share * lengths.get(cur, 0) or tables(cur) - tables(best):
            break
        cur = best
    return cur if lengths.get(cur, 0) >= 20 else body


def _depth(el) -> int:
    return sum(1 for _ in el.iterancestors())


def strip_chrome(article) -> None:
    """Drop breadcrumbs, share/print bars and the like that sit inside the article container
    (never anything inside a table: cell classes are not chrome)."""
    # only elements that can be chrome: any with a class or an id, <nav>, <table>
    for el in article.xpath(".//*[@class or @id] | .//nav | .//table"):
        tag = tag_of(el)
        if el.getparent() is None:
            continue
        if tag == "nav" or (CHROME_HINT.search(_class_id(el))
                            and not any(tag_of(a) == "table" for a in el.iterancestors())):
            remove(el)
        elif tag == "table" and _is_info_box(el):
            remove(el)


def _is_info_box(table) -> bool:
    text = text_content(table)
    return "索引号" in text and any(k in text for k in ("发布日期", "发布机构", "成文日期", "文号"))


def is_chrome_paragraph(text: str) -> bool:
    return len(text) <= CHROME_TEXT_MAX and bool(CHROME_TEXT.match(text))
