"""One habit of a report makes one finding (issue 9): blank cells and missing template cells are
grouped per table with every cell kept in the evidence; findings caused by one wrong cell are
linked (primary + consequences) in the JSON, the text and the SARIF output."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

from audit.checks.engine import Settings, check_model
from audit.checks.packs import default_pack
from audit.cli import main
from audit.model.report import ReportModel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "rules"))
from casebase import clean, drop  # noqa: E402

ARITH = ROOT / "examples" / "defects" / "2022-district-arithmetic.txt"
GBK = ROOT / "examples" / "2020-county-2019format-gbk.html"


def findings(model_dict, lang="zh"):
    return check_model(ReportModel.from_dict(model_dict), default_pack(), Settings(lang=lang))["findings"]


def test_blank_cells_are_one_finding_per_table_with_every_cell_in_the_evidence():
    out = CliRunner().invoke(main, ["check", "--format", "json", str(GBK)])
    rep = json.loads(out.stdout)["reports"][0]
    t206 = [f for f in rep["findings"] if f["rule"] == "T206"]
    assert len(t206) == 1  # the example writes its zeros as &nbsp; in 20 rows: one habit
    blanks = sorted(f"t3/{k}" for k, v in rep["tables"]["t3"].items() if v is None)
    assert sorted(t["cell"] for t in t206[0]["evidence"]["terms"]) == blanks
    assert t206[0]["location"]["table"] == "t3" and t206[0]["location"]["row"] is None
    for term in t206[0]["evidence"]["terms"]:  # each blank cell can still be found
        at = term["at"]
        assert at["line"] and at["cell"]["row"] >= 1 and at["cell"]["column"] >= 1
        assert " > td" in at["cell"]["pointer"] and at["cell"]["row_label"]
    assert f"有 {len(blanks)} 个单元格为空" in t206[0]["message"] and "等共 20 行" in t206[0]["message"]


def test_blank_cells_in_two_tables_are_two_findings():
    m = clean(2021, "2021")
    m["tables"]["t3"].update({"granted/natural": None, "partial/legal": "-"})
    m["tables"]["t4"]["counts/review.pending"] = None
    got = [f for f in findings(m) if f["rule"] == "T206"]
    assert [(f["location"]["table"], len(f["evidence"]["terms"])) for f in got] == [("t3", 2), ("t4", 1)]
    assert "（一）予以公开：自然人；（二）部分公开：法律服务机构“-”" in got[0]["message"]


def test_a_cut_table_is_one_s107_listing_rows_columns_and_cells():
    rows = len({k.split("/")[0] for k in clean(2021, "2021")["tables"]["t3"]})
    m = drop(clean(2021, "2021"), ["tables.t3.*/legal", "tables.t3.denied.query/*",
                                   "tables.t3.carried_forward/*", "tables.t3.received/other"])
    got = [f for f in findings(m) if f["rule"] == "S107"]
    assert len(got) == 1
    f = got[0]
    assert f["evidence"]["rows"] == ["denied.query", "carried_forward"]
    assert f["evidence"]["columns"] == ["legal"]
    assert "t3/received/other" in f["evidence"]["missing"] and len(f["evidence"]["missing"]) == 2 * 7 + (rows - 2) + 1
    assert "行 不予公开·属于行政查询事项、四、结转下年度继续办理" in f["message"]
    assert "列 法律服务机构" in f["message"] and "单元格 一、本年新收政府信息公开申请数量 其他列" in f["message"]
    en = [f for f in findings(m, "en") if f["rule"] == "S107"][0]["message"]
    assert "rows denied.query, carried_forward; columns legal; cells received/other" in en


def test_one_wrong_cell_links_its_findings_in_json_and_text():
    out = CliRunner().invoke(main, ["check", "--format", "json", str(ARITH)])
    rep = json.loads(out.stdout)["reports"][0]
    linked = {f["rule"]: f["cause"]["role"] for f in rep["findings"] if "cause" in f}
    assert linked == {"T202": "primary", "T203": "consequence", "T201": "consequence"}
    cause = next(f["cause"] for f in rep["findings"] if f["rule"] == "T202")
    assert (cause["cell"], cause["value"], cause["expected"], cause["count"]) == ("t3/results_total/natural", 55, 54, 3)
    text = CliRunner().invoke(main, ["check", str(ARITH)]).stdout.splitlines()
    i = next(n for n, ln in enumerate(text) if " T202 " in ln)
    assert "最可能出错的是表三 （七）总计 自然人列（55，应为 54）" in text[i + 1]
    assert " T203 " in text[i + 2] and " T201 " in text[i + 3]
    assert text[i + 2].startswith("        ") and text[i].startswith("    error")
    assert sum(" T203 " in ln for ln in text) == 1  # printed once, under its primary


def test_sarif_keeps_the_cause():
    out = CliRunner().invoke(main, ["check", "--format", "sarif", str(ARITH)])
    results = json.loads(out.stdout)["runs"][0]["results"]
    roles = {r["ruleId"]: r["properties"]["cause"]["role"] for r in results if "cause" in r.get("properties", {})}
    assert roles == {"T202": "primary", "T203": "consequence", "T201": "consequence"}
