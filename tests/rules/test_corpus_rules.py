"""The rules on real reports (../shared/corpus, skipped when absent): the findings that
docs/corpus-findings.md judged wrong because of a rule stay gone, and the real defects the
rules found stay found. Model-side mistakes are the model tests' business, not asserted here."""
from __future__ import annotations

import pytest
from corpus import corpus_file  # tests/corpus.py (tests/conftest.py puts tests/ on the path)

from audit.model.build import extract_path
from audit.checks.engine import Settings, check_model
from audit.checks.packs import default_pack


def check(name: str) -> dict:
    return check_model(extract_path(str(corpus_file(name))), default_pack(), Settings())


def cells(res, code):
    return [(f["location"]["table"], f["location"]["row"], f["location"]["column"])
            for f in res["findings"] if f["rule"] == code]


@pytest.mark.parametrize("name", ["125_", "reference/127_"])
def test_a_document_that_is_no_report_gets_no_period_or_contact_findings(name):
    res = check(name)
    assert res["outcomes"]["S109"] == "fail"
    assert [f["rule"] for f in res["findings"]] == ["S109"]


@pytest.mark.parametrize("name", ["231_", "232_"])
def test_fee_statement_in_loose_wording_and_unread_result_rows(name):
    res = check(name)
    assert res["outcomes"]["N502"] == "pass"  # 信息公开处理费
    assert res["outcomes"]["T202"] != "fail"  # the gap is rows the reader did not join


@pytest.mark.parametrize("name", ["005_", "007_", "232_"])
def test_tables_that_are_there_are_not_reported_missing(name):
    assert check(name)["outcomes"]["S104"] == "pass"


def test_real_defects_stay_found():
    assert cells(check("002_"), "T204") == [("t4", "counts", "review.total"),
                                            ("t4", "counts", "suit_after_review.total")]
    assert cells(check("202_"), "T202") == [("t3", "results_total", "natural"),
                                            ("t3", "results_total", "total")]
