"""`xxgk-audit serve` in headless chromium, as an author uses it: pick a file in the page's real
file input (DevTools ``DOM.setFileInputFiles``, which fires the input's change event like the
file dialog does), let the page's script send it, read what the page shows."""
from __future__ import annotations

import zipfile
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
    assert "★ t3/received/natural 35 → 34" in _q(page, "table.findings tbody tr")[1]
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


def _docx(path: Path) -> Path:
    """A minimal Word document (the parts Word itself needs: content types, package
    relationships, the main part)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                   'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/document.xml",
                   f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body><w:p><w:r>'
                   '<w:t>示例县人民政府2023年政府信息公开工作年度报告</w:t></w:r></w:p></w:body></w:document>')
    return path


def test_a_word_file_shows_the_e901_message(page, tmp_path):
    """Until the .docx reader is merged, a Word draft is E901 with the advice to save it as PDF
    or a web page. The upload goes through the same reader entry point as `check`, so once the
    reader is there this test is switched to the reader's findings."""
    _pick(page, _docx(tmp_path / "草稿.docx"), 1)
    assert _q(page, "#verdict", "dataset.verdict") == ["unreadable"]
    [row] = _q(page, "table.findings tbody tr", "innerText")
    assert "E901" in row and "请另存为 PDF 或网页" in row


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
