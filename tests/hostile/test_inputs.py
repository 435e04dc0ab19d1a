"""Hostile inputs through the whole command line, in a child process: every input gets exactly
one row in every output format, the run ends within its limits with the documented exit status,
and stderr never shows a traceback."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import builders
from runcli import no_traceback, run

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks (POSIX)")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    (d / "good.txt").write_bytes(builders.EXAMPLE_TXT.read_bytes())
    made = [Path("good.txt")] + [b(d).relative_to(d) for b in builders.QUICK]
    return d, made


def _display(p: Path) -> str:
    from audit.run.paths import display

    return display(str(p))


@pytest.fixture(scope="module")
def outputs(folder):
    """One run per format over the folder (the same inputs), with --summary beside each."""
    d, _ = folder
    out = {}
    for fmt in ("json", "sarif", "text", "github", "html"):
        rc, stdout, stderr, secs = run(["check", "--format", fmt, "--timeout", "20", ".",
                                        "--summary", f"summary-{fmt}.csv", "-o", f"out.{fmt}"], d)
        out[fmt] = (rc, (d / f"out.{fmt}").read_bytes(), stderr, secs,
                    (d / f"summary-{fmt}.csv").read_bytes())
    return out


@pytest.mark.parametrize("fmt", ["json", "sarif", "text", "github", "html"])
def test_every_format_ends_with_status_1_and_no_traceback(outputs, fmt):
    rc, body, stderr, secs, _ = outputs[fmt]
    no_traceback(stderr)
    assert rc == 1  # the E901 rows are errors
    assert secs < 60
    body.decode("utf-8")  # strict: a name that is not UTF-8 must not reach the output raw
    if fmt == "text":
        assert b"\x1b" not in body  # no terminal escape from a name or a document


def test_json_has_one_row_per_input(folder, outputs):
    _, made = folder
    data = json.loads(outputs["json"][1])
    from importlib.resources import files

    import jsonschema

    jsonschema.validate(data, json.loads(files("audit.schemas").joinpath("findings.schema.json").read_text()))
    reports = data["reports"]
    assert sorted(r["path"] for r in reports) == sorted(_display(m) for m in made)
    by = {r["path"].rsplit("/", 1)[-1]: r for r in reports}
    e901 = {name: [f["message"] for f in by[name]["findings"] if f["rule"] == "E901"]
            for name in ("fifo.txt", "zero.pdf", "dangling.html", "nul.txt")}
    assert e901 == {"fifo.txt": ["无法读取文件：不是普通文件（命名管道），不会读取"],
                    "zero.pdf": ["无法读取文件：不是普通文件（字符设备），不会读取"],
                    "dangling.html": ["无法读取文件：符号链接指向的文件不存在"],
                    "nul.txt": ["无法读取文件：文件只有空字节（NUL），没有内容"]}
    assert [by[n]["sha256"] for n in ("fifo.txt", "zero.pdf", "dangling.html")] == [None] * 3
    assert len(by["nul.txt"]["sha256"]) == 64  # read, then found empty
    assert by["good.txt"]["findings"] == [] and len(by["good.txt"]["sha256"]) == 64
    # the GBK name decoded as what it is; the broken one with its bytes escaped
    assert "报告.txt" in by and by["报告.txt"]["findings"] == []
    assert by["报告.txt"]["path_bytes"].endswith("%B1%A8%B8%E6.txt")
    assert "bad\\xff\\xfe\\x80.txt" in by
    # a PDF named .html is read as the PDF it is
    assert by["really-a-pdf.html"]["format"] == "pdf"
    assert not [f for f in by["really-a-pdf.html"]["findings"] if f["rule"] == "E901"]


def test_sarif_names_every_input_by_its_exact_bytes(folder, outputs):
    _, made = folder
    sarif = json.loads(outputs["sarif"][1])
    uris = [a["location"]["uri"] for a in sarif["runs"][0]["artifacts"]]
    assert len(uris) == len(made)
    assert "%B1%A8%B8%E6.txt" in uris and "bad%FF%FE%80.txt" in uris
    assert all(u.isascii() for u in uris)


def test_text_and_html_show_each_input_once(folder, outputs):
    _, made = folder
    text = outputs["text"][1].decode("utf-8")
    html = outputs["html"][1].decode("utf-8")
    from html import escape

    from audit.formatters.text import clean

    for m in made:
        shown = _display(m)
        assert text.count(clean(shown) + "  ") == 1
        assert html.count(f'data-path="{escape(shown)}"') == 1
    assert "\\x1b[2J" in text  # the escape shown, not sent


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_summary_csv_has_one_row_per_input(folder, outputs, fmt):
    _, made = folder
    rows = list(csv.reader(io.StringIO(outputs[fmt][4].decode("utf-8-sig"))))
    assert len(rows) == len(made) + 1


def test_same_file_by_three_names_is_one_row(tmp_path):
    (tmp_path / "a.txt").write_bytes(builders.EXAMPLE_TXT.read_bytes())
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    rc, out, err, _ = run(["check", "--format", "json", "a.txt", str(tmp_path / "a.txt"),
                           "./a.txt", "link.txt"], tmp_path)
    no_traceback(err)
    assert rc == 0 and len(json.loads(out)["reports"]) == 1


def test_a_folder_run_skips_its_own_outputs(tmp_path):
    (tmp_path / "a.txt").write_bytes(builders.EXAMPLE_TXT.read_bytes())
    for _ in range(2):  # the second run finds the first one's out.html
        rc, _, err, _ = run(["check", "--format", "html", ".", "-o", "out.html", "--summary", "s.csv"],
                            tmp_path)
        assert rc == 0, err
        page = (tmp_path / "out.html").read_text("utf-8")
        assert 'data-path="a.txt"' in page and 'data-path="out.html"' not in page
    # another run's output is just a file in the folder (and not a report: S109)
    rc, out, err, _ = run(["check", "--format", "json", ".", "-o", "o.json"], tmp_path)
    paths = [r["path"] for r in json.loads((tmp_path / "o.json").read_text("utf-8"))["reports"]]
    assert paths == ["a.txt", "out.html"]


def test_a_nul_byte_in_a_manifest_path_is_one_e901_row(tmp_path):
    (tmp_path / "a.txt").write_bytes(builders.EXAMPLE_TXT.read_bytes())
    (tmp_path / "m.csv").write_text("path,agency\na.txt,甲\nb\x00.txt,乙\n", encoding="utf-8")
    rc, out, err, _ = run(["check", "--format", "json", "--manifest", "m.csv"], tmp_path)
    no_traceback(err)
    reports = json.loads(out)["reports"]
    assert rc == 1 and len(reports) == 2
    assert reports[1]["findings"][0]["message"].startswith("无法读取文件：文件名含有空字符（NUL）")


def _modes_apply(tmp_path) -> bool:
    """False for root with CAP_DAC_OVERRIDE, which reads every file whatever its mode."""
    probe = tmp_path / "probe"
    probe.write_text("x", encoding="utf-8")
    probe.chmod(0)
    try:
        probe.read_text(encoding="utf-8")
        return False
    except PermissionError:
        return True
    finally:
        probe.unlink()


# Root reads every file whatever its mode; without these two capabilities it obeys modes too.
AS_USER = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def test_unreadable_files_and_folders_are_e901_rows(tmp_path):
    prefix = []
    if not _modes_apply(tmp_path):
        if not shutil.which("setpriv") or subprocess.run([*AS_USER, "true"]).returncode:
            pytest.skip("this user reads every file whatever its mode (root), and no setpriv")
        prefix = AS_USER
    (tmp_path / "secret.txt").write_bytes(builders.EXAMPLE_TXT.read_bytes())
    (tmp_path / "secret.txt").chmod(0)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_bytes(builders.EXAMPLE_TXT.read_bytes())
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "closed").mkdir()
    (tmp_path / "tree" / "ok.txt").write_bytes(builders.EXAMPLE_TXT.read_bytes())
    (tmp_path / "locked").chmod(0)
    (tmp_path / "tree" / "closed").chmod(0)
    try:
        rc, out, err, _ = run(["check", "--format", "json", "secret.txt", "locked/inside.txt",
                               "tree"], tmp_path, prefix=prefix)
    finally:
        for p in ("secret.txt", "locked", "tree/closed"):
            (tmp_path / p).chmod(0o700)
    no_traceback(err)
    reports = {r["path"]: r for r in json.loads(out)["reports"]}
    assert rc == 1 and set(reports) == {"secret.txt", "locked/inside.txt", "tree/closed",
                                        "tree/ok.txt"}
    for p in ("secret.txt", "locked/inside.txt", "tree/closed"):
        assert reports[p]["findings"][0]["rule"] == "E901"
    assert reports["secret.txt"]["findings"][0]["message"] == "无法读取文件：没有读取权限"
    assert "文件夹无法打开" in reports["tree/closed"]["findings"][0]["message"]


def test_hostile_sarif_passes_the_sarif_multitool(folder, outputs, tmp_path):
    """Microsoft's validator (GitHub's ingestion rules too) on the run over hostile names."""
    import subprocess

    tool = builders.ROOT / ".ci/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
    if not tool.exists():
        pytest.skip("SARIF Multitool not installed: run `bash .ci/browser-deps`")
    (tmp_path / "in.sarif").write_bytes(outputs["sarif"][1])
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1", DOTNET_CLI_TELEMETRY_OPTOUT="1")
    proc = subprocess.run([str(tool), "validate", str(tmp_path / "in.sarif"), "-o",
                           str(tmp_path / "v.sarif"), "--log", "ForceOverwrite", "--rule-kind",
                           "Gh;Sarif"], capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((tmp_path / "v.sarif").read_text(encoding="utf-8-sig"))
    assert not [r for r in report["runs"][0].get("results", []) if r.get("level") == "error"]
