"""Which files a run checks, and how their names are shown.

Folders are walked without following anything that can fail silently: a dangling symlink, an
unreadable subfolder or a file that vanished is still listed, so that the reader gives it an
E901 row (a batch never loses a file). The same file named twice (absolute and relative, or
through a symlink) is checked once; the run's own output files are skipped.

File names are bytes on Linux. Python hands them over as ``str`` with the undecodable bytes as
lone surrogates (``os.fsdecode``, surrogateescape), which no output encoding accepts. Reports
therefore carry a *display* name: the UTF-8 name as it is, a GBK/GB18030 name (every zip made on
Chinese Windows and unpacked on Linux) decoded as such, anything else with the odd bytes shown
as ``\\xNN``; and the exact bytes, percent-encoded, where a URI needs them (SARIF).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import quote

# Report formats found in folders. Word and WPS documents are listed whether or not a reader
# for them exists: a Word report must never vanish from a batch (at worst it is an E901 row).
SUFFIXES = {".html", ".htm", ".pdf", ".txt", ".md", ".doc", ".docx", ".wps"}


def _walk(folder: str) -> list[str]:
    """Report files under ``folder``, hidden ones and the ``~$name.docx`` owner files Word and
    WPS leave beside an open document skipped; an unreadable subfolder is returned itself (the
    reader then says why), a symlink whether or not it points anywhere."""
    out = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return [folder]
    for e in entries:
        if e.name.startswith((".", "~$")):
            continue
        try:
            is_dir = e.is_dir()  # follows symlinks; a dangling one is not a folder
        except OSError:
            is_dir = False
        if is_dir and not e.is_symlink():
            out += _walk(os.fspath(Path(folder, e.name)))
        elif os.path.splitext(e.name)[1].lower() in SUFFIXES:
            out.append(os.fspath(Path(folder, e.name)))  # as pathlib spells it: "a.pdf", not "./a.pdf"
    return out


def _is_dir(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def real(path: str) -> str:
    """The key two names of one file share (a NUL in a manifest path cannot be resolved)."""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.abspath(path) if "\0" not in path else path


def expand(paths, exclude=()) -> list[str]:
    """Files as given, and the report files under each folder (sorted, hidden ones skipped);
    each real file once; files whose real path is in ``exclude`` (the run's outputs) left out."""
    skip = {real(p) for p in exclude if p}
    out, seen = [], set()
    for p in paths:
        p = os.fspath(p)
        for f in (_walk(p) if _is_dir(p) else [p]):
            key = real(f)
            if key in seen or (key in skip and f != p):
                continue
            seen.add(key)
            out.append(f)
    return out


def display(path: str) -> str:
    """The name to show: valid UTF-8 as is; else GB18030 when that decodes it to Chinese;
    else the undecodable bytes as ``\\xNN``."""
    try:
        raw = os.fsencode(path)
    except (UnicodeError, ValueError):
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
        if any("\u4e00" <= ch <= "\u9fff" for ch in text):
            return text
    except UnicodeDecodeError:
        pass
    return raw.decode("utf-8", "backslashreplace")


def uri_bytes(path: str) -> str | None:
    """The exact bytes of a name that is not UTF-8, percent-encoded; None for UTF-8 names."""
    try:
        raw = os.fsencode(path)
        raw.decode("utf-8")
        return None
    except UnicodeDecodeError:
        return quote(raw, safe="/")
    except (UnicodeError, ValueError):
        return None
