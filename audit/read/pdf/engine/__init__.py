"""PDF engines: each reads a file's pages once into ``page.RawPage`` (pdfplumber's dict shapes).

``pdfium`` (the default) reads through PDFium's C library: its text and object APIs give each
char's box, size and Unicode and each path's segments and paint, about 20× faster than pdfminer
interpreting content streams in Python. ``plumber`` is the reference engine (pdfplumber on
pdfminer), chosen with ``--pdf-engine pdfplumber`` and used automatically for a file PDFium
cannot open. Both are imported only when a PDF is read.
"""
from __future__ import annotations

ENGINES = ("pdfium", "pdfplumber")


def open_source(data: bytes, settings):
    """An open source of ``RawPage``s (``count``, ``pages()``, ``metadata()``, ``close()``)
    from the engine ``settings.engine`` names."""
    if settings.engine == "pdfium":
        from .pdfium import CannotOpen, PdfiumSource

        try:
            return PdfiumSource(data, settings)
        except CannotOpen:
            pass  # pdfminer is more lenient with some broken files; else it names the problem
    from .plumber import PlumberSource

    return PlumberSource(data, settings)
