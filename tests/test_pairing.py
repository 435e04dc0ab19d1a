"""Pairing reports across years (run/pairing.py): body names normalised, manifest columns win,
years must be consecutive, and the pairs and X outcomes do not depend on --jobs."""
from __future__ import annotations

import json
import random
from importlib.resources import files

import jsonschema

import pytest
from click.testing import CliRunner

from audit.cli import main
from audit.run.pairing import body_key, same_body

from reportgen import Report, consistent_values, render_html


@pytest.mark.parametrize("a,b", [
    ("城中区政府办公室", "城中区人民政府办公室"),
    ("平潭综合实验区管委会办公室", "平潭综合实验区管理委员会办公室"),
    ("淮安市人民政府（淮安市人民政府办公室编制）", "淮安市人民政府(淮安市人民政府办公室编制)"),
    ("洪泽区人民政府办公室", "淮安市洪泽区人民政府办公室"),  # the parent region in front
])
def test_same_body(a, b):
    assert same_body(body_key(a), body_key(b))


@pytest.mark.parametrize("a,b", [("城中区人民政府办公室", "城东区人民政府办公室"),
                                 ("区政府办公室", "淮安市洪泽区政府办公室"),  # too short to tell
                                 ("鹰潭市市场监督管理局", "鹰潭市人民政府")])
def test_different_bodies(a, b):
    assert not same_body(body_key(a), body_key(b))


def _write(folder, name, year, agency, carried_over_total=None, forward=None):
    rep = consistent_values(random.Random(year), "2021")
    rep.year, rep.agency = year, agency
    if forward is not None:  # make last year's carried forward what this year carried over
        for c, v in forward.items():
            rep.t3[f"carried_over/{c}"] = v
    (folder / name).write_bytes(render_html(rep))
    return rep


def _run(*args):
    out = CliRunner().invoke(main, ["check", "--format", "json", "--select", "X601,X603", *args],
                             catch_exceptions=False)
    return json.loads(out.output)


def test_batch_pairs_by_normalised_body_and_consecutive_year(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = _write(tmp_path, "a2021.html", 2021, "示例县人民政府")
    fwd = {k.split("/")[1]: v for k, v in a.t3.items() if k.startswith("carried_forward/")}
    _write(tmp_path, "b2022.html", 2022, "示例县政府", forward=fwd)
    _write(tmp_path, "c2024.html", 2024, "示例县人民政府")  # 2023 missing: no pair
    one, two = _run(".", "--jobs", "1"), _run(".", "--jobs", "2")
    assert one == two  # pairing happens in the parent, after all files are read
    jsonschema.validate(one, json.loads(files("audit.schemas").joinpath("findings.schema.json").read_text()))
    assert [(p["report"], p["previous"], p["why"]) for p in one["pairs"]] == [
        ("b2022.html", "a2021.html", "model")]
    by = {r["path"]: r for r in one["reports"]}
    assert by["b2022.html"]["outcomes"]["X601"] == "pass"  # carried over what 2021 carried forward
    assert by["b2022.html"]["outcomes"]["X603"] == "fail"  # the generator writes the same prose
    assert by["c2024.html"]["unpaired"] == "批次中没有示例县人民政府2023年度的报告（同一机关只有2021、2022年度：年度不相邻不配对）"
    assert by["c2024.html"]["outcomes"]["X601"] == "not_assessable"
    assert by["c2024.html"]["reasons"]["X601"] == by["c2024.html"]["unpaired"]


def test_carry_over_chain_passes_and_manifest_names_win(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = _write(tmp_path, "a.html", 2021, "甲县人民政府")
    fwd = {k.split("/")[1]: v for k, v in a.t3.items() if k.startswith("carried_forward/")}
    _write(tmp_path, "b.html", 2022, "乙县人民政府", forward=fwd)  # the document names another body
    assert _run(".")["pairs"] == []
    (tmp_path / "m.csv").write_text("path,agency,year\na.html,甲县,2021\nb.html,甲县,2022\n", encoding="utf-8")
    res = _run("--manifest", "m.csv")
    assert [(p["report"].split("/")[-1], p["why"]) for p in res["pairs"]] == [("b.html", "manifest")]
    b = next(r for r in res["reports"] if r["path"].endswith("b.html"))
    assert b["outcomes"]["X601"] == "pass"


def test_previous_option_and_its_refusals(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "a.html", 2021, "甲县人民政府")
    _write(tmp_path, "b.html", 2022, "甲县人民政府")
    _write(tmp_path, "c.html", 2023, "甲县人民政府")
    res = _run("b.html", "--previous", "a.html")
    assert [(p["report"], p["previous"], p["why"]) for p in res["pairs"]] == [("b.html", "a.html", "option")]
    res = _run("c.html", "--previous", "a.html")
    assert res["pairs"] == [] and "不相邻" in res["reports"][0]["reasons"]["X601"]
    res = _run("b.html", "--previous", "missing.html")
    assert res["pairs"] == [] and res["reports"][0]["unpaired"] == "--previous 文件无法读取（文件不存在）"
    out = CliRunner().invoke(main, ["check", "a.html", "b.html", "--previous", "a.html"])
    assert out.exit_code == 2 and "paired automatically" in out.output


def test_text_output_lists_pairs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "a.html", 2021, "甲县人民政府")
    _write(tmp_path, "b.html", 2022, "甲县人民政府")
    out = CliRunner().invoke(main, ["check", ".", "--select", "X603", "--fail-on", "never"]).output
    assert "配对 1 组" in out and "b.html ← a.html" in out and "上一年度报告：a.html" in out
    assert "未配对：批次中没有甲县人民政府2020年度的报告" in out
    html = CliRunner().invoke(main, ["check", ".", "--select", "X603", "--format", "html"]).output
    assert 'id="pairs"' in html and "b.html</code> ← <code>a.html" in html
