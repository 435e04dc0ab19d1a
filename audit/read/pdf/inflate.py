"""A ceiling on what one PDF stream may inflate to (decompression bombs).

A 2 MB PDF can hold a Flate stream that inflates to gigabytes; pdfminer inflates each stream
whole with ``zlib.decompress``. While a PDF is read, pdfminer's ``zlib`` is swapped for this
module's ``_Capped``, which inflates at most ``MAX_STREAM`` bytes and then stops with E901, so
the worker never holds the bomb (the worker's memory limit is the second line, for what this
does not cover). pdfminer falls back to ``decompressobj`` for damaged streams: capped too.
"""
from __future__ import annotations

import contextlib
import zlib

from ...document import ReadError

MAX_STREAM = 64 * 1024 * 1024  # bytes per inflated stream; page content is kilobytes, a full CJK font 20 MB


def _bomb(cap: int) -> ReadError:
    return ReadError("E901", f"PDF 中有数据流解压后超过 {cap // (1024 * 1024)} MB（压缩炸弹或严重损坏），"
                             "未继续读取")


class _Inflater:
    """``zlib.decompressobj`` that counts what it gives out."""

    def __init__(self, cap: int, *args, **kw):
        self._d = zlib.decompressobj(*args, **kw)
        self._left = cap
        self._cap = cap

    def decompress(self, data, max_length=0):
        out = self._d.decompress(data, self._left + 1 if not max_length else min(max_length, self._left + 1))
        self._left -= len(out)
        if self._left < 0:
            raise _bomb(self._cap)
        return out

    def __getattr__(self, name):
        return getattr(self._d, name)


class _Capped:
    """The part of the ``zlib`` module pdfminer uses, with a ceiling."""

    error = zlib.error

    def __init__(self, cap: int):
        self.cap = cap

    def decompress(self, data, *args, **kw):
        d = zlib.decompressobj()
        out = d.decompress(data, self.cap + 1)
        if len(out) > self.cap:
            raise _bomb(self.cap)
        if not d.eof:  # what zlib.decompress says for a cut stream (pdfminer then recovers)
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def decompressobj(self, *args, **kw):
        return _Inflater(self.cap, *args, **kw)

    def __getattr__(self, name):
        return getattr(zlib, name)


@contextlib.contextmanager
def capped(cap: int = MAX_STREAM):
    """Within the block, pdfminer inflates no stream beyond ``cap`` bytes."""
    from pdfminer import pdftypes

    previous = pdftypes.zlib
    pdftypes.zlib = _Capped(cap)
    try:
        yield
    finally:
        pdftypes.zlib = previous
