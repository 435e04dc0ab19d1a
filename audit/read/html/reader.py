"""Reader for HTML report pages (portal pages, Word "save as web page", CMS exports).

Steps: decode the bytes ourselves (the <meta charset> is often wrong or gb2312 for GBK text),
parse with lxml (it keeps 1-based source lines and survives Word markup), collect title / date /
site into ``meta``, find the article body (``body``), then walk it in reading order: text
becomes one paragraph block per <p>/<div>/<li>/<br> line, h1–h6 become heading blocks, data
tables become span-resolved table blocks (``grid``), and layout tables are walked through as
if they were <div>s.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..settings import Resolvable
from ...document import Block, Document, ReadError
from .body import (find_article, harvest_meta, is_chrome_paragraph, strip_chrome,
                        strip_non_content, text_content)
from .grid import (BLOCK_TAGS, SKIP_TAGS, clean_text, is_layout_table, line_of, mark_cell_paths,
                        table_block)
from ..decode import decode


@dataclass
class HtmlSettings(Resolvable):
    # A child element must hold this share of its parent's text for the body search to descend.
    body_share: float = 0.8
    # A hinted content container (TRS_Editor, article_content…) must hold this share of the page.
    hint_share: float = 0.3
    # Keep the whole <body> (no chrome removal): for pages the heuristic gets wrong.
    whole_body: bool = False

    def __post_init__(self):
        for name in ("body_share", "hint_share"):
            if not 0 < getattr(self, name) <= 1:
                raise ValueError(f"{name} must be in (0, 1]")



_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (<meta charset> or http-equiv)."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


@functools.cache
def _parser():
    from lxml import etree

    return etree.HTMLParser()


def read(data: bytes, settings=None) -> Document:
    settings = HtmlSettings.resolve(settings)
    from lxml import etree  # heavy: imported only when an HTML file is read

    text, _enc, garbled = decode(data, sniff_charset(data))
    doc = Document(path="<bytes>", format="html")
    if garbled:
        doc.problems.append(("E903", garbled))
    # lxml refuses a str that still carries an XML encoding declaration; it is on line 1, so
    # removing it does not shift line numbers.
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise ReadError("E901", "HTML 文件没有内容")
    # The plain etree HTML parser: the same libxml2 parse (and source lines) as lxml.html, whose
    # Python element-class look-up ran for every element the reader touched.
    root = etree.fromstring(text, _parser())
    if root is None:  # what lxml.html.document_fromstring raised for a page of only comments
        raise etree.ParserError("Document is empty")
    mark_cell_paths(root)  # before anything is removed, so the pointers match the page as served
    strip_non_content(root)
    body = root.find("body")
    if body is None:
        body = root
    doc.meta = harvest_meta(root, text_content(body))
    if settings.whole_body:
        article = body
    else:
        article = find_article(body, settings.body_share, settings.hint_share)
        strip_chrome(article)
    flow = _Flow()
    flow.walk(article)
    flow.flush()
    doc.blocks = [b for b in flow.blocks if settings.whole_body or b.kind == "table"
                  or not is_chrome_paragraph(b.text)]
    return doc


class _Flow:
    """Walks the article in document order and cuts it into blocks."""

    def __init__(self):
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.line: int | None = None
        self.kind = "paragraph"

    def add(self, s: str | None, el) -> None:
        """Text ``s`` (``el``'s text or tail): its line is looked up only when it starts a
        block."""
        if not s:
            return
        if not s.strip(" \t\r\n\f") and "\n" in s:
            return  # source formatting between tags, see grid.segments
        if self.line is None and s.strip():
            self.line = line_of(el)
        self.buf.append(s)

    def flush(self) -> None:
        text = clean_text("".join(self.buf))
        if text:
            self.blocks.append(Block(kind=self.kind, text=text, line=self.line))
        self.buf, self.line, self.kind = [], None, "paragraph"

    def walk(self, el) -> None:
        tag = el.tag
        if tag.__class__ is not str:  # a comment or processing instruction (see tag_of)
            return
        tag = tag.lower()
        if tag in SKIP_TAGS:
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            if is_layout_table(el):
                self._walk_children(el)  # its cells are page regions: read them as text flow
                self.flush()
            else:
                block = table_block(el)
                if block is not None:
                    self.blocks.append(block)
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
            if tag in _HEADINGS:
                self.kind = "heading"
        self._walk_children(el)
        if block:
            self.flush()

    def _walk_children(self, el) -> None:
        if el.text:
            self.add(el.text, el)
        for child in el:
            self.walk(child)
            if child.tail:
                self.add(child.tail, child)
