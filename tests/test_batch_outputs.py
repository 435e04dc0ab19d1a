"""Issue 5's "done when": a folder of mixed good, bad and broken reports plus a manifest gives
every input exactly one entry in every output (JSON, CSV summary, SARIF, HTML, GitHub), in input
order, with --jobs 2."""
from __future__ import annotations

import csv
import html
import io
import json
import os
import re
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from audit.cli import main
from audit.formatters.summary_csv import HEADERS

ROOT = Path(__file__).resolve().parent.parent
COPIES = {  # name in the batch -> source (None: written below)
    "good-2023.html": ROOT / "examples" / "2023-county-2021format.html",
    "good-2020-gbk.html": ROOT / "examples" / "2020-county-2019format-gbk.html",
    "good-2024.txt": ROOT / "examples" / "2024-township.txt",
    "good.pdf": ROOT / "tests" / "fixtures" / "pdf" / "lo-2023-county-2021format.pdf",
    "bad-arithmetic.txt": ROOT / "examples" / "defects" / "2022-district-arithmetic.txt",
    "bad-intro.md": ROOT / "examples" / "defects" / "2021-street-intro.txt",
}
BROKEN = {"broken.pdf": b"%PDF-1.4\nthis is not a pdf", "empty.html": b"", "empty.txt": b"",
          "not-a-report.json": b"{}"}  # the .json is no report: not an input
MANIFEST = ("path,agency,year,published,region\r\n"
            "reports/good-2023.html,示例县人民政府,2023,2024-01-25,甲省\r\n"
            "reports/broken.pdf,某局,2023,2024-01-30,乙省\r\n"
            "reports/missing.pdf,某办,2023,,丙省\r\n"
            ",无路径的单位,2023,,丁省\r\n")


def _encrypted_pdf() -> bytes:
    try:
        from reportlab.lib.pdfencrypt import StandardEncryption
        from reportlab.pdfgen import canvas
    except ImportError:  # a PDF that only says it is encrypted is read the same way
        return (b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R"
                b"/Encrypt<</Filter/Standard/V 2/R 3/O(x)/U(y)/P -4>>>>\n%%EOF")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(100, 700, "2023年度政府信息公开工作年度报告")
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Run the batch once per format; {format: text}, plus the CSV summary and the inputs."""
    tmp = tmp_path_factory.mktemp("batch")
    reports = tmp / "reports"
    reports.mkdir()
    for name, src in COPIES.items():
        (reports / name).write_bytes(src.read_bytes())
    for name, data in BROKEN.items():
        (reports / name).write_bytes(data)
    (reports / "encrypted.pdf").write_bytes(_encrypted_pdf())
    (tmp / "m.csv").write_bytes(MANIFEST.encode("gbk"))  # as Chinese Excel saves it
    inputs = ["reports/good-2023.html", "reports/broken.pdf", "reports/missing.pdf", "m.csv:5",
              *(f"reports/{n}" for n in sorted([*COPIES, "empty.html", "empty.txt", "encrypted.pdf"])
                if n not in ("good-2023.html",))]
    out = {}
    cwd = Path.cwd()
    os.chdir(tmp)  # the paths in the outputs are relative, as an office would run it
    try:
        for fmt in ("json", "sarif", "html", "github"):
            extra = ["--summary", "summary.csv"] if fmt == "json" else []
            res = CliRunner().invoke(main, ["check", "--manifest", "m.csv", "reports", "--jobs", "2",
                                            "--format", fmt, "--output", f"out.{fmt}", *extra],
                                     catch_exceptions=False)
            assert res.exit_code == 1, res.output  # the bad and broken files have errors
            out[fmt] = (tmp / f"out.{fmt}").read_text(encoding="utf-8")
        with open(tmp / "summary.csv", encoding="utf-8-sig", newline="") as fh:
            key = {v: k for k, v in HEADERS["zh"].items()}  # the default language's headers
            out["csv"] = [{key.get(h, h): v for h, v in row.items()} for row in csv.DictReader(fh)]
    finally:
        os.chdir(cwd)
    return inputs, out


UNREADABLE = {"reports/broken.pdf", "reports/missing.pdf", "m.csv:5", "reports/empty.html",
              "reports/empty.txt", "reports/encrypted.pdf"}


def test_json_one_entry_per_input_in_order(outputs):
    import jsonschema

    inputs, out = outputs
    data = json.loads(out["json"])
    jsonschema.validate(data, json.loads(files("audit.schemas").joinpath("findings.schema.json").read_text()))
    assert [r["path"] for r in data["reports"]] == inputs
    assert data["summary"]["reports"] == len(inputs)
    by = {r["path"]: r for r in data["reports"]}
    for path, r in by.items():
        e901 = [f for f in r["findings"] if f["rule"] == "E901"]
        assert len(e901) == (path in UNREADABLE), (path, r["findings"])
        assert r["errors"] == [], (path, r["errors"])  # nothing crashed
    assert "加密" in by["reports/encrypted.pdf"]["findings"][0]["message"]
    assert "文件不存在" in by["reports/missing.pdf"]["findings"][0]["message"]
    assert "没有填写文件路径" in by["m.csv:5"]["findings"][0]["message"]
    assert {f["rule"] for f in by["reports/bad-arithmetic.txt"]["findings"]} >= {"T203", "T202"}
    for good in ("good-2023.html", "good-2020-gbk.html", "good-2024.txt", "good.pdf"):
        assert not [f for f in by[f"reports/{good}"]["findings"] if f["severity"] == "error"], good
    assert by["reports/good-2023.html"]["manifest"]["region"] == "甲省"
    assert "manifest" not in by["reports/good.pdf"]  # not listed: found in the folder


def test_json_layout_one_finding_per_line(outputs):
    """Reports and their lists are laid out over lines; each finding is one line (grep finds a
    rule with its whole finding), and the text is the same data as any other JSON layout."""
    _, out = outputs
    data = json.loads(out["json"])
    lines = out["json"].splitlines()
    findings = [f for r in data["reports"] for f in r["findings"]]
    assert findings
    parsed = [json.loads(line.strip().rstrip(",")) for line in lines if line.startswith('        {"rule": ')]
    assert parsed == findings  # every finding is exactly one line, in order
    assert lines[0] == "{" and lines[1].startswith('  "') and out["json"].endswith("}\n")


def test_csv_summary_one_row_per_input(outputs):
    inputs, out = outputs
    rows = out["csv"]
    assert [r["path"] for r in rows] == inputs
    assert [r["region"] for r in rows[:4]] == ["甲省", "乙省", "丙省", "丁省"]
    assert rows[2]["failed"] == "E901" and rows[2]["agency"] == "某办" and rows[2]["year"] == "2023"


def test_html_one_overview_row_and_one_section_per_input(outputs):
    inputs, out = outputs
    page = out["html"]
    assert len(re.findall(r'<tr data-report="\d+">', page)) == len(inputs)
    sections = [html.unescape(p) for p in re.findall(r'<section class="report" id="[^"]+" data-path="([^"]*)"', page)]
    assert sections == inputs


def _sarif_paths(result) -> str:
    return unquote(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])


def test_sarif_every_failing_input_has_its_results(outputs):
    inputs, out = outputs
    run = json.loads(out["sarif"])["runs"][0]
    assert run["properties"]["summary"]["reports"] == len(inputs)
    seen = {_sarif_paths(r) for r in run["results"]}
    assert seen <= set(inputs)
    assert UNREADABLE | {"reports/bad-arithmetic.txt", "reports/bad-intro.md"} <= seen
    for path in UNREADABLE:
        assert [r["ruleId"] for r in run["results"] if _sarif_paths(r) == path] == ["E901"], path


def test_sarif_lists_every_input_as_an_artifact(outputs):
    inputs, out = outputs
    run = json.loads(out["sarif"])["runs"][0]
    assert [unquote(a["location"]["uri"]) for a in run.get("artifacts", [])] == inputs


def test_github_annotations_and_count(outputs):
    """Workflow commands exist per finding only (a clean file has nothing to annotate); every
    unreadable input has exactly one E901 error, and the last line counts every input."""
    inputs, out = outputs
    lines = out["github"].splitlines()
    for path in UNREADABLE:
        mine = [ln for ln in lines if f"file={path.replace(':', '%3A')}," in ln]
        assert len(mine) == 1 and mine[0].startswith("::error ") and "title=E901" in mine[0], path
    assert lines[-1].startswith(f"xxgk-audit: {len(inputs)} report(s)")
