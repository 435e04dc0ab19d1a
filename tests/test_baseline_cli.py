"""check --write-baseline / --baseline / --summary / --format sarif|github|html, end to end on
the examples plus a broken file: every input gets exactly one entry in every output."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from audit.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOISY = "2020-county-2019format-gbk.html"  # has T206 warnings


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    for f in EXAMPLES.iterdir():
        if f.suffix in (".html", ".txt"):
            shutil.copy(f, tmp_path / f.name)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(*args):
    return CliRunner().invoke(main, ["check", "--jobs", "1", *args], catch_exceptions=False)


def test_baseline_round_trip(folder):
    assert _check(NOISY, "--fail-on", "warning").exit_code == 1
    r = _check(NOISY, "--fail-on", "warning", "--write-baseline", "bl.json")
    assert r.exit_code == 1
    doc = json.loads((folder / "bl.json").read_text(encoding="utf-8"))
    n = len(doc["findings"])
    assert n > 0 and all(e["rule"] == "T206" and e["path"] == NOISY for e in doc["findings"])
    # entries without a reason are a usage error
    r = _check(NOISY, "--baseline", "bl.json")
    assert r.exit_code == 2 and 'needs a "reason"' in r.output
    for e in doc["findings"]:
        e["reason"] = "2020年报告已发布，不再修改"
    (folder / "bl.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    r = _check(NOISY, "--fail-on", "warning", "--baseline", "bl.json", "--format", "json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["baseline"]["suppressed"] == n and out["baseline"]["gone"] == []
    assert out["reports"][0]["findings"] == [] and out["summary"]["warning"] == 0
    # rewriting keeps the reasons people wrote
    _check(NOISY, "--write-baseline", "bl.json")
    again = json.loads((folder / "bl.json").read_text(encoding="utf-8"))
    assert {e["reason"] for e in again["findings"]} == {"2020年报告已发布，不再修改"}


def test_gone_entries_are_listed(folder):
    doc = {"findings": [{"fingerprint": "0" * 32, "path": NOISY, "rule": "T203",
                         "where": "t3/received/total", "reason": "old"}]}
    (folder / "bl.json").write_text(json.dumps(doc), encoding="utf-8")
    r = _check(NOISY, "--baseline", "bl.json", "--format", "json")
    assert "baseline entry no longer found: " + NOISY + " T203" in r.stderr
    assert json.loads(r.stdout)["baseline"]["gone"][0]["rule"] == "T203"


def test_one_entry_per_input_in_every_output(folder):
    names = sorted(p.name for p in folder.iterdir() if p.suffix in (".html", ".txt", ".pdf"))
    r = _check(".", "--summary", "s.csv", "--format", "json", "-o", "out.json", "--lang", "en")
    assert r.exit_code == 1  # broken.pdf: E901
    with open("s.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(Path(x["path"]).name for x in rows) == names
    assert next(x for x in rows if x["path"].endswith("broken.pdf"))["failed"].startswith("E901")
    data = json.loads((folder / "out.json").read_text(encoding="utf-8"))
    assert sorted(Path(x["path"]).name for x in data["reports"]) == names
    _check(".", "--format", "sarif", "-o", "out.sarif")
    sarif = json.loads((folder / "out.sarif").read_text(encoding="utf-8"))
    uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for res in sarif["runs"][0]["results"]}
    assert "broken.pdf" in uris
    assert {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]} >= {"T203", "E901", "X603"}
    _check(".", "--format", "html", "-o", "out.html")
    page = lxml.html.fromstring((folder / "out.html").read_bytes())
    assert len(page.xpath('//table[contains(@class,"overview")]/tbody/tr')) == len(names)
    r = _check(".", "--format", "github")
    assert "::error file=broken.pdf,line=1,title=E901" in r.stdout
