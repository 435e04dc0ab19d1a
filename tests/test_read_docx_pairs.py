"""The same report as .docx, HTML and PDF gives the same cells and the same findings.

The .docx is written at test time from the example page as the HTML reader sees it
(``docxgen.write_report``: merges rebuilt as gridSpan/vMerge); with ``auto_numbering`` the
section headings carry Word's automatic numbering instead of a typed "一、". The PDFs are the
committed LibreOffice exports of the same examples (tests/fixtures/pdf). Locations (line, page,
paragraph, Word table and row) and snippets may differ, nothing else.
"""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

import docxgen
import make_fixtures
from audit.model.build import extract_path
from audit.read import read_path
from pairs import comparable

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "tests" / "fixtures" / "pdf"
NAMES = ["2023-county-2021format", "2020-county-2019format-gbk", "2023-county-defect"]
CASES = [(name, auto) for name in NAMES for auto in (False, True)]
IDS = [f"{name}-{'autonum' if auto else 'typed'}" for name, auto in CASES]


@pytest.fixture(scope="module")
def html_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx-pairs")
    defect = folder / "2023-county-defect.html"
    defect.write_text(make_fixtures.defect_html(), "utf-8")
    pages = {n: ROOT / "examples" / f"{n}.html" for n in NAMES[:2]}
    pages["2023-county-defect"] = defect
    return folder, pages


def _docx(html_pages, name, auto):
    folder, pages = html_pages
    out = folder / f"{name}-{auto}.docx"
    if not out.exists():
        docxgen.write_report(read_path(str(pages[name])), out, auto_numbering=auto)
    return pages[name], out


@functools.cache
def _extract(path):
    return extract_path(path)


@functools.cache
def _check(path):
    from audit.checks.engine import Settings
    from audit.checks.packs import load_pack
    from audit.run.runner import check_file

    pack = load_pack()
    # P304 needs a publication date, which the portal page has and the Word draft does not
    settings = Settings(enabled={r.code for r in pack.rules} - {"P304"})
    return check_file(path, pack, settings)


def _same_model(a, b):
    for table in ("t2", "t3", "t4"):
        assert b.tables[table] == a.tables[table], table
    assert [(s.number, s.heading) for s in b.sections] == [(s.number, s.heading) for s in a.sections]
    assert (b.report_year, b.template, b.kind) == (a.report_year, a.template, a.kind)
    assert b.table_problems == a.table_problems == []


@pytest.mark.parametrize("name, auto", CASES, ids=IDS)
def test_same_cells(html_pages, name, auto):
    html, docx = _docx(html_pages, name, auto)
    d = extract_path(str(docx))
    assert d.format == "docx" and d.problems == []
    _same_model(_extract(str(html)), d)
    _same_model(_extract(str(PDF / f"lo-{name}.pdf")), d)




@pytest.mark.parametrize("name, auto", CASES, ids=IDS)
def test_same_findings(html_pages, name, auto):
    html, docx = _docx(html_pages, name, auto)
    d = _check(str(docx))
    for other in (html, PDF / f"lo-{name}.pdf"):
        o = _check(str(other))
        assert d["outcomes"] == o["outcomes"], other
        assert sorted(map(comparable, d["findings"])) == sorted(map(comparable, o["findings"])), other
    if name.endswith("defect"):
        found = [f for f in d["findings"] if f["rule"] in ("T201", "T203", "T204")]
        assert found and all(f["location"]["paragraph"] for f in found)
        assert all(f["location"]["line"] is None for f in d["findings"])


@pytest.mark.parametrize("header", [True, False], ids=["repeated-header", "no-header"])
def test_table_split_by_the_author(html_pages, tmp_path, header):
    """t3 cut in two Word tables inside the merged group （四）无法提供. With the three header
    rows repeated on top of the second part, its group labels restart empty; without, they
    continue (``<w:vMerge/>``) a merge that began in the first table."""
    from docx import Document as WordDocument

    html = html_pages[1]["2023-county-2021format"]
    doc = read_path(str(html))
    t3 = next(b for b in doc.tables() if any("本年新收" in c.text for r in b.rows for c in r))
    cut = next(i for i, r in enumerate(t3.rows) if "没有现成信息" in r[2].text)
    top = 3 if header else 0
    word = WordDocument()
    for block in doc.blocks:
        if block is not t3:
            (docxgen.add_table(word, block.rows) if block.kind == "table"
             else word.add_paragraph(block.text))
            continue
        docxgen.add_table(word, t3.rows[:cut])
        word.add_paragraph("")
        second = docxgen.add_table(word, t3.rows[:top] + t3.rows[cut:])
        for cell in [second.cell(top, 0), second.cell(top, 1)]:  # 三、本年度办理结果, （四）无法提供
            (docxgen.blank if header else docxgen.orphan_continue)(cell)
    path = tmp_path / "split.docx"
    word.save(path)
    tables = read_path(str(path)).tables()
    part2 = tables[2]
    assert [c.text for c in part2.rows[top][:3]] == [c.text for c in t3.rows[cut][:3]]
    assert "无法提供" in part2.rows[top + 1][1].text  # the whole merge, not its first row only
    assert part2.rows[top][0].spanned and part2.rows[top][1].spanned
    _same_model(_extract(str(html)), extract_path(str(path)))


def test_doc_through_libreoffice(html_pages, tmp_path):
    """A Word 97 .doc (made by LibreOffice from the .docx) and the same .doc named .wps."""
    import shutil
    import subprocess

    from audit.read.docx import convert

    exe = convert.soffice()
    if exe is None:
        pytest.skip("LibreOffice (soffice) not installed: apt-get install libreoffice-writer-nogui")
    html, docx = _docx(html_pages, "2023-county-defect", True)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "doc:MS Word 97", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=300)
    doc = tmp_path / (docx.stem + ".doc")
    assert doc.read_bytes()[:8] == convert.OLE2
    wps = tmp_path / "年报.wps"
    shutil.copy(doc, wps)
    a = _extract(str(html))
    for path in (doc, wps):
        _same_model(a, extract_path(str(path)))
