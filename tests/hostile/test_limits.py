"""Bombs, huge tables, and hostile numbers and configuration: bounded time and memory, exit 2
with one clear line for what the user got wrong, never a traceback."""
from __future__ import annotations

import json

import pytest

import builders
from runcli import no_traceback, run


def _one(tmp_path, path, *extra):
    rc, out, err, secs = run(["check", "--format", "json", str(path), *extra], tmp_path)
    no_traceback(err)
    reports = json.loads(out)["reports"]
    assert len(reports) == 1
    return rc, reports[0], secs


def test_a_decompression_bomb_stops_at_the_stream_cap(tmp_path):
    """pdfminer (the reference engine) inflates whole streams: the cap stops it. PDFium (the
    default) does not inflate an unused stream, and the file is simply read: no text layer."""
    bomb = builders.pdf_bomb(tmp_path, inflated=300 * 1024 ** 2)
    rc, rep, secs = _one(tmp_path, bomb, "--pdf-engine", "pdfplumber")
    assert rc == 1 and secs < 60
    assert rep["findings"][0]["message"].startswith("无法读取文件：PDF 中有数据流解压后超过 64 MB")
    rc, rep, secs = _one(tmp_path, bomb)
    assert rc == 1 and secs < 60 and rep["findings"][0]["rule"] in ("E901", "E902")


def test_a_file_that_needs_more_memory_than_allowed_is_e901(tmp_path):
    rc, rep, _ = _one(tmp_path, builders.big_html(tmp_path, megabytes=8), "--max-memory", "100M")
    assert rc == 1
    assert rep["findings"][0]["message"] == "无法读取文件：内存超限（超过 --max-memory 的上限）"


@pytest.mark.parametrize("build", [builders.long_table_html, builders.span_trap_html,
                                   builders.deep_html])
def test_huge_and_deep_tables_finish_well_within_the_limit(tmp_path, build):
    rc, rep, secs = _one(tmp_path, build(tmp_path), "--timeout", "60")
    assert rc == 1 and secs < 45
    assert not [f for f in rep["findings"] if f["rule"] == "E901"]  # read, not given up on


def test_owner_password_pdf_is_called_encrypted(tmp_path):
    pytest.importorskip("reportlab")
    """pdfminer cannot decrypt every string of such a file: E901 says why (not "garbled").
    PDFium decrypts it, and the report is read."""
    pdf = builders.owner_password_pdf(tmp_path)
    rc, rep, _ = _one(tmp_path, pdf, "--pdf-engine", "pdfplumber")
    assert rc == 1
    assert "权限密码" in rep["findings"][0]["message"] and rep["findings"][0]["rule"] == "E901"
    rc, rep, _ = _one(tmp_path, pdf)
    assert not any(f["rule"].startswith("E90") for f in rep["findings"]), rep["findings"]


def _exit2(tmp_path, args, expect):
    (tmp_path / "a.txt").write_bytes(builders.EXAMPLE_TXT.read_bytes())
    rc, out, err, secs = run(["check", "a.txt", *args], tmp_path)
    lines = err.strip().splitlines()
    assert (rc, out) == (2, b""), err
    assert len(lines) == 1 and lines[0].startswith("xxgk-audit: ") and expect in lines[0], err
    assert secs < 30


@pytest.mark.parametrize("value", ["inf", "nan", "1e308", "3000000", "-1"])
def test_hostile_timeouts_are_usage_errors(tmp_path, value):
    _exit2(tmp_path, ["--timeout", value], "--timeout")


@pytest.mark.parametrize("value", ["lots", "-1G", "1K", "inf"])
def test_hostile_memory_limits_are_usage_errors(tmp_path, value):
    _exit2(tmp_path, ["--max-memory", value], "--max-memory")


@pytest.mark.parametrize("option", ["--output", "--summary", "--write-baseline"])
def test_bad_output_paths_are_found_before_the_run(tmp_path, option):
    _exit2(tmp_path, [option, str(tmp_path / "missing" / "x.out")], "does not exist")
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro" / "x.out").mkdir()  # click refuses a folder itself; here the file's place is one
    rc, out, err, _ = run(["check", "a.txt", option, str(tmp_path / "ro" / "x.out")], tmp_path)
    assert (rc, out) == (2, b"") and "Traceback" not in err


@pytest.mark.parametrize("name, text, expect", [
    ("pyproject.toml", "[tool.xxgk-audit]\njobs = 2.0\n", "whole number"),
    ("pyproject.toml", "[tool.xxgk-audit]\ntimeout = inf\n", "timeout"),
    ("pyproject.toml", "[tool.xxgk-audit]\ntimeout = nan\n", "timeout"),
    ("xxgk-audit.toml", 'max-memory = "a lot"\n', "not a size"),
    ("xxgk-audit.toml", "timeout = [\n", "not valid TOML"),
])
def test_hostile_config_files_are_usage_errors(tmp_path, name, text, expect):
    (tmp_path / name).write_text(text, encoding="utf-8")
    _exit2(tmp_path, [], expect)


def test_malformed_yaml_config_is_a_usage_error(tmp_path):
    (tmp_path / "c.yaml").write_text("select: [T201\n", encoding="utf-8")
    _exit2(tmp_path, ["--config", "c.yaml"], "not valid YAML")


def test_a_tool_key_that_is_not_a_table_is_not_a_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text('tool = "xxgk-audit"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(builders.EXAMPLE_TXT.read_bytes())
    rc, _, err, _ = run(["check", "a.txt"], tmp_path)
    assert rc == 0, err


@pytest.mark.parametrize("doc, expect", [
    ({"findings": [{"fingerprint": 12, "reason": "x"}]}, "fingerprint must be a string"),
    ({"findings": [{"fingerprint": "ab", "path": ["a"], "reason": "x"}]}, "path must be a string"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("{", "not valid JSON"),
])
def test_hostile_baselines_are_usage_errors(tmp_path, doc, expect):
    (tmp_path / "b.json").write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    _exit2(tmp_path, ["--baseline", "b.json"], expect)


def test_a_manifest_cell_over_the_csv_limit_is_a_usage_error(tmp_path):
    (tmp_path / "m.csv").write_text('path,agency\na.txt,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    _exit2(tmp_path, ["--manifest", "m.csv"], "not a usable CSV")
