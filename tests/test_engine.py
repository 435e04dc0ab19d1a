"""Engine, pack loading and registry: outcomes for every applicable rule, gates, messages,
pack validation errors, and the pack ↔ registry ↔ schema cross-check."""
from __future__ import annotations

import json
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from audit.checks import REGISTRY
from audit.checks.engine import Settings, check_model
from audit.checks.findings import render
from audit.model.report import ReportModel
from audit.checks.packs import PackError, default_pack, load_pack

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from casebase import clean  # noqa: E402

PACKS = sorted((p.name, p.read_text(encoding="utf-8"))
               for p in files("audit.packs").iterdir() if p.name.endswith(".yaml"))


def test_pack_checks_and_registry_match():
    pack = default_pack()
    used = {r.check for r in pack.rules}
    assert used == set(REGISTRY), "every pack check is registered and every check is used"
    schema = json.loads(files("audit.schemas").joinpath("rulepack.schema.json").read_text())
    assert {k[:-7] for k in schema["$defs"] if k.endswith("_params")} == set(REGISTRY)


def test_catalogue_is_complete():
    spec = Path(__file__).resolve().parents[2] / "shared" / "spec" / "rules.md"  # checked when present
    codes = {r.code for r in default_pack().rules}
    if spec.is_file():
        import re

        assert set(re.findall(r"^\| ([STPCNXE]\d{3}) \|", spec.read_text(), re.M)) == codes


def _broken(old: str, new: str) -> list:
    return [(n, t.replace(old, new, 1)) for n, t in PACKS]


@pytest.mark.parametrize("old,new,message", [
    ("params: {table: t3, lhs:", "params: {table: t3, colum: x, lhs:", 'tables.yaml: T203: params: unknown key "colum"'),
    ("severity: error\n    check: table_sum", "severity: fatal\n    check: table_sum", "tables.yaml: T201: severity"),
    ("check: fee_unit", "check: fee_units", "tables.yaml: T208: check"),
    ("name: t3-row-total", "name: T3_Row", "tables.yaml: T201: name"),
    ("    params: {sums: t3_row_totals}\n", "    params: {sums: t3_row_totals}\n    extra: 1\n", 'T201: unknown key "extra"'),
])
def test_broken_pack_names_file_code_and_key(old, new, message):
    with pytest.raises(PackError) as err:
        load_pack(_broken(old, new))
    assert message in str(err.value)


def test_duplicate_code_is_an_error():
    with pytest.raises(PackError, match="already used"):
        load_pack(_broken("code: T202", "code: T201"))


def test_invalid_yaml():
    with pytest.raises(PackError, match="not valid YAML"):
        load_pack([("x.yaml", "rules: [\n")])


def test_outcomes_list_every_applicable_rule():
    res = check_model(ReportModel.from_dict(clean(2021, "2021")), default_pack(), Settings())
    codes = {r.code for r in default_pack().rules}
    assert set(res["outcomes"]) == codes
    assert [c for c, o in res["outcomes"].items() if o == "fail"] == []
    assert {c for c, o in res["outcomes"].items() if o == "not_assessable"} == \
        {"X601", "X602", "X603", "N503", "P304"}


def test_rules_outside_their_years_are_not_listed():
    res = check_model(ReportModel.from_dict(clean(2019, "2019")), default_pack(), Settings())
    assert "N502" not in res["outcomes"] and "S105" not in res["outcomes"]
    assert "T208" not in res["outcomes"]  # the 2019 table has no 万元 fee column


def test_unreadable_blocks_everything_else_even_when_e901_is_deselected():
    model = ReportModel.from_dict({"problems": [["E901", "文件为空"]], "kind": "unknown"})
    res = check_model(model, default_pack(), Settings(enabled={"S101", "C401", "S109"}))
    assert res["outcomes"] == {"S101": "not_assessable", "C401": "not_assessable",
                               "S109": "not_assessable"}
    assert res["findings"] == []


def test_out_of_scope_blocks_s_t_n_and_for_a_non_report_p_c():
    """A news article (corpus 125) or the format notice (127) is no report: "no contact
    details" or "no period" would be false findings. A pre-2019 report (013, 015) still has
    an intro whose period and contact can be judged."""
    m = clean(2021, "2021")
    m["kind"] = "news"
    res = check_model(ReportModel.from_dict(m), default_pack(), Settings())
    assert res["outcomes"]["S109"] == "fail"
    assert res["outcomes"]["T201"] == res["outcomes"]["S101"] == res["outcomes"]["N501"] == "not_assessable"
    assert res["outcomes"]["P301"] == res["outcomes"]["C401"] == "not_assessable"
    assert res["reasons"]["C401"].startswith("S109")
    m = clean(2013, "2019")
    m["kind"] = "legacy"
    res = check_model(ReportModel.from_dict(m), default_pack(), Settings())
    assert res["outcomes"]["S109"] == "fail"
    assert res["outcomes"]["S101"] == "not_assessable"
    assert res["outcomes"]["P301"] == res["outcomes"]["C401"] == "pass"


def test_message_example_from_the_issue():
    m = clean(2021, "2021")
    t3 = m["tables"]["t3"]
    t3.update({"granted/natural": 258, "partial/natural": 3, "denied.query/natural": 505,
               "results_total/natural": 767})
    res = check_model(ReportModel.from_dict(m), default_pack(), Settings(enabled={"T202"}))
    msg = res["findings"][0]["message"]
    assert msg.startswith("表三 （七）总计 自然人列 报告值 767，各项办理结果之和 766：予以公开 258 + 部分公开 3 + ")
    en = check_model(ReportModel.from_dict(m), default_pack(), Settings(enabled={"T202"}, lang="en"))
    assert en["findings"][0]["message"].startswith("Table 3 results_total/natural: reported 767")


def test_severity_override_reaches_findings():
    m = clean(2021, "2021")
    m["download"] = None
    res = check_model(ReportModel.from_dict(m), default_pack(), Settings(severity={"C404": "error"}))
    assert [f["severity"] for f in res["findings"] if f["rule"] == "C404"] == ["error"]


def test_safe_formatter_leaves_unknown_placeholders_visible():
    text, missing = render("表三{column}列：{colum}", {"column": "自然人"})
    assert text == "表三自然人列：{colum}" and missing == ["colum"]


def test_crashing_check_is_not_assessable_not_a_traceback(monkeypatch):
    def boom(model, params):
        raise RuntimeError("bug")
        yield

    monkeypatch.setitem(REGISTRY, "download_statement", boom)
    res = check_model(ReportModel.from_dict(clean(2021, "2021")), default_pack(), Settings())
    assert res["outcomes"]["C404"] == "not_assessable"
    assert res["errors"] == ["C404: RuntimeError: bug"]


def test_findings_are_sorted_by_section_table_row_column_code():
    m = clean(2021, "2021")
    m["tables"]["t4"]["counts/review.upheld"] = 1
    m["tables"]["t3"]["received/natural"] = 1
    m["download"] = None
    res = check_model(ReportModel.from_dict(m), default_pack(), Settings())
    keys = [(f["location"]["section"] or 0, f["location"]["table"] or "") for f in res["findings"]]
    assert keys == sorted(keys)
    assert [f["rule"] for f in res["findings"]] == ["C404", "T203", "T201", "T204"]  # received/natural < received/total


def test_docs_page_is_up_to_date():
    from audit.rulesdoc import markdown

    root = Path(__file__).resolve().parent.parent
    page = root / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == markdown(default_pack(), root / "tests" / "rules" / "cases"), \
        "regenerate: python -m audit.rulesdoc > docs/rules.md"


def test_size_budget_of_modules():
    """Every module reads in one sitting (about 300 lines); a check function fits on a screen."""
    import ast

    pkg = Path(__file__).resolve().parent.parent / "audit"
    for path in pkg.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(pkg))
        assert len(text.splitlines()) <= 300, name
        if path.parent.name == "checks":
            for node in ast.parse(text).body:
                if isinstance(node, ast.FunctionDef):
                    assert node.end_lineno - node.lineno < 50, f"{name}:{node.name}"
