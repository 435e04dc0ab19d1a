"""What a "Word file" really is, from its bytes, and LibreOffice for the binary formats.

Files named .doc, .docx or .wps are often something else: WPS Office saves .wps as a real Word
97 binary (OLE2) or as OOXML (a zip with word/document.xml); portals serve RTF named .doc. So
the name only routes a file here; the bytes decide:
- zip with ``word/document.xml``: OOXML, read as is;
- OLE2 holding a ``WordDocument`` stream, or RTF: converted to .docx by LibreOffice headless,
  in a temporary folder with its own user profile (a profile shared with a running LibreOffice
  would block or be damaged) and a time limit, the whole process group killed past it;
- OLE2 with ``EncryptedPackage``: a password-protected Word file (E901);
- anything else: E901.
"""
from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ...document import ReadError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Seconds for one conversion (a healthy one takes a few): below the runner's default --timeout
# of 120 s, so that LibreOffice is stopped here, by process group, before the worker is killed.
TIMEOUT = 60
MAX_UNZIPPED = 500 * 1024 * 1024  # a .docx that unpacks to more is refused (a zip bomb)
_INSTALL = ("请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui；"
            "Windows/macOS：从 libreoffice.org 下载），或在 Word/WPS 中“另存为” .docx 后再检查")


def _stream(name: str) -> bytes:
    return name.encode("utf-16-le")  # OLE2 directory entries are UTF-16 names


def looks_like_word(head: bytes) -> bool:
    """The first bytes of a zip, an OLE2 compound file or RTF: worth handing to ``kind``."""
    return head.startswith((b"PK\x03\x04", OLE2)) or head.lstrip()[:5] == b"{\\rtf"


def kind(data: bytes) -> str:
    """"docx", "doc" (Word binary), "rtf", "encrypted", "zip" (not Word), "bomb" (unpacks to
    more than MAX_UNZIPPED) or "unknown"."""
    if data.startswith(b"PK\x03\x04"):
        try:
            infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
        except zipfile.BadZipFile:
            return "unknown"
        if sum(i.file_size for i in infos) > MAX_UNZIPPED:
            return "bomb"
        return "docx" if any(i.filename == "word/document.xml" for i in infos) else "zip"
    if data.startswith(OLE2):
        if _stream("EncryptedPackage") in data:
            return "encrypted"
        return "doc" if _stream("WordDocument") in data else "unknown"
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    return "unknown"


def to_docx(data: bytes, timeout: float = TIMEOUT) -> bytes:
    """The file as .docx bytes (converted when it is a Word binary or RTF)."""
    k = kind(data)
    if k == "docx":
        return data
    if k in ("doc", "rtf"):
        return convert(data, "." + k, timeout)
    if k == "encrypted":
        raise ReadError("E901", "Word 文件已加密（需要密码才能打开）：请取消密码后再检查")
    if k == "bomb":
        raise ReadError("E901", f"Word 文件解压后超过 {MAX_UNZIPPED // 2**20} MB，不像一份年度报告，已拒绝读取")
    if k == "zip":
        raise ReadError("E901", "这是一个 ZIP 压缩包，但不是 Word 文档（没有 word/document.xml）")
    raise ReadError("E901", "文件内容不是 Word 文档（既不是 .docx，也不是 .doc/.wps 或 RTF）")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, suffix: str, timeout: float = TIMEOUT) -> bytes:
    exe = soffice()
    if exe is None:
        raise ReadError("E901", f"这是旧版 Word/WPS 文件（{suffix}），读取需要 LibreOffice：" + _INSTALL)
    with tempfile.TemporaryDirectory(prefix="xxgk-doc-") as tmp:
        src = Path(tmp) / ("input" + suffix)
        src.write_bytes(data)
        out = Path(tmp) / "out"
        cmd = [exe, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless",
               "--norestore", "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML",
               "--outdir", str(out), str(src)]
        # soffice is a wrapper that starts soffice.bin: kill the whole group on a time-out.
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            _stdout, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise ReadError("E901", f"LibreOffice 转换 {suffix} 文件超过 {timeout:g} 秒，已停止："
                            "请在 Word/WPS 中另存为 .docx 后再检查") from None
        result = out / "input.docx"
        if proc.returncode != 0 or not result.exists():
            why = err.decode("utf-8", "replace").strip()[-200:] or f"退出码 {proc.returncode}"
            raise ReadError("E901", f"LibreOffice 无法转换这个 {suffix} 文件（{why}）："
                            "请在 Word/WPS 中另存为 .docx 后再检查")
        return result.read_bytes()
