"""PDF reader: unreadable input (E901), no text layer (E902), garbled text (E903), and the odd
layouts that are not errors (Kangxi radicals, rotated pages, overflowing numbers)."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("pdf_engine")  # every test on both engines (conftest)

pytest.importorskip("reportlab")

from audit.document import ReadError
from audit.read import read_bytes, read_path

import raw_pdf as raw
import rl_fixtures


def read(data):
    return read_bytes(data, "pdf", "fixture.pdf")


def error_of(data):
    with pytest.raises(ReadError) as err:
        read(data)
    return err.value


def test_encrypted_pdf_is_e901_with_reason():
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(100, 700, "locked")
    c.showPage()
    c.save()
    err = error_of(buf.getvalue())
    assert err.code == "E901" and "加密" in err.reason


@pytest.mark.parametrize("data", [b"%PDF-1.4\nthis is not a pdf", rl_fixtures.report()[:800]],
                         ids=["garbage", "truncated"])
def test_corrupt_pdf_is_e901(data):
    err = error_of(data)
    assert err.code == "E901"


def test_corrupt_file_through_read_path_is_a_read_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj << /Type /Catalog >>")
    with pytest.raises(ReadError) as err:
        read_path(str(path))
    assert err.value.code == "E901"


def test_no_text_layer_is_e902_once():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for _ in range(3):  # three "scanned" pages: one finding, not three
        c.rect(50, 50, 400, 600, fill=1)
        c.showPage()
    c.save()
    err = error_of(buf.getvalue())
    assert err.code == "E902"


def test_cid_glyphs_are_e903():
    err = error_of(raw.raw_pdf(raw.report_lines(), tounicode=False))
    assert err.code == "E903" and "cid" in err.reason


def test_plausible_wrong_characters_are_e903():
    # every character mapped to its neighbour in Unicode: CJK text, but no word of a report
    text = {ch for _, _, _, line in raw.report_lines() for ch in line}
    shifted = {ch: chr(ord(ch) + 1) for ch in text if ord(ch) > 0x4E00}
    err = error_of(raw.raw_pdf(raw.report_lines(), mapping=shifted))
    assert err.code == "E903"


def test_a_correct_unicode_map_reads():
    doc = read(raw.raw_pdf(raw.report_lines()))
    assert doc.problems == []
    assert "六、其他需要报告的事项" in [b.text for b in doc.blocks]


def test_kangxi_radicals_are_folded():
    lines = raw.report_lines()
    doc = read(raw.raw_pdf(lines, mapping={"一": "\u2f00", "长": "\u2ed3"}))  # ⼀ ⻓
    texts = [b.text for b in doc.blocks]
    assert "一、总体情况" in texts
    assert not any("\u2f00" in t for t in texts)


def test_rotated_page_reads_upright():
    doc = read(rl_fixtures.landscape_t4())
    t4 = doc.tables()[0]
    assert [c.text for c in t4.rows[-1]][:5] == ["2", "1", "0", "0", "3"]
    assert doc.blocks[0].text == "四、政府信息公开行政复议、行政诉讼情况"
    assert not any(b.text.strip("- ").isdigit() for b in doc.text_blocks())


def test_number_overflowing_into_the_left_cell_goes_back_to_its_own():
    doc = read(rl_fixtures.overflow())
    assert doc.tables()[0].grid()[-1] == ["行政处罚", "5", "3985758", "7"]


def test_meta_has_dates_and_page_count():
    doc = read(rl_fixtures.report())
    assert doc.meta["pages"] == 2
    assert len(doc.meta["created"]) == 10


def test_reader_is_lazy_about_pdfplumber():
    import subprocess

    code = "import sys, audit.read, audit.read.pdf; print('pdfplumber' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).parent.parent)
    assert out.stdout.strip() == "False"
