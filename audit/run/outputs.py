"""Output files: checked before the run, written atomically after it.

A batch over a thousand PDFs can take an hour; finding only then that ``--output`` points into
a missing folder loses the hour. ``check_writable`` therefore tries each output path before the
run starts (exit status 2 on failure). ``write_atomic`` writes to a temporary file in the same
folder and renames it over the target (``os.replace`` is atomic on one file system), so a kill
during the write leaves the previous output intact, never a truncated file.
"""
from __future__ import annotations

import contextlib
import os


class OutputError(Exception):
    """An output path that cannot be written; the CLI turns it into exit status 2."""


def check_writable(path: str, option: str) -> None:
    """Raise OutputError when ``path`` cannot be created or replaced. Tries for real: creates
    and removes a temporary file in the target folder (permissions, read-only mounts, quotas
    and ACLs all answer the same way)."""
    shown = os.fsdecode(path).encode("utf-8", "backslashreplace").decode("utf-8")
    if "\0" in path:
        raise OutputError(f"{option} {shown!r}: not a valid path")
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise OutputError(f"{option} {shown}: is a folder")
    if not os.path.isdir(folder):
        raise OutputError(f"{option} {shown}: folder {os.path.dirname(shown) or '.'} does not exist")
    if os.path.exists(path) and not os.access(path, os.W_OK):
        raise OutputError(f"{option} {shown}: file is not writable")
    try:
        import tempfile  # here: it imports shutil, bz2, lzma and random, a cost at every start

        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".xxgk-audit-", suffix=".tmp")
    except OSError as err:
        raise OutputError(f"{option} {shown}: cannot write there ({err.strerror or err})") from None
    os.close(fd)
    os.unlink(tmp)


def check_all(files: dict) -> None:
    """``check_writable`` for each ``{option name: path}`` given (``write_baseline`` is shown
    as ``--write-baseline``); None paths are skipped."""
    for option, path in files.items():
        if path:
            check_writable(path, "--" + option.replace("_", "-"))


def _mode(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str, text: str, encoding: str = "utf-8", newline: str | None = None) -> None:
    """Write ``text`` to ``path`` all at once: a temporary file in the same folder, flushed to
    disk, then renamed over ``path``. On any failure the temporary file is removed."""
    folder = os.path.dirname(os.path.abspath(path))
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
