"""The reference engine: pdfplumber (pdfminer) pages as ``RawPage``."""
from __future__ import annotations

import io

from ....document import ReadError
from ..check import check_count, metadata
from ..page import RawPage


def _open(stream):
    import pdfplumber

    try:
        pdf = pdfplumber.open(stream)
        len(pdf.pages)
        return pdf
    except (MemoryError, ReadError):
        raise  # not a damaged file: the memory limit or a decompression bomb (inflate.py)
    except Exception as exc:  # pdfplumber wraps pdfminer's errors; look at the cause
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        name = type(cause).__name__
        if "Encryption" in name or "Password" in name:
            raise ReadError("E901", "PDF 已加密（需要密码才能打开），无法读取") from exc
        raise ReadError("E901", f"PDF 文件损坏，无法解析（{name}: {cause}）") from exc


class _Silenced:
    """pdfminer logs a warning for every odd object in real-world PDFs; users must not see them
    (they are not findings). Its level is restored afterwards: the host app owns logging. (Here,
    not in the reader: ``logging`` is imported only when pdfminer is used.)"""

    def __init__(self):
        import logging

        self.logger = logging.getLogger("pdfminer")
        self.level = self.logger.level
        self.logger.setLevel(logging.CRITICAL)

    def restore(self):
        self.logger.setLevel(self.level)


class PlumberSource:
    def __init__(self, data: bytes, settings):
        from ..inflate import capped

        self._log = _Silenced()
        # pdfminer inflates each stream whole: a ceiling while this file is read (bombs)
        self._cap = capped()
        self._cap.__enter__()
        try:
            self.pdf = _open(io.BytesIO(data))
        except BaseException:
            self._cap.__exit__(None, None, None)
            self._log.restore()
            raise
        self.count = len(self.pdf.pages)
        # an owner password only: the file opens, but pdfminer may not decrypt every string,
        # so text that fails the checks is the encryption's doing (check.check_text)
        self.encrypted = bool(getattr(self.pdf.doc, "encryption", None))
        try:
            check_count(self.count, settings)
        except ReadError:
            self.close()
            raise

    def pages(self):
        for i, page in enumerate(self.pdf.pages, start=1):
            objects = page.objects  # parsed once: chars, rects, lines and curves together
            rotated = (page.rotation or 0) % 180 == 90
            yield RawPage(i, float(page.width if rotated else page.height), [c for c in objects.get("char", []) if c.get("text")],
                          objects.get("rect", []), objects.get("line", []) + objects.get("curve", []),
                          len(objects.get("image", [])))
            page.close()  # drop the page's parsed objects: memory stays flat on long files

    def metadata(self) -> dict:
        info = {}
        for d in getattr(self.pdf.doc, "info", None) or []:
            info.update(d)
        return metadata(self.count, info)

    def close(self) -> None:
        try:
            self.pdf.close()
        finally:
            self._cap.__exit__(None, None, None)
            self._log.restore()
