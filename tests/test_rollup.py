"""--rollup (run/rollup.py): a government report that aggregates its departments, against the
sum of the departments' reports in the batch."""
from __future__ import annotations

import json
import random
import sys
from importlib.resources import files

import jsonschema
from pathlib import Path

from click.testing import CliRunner

from audit.cli import main
from audit.run.rollup import check_rollup

from reportgen import consistent_values, render_html

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from casebase import clean  # noqa: E402


def entry(path, agency, received, intro=""):
    m = clean(2023, "2021")
    m.update(path=path, agency=agency, intro=intro)
    m["tables"]["t3"]["received/total"] = received
    return {"path": path, "agency": agency, "report_year": 2023, "tables": m["tables"], "_model": m}


SAYS = "本报告数据为全县汇总数据，含县直各部门。"


def test_sum_of_departments_against_the_government():
    gov = entry("gov.html", "示例县人民政府", 30, SAYS)
    a, b = entry("a.html", "示例县财政局", 10), entry("b.html", "示例县人民政府办公室", 20)
    other = entry("c.html", "别的县财政局", 99)  # another region: not summed
    town = entry("d.html", "示例县城关镇人民政府", 5)  # a sub-region: not a department
    (r,) = check_rollup([gov, a, b, other, town])
    assert r["verdict"] == "consistent" and r["summed"] == ["a.html（示例县财政局）", "b.html（示例县人民政府办公室）"]
    assert {"cell": "t3/received/total", "government": 30, "departments": 30, "state": "equal"} in r["cells"]
    b["tables"]["t3"]["received/total"] = 25
    (r,) = check_rollup([gov, a, b])
    assert r["verdict"] == "contradiction" and "35" in r["verdict_zh"]
    b["tables"]["t3"]["received/total"] = 5
    assert check_rollup([gov, a, b])[0]["verdict"] == "incomplete"


def test_only_a_government_that_says_it_aggregates():
    assert check_rollup([entry("gov.html", "示例县人民政府", 30), entry("a.html", "示例县财政局", 30)]) == []
    dept = entry("x.html", "示例县财政局", 30, SAYS)  # a department saying so is no government
    assert check_rollup([dept]) == []
    (r,) = check_rollup([entry("gov.html", "示例县人民政府", 30, SAYS)])
    assert r["verdict"] == "no_departments" and r["summed"] == []


def test_cli_lists_what_was_summed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, agency in (("gov.html", "示例县人民政府"), ("a.html", "示例县财政局")):
        rep = consistent_values(random.Random(1), "2021")
        rep.year, rep.agency = 2023, agency
        page = render_html(rep).decode()
        if name == "gov.html":
            page = page.replace("一、总体情况</p>", "一、总体情况</p><p>" + SAYS + "</p>")
        (tmp_path / name).write_text(page, encoding="utf-8")
    out = CliRunner().invoke(main, ["check", ".", "--rollup", "--select", "S101", "--fail-on", "never"]).output
    assert "汇总核对（--rollup）" in out and "+ a.html（示例县财政局）" in out
    data = json.loads(CliRunner().invoke(main, ["check", ".", "--rollup", "--select", "S101", "--format", "json"]).output)
    jsonschema.validate(data, json.loads(files("audit.schemas").joinpath("findings.schema.json").read_text()))
    assert [(r["report"], r["summed"]) for r in data["rollup"]] == [("gov.html", ["a.html（示例县财政局）"])]
    html = CliRunner().invoke(main, ["check", ".", "--rollup", "--select", "S101", "--format", "html"]).output
    assert 'id="rollup"' in html and "a.html（示例县财政局）" in html
    plain = CliRunner().invoke(main, ["check", ".", "--select", "S101", "--fail-on", "never"]).output
    assert "汇总核对" not in plain
