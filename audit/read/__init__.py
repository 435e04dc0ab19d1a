"""Readers: one per input format, each ``read(path_or_bytes, settings=None) -> Document``.

``read_path`` picks the reader from the file name (then from the first bytes) and turns every
low-level failure into a ReadError, so that callers never see a traceback for a bad file.
"""
from __future__ import annotations

import os

from ..document import Document, ReadError

MAX_BYTES = 100 * 1024 * 1024  # larger files are refused (E901): nobody publishes a 100 MB report

EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".pdf": "pdf",
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
}
# Word and WPS documents: the bytes decide what they really are (read/docx/convert.py), as a
# .doc from a portal is often a web page and a .wps a .doc or .docx.
WORD_EXTENSIONS = (".docx", ".doc", ".wps")
SPREADSHEETS = (".et", ".xls", ".xlsx", ".ett")


def detect_format(path: str, head: bytes) -> str | None:
    ext = os.path.splitext(path)[1].lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    if head.startswith(b"%PDF"):
        return "pdf"
    low = head[:2048].lower()
    if b"<html" in low or b"<!doctype html" in low:
        return "html"
    from .docx.convert import looks_like_word

    if ext in WORD_EXTENSIONS or looks_like_word(head):
        return "docx"
    return None


def read_path(path: str, options: dict | None = None) -> Document:
    """``options``: reader settings by format, e.g. ``{"pdf": {"engine": "pdfplumber"}}``."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise ReadError("E901", f"文件过大（{size} 字节），超过 {MAX_BYTES} 字节的上限")
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ReadError("E901", f"无法读取文件：{exc.strerror or exc}") from exc
    return read_named(data, path, options)


def read_named(data: bytes, path: str, options: dict | None = None) -> Document:
    """The bytes of a file called ``path`` (a file on disk, or an upload to ``serve``): the
    reader is chosen from the name, then from the first bytes, exactly as for ``read_path``."""
    if not data.strip():
        raise ReadError("E901", "文件为空")
    if os.path.splitext(path)[1].lower() in SPREADSHEETS:
        raise ReadError("E901", "这是电子表格文件（WPS 表格/Excel），不是年度报告的格式：请检查报告正文"
                        "（Word、PDF、网页或文本）")
    fmt = detect_format(path, data[:4096])
    if fmt is None:
        raise ReadError("E901", f"不支持的文件类型：{os.path.splitext(path)[1] or '无扩展名'}")
    return read_bytes(data, fmt, path, options)


def read_bytes(data: bytes, fmt: str, path: str = "<bytes>", options: dict | None = None) -> Document:
    if fmt == "html":
        from . import html as reader
    elif fmt == "pdf":
        from . import pdf as reader
    elif fmt == "text":
        from . import text as reader
    elif fmt == "docx":
        from . import docx as reader
    else:
        raise ReadError("E901", f"不支持的格式：{fmt}")
    try:
        doc = reader.read(data, (options or {}).get(fmt))
    except ReadError:
        raise
    except Exception as exc:  # a reader bug or a malformed file must not become a traceback
        raise ReadError("E901", f"读取失败（{type(exc).__name__}: {exc}）") from exc
    doc.path = path
    return doc
