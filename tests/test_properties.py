"""Property tests for the arithmetic rules (style.md §7.6): a consistent report gives no T
finding; one changed t3/t4 cell gives exactly the T findings that cell takes part in, and the
evidence names it; dropping one section gives S101 for that section only."""
from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings, strategies as st

from audit.checks.engine import Settings, check_model
from audit.model.report import ReportModel
from audit.checks.packs import default_pack
from audit.model.template import APPLICANT_COLUMNS, T3_COLUMNS, T4_FIELDS, T4_GROUPS

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from casebase import clean  # noqa: E402

ARITH = {"T201", "T202", "T203", "T204"}
RESULTS = ["granted", "partial", "denied.state_secret", "denied.third_party", "unavailable.not_held",
           "not_processed.repeated", "other.no_correction", "other.other"]
n = st.integers(min_value=0, max_value=500)


@st.composite
def consistent(draw):
    """A clean 2021 model whose t3 and t4 satisfy every identity."""
    m = clean(2021, "2021")
    t3, t4 = m["tables"]["t3"], m["tables"]["t4"]
    for r in RESULTS + ["carried_over"]:
        for c in APPLICANT_COLUMNS:
            t3[f"{r}/{c}"] = draw(st.integers(0, 50))
    fwd = {c: draw(st.integers(0, 20)) for c in APPLICANT_COLUMNS}
    for c in APPLICANT_COLUMNS:
        res = sum(t3[f"{r}/{c}"] for r in RESULTS)
        t3[f"results_total/{c}"] = res
        t3[f"carried_forward/{c}"] = fwd[c]
        # received is what balances the carry-over identity; carried_over is capped to keep it ≥ 0
        t3[f"carried_over/{c}"] = min(t3[f"carried_over/{c}"], res + fwd[c])
        t3[f"received/{c}"] = res + fwd[c] - t3[f"carried_over/{c}"]
    rows = {k.split("/")[0] for k in t3}
    for r in rows:
        t3[f"{r}/total"] = sum(t3[f"{r}/{c}"] for c in APPLICANT_COLUMNS)
    for g in T4_GROUPS:
        parts = [draw(n) for _ in T4_FIELDS[:-1]]
        for f, v in zip(T4_FIELDS[:-1], parts):
            t4[f"counts/{g}.{f}"] = v
        t4[f"counts/{g}.total"] = sum(parts)
    return m


def t_findings(model_dict):
    res = check_model(ReportModel.from_dict(model_dict), default_pack(), Settings())
    assert res["errors"] == []
    return res, [f for f in res["findings"] if f["rule"] in ARITH or f["rule"] in ("T205", "T206", "T207")]


def expected(cell: str) -> set:
    """(rule, row, column) of every identity the t3/t4 cell takes part in."""
    table, row, col = cell.split("/")
    out = set()
    if table == "t4":
        return {("T204", "counts", col.split(".")[0] + ".total")}
    out.add(("T201", row, "total"))
    if row in RESULTS or row == "results_total":
        out.add(("T202", "results_total", col))
    if row in ("received", "carried_over", "results_total", "carried_forward"):
        out.add(("T203", "received", col))
    return out


@settings(max_examples=60, deadline=None)
@given(consistent())
def test_consistent_report_has_no_t_finding(m):
    _, found = t_findings(m)
    assert found == []


t3_rows = ["received", "carried_over", *RESULTS, "results_total", "carried_forward"]


@settings(max_examples=150, deadline=None)
@given(consistent(), st.one_of(
    st.tuples(st.just("t3"), st.sampled_from(t3_rows), st.sampled_from(T3_COLUMNS)),
    st.tuples(st.just("t4"), st.just("counts"),
              st.builds(lambda g, f: f"{g}.{f}", st.sampled_from(T4_GROUPS), st.sampled_from(T4_FIELDS)))),
    st.integers(min_value=1, max_value=40))
def test_one_changed_cell_gives_exactly_its_identities(m, where, delta):
    table, row, col = where
    key = f"{row}/{col}"
    m["tables"][table][key] += delta
    cell = f"{table}/{key}"
    res, found = t_findings(m)
    got = {(f["rule"], f["location"]["row"], f["location"]["column"]) for f in found}
    assert got == expected(cell)
    for f in found:
        ev = f["evidence"]
        named = {ev.get("cell")} | {t["cell"] for t in ev.get("terms", [])}
        assert cell in named
        if len(found) > 1:
            assert ev["suspect"]["cell"] == cell
            assert ev["suspect"]["expected"] == m["tables"][table][key] - delta


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=6))
def test_dropping_a_section_gives_s101_for_it_only(number):
    m = clean(2021, "2021")
    m["sections"] = [s for s in m["sections"] if s["number"] != number]
    res = check_model(ReportModel.from_dict(m), default_pack(), Settings(enabled={"S101"}))
    assert [(f["rule"], f["location"]["section"]) for f in res["findings"]] == [("S101", number)]
