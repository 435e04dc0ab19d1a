"""What a portal's pages say: the report links and pagers of a list page, and whether a report
page holds the report itself, only an attachment link, or nothing (a CMS shell whose content a
script loads, which we never run).

List pages come in a few shapes (one per CMS family): ``<li><a title=…>…</a><span>2024-01-20
</span></li>`` rows, tables of rows, and pagers written as a ``下一页`` link, as a
``createPageHTML(count, current, "index", "html")`` script call (TRS/WCM: the other pages are
``index_1.html`` … ``index_{count-1}.html`` beside the first), or as plain ``index_N.html`` links.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from ..model.facts import find_title
from ..read.decode import decode, normalise_label
from ..read.html import sniff_charset
from ..read.html.body import find_article, harvest_meta, strip_non_content, text_lengths
from ..read.html.grid import is_layout_table
from ..run.manifest import parse_date

# Attachment formats a report is published in.
ATTACHMENTS = {".pdf": "pdf", ".doc": "doc", ".docx": "docx", ".wps": "wps"}
# A report page with less body text than this (link text not counted) and no data table does
# not hold the report: the smallest real report (a street office with no applications) is
# well over a thousand characters.
MIN_REPORT_CHARS = 500

# A list entry for an annual report (not 政府工作报告, not 信息公开指南); an attachment named so.
_ENTRY_WORDS = re.compile(r"年度报告|年报|信息公开.{0,8}报告")
_REPORT_WORDS = re.compile(r"报告|年报")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?")
_NEXT = re.compile(r"^\s*(?:下一页|下页|后一页|next\s*page|next|›|>)\s*$", re.I)
_SCRIPT_PAGER = re.compile(r"createPageHTML\s*\(([^)]*)\)")
_NUMBERED = re.compile(r"^(?P<name>[A-Za-z]+)_(?P<n>\d+)\.(?P<ext>s?html?|jhtml)$", re.I)
_SCRIPT_LOADED = re.compile(r"ajax|XMLHttpRequest|fetch\s*\(|\$\.(?:get|post)|\.load\s*\(|"
                            r"axios|vue|react|angular", re.I)


@dataclass
class ListEntry:
    url: str
    title: str
    published: str | None  # the date printed beside the entry


@dataclass
class ListPage:
    entries: list = field(default_factory=list)
    pagers: list = field(default_factory=list)  # further list pages, in order


@dataclass
class ReportPage:
    title: str = ""
    published: str | None = None
    chars: int = 0  # body text outside links
    tables: int = 0  # data tables in the body
    scripts: bool = False  # the page loads content with scripts
    images: int = 0  # images in the body (a report published as scanned pages)
    attachments: list = field(default_factory=list)  # (url, link text), in page order

    @property
    def has_report(self) -> bool:
        return self.chars >= MIN_REPORT_CHARS or self.tables > 0


def attachment_kind(url: str) -> str | None:
    """pdf / doc / docx / wps when the URL's path names such a file."""
    return ATTACHMENTS.get(os.path.splitext(unquote(urlsplit(url).path))[1].lower())


def sniff_kind(body: bytes, content_type: str = "") -> str | None:
    """The format the bytes are in, whatever the URL said."""
    if body.startswith(b"%PDF"):
        return "pdf"
    if body.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: .doc and .wps
        return "doc"
    if body.startswith(b"PK\x03\x04") and b"word/" in body[:4096]:
        return "docx"
    ct = content_type.lower()
    if "pdf" in ct:
        return "pdf"
    return "html" if "html" in ct or b"<html" in body[:4096].lower() else None


def _tree(body: bytes, content_type: str):
    import lxml.html  # heavy: only when a page is parsed

    label = sniff_charset(body)
    if not label:
        m = re.search(r"charset\s*=\s*([\w.:-]+)", content_type, re.I)
        label = m.group(1) if m and normalise_label(m.group(1)) else None
    text, _enc, _garbled = decode(body, label)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    return lxml.html.document_fromstring(text or "<html></html>")


def _base(root, url: str) -> str:
    base = next((b.get("href") for b in root.iter("base") if b.get("href")), None)
    return urljoin(url, base) if base else url


def _words(s: str | None) -> str:
    return " ".join((s or "").split())


def _href(a, base: str) -> str | None:
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    return urljoin(base, href).split("#")[0]


def _entry_date(a) -> str | None:
    """The date printed in the entry's row (the smallest ancestor holding one date)."""
    own = a.text_content()
    el = a.getparent()
    for _ in range(3):
        if el is None or sum(1 for x in el.iter("a") if x.get("href")) > 1:
            return None  # the row ends where the next entry's begins
        rest = el.text_content().replace(own, " ")
        dates = _DATE.findall(rest)
        if dates:
            return parse_date(re.sub(r"\s", "", dates[0])) if len(set(dates)) == 1 else None
        el = el.getparent()
    return None


def parse_list(body: bytes, url: str, content_type: str = "") -> ListPage:
    root = _tree(body, content_type)
    base = _base(root, url)
    page = ListPage()
    for a in root.iter("a"):
        href = _href(a, base)
        if href is None:
            continue
        text = _words(a.get("title")) or _words(a.text_content())
        if _NEXT.match(_words(a.text_content())) or _numbered_sibling(href, url):
            page.pagers.append(href)
        elif _YEAR.search(text) and _ENTRY_WORDS.search(text) and href != url:
            page.entries.append(ListEntry(href, text, _entry_date(a)))
    for script in root.iter("script"):
        for m in _SCRIPT_PAGER.finditer(script.text or ""):
            page.pagers += _script_pages(m.group(1), base)
    page.pagers = list(dict.fromkeys(p for p in page.pagers if p != url))
    return page


def _numbered_sibling(href: str, url: str) -> bool:
    """index_3.html beside index.html or index_1.html: another page of the same list."""
    h, u = urlsplit(href), urlsplit(url)
    m = _NUMBERED.match(h.path.rsplit("/", 1)[-1])
    if not m or (h.netloc, h.path.rsplit("/", 1)[0]) != (u.netloc, u.path.rsplit("/", 1)[0]):
        return False
    return u.path.rsplit("/", 1)[-1].split(".")[0].split("_")[0] in ("", m["name"])


def _script_pages(args: str, base: str) -> list[str]:
    """createPageHTML(5, 0, "index", "html") and createPageHTML('div', 5, 0, 'index', 'shtml'):
    the page count is the first number, the name the string before the extension."""
    numbers = [int(n) for n in re.findall(r"(?<![\w'\"])\d+(?![\w'\"])", args)]
    strings = re.findall(r"""["']([^"']*)["']""", args)
    ext = next((i for i, s in enumerate(strings) if re.fullmatch(r"s?html?|jhtml", s, re.I)), None)
    if not numbers or ext is None or ext == 0:
        return []
    name = strings[ext - 1]
    count = min(numbers[0], 1000)  # a typo in a page count must not send us round the world
    return [urljoin(base, f"{name}_{i}.{strings[ext]}") for i in range(1, count)]


def parse_report(body: bytes, url: str, content_type: str = "") -> ReportPage:
    root = _tree(body, content_type)
    base = _base(root, url)
    scripts = [s for s in root.iter("script")]
    loads = any(s.get("src") or _SCRIPT_LOADED.search(s.text or "") for s in scripts)
    strip_non_content(root)
    html_body = root.find("body")
    if html_body is None:
        html_body = root
    meta = harvest_meta(root, html_body.text_content())
    page = ReportPage(title=meta.get("title") or "", published=meta.get("published"),
                      scripts=loads)
    for a in html_body.iter("a"):
        href = _href(a, base)
        if href and attachment_kind(href) and href not in dict(page.attachments):
            page.attachments.append((href, _words(a.get("title")) or _words(a.text_content())))
    article = find_article(html_body)
    page.chars = text_lengths(article).get(article, 0)
    page.tables = sum(1 for t in article.iter("table") if not is_layout_table(t))
    page.images = sum(1 for _ in article.iter("img"))
    return page


def no_body_reason(page: ReportPage) -> str:
    """Why a report page gives nothing to check (it has no report text and no attachment)."""
    if page.images:
        return f"页面正文是 {page.images} 张图片（扫描件），没有可检查的文字，也没有 PDF/Word 附件"
    if page.scripts:
        return "页面 HTML 中没有报告正文，正文可能由脚本加载（本工具不执行 JavaScript）"
    return "页面中没有报告正文，也没有 PDF/Word 附件链接"


def main_attachment(attachments: list) -> str | None:
    """The attachment that is the report: the first whose link names a report, else the first
    PDF, else the first."""
    for url, text in attachments:
        if _REPORT_WORDS.search(text) or _REPORT_WORDS.search(unquote(url)):
            return url
    pdfs = [u for u, _t in attachments if attachment_kind(u) == "pdf"]
    return pdfs[0] if pdfs else (attachments[0][0] if attachments else None)


def title_facts(*titles: str) -> tuple[str | None, int | None]:
    """(agency, year) from the first title that reads like a report title."""
    for t in titles:
        if t:
            _title, year, agency = find_title([(t, None, None)])
            if year:
                return agency, year
    return None, None
