"""Readers: one per input format, each ``read(path_or_bytes, settings=None) -> Document``.

``read_path`` picks the reader from the file name (then from the first bytes) and turns every
low-level failure into a ReadError, so that callers never see a traceback for a bad file.
"""
from __future__ import annotations

import errno
import os
import stat

from ..document import Document, ReadError

MEMORY_REASON = "内存超限（超过 --max-memory 的上限）"
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
    # The bytes win over the name: a PDF saved as .html (a portal's download link) is a PDF.
    if head.lstrip(b"\0\t\r\n ")[:5].startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    ext = os.path.splitext(path)[1].lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    low = head[:2048].lower()
    if b"<html" in low or b"<!doctype html" in low:
        return "html"
    from .docx.convert import looks_like_word

    if ext in WORD_EXTENSIONS or looks_like_word(head):
        return "docx"
    return None


_ERRNO = {errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限", errno.ENOENT: "文件不存在",
          errno.ELOOP: "符号链接循环", errno.ENAMETOOLONG: "文件名过长", errno.EIO: "输入输出错误"}


def _reason(exc: OSError) -> str:
    """The cause alone: the E901 message already says "无法读取文件"."""
    return _ERRNO.get(exc.errno) or exc.strerror or str(exc)


def load_bytes(path: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most ``limit``; ReadError (E901) for anything else.

    Opened without blocking and judged on the open descriptor before any read: a FIFO, a
    device (/dev/zero), a socket or a folder would block or never end. The size limit counts
    what was read, not what ``stat`` says (a file can grow, /proc files say 0)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except ValueError:  # a NUL byte in the name (from a manifest)
        raise ReadError("E901", "文件名含有空字符（NUL），不是有效的路径") from None
    except OSError as exc:
        if os.path.islink(path) and not os.path.exists(path):
            raise ReadError("E901", "符号链接指向的文件不存在") from exc
        if os.path.isdir(path):  # a folder a walk could not enter
            raise ReadError("E901", f"文件夹无法打开（{_reason(exc)}），其中的文件未检查") from exc
        raise ReadError("E901", _reason(exc)) from exc
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise ReadError("E901", "是一个文件夹")
        if not stat.S_ISREG(mode):
            raise ReadError("E901", f"不是普通文件（{_kind(mode)}），不会读取")
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise ReadError("E901", _reason(exc)) from exc
    if len(data) > limit:
        raise ReadError("E901", f"文件过大，超过 {limit} 字节的上限")
    return data


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "命名管道"), (stat.S_ISCHR, "字符设备"),
                       (stat.S_ISBLK, "块设备"), (stat.S_ISSOCK, "套接字")):
        if test(mode):
            return name
    return "特殊文件"


def read_path(path: str, options: dict | None = None, data: bytes | None = None) -> Document:
    """The document of ``path``; ``options``: reader settings by format, e.g.
    ``{"pdf": {"engine": "pdfplumber"}}``; ``data``: its bytes when the caller has read them."""
    return read_named(load_bytes(path) if data is None else data, path, options)


def read_named(data: bytes, path: str, options: dict | None = None) -> Document:
    """The bytes of a file called ``path`` (a file on disk, or an upload to ``serve``): the
    reader is chosen from the name, then from the first bytes, exactly as for ``read_path``."""
    if not data.strip(b" \t\r\n\f\v\0"):
        raise ReadError("E901", "文件为空" if not data.strip() else "文件只有空字节（NUL），没有内容")
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
    except MemoryError:  # the worker's --max-memory limit (resource.setrlimit)
        raise ReadError("E901", MEMORY_REASON) from None
    except Exception as exc:  # a reader bug or a malformed file must not become a traceback
        inner = exc.args[0] if exc.args else None
        if isinstance(inner, (ReadError, MemoryError)):  # pdfplumber wraps what pdfminer raised
            raise ReadError("E901", MEMORY_REASON) if isinstance(inner, MemoryError) else inner \
                from None
        raise ReadError("E901", f"读取失败（{type(exc).__name__}: {exc}）") from exc
    doc.path = path
    return doc
