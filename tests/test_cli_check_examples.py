"""The example reports with known defects give exactly their recorded findings."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.checks.engine import Settings
from audit.checks.packs import default_pack
from audit.run.runner import check_file

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = sorted((ROOT / "examples" / "defects" / "expected").glob("*.findings.json"))


@pytest.mark.parametrize("path", EXPECTED, ids=[p.name.split(".")[0] for p in EXPECTED])
def test_defect_example(path, monkeypatch):
    monkeypatch.chdir(ROOT)
    want = json.loads(path.read_text(encoding="utf-8"))
    got = check_file(want["path"], default_pack(), Settings())
    assert got["errors"] == []
    assert got["outcomes"] == want["outcomes"]
    assert got["findings"] == want["findings"]


def test_arithmetic_example_names_the_suspect_cell():
    want = json.loads((ROOT / "examples/defects/expected/2022-district-arithmetic.txt.findings.json")
                      .read_text(encoding="utf-8"))
    suspects = {f["evidence"]["suspect"]["cell"] for f in want["findings"] if "suspect" in f["evidence"]}
    assert suspects == {"t3/results_total/natural"}
