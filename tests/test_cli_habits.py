"""The command line people expect from ruff, yamllint and pre-commit (issue 9): stdin, --quiet,
--statistics, --exit-zero, -V, --no-color, --lang before the command, usage errors, extract of
an unreadable file, SARIF links to the docs, summary.csv in the chosen language, and the
manifest's agency in every output."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit import __url__, __version__
from audit.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "examples" / "2024-township.txt"
BAD = ROOT / "examples" / "defects" / "2022-district-arithmetic.txt"


def run(*args, stdin=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin)


def test_stdin_with_a_name_and_format():
    out = run("check", "-", "--stdin-filename", "reports/r.txt", "--format", "json", stdin=BAD.read_bytes())
    assert out.exit_code == 1
    rep = json.loads(out.stdout)["reports"][0]
    assert rep["path"] == "reports/r.txt" and rep["format"] == "text"
    assert {"T202", "T203"} <= {f["rule"] for f in rep["findings"]}
    import hashlib
    assert rep["sha256"] == hashlib.sha256(BAD.read_bytes()).hexdigest()


def test_stdin_html_told_from_its_bytes_and_empty_stdin_is_e901():
    page = (ROOT / "examples" / "2023-county-2021format.html").read_bytes()
    out = run("check", "-", "--format", "json", stdin=page)
    rep = json.loads(out.stdout)["reports"][0]
    assert out.exit_code == 0 and rep["path"] == "-" and rep["format"] == "html"
    empty = run("check", "-", "--format", "json", stdin=b"")
    assert empty.exit_code == 1
    assert [f["rule"] for f in json.loads(empty.stdout)["reports"][0]["findings"]] == ["E901"]


def test_stdin_through_a_real_pipe():
    proc = subprocess.run([sys.executable, "-m", "audit.cli", "check", "-", "--stdin-filename", "x.txt"],
                          input=GOOD.read_bytes(), capture_output=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().startswith("x.txt")


def test_dash_is_the_only_path_and_stdin_filename_needs_it(tmp_path):
    assert run("check", "-", str(GOOD)).exit_code == 2
    (tmp_path / "m.csv").write_text("path\nr.txt\n", encoding="utf-8")
    assert run("check", "-", "--manifest", tmp_path / "m.csv").exit_code == 2
    skipped = run("check", "-", "--skip-non-reports", "--stdin-filename", "README.md", stdin=b"# notes\n")
    assert skipped.exit_code == 0 and "README.md: skipped, not a report" in skipped.stderr
    assert run("check", str(GOOD), "--stdin-filename", "a.txt").exit_code == 2


def test_quiet_prints_findings_only():
    out = run("check", "--quiet", GOOD, BAD)
    assert out.exit_code == 1
    assert str(GOOD) not in out.stdout  # clean: not mentioned at all
    assert "T203" in out.stdout and "共" not in out.stdout and "无法评估" not in out.stdout
    assert run("check", "-q", GOOD).stdout == ""


def test_statistics_counts_per_rule():
    out = run("check", "--statistics", BAD, BAD.parent / "2021-street-intro.txt")
    lines = out.stdout.splitlines()
    counted = {ln.split()[1]: int(ln.split()[0]) for ln in lines[:-1]}
    full = json.loads(run("check", "--format", "json", BAD, BAD.parent / "2021-street-intro.txt").stdout)
    expected = {}
    for r in full["reports"]:
        for f in r["findings"]:
            expected[f["rule"]] = expected.get(f["rule"], 0) + 1
    assert counted == expected and out.exit_code == 1
    assert lines[-1].startswith("共 2 个报告")
    assert run("check", "--statistics", "--format", "json", BAD).exit_code == 2  # refused, not ignored


def test_exit_zero_and_usage_errors_still_exit_2():
    assert run("check", BAD).exit_code == 1
    assert run("check", "--exit-zero", BAD).exit_code == 0
    assert run("check", "--exit-zero", "--format", "nope", BAD).exit_code == 2


def test_version_short_and_long():
    for flag in ("-V", "--version"):
        out = run(flag)
        assert out.exit_code == 0 and __version__ in out.stdout


def test_no_color_and_color():
    assert "\x1b[" in run("check", "--color", BAD).stdout
    assert "\x1b[" not in run("check", "--no-color", BAD).stdout


def test_lang_before_the_command():
    assert "Table 3" in run("--lang", "en", "check", BAD).stdout
    assert "S101  error    section-missing            The report must" in run("--lang", "en", "rules").stdout
    assert "What it checks" in run("--lang", "en", "explain", "T203").stdout
    assert "表三" in run("--lang", "en", "check", "--lang", "zh", BAD).stdout  # the closer one wins


def test_check_without_path_or_manifest_is_a_usage_error():
    out = run("check")
    assert out.exit_code == 2 and "no PATH" in out.stderr


@pytest.mark.parametrize("lang, words", [("zh", "无法读取文件"), ("en", "Cannot read the file")])
def test_extract_of_a_missing_or_unreadable_file_exits_1_with_e901(tmp_path, lang, words):
    out = run("--lang", lang, "extract", tmp_path / "missing.pdf")
    assert out.exit_code == 1 and json.loads(out.stdout)["problems"][0][0] == "E901"  # the model too
    assert "E901" in out.stderr and words in out.stderr
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    out = run("extract", "--lang", lang, bad)
    assert out.exit_code == 1 and "E901" in out.stderr and words in out.stderr


def test_readme_examples_command_exits_0_and_defects_exit_1():
    clean = sorted(str(p) for p in (ROOT / "examples").glob("*.*") if p.suffix in (".html", ".txt"))
    assert run("check", *clean).exit_code == 0
    assert run("check", ROOT / "examples" / "defects").exit_code == 1
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "xxgk-audit check examples/*.html examples/*.txt" in readme
    assert "xxgk-audit check examples/defects/" in readme


def test_sarif_links_to_the_rule_docs():
    log = json.loads(run("check", "--format", "sarif", BAD).stdout)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == __url__
    t203 = next(r for r in driver["rules"] if r["id"] == "T203")
    assert t203["helpUri"] == f"{__url__}/blob/main/docs/rules.md#t203"
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "\n## T203\n" in docs and "\n### T203 (English)\n" in docs  # the anchors exist
    en = json.loads(run("--lang", "en", "check", "--format", "sarif", BAD).stdout)
    assert en["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"].endswith("-english")


def _csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_summary_csv_headers_in_the_chosen_language(tmp_path):
    run("check", BAD, "--summary", tmp_path / "zh.csv")
    run("check", BAD, "--summary", tmp_path / "en.csv", "--lang", "en")
    assert _csv(tmp_path / "zh.csv")[0][:4] == ["文件", "机关", "报告年度", "格式版本"]
    assert _csv(tmp_path / "en.csv")[0][:4] == ["path", "agency", "year", "template"]


def test_manifest_agency_wins_in_every_output(tmp_path):
    report = tmp_path / "r.txt"
    report.write_bytes(BAD.read_bytes())
    (tmp_path / "m.csv").write_text("path,agency\nr.txt,示例区人民政府办公室\n", encoding="utf-8")
    args = ["check", "--manifest", tmp_path / "m.csv"]
    rep = json.loads(run(*args, "--format", "json").stdout)["reports"][0]
    assert rep["agency"] == "示例区人民政府办公室" and rep["agency_in_document"] == "示例区人民政府"
    assert "示例区人民政府办公室" in run(*args).stdout
    page = run(*args, "--format", "html").stdout
    assert "示例区人民政府办公室" in page
    run(*args, "--summary", tmp_path / "s.csv", "--lang", "en")
    assert _csv(tmp_path / "s.csv")[1][1] == "示例区人民政府办公室"
