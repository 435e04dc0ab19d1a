"""Bytes to text for the text and HTML readers, and a check for mojibake.

Chinese government pages come in UTF-8, GBK, GB2312 and GB18030, often with a wrong or missing
label. We try the candidates strictly (a wrong codec usually fails on real Chinese text) and
keep the first result that does not look garbled; only when every candidate fails or garbles do
we decode with replacement and say so (E903), so the rest of the file is still checked.
"""
from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16: the UTF-32 LE BOM starts with it
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# gb2312 and gbk are subsets of gb18030: a page labelled gb2312 that contains one GBK-only
# character (镕, 喆, 堃 in names) would otherwise fail to decode at all.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
            "936": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "gb18030",
            "unicode": "utf-8", "utf8": "utf-8"}
# The garbling test counts three kinds of character in up to 200,000 characters of a page that
# is mostly ASCII markup. It counts them in the UTF-8 bytes of the non-ASCII characters alone
# (ASCII bytes deleted in C): a regular expression scan of the whole sample cost ~1 ms per kind,
# and compiling a class like [\u4e00-\u9fff] another ~2 ms in every fresh process.
_ASCII_BYTES = bytes(range(128))
# U+4E00..U+9FFF (CJK ideographs) in UTF-8: lead byte E4 with B8..BF after it, or E5..E9. Lead
# bytes never occur as continuation bytes, so these counts are exact.
_CJK_LEADS = tuple(bytes([b]) for b in range(0xE5, 0xEA)) + tuple(
    bytes([0xE4, b]) for b in range(0xB8, 0xC0))
# U+00C0..U+00FF (Latin-1 letters, what UTF-8 Chinese read as Latin-1 looks like) is C3 xx.
_LATIN1_LEAD = b"\xc3"
# Pieces of UTF-8 Chinese read as GBK and saved again: these characters are rare in real
# report text but make up most of such mojibake (锛 from "，", 銆 from "。、", 鐨 from "的" ...).
_GBK_MOJIBAKE = tuple(ch.encode("utf-8") for ch in "锛銆鐨鏈鍙浜璇鍏绗涓")


def normalise_label(label: str | None) -> str | None:
    """A Python codec name for an HTTP/HTML charset label, or None when it is unknown."""
    if not label:
        return None
    label = label.strip().strip("'\"").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom):], enc
    return data, None


def visible_len(s: str) -> int:
    """Characters that are not whitespace (``str.isspace``), counted in C: ``split()`` uses the
    same definition of whitespace, and a Python loop over a 300 KB page cost 20 ms."""
    return len("".join(s.split()))


def garbled_reason(text: str) -> str | None:
    """Why the decoded text looks like mojibake, or None when it looks like real text."""
    sample = text[:200_000]
    visible = visible_len(sample)
    if not visible:
        return None
    bad = sample.count("\ufffd")
    if bad > max(3, visible // 200):
        return f"{bad} 个字符无法解码（编码声明与实际编码不符或文件损坏）"
    wide = sample.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    cjk = sum(wide.count(lead) for lead in _CJK_LEADS)
    latin = wide.count(_LATIN1_LEAD)
    if latin > 20 and latin > cjk:
        return "中文被按西文编码解读（例如“æ”¿åºœ”），文本为乱码"
    moji = sum(wide.count(ch) for ch in _GBK_MOJIBAKE)
    if cjk > 50 and moji * 8 > cjk:
        return "UTF-8 中文被按 GBK 解读后保存（例如“鏀垮簻”），文本为乱码"
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str, str | None]:
    """Decode ``data``; returns (text, codec used, E903 reason or None)."""
    data, bom = strip_bom(data)
    if bom:
        text = data.decode(bom, errors="replace")
        return text, bom, garbled_reason(text)
    # Strictly valid UTF-8 with multi-byte sequences is UTF-8 whatever the label says: GBK text
    # is practically never valid UTF-8, while UTF-8 bytes often decode "successfully" as GB18030.
    candidates = ["utf-8"]
    for enc in (normalise_label(declared), "gb18030"):
        if enc and enc not in candidates:
            candidates.append(enc)
    fallback = None
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        reason = garbled_reason(text)
        if reason is None or enc == "utf-8":
            # valid UTF-8 that reads as mojibake was garbled before it was saved: another
            # codec would only garble it differently
            return text, enc, reason
        fallback = fallback or (text, enc, reason)
    if fallback:
        return fallback
    enc = candidates[0]
    text = data.decode(enc, errors="replace")
    return text, enc, garbled_reason(text) or f"文件不是有效的 {enc} 编码，部分字符已替换"
