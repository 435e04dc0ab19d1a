"""The PDF reader: a PDF engine's pages → ``Document``.

``engine`` reads each page once into chars, rects and paths (PDFium by default, pdfplumber as
the reference); ``reader`` drives the pages; ``page`` turns one page into tables and body lines;
``edges`` and ``finder`` find the rulings and cell boxes, ``grid`` places the text in
span-resolved grids; ``text`` builds lines and paragraphs; ``stitch`` re-joins what page breaks
cut; ``check`` tells encrypted, image-only and garbled files. The engines' libraries are
imported only when a PDF is read."""
from .reader import PdfSettings, read

__all__ = ["PdfSettings", "read"]
