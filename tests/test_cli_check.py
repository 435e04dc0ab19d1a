"""``xxgk-audit check / rules / explain`` through click's CliRunner and a subprocess."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEED = CORPUS / "000_xining-chengzhong-district-2021.txt"
REPORT = """2021年度政府信息公开工作年度报告
本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。
一、总体情况
本年度工作稳步推进。
"""


def schema_check(data):
    import jsonschema

    schema = json.loads(files("audit.schemas").joinpath("findings.schema.json").read_text())
    jsonschema.validate(data, schema)


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no config file of the project leaks in
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_rules_lists_the_catalogue(cli):
    out = cli("rules")
    assert out.exit_code == 0 and "T203" in out.output and "X601" in out.output
    rows = json.loads(cli("rules", "--format", "json").output)
    assert len(rows) == 35 and rows[0]["code"] == "S101"


def test_explain(cli):
    out = cli("explain", "T203")
    assert out.exit_code == 0 and "勾稽关系" in out.output and "依据" in out.output
    assert cli("explain", "t3-carry-over-identity").exit_code == 0
    assert cli("explain", "Z999").exit_code == 2


def test_unreadable_and_missing_files_are_e901_findings(cli, tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    out = cli("check", "--format", "json", "--jobs", "1", "empty.pdf", "nope.html")
    assert out.exit_code == 1
    data = json.loads(out.output)
    schema_check(data)
    assert [r["path"] for r in data["reports"]] == ["empty.pdf", "nope.html"]
    assert [[f["rule"] for f in r["findings"]] for r in data["reports"]] == [["E901"], ["E901"]]


def test_fail_on_and_select(cli, tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    out = cli("check", "r.txt", "--jobs", "1", "--format", "json")
    assert out.exit_code == 1  # sections missing: S101 errors
    schema_check(json.loads(out.output))
    out = cli("check", "r.txt", "--jobs", "1", "--select", "C404", "--format", "json")
    data = json.loads(out.output)
    assert set(data["reports"][0]["outcomes"]) == {"C404"}
    assert out.exit_code == 0  # C404 is info
    assert cli("check", "r.txt", "--jobs", "1", "--select", "C404", "--fail-on", "info").exit_code == 1
    assert cli("check", "r.txt", "--jobs", "1", "--fail-on", "never").exit_code == 0
    out = cli("check", "r.txt", "--jobs", "1", "--ignore", "S,T,P,C,N,E", "--format", "json")
    assert set(json.loads(out.output)["reports"][0]["outcomes"]) <= {"X601", "X602", "X603"}


def test_bad_options_exit_2(cli, tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    assert cli("check", "r.txt", "--select", "Q9").exit_code == 2
    assert cli("check", "r.txt", "--profile", "nope").exit_code == 2
    assert cli("check", "r.txt", "--format", "yaml").exit_code == 2
    assert cli("check", "r.txt", "--config", "missing.toml").exit_code == 2


def test_config_discovery_and_unknown_key(cli, tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.xxgk-audit]\nselect = ["C404"]\nfail-on = "info"\n')
    assert cli("check", "r.txt", "--jobs", "1").exit_code == 1
    (tmp_path / "xxgk-audit.toml").write_text('fail_on = "info"\n')
    out = cli("check", "r.txt")
    assert out.exit_code == 2 and 'unknown key "fail_on"' in out.output


def test_folder_input_order_and_parallel_jobs(cli, tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    for name in ["b.txt", "a.html", "c.md", "skip.json"]:
        (d / name).write_text(REPORT, encoding="utf-8")
    one = json.loads(cli("check", "reports", "--format", "json", "--jobs", "1").output)
    many = json.loads(cli("check", "reports", "--format", "json", "--jobs", "3").output)
    assert [r["path"] for r in one["reports"]] == [str(Path("reports") / n) for n in ["a.html", "b.txt", "c.md"]]
    assert one == many


def test_empty_folder_is_not_an_error(cli, tmp_path):
    (tmp_path / "none").mkdir()
    out = cli("check", "none")
    assert out.exit_code == 0 and "no reports" in out.output


def test_text_output_is_plain_when_piped_and_lists_counts(cli, tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    out = cli("check", "r.txt", "--jobs", "1")
    assert "\x1b[" not in out.output and "共 1 个报告（本次检查 1 个文件）" in out.output
    out = cli("check", "r.txt", "--jobs", "1", "--lang", "en", "--output", "o.txt")
    assert out.output == "" and "1 report(s) (1 file(s) checked in this run)" in (tmp_path / "o.txt").read_text(encoding="utf-8")


def test_seed_report_default_profile():
    if not SEED.is_file():
        pytest.skip(f"shared corpus absent: {SEED}")
    proc = subprocess.run([sys.executable, "-m", "audit.cli", "check", "--format", "json",
                           "--jobs", "1", str(SEED)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    schema_check(data)
    found = data["reports"][0]["findings"]
    assert [f for f in found if f["severity"] == "error"] == []
    assert sorted({f["rule"] for f in found if f["severity"] == "warning"}) == ["N502", "S108", "T208"]
