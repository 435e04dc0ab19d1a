"""X601/X602 over generated chains of three years (style.md §7.6): a consistent chain never
fails; one changed cell is found, at that cell, in the pair it belongs to and nowhere else."""
from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings, strategies as st

from audit.checks.engine import Settings, check_model
from audit.checks.packs import default_pack
from audit.model.report import ReportModel
from audit.model.template import APPLICANT_COLUMNS

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from casebase import clean  # noqa: E402

X = {"X601", "X602"}
ROWS = ("regulations", "normative")


@st.composite
def chain(draw):
    """Three consecutive years of one body whose carry-overs and in-force stocks continue."""
    years = []
    forward = {c: draw(st.integers(0, 30)) for c in APPLICANT_COLUMNS}
    in_force = {r: draw(st.integers(0, 300)) for r in ROWS}
    for y in (2021, 2022, 2023):
        m = clean(y, "2021")
        t3, t2 = m["tables"]["t3"], m["tables"]["t2"]
        for c in APPLICANT_COLUMNS:
            t3[f"carried_over/{c}"] = forward[c] if y > 2021 else draw(st.integers(0, 30))
            forward[c] = t3[f"carried_forward/{c}"] = draw(st.integers(0, 30))
        for key in ("carried_over", "carried_forward"):
            t3[f"{key}/total"] = sum(t3[f"{key}/{c}"] for c in APPLICANT_COLUMNS)
        for r in ROWS:
            issued = draw(st.integers(0, 40))
            repealed = draw(st.integers(0, in_force[r] + issued))
            in_force[r] = in_force[r] + issued - repealed
            t2.update({f"{r}/issued": issued, f"{r}/repealed": repealed, f"{r}/in_force": in_force[r]})
        m["path"] = f"{y}.html"
        years.append(m)
    return years


def outcomes(years):
    """Findings of each pair (2021→2022, 2022→2023) as (year, rule, table, row, column)."""
    out = []
    for prev, cur in zip(years, years[1:]):
        res = check_model(ReportModel.from_dict(cur), default_pack(), Settings(enabled=X),
                          previous=ReportModel.from_dict(prev))
        assert res["errors"] == [] and set(res["outcomes"].values()) <= {"pass", "fail"}
        out += [(cur["report_year"], f["rule"], f["location"]["table"], f["location"]["row"],
                 f["location"]["column"]) for f in res["findings"]]
    return out


@settings(max_examples=60, deadline=None)
@given(chain())
def test_consistent_chain_never_fails(years):
    assert outcomes(years) == []


@settings(max_examples=60, deadline=None)
@given(chain(), st.sampled_from([1, 2]), st.sampled_from(APPLICANT_COLUMNS), st.integers(1, 9))
def test_one_changed_carry_over_is_found_at_its_cell(years, k, column, delta):
    years[k]["tables"]["t3"][f"carried_over/{column}"] += delta
    assert outcomes(years) == [(years[k]["report_year"], "X601", "t3", "carried_over", column)]


@settings(max_examples=60, deadline=None)
@given(chain(), st.sampled_from([1, 2]), st.sampled_from(ROWS), st.integers(1, 9))
def test_one_changed_issued_count_is_found_at_in_force(years, k, row, delta):
    years[k]["tables"]["t2"][f"{row}/issued"] += delta
    assert outcomes(years) == [(years[k]["report_year"], "X602", "t2", row, "in_force")]


def test_evidence_names_both_files_and_both_cells():
    prev, cur = clean(2021, "2021"), clean(2022, "2021")
    prev["path"], cur["path"] = "a/2021.html", "a/2022.pdf"
    prev["tables"]["t3"]["carried_forward/total"] = 7
    cur["tables"]["t3"]["carried_over/total"] = 5
    res = check_model(ReportModel.from_dict(cur), default_pack(), Settings(enabled={"X601"}),
                      previous=ReportModel.from_dict(prev))
    (f,) = res["findings"]
    ev = f["evidence"]
    assert (ev["file"], ev["cell"], ev["reported"]) == ("a/2022.pdf", "t3/carried_over/total", 5)
    assert (ev["previous_file"], ev["previous_cell"], ev["computed"]) == ("a/2021.html", "t3/carried_forward/total", 7)
    assert "2021.html" in f["message"]
