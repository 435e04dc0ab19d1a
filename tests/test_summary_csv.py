"""--summary FILE.csv: one row per report, Excel-friendly."""
from __future__ import annotations

import csv

from audit.formatters import summary_csv as summary
from sample_results import result


def _rows(tmp_path, res=None):
    out = tmp_path / "summary.csv"
    summary.write(res or result(), str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    assert b"\r\n" in raw
    with open(out, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_one_row_per_report_with_counts_and_codes(tmp_path):
    rows = _rows(tmp_path)
    assert [r["path"] for r in rows] == ["reports/淮安市/2024年报告.pdf", "reports/good.html",
                                         "reports/draft.md", "reports/broken.pdf"]
    bad, good, text, broken = rows
    assert (bad["error"], bad["warning"], bad["info"]) == ("1", "2", "0")
    assert bad["failed"] == "T203 T206" and bad["not_assessable_codes"] == "C404"
    assert bad["not_assessable"] == "1" and bad["year"] == "2024" and bad["template"] == "2021"
    assert (good["error"], good["failed"]) == ("0", "")
    assert text["failed"] == "C404 S101" and text["not_assessable_codes"] == "T203"
    assert broken["failed"] == "E901" and broken["agency"] == ""


def test_manifest_columns_carried_and_formulas_defused(tmp_path):
    rows = _rows(tmp_path)
    header = list(rows[0])
    assert header[-2:] == ["published", "region"]
    assert rows[0]["published"] == "2025-01-20"
    assert rows[0]["region"] == "'=江苏"  # not run as a formula by Excel
    assert rows[1]["published"] == ""
    assert summary._safe("-12") == "-12" and summary._safe("-x") == "'-x"


def test_manifest_fills_missing_agency_and_year(tmp_path):
    res = result()
    res["reports"][3]["manifest"] = {"path": "reports/broken.pdf", "agency": "某局", "year": "2023"}
    broken = _rows(tmp_path, res)[3]
    assert (broken["agency"], broken["year"]) == ("某局", "2023")
