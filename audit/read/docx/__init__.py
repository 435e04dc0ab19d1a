"""The Word reader: .docx (and .doc/.wps/.rtf through LibreOffice) → ``Document``.

``reader`` walks the body; ``text`` reads a paragraph (tracked changes accepted, text boxes and
field codes dropped); ``numbering`` computes Word's automatic list labels; ``tables`` resolves
``gridSpan``/``vMerge`` into span-resolved grids; ``convert`` sniffs the bytes and converts the
binary formats with LibreOffice. python-docx is imported only when a Word file is read."""
from .reader import DocxSettings, read

__all__ = ["DocxSettings", "read"]
