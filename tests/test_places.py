"""Exact places (issue 9): an HTML finding names the table and cell (printed row and column
labels, 1-based row and column in the printed table) and a CSS-path-like pointer that a real
browser resolves to the cell; a text finding gives line and character; a PDF finding gives page
and the cell's box, which pdfplumber crops back to the value; SARIF gets the column; the HTML
report shows printed labels, never internal keys or Python list text."""
from __future__ import annotations

import html as htmlmod
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import make_fixtures
from audit.cli import main

ROOT = Path(__file__).resolve().parents[1]
ARITH = ROOT / "examples" / "defects" / "2022-district-arithmetic.txt"
PDF = ROOT / "tests" / "fixtures" / "pdf"


def findings(*args):
    out = CliRunner().invoke(main, ["check", "--format", "json", *map(str, args)])
    return json.loads(out.stdout)["reports"]


def arithmetic(rep):
    return [f for f in rep["findings"] if f["rule"] in ("T201", "T202", "T203", "T204")]


def test_text_findings_give_line_and_character_of_the_cell():
    rep = findings(ARITH)[0]
    lines = ARITH.read_text(encoding="utf-8").splitlines()
    checked = 0
    for f in arithmetic(rep):
        loc, cell = f["location"], f["location"]["cell"]
        reported = f["evidence"].get("reported") if f["rule"] != "T203" else None
        at = lines[loc["line"] - 1][cell["char"] - 1:]
        key = "/".join(x for x in (loc["table"], loc["row"], loc["column"]) if x)
        value = rep["tables"][loc["table"]][key.split("/", 1)[1]]
        assert at.startswith(str(value)), (f["rule"], at[:10], value)
        checked += 1 if reported is not None else 0
    assert checked >= 2
    t202 = next(f for f in rep["findings"] if f["rule"] == "T202")["location"]["cell"]
    assert (t202["row_label"], t202["column_label"], t202["table"], t202["row"], t202["column"]) == (
        "(七)总计", "自然人", 2, 27, 2)


@pytest.fixture(scope="module")
def defect_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("places") / "2023-county-defect.html"
    path.write_text(make_fixtures.defect_html(), "utf-8")
    return path


def test_html_findings_give_table_cell_and_a_pointer_chromium_resolves(defect_page, tmp_path):
    from browser import dump_dom

    rep = findings(defect_page)[0]
    located = [f for f in arithmetic(rep) if (f["location"].get("cell") or {}).get("pointer")]
    assert located, rep["findings"]
    probes = []
    for n, f in enumerate(located):
        cell = f["location"]["cell"]
        assert cell["row"] >= 1 and cell["column"] >= 1 and cell["table"] >= 1
        assert cell["column_label"] and f["location"]["line"]
        probes.append((n, cell["pointer"], f["evidence"]["reported"] if f["rule"] != "T203" else None))
    assert any(r is not None for _, _, r in probes)  # at least one value compared
    script = "".join(
        f"<script>document.body.setAttribute('data-p{n}', "
        f"(document.querySelector({json.dumps(p)}) || {{textContent: 'MISSING'}}).textContent.replace(/\\s/g, ''))</script>"
        for n, p, _ in probes)
    page = tmp_path / "probe.html"
    page.write_text(defect_page.read_text("utf-8").replace("</body>", script + "</body>"), "utf-8")
    dom = dump_dom(page)
    for n, pointer, reported in probes:
        m = re.search(rf'data-p{n}="([^"]*)"', dom)
        assert m and m.group(1) != "MISSING", pointer
        if reported is not None:
            assert m.group(1) == str(reported), (pointer, m.group(1), reported)


def test_pdf_findings_give_page_and_a_box_that_holds_the_value():
    import pdfplumber

    pdf = PDF / "lo-2023-county-defect.pdf"
    rep = findings(pdf)[0]
    with pdfplumber.open(pdf) as doc:
        for f in arithmetic(rep):
            loc = f["location"]
            if f["rule"] == "T203":
                continue
            box = loc["cell"]["box"]
            page = doc.pages[loc["page"] - 1]
            text = page.crop(box).extract_text().replace(" ", "").replace("\n", "")
            assert text == str(f["evidence"]["reported"]), (f["rule"], box, text)


def test_sarif_region_has_the_column_for_text():
    out = CliRunner().invoke(main, ["check", "--format", "sarif", str(ARITH)])
    results = json.loads(out.stdout)["runs"][0]["results"]
    t202 = next(r for r in results if r["ruleId"] == "T202")
    region = t202["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 54, "startColumn": 11}
    assert t202["properties"]["cell"]["row_label"] == "(七)总计"


def test_github_annotation_has_the_column_for_text():
    out = CliRunner().invoke(main, ["check", "--format", "github", str(ARITH)])
    line = next(ln for ln in out.stdout.splitlines() if "title=T202" in ln)
    assert ",line=54,col=11,title=" in line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_report_shows_printed_labels_not_keys_or_list_text(tmp_path, lang):
    out = tmp_path / "r.html"
    CliRunner().invoke(main, ["--lang", lang, "check", "--format", "html", "-o", str(out), str(ARITH),
                              str(ROOT / "examples" / "defects" / "2021-street-intro.txt"),
                              str(PDF / "lo-2023-county-defect.pdf")])
    page = out.read_text(encoding="utf-8")
    visible = htmlmod.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)))
    assert not re.search(r"\bt[234]/[a-z_.]+/[a-z_.]+", visible)  # no internal cell keys
    assert not re.search(r"\[\s*'", visible)  # no Python list text
    if lang == "zh":
        assert "表三 （七）总计 自然人列 = 55" in visible
        assert "第2张表第27行第2列" in visible  # the place in the printed table
    else:
        assert "Table 3 （七）总计 / 自然人 = 55" in visible
        assert "Table 3 （七）总计 / 自然人, table 2 row 27 col 2" in visible


def test_html_evidence_lists_and_cells_in_words():
    from audit.formatters.html.assets import labels
    from audit.formatters.html.page import _evidence_html

    f = {"evidence": {"2019": ["（六）其他处理 单行"], "2021": [], "cell": "t4/counts/review.total"}}
    shown = htmlmod.unescape(re.sub(r"<[^>]+>", " ", _evidence_html(f, labels("zh"), "zh")))
    assert "2019年格式特征：（六）其他处理 单行" in shown and "单元格：表四 行政复议·总计列" in shown
    assert "[" not in shown and "t4/" not in shown


def test_readme_real_run_is_the_real_output(monkeypatch):
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ xxgk-audit check examples/defects/2022-district-arithmetic.txt\n", 1)[1]
    shown = block.split("(exit status 1)", 1)[0]
    out = CliRunner().invoke(main, ["check", "examples/defects/2022-district-arithmetic.txt"])
    assert out.exit_code == 1 and out.stdout == shown


@pytest.mark.parametrize("name", ["202_", "203_"])
def test_pointers_on_real_portal_pages_find_the_cells(name, tmp_path):
    """The portal's own page (Word-pasted tables, digits split into spans, site chrome around
    the article): every 10th located cell's pointer, resolved by chromium, holds its value."""
    from browser import dump_dom
    from corpus import corpus_file

    from audit.model.build import extract_path

    src = corpus_file(name)
    m = extract_path(str(src))
    probes = [(k, v["cell"]["pointer"]) for k, v in m.locations.items() if "cell" in v][::10]
    assert len(probes) >= 10
    script = "".join(
        f"<script>document.body.setAttribute('data-p{n}', (document.querySelector({json.dumps(p)})"
        f" || {{textContent: 'MISSING'}}).textContent.replace(/\\s/g, ''))</script>"
        for n, (_, p) in enumerate(probes))
    raw = src.read_bytes()
    end = raw.lower().rfind(b"</body>")
    page = tmp_path / "probe.html"  # the page's own bytes (and encoding), probes appended
    page.write_bytes(raw[:end] + script.encode("ascii") + raw[end:])
    dom = dump_dom(page)
    for n, (key, pointer) in enumerate(probes):
        got = re.search(rf'data-p{n}="([^"]*)"', dom).group(1)
        want = m.tables[key[:2]][key[3:]]
        assert got == ("" if want is None else str(want)), (key, pointer, got, want)
