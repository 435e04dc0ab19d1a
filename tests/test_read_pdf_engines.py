"""Differential test of the PDF engines: PDFium (default) and pdfplumber (reference) must give
the same blocks, grids, cells, metadata and findings on every PDF we have: the committed
fixtures, the reportlab fixtures made here, and the shared corpus (skipped when absent).
Unreadable input must be judged alike (E901–E903), and a file PDFium cannot open is read by
pdfplumber."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("reportlab")

from audit.checks.engine import Settings
from audit.checks.packs import default_pack
from audit.document import ReadError
from audit.read import read_bytes
from audit.run.runner import check_file
from corpus import CORPUS

import raw_pdf as raw
import rl_fixtures

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ("pdfium", "pdfplumber")
COMMITTED = sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf"))
MADE = {
    "report-lines": lambda: rl_fixtures.report(),
    "report-rects-backgrounds": lambda: rl_fixtures.report(borders="rects", backgrounds=True),
    "report-repeat-header-3x": lambda: rl_fixtures.report(repeat_header=True, copies=3),
    "landscape-t4": rl_fixtures.landscape_t4,
    "overflow": rl_fixtures.overflow,
    "raw-unicode-map": lambda: raw.raw_pdf(raw.report_lines()),
    "raw-kangxi": lambda: raw.raw_pdf(raw.report_lines(), mapping={"一": "\u2f00", "长": "\u2ed3"}),
}


def _read(data: bytes, engine: str):
    return read_bytes(data, "pdf", "x.pdf", {"pdf": {"engine": engine}})


def _shape(doc) -> dict:
    """Everything the model is built from, in comparable form."""
    blocks = [(b.kind, b.page, b.text, [[(c.text, c.spanned) for c in row] for row in b.rows])
              for b in doc.blocks]
    return {"blocks": blocks, "meta": doc.meta, "problems": doc.problems}


def _same_reading(data: bytes) -> None:
    a, b = (_shape(_read(data, e)) for e in ENGINES)
    assert a["meta"] == b["meta"]
    assert a["problems"] == b["problems"]
    assert len(a["blocks"]) == len(b["blocks"])
    for x, y in zip(a["blocks"], b["blocks"]):
        assert x == y


def _boxes(x, out: list):
    """Take every cell ``box`` (points, one decimal) out of ``x``, in order: the engines' path
    coordinates differ in the last float digits, so a box may round 0.1 pt apart."""
    if isinstance(x, dict):
        if "box" in x:
            out.append(x.pop("box"))
        for v in x.values():
            _boxes(v, out)
    elif isinstance(x, list):
        for v in x:
            _boxes(v, out)
    return out


def _same_findings(path: Path) -> None:
    pack = default_pack()
    a, b = (check_file(str(path), pack, Settings(read={"pdf": {"engine": e}})) for e in ENGINES)
    assert a["tables"] == b["tables"]
    boxes_a, boxes_b = _boxes(a["findings"], []), _boxes(b["findings"], [])
    assert a["findings"] == b["findings"]
    assert len(boxes_a) == len(boxes_b)
    for p, q in zip(boxes_a, boxes_b):
        assert max(abs(u - v) for u, v in zip(p, q)) <= 0.25, (p, q)
    assert (a["outcomes"], a["errors"]) == (b["outcomes"], b["errors"])


@pytest.mark.parametrize("path", COMMITTED, ids=[p.stem for p in COMMITTED])
def test_committed_fixtures_read_alike(path):
    _same_reading(path.read_bytes())
    _same_findings(path)


@pytest.mark.parametrize("name", sorted(MADE))
def test_made_fixtures_read_alike(name, tmp_path):
    data = MADE[name]()
    _same_reading(data)
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    _same_findings(path)


CORPUS_PDFS = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS_PDFS, reason=f"shared corpus absent: no PDFs in {CORPUS}")
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=[p.name[:12] for p in CORPUS_PDFS])
def test_corpus_reads_alike(path):
    _same_reading(path.read_bytes())
    _same_findings(path)


def _encrypted(user: str) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=StandardEncryption(user, ownerPassword="owner"))
    c.drawString(100, 700, "locked")
    c.showPage()
    c.save()
    return buf.getvalue()


def _scan() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(50, 50, 400, 600, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


BAD = {
    "user-password": (lambda: _encrypted("secret"), "E901", "加密"),
    "garbage": (lambda: b"%PDF-1.4\nthis is not a pdf", "E901", ""),
    "truncated": (lambda: rl_fixtures.report()[:800], "E901", ""),
    "scan": (_scan, "E902", ""),
    "cid": (lambda: raw.raw_pdf(raw.report_lines(), tounicode=False), "E903", "cid"),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_judged_alike(name, engine):
    make, code, word = BAD[name]
    with pytest.raises(ReadError) as err:
        _read(make(), engine)
    assert err.value.code == code and word in err.value.reason


@pytest.mark.parametrize("engine", ENGINES)
def test_owner_password_only_opens(engine):
    # an owner password restricts printing/copying, not reading: no password is asked
    doc = _read(_encrypted(""), engine)
    assert [b.text for b in doc.blocks] == ["locked"]


def test_file_pdfium_cannot_open_is_read_by_pdfplumber():
    # junk before the header (a mail or HTTP header saved with the file): PDFium looks for
    # %PDF in the first 1024 bytes only, pdfminer anywhere
    from audit.read.pdf import PdfSettings
    from audit.read.pdf.engine.pdfium import CannotOpen, PdfiumSource

    data = b"x" * 2000 + rl_fixtures.report()
    with pytest.raises(CannotOpen):
        PdfiumSource(data, PdfSettings())
    assert _shape(_read(data, "pdfium")) == _shape(_read(rl_fixtures.report(), "pdfplumber"))


def test_pdfium_path_does_not_import_pdfplumber():
    code = ("import sys; from audit.read import read_path; "
            f"read_path({str(COMMITTED[0])!r}); print('pdfplumber' in sys.modules, 'pdfminer' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False False", out.stderr


def test_engine_is_validated():
    from audit.read.pdf import PdfSettings

    assert PdfSettings.resolve({"engine": "pdfplumber"}).engine == "pdfplumber"
    with pytest.raises(ValueError):
        PdfSettings(engine="mupdf")


def _engine_used(tmp_path, *args) -> bool:
    """Run `check` in a fresh process (in-process: --timeout 0 --max-memory 0); was pdfplumber loaded?"""
    code = ("import sys; from audit.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('pdfplumber' in sys.modules, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code, "check", "--format", "json", "--timeout", "0", "--max-memory", "0",
                          *args, str(COMMITTED[0])], capture_output=True, text=True, cwd=tmp_path)
    json_out = out.stdout
    assert '"findings"' in json_out, out.stderr
    return out.stderr.strip().splitlines()[-1] == "True"


def test_cli_option_and_config_key_choose_the_engine(tmp_path):
    assert _engine_used(tmp_path) is False
    assert _engine_used(tmp_path, "--pdf-engine", "pdfplumber") is True
    (tmp_path / "xxgk-audit.toml").write_text('pdf-engine = "pdfplumber"\n', "utf-8")
    assert _engine_used(tmp_path) is True
    assert _engine_used(tmp_path, "--pdf-engine", "pdfium") is False  # the command line wins


def test_config_rejects_an_unknown_engine(tmp_path):
    (tmp_path / "xxgk-audit.toml").write_text('pdf-engine = "mupdf"\n', "utf-8")
    out = subprocess.run([sys.executable, "-m", "audit.cli", "check", str(COMMITTED[0])],
                         capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2 and "pdf-engine" in out.stderr


@pytest.mark.parametrize("path", COMMITTED[:2] + CORPUS_PDFS, ids=lambda p: p.name[:12])
def test_table_finder_port_matches_pdfplumber(path):
    """finder.py is pdfplumber's explicit-edge table finder, ported: same tables, same cells
    (in the same order) as pdfplumber's own on every page's border edges."""
    import pdfplumber

    from audit.read.pdf.edges import ruling_edges
    from audit.read.pdf.finder import find_tables

    found = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            objects = page.objects
            hs, vs = ruling_edges(objects.get("rect", []), objects.get("line", []) + objects.get("curve", []))
            if len(hs) < 2 or len(vs) < 2:
                continue
            theirs = page.find_tables({
                "vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": vs, "explicit_horizontal_lines": hs,
                "snap_tolerance": 3.0, "join_tolerance": 3.0, "intersection_tolerance": 3.0})
            ours = find_tables(hs, vs, 3.0)
            assert [(t.bbox, t.cells) for t in theirs] == [(b, list(c)) for b, c in ours]
            found += len(ours)
    assert found
