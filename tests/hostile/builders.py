"""Hostile inputs, built at test time (nothing binary is committed): each builder writes one
input into a folder and returns its path. ``bench/hostile.py`` times the same builders.

Names are bytes where the point is a name that is not UTF-8."""
from __future__ import annotations

import os
import zlib
from pathlib import Path

import raw_pdf  # tests/fixtures/pdf (on the path through tests/conftest.py)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_TXT = ROOT / "examples" / "2024-township.txt"
EXAMPLE_HTML = ROOT / "examples" / "2023-county-2021format.html"


def fifo(d: Path) -> Path:
    p = d / "fifo.txt"
    os.mkfifo(p)
    return p


def zero_link(d: Path) -> Path:
    p = d / "zero.pdf"
    p.symlink_to("/dev/zero")
    return p


def dangling(d: Path) -> Path:
    p = d / "dangling.html"
    p.symlink_to(d / "nowhere.html")
    return p


def nul_only(d: Path) -> Path:
    p = d / "nul.txt"
    p.write_bytes(b"\0" * 4096)
    return p


def gbk_name(d: Path) -> Path:
    """报告.txt in GBK, as a zip made on Chinese Windows unpacks on Linux."""
    raw = os.fsencode(d) + b"/" + "报告".encode("gbk") + b".txt"
    Path(os.fsdecode(raw)).write_bytes(EXAMPLE_TXT.read_bytes())
    return Path(os.fsdecode(raw))


def bad_bytes_name(d: Path) -> Path:
    raw = os.fsencode(d) + b"/bad\xff\xfe\x80.txt"
    Path(os.fsdecode(raw)).write_bytes(EXAMPLE_TXT.read_bytes())
    return Path(os.fsdecode(raw))


def escape_name(d: Path) -> Path:
    """A name and a text carrying terminal escape sequences."""
    p = d / "\x1b[2J\x1b]0;pwned\x07evil.txt"
    p.write_text(EXAMPLE_TXT.read_text(encoding="utf-8").replace("一、总体情况", "一、总体情况\x1b[31m\x1b]0;x\x07"),
                 encoding="utf-8")
    return p


def pdf_as_html(d: Path) -> Path:
    p = d / "really-a-pdf.html"
    p.write_bytes(raw_pdf.raw_pdf(raw_pdf.report_lines()))
    return p


def _pdf(content_stream: bytes, filters: bytes = b"") -> bytes:
    """A one-page PDF whose content stream is ``content_stream`` as written (already encoded)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d %s>>\nstream\n" % (len(content_stream), filters) + content_stream + b"\nendstream",
    ]
    return raw_pdf.assemble(objects)


def pdf_bomb(d: Path, inflated: int = 1024 ** 3) -> Path:
    """A PDF of about 1 MB whose content stream inflates to ``inflated`` bytes (spaces)."""
    z = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    parts = [z.compress(chunk) for _ in range(inflated // len(chunk))] + [z.flush()]
    p = d / "bomb.pdf"
    p.write_bytes(_pdf(b"".join(parts), b"/Filter /FlateDecode "))
    return p


def deep_html(d: Path, depth: int = 200_000) -> Path:
    p = d / "deep.html"
    p.write_text("<html><body>" + "<div>" * depth + "政府信息公开" + "</div>" * depth + "</body></html>",
                 encoding="utf-8")
    return p


def long_table_html(d: Path, rows: int = 20_000) -> Path:
    p = d / "long-table.html"
    body = "".join(f"<tr><td>第{i}行</td><td>{i}</td><td>{i * 2}</td></tr>" for i in range(rows))
    p.write_text(f"<html><body><p>政府信息公开工作年度报告</p><table>{body}</table></body></html>",
                 encoding="utf-8")
    return p


def span_trap_html(d: Path, rows: int = 5_000) -> Path:
    """One cell spanning every row and 1000 columns, then thousands of rows."""
    p = d / "span-trap.html"
    body = f'<tr><td rowspan="{rows}" colspan="1000">x</td><td>1</td></tr>'
    body += "".join(f"<tr><td colspan='1000'>{i}</td></tr>" for i in range(rows - 1))
    p.write_text(f"<html><body><p>政府信息公开</p><table>{body}</table></body></html>", encoding="utf-8")
    return p


def big_html(d: Path, megabytes: int = 20) -> Path:
    """A page of ``megabytes`` MB: the example report's paragraphs over and over."""
    p = d / "big.html"
    unit = "<p>本机关依法做好政府信息公开工作，主动公开政府信息一千余条。</p>\n"
    n = megabytes * 1024 * 1024 // len(unit.encode("utf-8"))
    p.write_text("<html><body><h1>政府信息公开工作年度报告</h1>" + unit * n + "</body></html>",
                 encoding="utf-8")
    return p


def long_pdf(d: Path, pages: int = 100) -> Path:
    """A ``pages``-page PDF of text lines (raw, no reportlab needed)."""
    content = b"".join(b"BT /F1 10 Tf 60 %d Td (Line %d of the report) Tj ET\n" % (800 - 14 * i, i)
                       for i in range(50))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
                   b" ".join(b"%d 0 R" % (4 + i) for i in range(pages)), pages),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (4 + pages + i))
    for i in range(pages):
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    p = d / "long.pdf"
    p.write_bytes(raw_pdf.assemble(objects))
    return p


def owner_password_pdf(d: Path) -> Path:
    """The example report PDF (reportlab) with an owner password only: it opens without one."""
    import rl_report
    from reportlab.lib.pdfencrypt import StandardEncryption

    original = rl_report.canvas.Canvas

    def encrypted(*args, **kw):
        kw["encrypt"] = StandardEncryption("", ownerPassword="owner", canCopy=0, strength=128)
        return original(*args, **kw)

    import rl_fixtures

    rl_report.canvas.Canvas = encrypted
    try:
        data = rl_fixtures.report()
    finally:
        rl_report.canvas.Canvas = original
    p = d / "owner-password.pdf"
    p.write_bytes(data)
    return p


# Inputs that every run over a folder of hostile files holds (cheap to build, all at once).
QUICK = [fifo, zero_link, dangling, nul_only, gbk_name, bad_bytes_name, escape_name, pdf_as_html]
