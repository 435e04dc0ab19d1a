"""`xxgk-audit serve` in headless chromium, as an author uses it: pick a file in the page's real
file input (DevTools ``DOM.setFileInputFiles``, which fires the input's change event like the
file dialog does), let the page's script send it, read what the page shows."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("websocket")

import browser  # noqa: E402
from serving import server  # noqa: E402

PDF = Path(__file__).resolve().parent / "fixtures" / "pdf"
DEFECT = PDF / "chromium-2023-county-defect.pdf"
GOOD = PDF / "chromium-2023-county-2021format.pdf"
N = "document.getElementById('result').getAttribute('data-n')"


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    with server(tmp_path_factory.mktemp("serve")) as base:
        yield base


@pytest.fixture
def page(url):
    with browser.DevTools() as tab:
        tab.goto(url, "document.getElementById('upload-form').getAttribute('data-ready')")
        yield tab


def _pick(tab, path: Path, n: int) -> None:
    tab.set_files("#file", [path])
    tab.wait(f"{N} === '{n}'")


def _q(tab, selector: str, expr: str = "textContent"):
    return tab.eval(f"Array.from(document.querySelectorAll({selector!r})).map(e => e.{expr})")


def test_a_pdf_shows_findings_explanations_and_marked_cells(page):
    _pick(page, DEFECT, 1)
    assert _q(page, "#verdict", "dataset.verdict") == ["fail"]
    # P304: the defect PDF states no publication date, and its file date (2026) is past the deadline
    assert _q(page, "table.findings tbody tr", "dataset.rule") == ["P304", "T203", "T201", "T204"]
    # each finding carries its rule's documentation, folded
    explain = _q(page, "table.findings details.explain")
    assert len(explain) == 4 and all("检查什么" in e and "如何改正" in e for e in explain)
    # the failing cells and the most likely wrong one are marked in the redrawn tables
    cls = page.eval("""(() => { const c = {};
        document.querySelectorAll('td[data-cell]').forEach(td => c[td.dataset.cell] = td.className);
        return c; })()""")
    assert "fail-error" in cls["t3/received/natural"] and "suspect" in cls["t3/received/natural"]
    assert "fail-error" in cls["t3/received/total"]
    assert "fail-error" in cls["t4/counts/review.total"]
    assert "fail" not in cls["t3/granted/natural"] and "t2/regulations/issued" in cls
    row = _q(page, "table.findings tbody tr")[1]  # the suspect cell by its printed labels
    assert "★ 表三 一、本年新收政府信息公开申请数量 自然人列 35 → 34" in row, row
    page.eval("document.querySelector('details.explain').open = true")
    shot = page.screenshot("serve-page.png")
    assert shot.stat().st_size > 20_000

    # the corrected file, dropped again: what changed
    _pick(page, GOOD, 2)
    assert _q(page, "#verdict", "dataset.verdict") == ["pass"]
    assert _q(page, "#changes [data-fixed]", "dataset.fixed") == ["3"]
    assert _q(page, "#changes [data-new]", "dataset.new") == ["0"]
    assert _q(page, "#changes ul.fixed li", "dataset.rule") == ["T203", "T201", "T204"]
    # only the file-date warning stays: the corrected PDF was made on the same day
    assert _q(page, "table.findings tbody tr", "dataset.rule") == ["P304"]
    page.screenshot("serve-page-fixed.png")


def test_a_dropped_file_is_checked(page):
    """Dropped on the drop zone (not on the file input inside it): the page's own handler."""
    page.drop("#drop", [DEFECT])
    page.wait(f"{N} === '1'")
    assert _q(page, "#verdict", "dataset.verdict") == ["fail"]
    assert _q(page, "table.findings tbody tr", "dataset.rule") == ["P304", "T203", "T201", "T204"]


def test_a_word_draft_shows_its_findings_and_where_they_are(page, tmp_path):
    """The defect report as the author's Word draft (automatic heading numbers, merged cells):
    the same findings as the PDF, located by Word table and row."""
    import docxgen
    import make_fixtures
    from audit.read import read_path

    html = tmp_path / "defect.html"
    html.write_text(make_fixtures.defect_html(), "utf-8")
    draft = tmp_path / "草稿.docx"
    docxgen.write_report(read_path(str(html)), draft, auto_numbering=True)
    _pick(page, draft, 1)
    assert _q(page, "#verdict", "dataset.verdict") == ["fail"]
    rows = _q(page, "table.findings tbody tr", "innerText")
    assert _q(page, "table.findings tbody tr", "dataset.rule") == ["T203", "T201", "T204"]
    assert "第2个表格第4行" in rows[0] and "第3个表格第4行" in rows[2]
    cls = page.eval("""(() => { const c = {};
        document.querySelectorAll('td[data-cell]').forEach(td => c[td.dataset.cell] = td.className);
        return c; })()""")
    assert "suspect" in cls["t3/received/natural"] and "fail-error" in cls["t4/counts/review.total"]
    page.screenshot("serve-page-docx.png")


def test_a_broken_word_file_shows_the_e901_message(page, tmp_path):
    broken = tmp_path / "草稿.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 64)  # a zip header and nothing behind it
    _pick(page, broken, 1)
    assert _q(page, "#verdict", "dataset.verdict") == ["unreadable"]
    [row] = _q(page, "table.findings tbody tr", "innerText")
    assert "E901" in row and "不是 Word 文档" in row


def test_a_50_mb_file_is_refused_before_it_is_sent(page, tmp_path):
    big = tmp_path / "scan.pdf"
    with open(big, "wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    _pick(page, big, 1)
    assert _q(page, "#verdict", "dataset.verdict") == ["refused"]
    assert _q(page, "#verdict p") == ["文件过大（50.0 MB）：此页面最多接受 20.0 MB。请确认没有选错文件；"
                                      "年度报告通常不到 1 MB，图片过多时可删去图片后再试。"]


def test_the_page_in_english(url):
    with browser.DevTools() as tab:
        tab.goto(url + "?lang=en", "document.getElementById('upload-form').getAttribute('data-ready')")
        assert tab.eval("document.documentElement.lang") == "en"
        _pick(tab, DEFECT, 1)
        assert _q(tab, "#verdict h2") == ["Fails"]
        assert all("What it checks" in e for e in _q(tab, "table.findings details.explain"))
