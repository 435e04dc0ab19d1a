"""Judging a PDF: page count (E901), text layer: none (E902) or garbled (E903); metadata.

Each problem is reported once per file, not once per page or per char: a scanned report is one
finding, not dozens of "section missing" findings downstream.
"""
from __future__ import annotations

import re
from collections import Counter

from ...document import ReadError
from ...normalize import squash

# Every report names what it is about; a text layer without any of these is not readable text.
_PHRASES = ("信息公开", "政府", "公开")
_MIN_CHARS = 200  # below this, absence of the phrases proves nothing


def check_count(count: int, settings) -> None:
    if count == 0:
        raise ReadError("E901", "PDF 没有页面")
    if count > settings.max_pages:
        raise ReadError("E901", f"PDF 有 {count} 页，超过 {settings.max_pages} 页的上限")


def char_stats(chars) -> dict:
    """Counts the quality checks need, taken while the page's chars are at hand. Classified
    once per distinct char (Counter counts in C): a page has hundreds of chars, far fewer kinds."""
    shown = [t for t in [ch["text"] for ch in chars] if not t.isspace()]
    heads = "".join(shown)
    cid = 0
    if len(heads) != len(shown):  # texts longer than one char: (cid:NN) marks, ligatures
        cid = sum(1 for t in shown if t.startswith("(cid:"))
        heads = "".join(t[0] for t in shown if not t.startswith("(cid:"))
    stats = {"chars": len(shown), "cid": cid, "junk": 0, "cjk": 0, "latin1": 0}
    for ch, n in Counter(heads).items():
        o = ord(ch)
        if 0xE000 <= o <= 0xF8FF or o == 0xFFFD or o < 0x20:
            stats["junk"] += n
        elif 0xC0 <= o <= 0xFF:
            stats["latin1"] += n  # mojibake of GBK/UTF-8 read as Latin-1 lives here
        elif o >= 0x2E80:
            stats["cjk"] += n
    return stats


def _all_text(pages) -> str:
    parts = []
    for p in pages:
        parts.extend(ln.text for ln in p.lines)
        for item in p.tables:
            parts.extend(c.text for row in item.block.rows for c in row if not c.spanned)
    return squash("".join(parts))


ENCRYPTED = ("PDF 设有权限密码（已加密，打开无需密码），但提取出的文字无法识别："
             "请发布未加密的版本")


def check_text(pages, settings, encrypted: bool = False) -> list[tuple[str, str]]:
    """Raise ReadError for a file whose text cannot be used; return non-fatal problems.
    ``encrypted``: the file has an owner password only (it opens without one). Its text
    failing is then the encryption's doing, and the message says so rather than "garbled"."""
    try:
        return _check_text(pages, settings)
    except ReadError as err:
        if encrypted and err.code == "E903":
            raise ReadError("E901", ENCRYPTED) from err
        raise


def _check_text(pages, settings) -> list[tuple[str, str]]:
    total = {k: sum(p.stats[k] for p in pages) for k in pages[0].stats}
    n = total["chars"]
    if n == 0:
        raise ReadError("E902", "PDF 没有文字层（可能是扫描件），无法检查其内容")
    problems = []
    if total["cid"] / n >= settings.garbled_ratio:
        raise ReadError("E903", f"文字层乱码：{total['cid']} 个字符的字体缺少 Unicode 映射，显示为 (cid:NN)")
    if total["junk"] / n >= settings.garbled_ratio:
        raise ReadError("E903", f"文字层乱码：{total['junk']} 个字符是私用区或无效字符")
    text = _all_text(pages)
    if n >= _MIN_CHARS and not any(p in text for p in _PHRASES):
        if total["cjk"] / n > 0.3 or total["latin1"] / n > 0.2:
            raise ReadError("E903", "文字层乱码：全文找不到“政府信息公开”等每份年报都有的词，"
                                    "字体的字符映射可能有误")
    if total["cid"]:
        problems.append(("E903", f"{total['cid']} 个字符的字体缺少 Unicode 映射，显示为 (cid:NN)，相关内容可能无法识别"))
    blank = [str(p.number) for p in pages if p.stats["chars"] == 0 and p.images]
    if blank:
        problems.append(("E902", f"第 {'、'.join(blank)} 页没有文字层（扫描页），其内容未检查"))
    return problems


def _decode(raw) -> str:
    if not isinstance(raw, bytes):
        return str(raw) if raw is not None else ""
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    if raw.startswith(b"\xff\xfe"):  # WPS writes little-endian UTF-16, against the spec
        return raw[2:].decode("utf-16-le", "replace")
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")


_DATE = re.compile(r"D?:?(\d{4})(\d{2})(\d{2})")


def metadata(count: int, info: dict) -> dict:
    """Title, producer and dates (ISO) from the document information dictionary (values as
    the engine gives them: raw bytes from pdfminer, text from PDFium)."""
    meta = {"pages": count}
    for key, name in (("Title", "title"), ("Author", "author"), ("Creator", "creator"),
                      ("Producer", "producer")):
        value = _decode(info.get(key)).strip()
        if value:
            meta[name] = value
    for key, name in (("CreationDate", "created"), ("ModDate", "modified")):
        m = _DATE.match(_decode(info.get(key)))
        if m:
            meta[name] = "-".join(m.groups())
    return meta
