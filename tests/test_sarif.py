"""--format sarif: shape GitHub code scanning reads, stable fingerprints, and validation by
Microsoft's SARIF Multitool (installed by `.ci/browser-deps` into .ci/node_modules)."""
from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from audit.checks.findings import FINGERPRINT_KEY
from audit.formatters import sarif
from sample_results import BAD, PACK, result

ROOT = Path(__file__).resolve().parents[1]
MULTITOOL = ROOT / ".ci/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"


def _log(res=None, pack=PACK, **opts):
    return json.loads(sarif.render(res or result(), pack, opts))


def test_every_pack_rule_is_described_even_without_findings():
    log = _log()
    assert log["version"] == "2.1.0"
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert {"T203", "T206", "C404", "S101", "E901"} <= set(by_id)
    t203 = by_id["T203"]
    assert t203["name"] == "t3-carry-over-identity"
    assert t203["defaultConfiguration"]["level"] == "error"
    assert by_id["C404"]["defaultConfiguration"]["level"] == "note"
    assert "勾稽关系" in t203["shortDescription"]["text"]
    assert "数字不平" in t203["fullDescription"]["text"]
    assert "核对各列数字" in t203["help"]["text"] and "**" in t203["help"]["markdown"]
    # bilingual docs pick the language
    en = {r["id"]: r for r in _log(lang="en")["runs"][0]["tool"]["driver"]["rules"]}
    assert en["T206"]["shortDescription"]["text"].startswith("A cell that needs a number")


def test_results_locations_and_levels():
    run = _log()["runs"][0]
    results = run["results"]
    assert len(results) == 3 + 2 + 1  # BAD, TEXT, BROKEN; GOOD has none
    first = results[0]
    assert first["ruleId"] == "T203" and first["level"] == "error"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "T203"
    assert first["message"]["text"].startswith("表三总计列")
    assert "p.4" in first["message"]["text"] and "t3/received/total" in first["message"]["text"]
    phys = first["locations"][0]["physicalLocation"]
    # Chinese path, percent-encoded, relative to %SRCROOT%
    assert phys["artifactLocation"]["uri"].startswith("reports/%E6%B7%AE")
    assert phys["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert phys["region"] == {"startLine": 1}  # PDF
    assert first["locations"][0]["logicalLocations"][0]["name"] == "t3/received/total"
    assert first["properties"]["page"] == 4
    assert first["properties"]["evidence"]["computed"] == 3153
    text_results = [r for r in results if r["ruleId"] in ("S101", "C404")]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in text_results] == [12, 40]
    assert {r["level"] for r in text_results} == {"error", "note"}


def test_unknown_rule_gets_a_descriptor():
    log = _log(pack=None)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for r in log["runs"][0]["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]


def test_fingerprints_ignore_page_and_line_but_not_the_cell():
    moved = copy.deepcopy(BAD)
    for f in moved["findings"]:
        f["location"]["page"] += 1  # a page break moved
        f["location"]["line"] = 99
    a = [r["partialFingerprints"][FINGERPRINT_KEY] for r in _log(result(BAD))["runs"][0]["results"]]
    b = [r["partialFingerprints"][FINGERPRINT_KEY] for r in _log(result(moved))["runs"][0]["results"]]
    assert a == b and len(set(a)) == 3
    other_cell = copy.deepcopy(BAD)
    other_cell["findings"][0]["location"]["column"] = "natural"
    c = [r["partialFingerprints"][FINGERPRINT_KEY] for r in _log(result(other_cell))["runs"][0]["results"]]
    assert c[0] != a[0] and c[1:] == a[1:]


def test_deterministic():
    assert sarif.render(result(), PACK, {}) == sarif.render(result(), PACK, {})


def _multitool():
    if os.environ.get("XXGK_SARIF_MULTITOOL"):
        return os.environ["XXGK_SARIF_MULTITOOL"]
    if MULTITOOL.exists():
        return str(MULTITOOL)
    return shutil.which("sarif-multitool")


def test_validates_with_sarif_multitool(tmp_path):
    tool = _multitool()
    if not tool:
        pytest.skip("SARIF Multitool not installed: run `bash .ci/browser-deps` "
                    "(npm @microsoft/sarif-multitool into .ci/node_modules)")
    src = tmp_path / "out.sarif"
    src.write_text(sarif.render(result(), PACK, {}), encoding="utf-8")
    out = tmp_path / "validation.sarif"
    # "Sarif" = the SARIF spec rules, "Gh" = GitHub code scanning's ingestion rules.
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1", DOTNET_CLI_TELEMETRY_OPTOUT="1")
    proc = subprocess.run([tool, "validate", str(src), "-o", str(out), "--log", "ForceOverwrite",
                           "--rule-kind", "Gh;Sarif"], capture_output=True, text=True,
                          timeout=120, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(out.read_text(encoding="utf-8-sig"))
    problems = [r for r in report["runs"][0].get("results", []) if r.get("level", "warning") == "error"]
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1) + proc.stdout
