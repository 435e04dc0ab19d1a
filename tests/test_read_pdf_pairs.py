"""The same report as HTML and as PDF gives the same cells and the same findings.

The PDFs are committed outputs of ``tests/fixtures/pdf/make_fixtures.py`` (LibreOffice via
DOCX, and Chromium print-to-pdf) from the team's example reports; locations (page vs line) and
snippets may differ, nothing else.
"""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("pdf_engine")  # every test on both engines (conftest)

import make_fixtures
from audit.model.build import extract_path
from pairs import comparable

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "tests" / "fixtures" / "pdf"
PAIRS = [
    (ROOT / "examples" / "2023-county-2021format.html", "2023-county-2021format"),
    (ROOT / "examples" / "2020-county-2019format-gbk.html", "2020-county-2019format-gbk"),
    (None, "2023-county-defect"),  # derived from the 2021 example, see defect_page
]
CASES = [(html, PDF / f"{tool}-{name}.pdf") for html, name in PAIRS for tool in ("lo", "chromium")]
IDS = [pdf.stem for _, pdf in CASES]


@pytest.fixture(scope="session")
def defect_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("pairs") / "2023-county-defect.html"
    path.write_text(make_fixtures.defect_html(), "utf-8")
    return path


@pytest.fixture
def page(request, defect_page):
    return request.param or defect_page


@pytest.mark.parametrize("page, pdf", CASES, ids=IDS, indirect=["page"])
def test_same_cells(page, pdf):
    html = page
    a, b = extract_path(str(html)), extract_path(str(pdf))
    assert b.format == "pdf" and b.problems == []
    for table in ("t2", "t3", "t4"):
        assert b.tables[table] == a.tables[table], table
    assert [(s.number, s.heading) for s in b.sections] == [(s.number, s.heading) for s in a.sections]
    assert (b.report_year, b.template, b.kind) == (a.report_year, a.template, a.kind)
    assert b.table_problems == a.table_problems == []




@pytest.mark.parametrize("page, pdf", CASES, ids=IDS, indirect=["page"])
def test_same_findings(page, pdf):
    html = page
    from audit.checks.engine import Settings
    from audit.checks.packs import load_pack
    from audit.run.runner import check_file

    pack = load_pack()
    # P304 needs a publication date, which the portal page has and the PDF does not
    settings = Settings(enabled={r.code for r in pack.rules} - {"P304"})
    a, b = check_file(str(html), pack, settings), check_file(str(pdf), pack, settings)
    assert b["outcomes"] == a["outcomes"]
    assert sorted(map(comparable, b["findings"])) == sorted(map(comparable, a["findings"]))


def test_defect_pair_has_findings_to_compare():
    from audit.checks.engine import Settings
    from audit.checks.packs import load_pack
    from audit.run.runner import check_file

    result = check_file(str(PDF / "lo-2023-county-defect.pdf"), load_pack(), Settings())
    assert {"T201", "T203", "T204"} <= {f["rule"] for f in result["findings"]}
