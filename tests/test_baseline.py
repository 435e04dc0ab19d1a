"""--write-baseline / --baseline: fingerprints, hiding, gone entries, reasons required."""
from __future__ import annotations

import copy
import json

import pytest

from audit.checks.findings import fingerprint, report_fingerprints
from audit.run.baseline import BaselineError, apply_baseline, load_baseline, write_baseline
from sample_results import BAD, result


def _write_with_reasons(tmp_path, res=None, reason="历史遗留，2025年整改"):
    f = tmp_path / "baseline.json"
    n = write_baseline(res or result(), str(f))
    doc = json.loads(f.read_text(encoding="utf-8"))
    for e in doc["findings"]:
        e["reason"] = reason
    f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return f, n


def test_written_entries_need_a_reason_before_use(tmp_path):
    f = tmp_path / "baseline.json"
    assert write_baseline(result(), str(f)) == 6
    with pytest.raises(BaselineError, match='needs a "reason".*T203 reports/淮安市'):
        load_baseline(str(f))
    doc = json.loads(f.read_text(encoding="utf-8"))
    doc["reason"] = "adopted the tool in 2025"  # a file-level reason covers every entry
    f.write_text(json.dumps(doc), encoding="utf-8")
    assert all(e["reason"] == "adopted the tool in 2025" for e in load_baseline(str(f)).values())


def test_bad_files_are_usage_errors(tmp_path):
    f = tmp_path / "b.json"
    with pytest.raises(BaselineError, match="cannot read"):
        load_baseline(str(f))
    f.write_text("{", encoding="utf-8")
    with pytest.raises(BaselineError, match="not valid JSON"):
        load_baseline(str(f))
    f.write_text("[]", encoding="utf-8")
    with pytest.raises(BaselineError, match="not a baseline"):
        load_baseline(str(f))


def test_apply_hides_known_and_keeps_new(tmp_path):
    f, _ = _write_with_reasons(tmp_path)
    later = result()
    new = copy.deepcopy(later["reports"][0]["findings"][0])
    new["location"]["column"] = "natural"
    later["reports"][0]["findings"].append(new)
    later["summary"]["error"] += 1
    for fnd in later["reports"][0]["findings"]:
        fnd["location"]["page"] = 9  # re-laid-out PDF: still the same findings
    out = apply_baseline(later, load_baseline(str(f)), str(f))
    assert [x["location"]["column"] for x in out["reports"][0]["findings"]] == ["natural"]
    assert out["summary"]["error"] == 1 and out["summary"]["warning"] == 0
    assert out["baseline"] == {"file": str(f), "suppressed": 6, "gone": []}
    assert out["reports"][0]["suppressed"][0]["reason"] == "历史遗留，2025年整改"
    assert later["reports"][0]["findings"][0].get("fingerprint") is None  # input untouched


def test_gone_only_for_reports_checked_this_run(tmp_path):
    f, _ = _write_with_reasons(tmp_path)
    only_bad = result(BAD)
    only_bad["reports"][0]["findings"].pop(1)  # one T206 fixed
    out = apply_baseline(only_bad, load_baseline(str(f)))
    gone = out["baseline"]["gone"]
    assert [(g["rule"], g["where"]) for g in gone] == [("T206", "t3/granted/social")]


def test_duplicates_are_told_apart_and_stable_after_hiding():
    rep = copy.deepcopy(BAD)
    dup = copy.deepcopy(rep["findings"][1])
    rep["findings"].append(dup)
    fps = report_fingerprints(rep)
    assert len(set(fps)) == 4
    assert fps[3] == fingerprint(rep["path"], dup, 1)
    entries = {fps[1]: {"fingerprint": fps[1], "reason": "x", "path": rep["path"]}}
    out = apply_baseline(result(rep), entries)
    assert report_fingerprints(out["reports"][0]) == [fps[0], fps[2], fps[3]]


def test_text_findings_use_section_and_snippet():
    a = {"rule": "C403", "location": {"section": 6, "snippet": "电话：0517-\n8888", "line": 3}}
    b = {"rule": "C403", "location": {"section": 6, "snippet": "电话：0517-8888", "line": 30}}
    c = {"rule": "C403", "location": {"section": 6, "snippet": "邮编：2230", "line": 3}}
    assert fingerprint("a.txt", a) == fingerprint("./a.txt", b) != fingerprint("a.txt", c)
