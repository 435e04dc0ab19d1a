"""The PDF reader: pdfplumber pages → ``Document``.

``reader`` drives the pages; ``page`` reads one page's chars, lines and rects once; ``edges``
and ``grid`` turn rulings into span-resolved grids; ``text`` builds lines and paragraphs;
``stitch`` re-joins what page breaks cut; ``check`` tells encrypted, image-only and garbled files.
pdfplumber itself is imported only when a PDF is read."""
from .reader import PdfSettings, read

__all__ = ["PdfSettings", "read"]
