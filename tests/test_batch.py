"""Batch runs: a per-file time limit, crashed workers, Ctrl-C, no stray processes, progress."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit.run import runner
from audit.cli import main
from audit.run.progress import Progress, fit, width

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "2024-township.txt"
needs_fork = pytest.mark.skipif(sys.platform != "linux", reason="monkeypatches reach workers by fork")


def children() -> list[tuple[int, str]]:
    """(pid, state) of this process's children, zombies included (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            out.append((int(stat.parent.name), fields[0]))
    return out


@pytest.fixture
def batch(tmp_path, monkeypatch):
    """good.txt, slow.txt (sleeps), crash.txt (kills its process); the CLI on them."""
    monkeypatch.chdir(tmp_path)
    for name in ("good.txt", "slow.txt", "crash.txt"):
        (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    import audit.model.build

    real = audit.model.build.extract_path

    def extract(path, options=None, data=None):
        if "slow" in path:
            time.sleep(60)
        if "crash" in path:
            os._exit(3)  # as if a C library crashed or the kernel killed the worker
        return real(path, options, data)

    monkeypatch.setattr(audit.model.build, "extract_path", extract)
    cli = CliRunner()
    return lambda *args: cli.invoke(main, ["check", "--format", "json", *args],
                                    catch_exceptions=False)


@needs_fork
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_timeout_and_crash_become_e901_and_the_batch_goes_on(batch, jobs):
    t = time.monotonic()
    out = batch("good.txt", "slow.txt", "crash.txt", "--timeout", "0.5", "--jobs", jobs)
    assert time.monotonic() - t < 10
    reports = json.loads(out.stdout)["reports"]
    assert [r["path"] for r in reports] == ["good.txt", "slow.txt", "crash.txt"]
    good, slow, crash = reports
    assert good["findings"] == [] and good["template"] == "2021"
    assert [f["message"] for f in slow["findings"]] == ["无法读取文件：读取超时（超过 0.5 秒）"]
    assert [f["message"] for f in crash["findings"]] == ["无法读取文件：检查进程意外退出（退出码 3）"]
    assert slow["sha256"] and slow["format"] == "text"
    assert out.exit_code == 1
    assert children() == []  # every worker stopped and reaped: no zombie


@needs_fork
def test_timeout_message_in_whole_seconds(batch):
    out = batch("slow.txt", "--timeout", "1", "--jobs", "1")
    assert "读取超时（超过 1 秒）" in json.loads(out.stdout)["reports"][0]["findings"][0]["message"]


def test_in_process_without_limit_and_jobs_default(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    import audit.run.pool

    seen = {}

    def supervise(items, workers, timeout, *rest, **kw):
        seen.update(workers=workers, timeout=timeout)
        return [runner.check_file(p, *rest[1], e) for p, e in items]

    monkeypatch.setattr(audit.run.pool, "supervise", supervise)
    monkeypatch.setattr(runner, "default_jobs", lambda: 8)
    pack, settings = _pack_settings()
    runner.run(["a.txt"], pack, settings, None)  # one file, no limit: in this process
    assert seen == {}
    runner.run(["a.txt", "b.txt", "c.txt"], pack, settings, None)
    assert seen == {"workers": 3, "timeout": None}  # CPU count, but no more than files
    runner.run(["a.txt"], pack, settings, 1, timeout=5)  # a limit needs a process to stop
    assert seen == {"workers": 1, "timeout": 5}


def _pack_settings():
    from audit.checks.engine import Settings
    from audit.checks.packs import default_pack

    return default_pack(), Settings()


def test_progress_only_when_asked_or_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "b.txt").write_bytes(b"")
    cli = CliRunner()
    quiet = cli.invoke(main, ["check", "a.txt", "b.txt", "--jobs", "1", "--timeout", "0"])
    assert "\r" not in quiet.stderr  # CliRunner's stderr is not a terminal
    shown = cli.invoke(main, ["check", "a.txt", "b.txt", "--jobs", "1", "--progress"])
    assert "\r2/2 个文件 · 错误 1 警告 0 提示 0 · " in shown.stderr
    assert shown.stderr.endswith("\r")  # the line is cleared at the end
    assert quiet.stdout == shown.stdout


def test_progress_line_fits_the_terminal():
    p = Progress(None, "en")
    p.begin(420)
    p.running = ["reports/江苏省/淮安市/2024年政府信息公开工作年度报告.pdf"]
    line = p.line(60)
    assert width(line) <= 60 and line.startswith("0/420 files") and line.endswith("年度报告.pdf")
    assert width(fit("淮安市淮安市", 7)) <= 7 and fit("abc", 2) == ""


@pytest.mark.skipif(sys.platform != "linux", reason="process groups and /proc")
def test_ctrl_c_ends_the_run_and_its_workers(tmp_path):
    """SIGINT to the process group, as a terminal's Ctrl-C sends it: exit 130, no traceback,
    and the workers (one of them in the middle of a file) are gone."""
    for name in ("a.txt", "slow.txt", "b.txt"):
        (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "drive.py").write_text(textwrap.dedent("""
        import os, sys, time
        import audit.model.build
        real = audit.model.build.extract_path
        def extract(path, options=None, data=None):
            if "slow" in path:
                with open("started.tmp", "w") as fh:
                    fh.write(str(os.getpid()))
                os.replace("started.tmp", "started")
                time.sleep(60)
            return real(path, options, data)
        audit.model.build.extract_path = extract
        from audit.cli import main
        main()
    """), encoding="utf-8")
    for jobs in ("1", "2"):
        (tmp_path / "started").unlink(missing_ok=True)
        proc = subprocess.Popen([sys.executable, "drive.py", "check", "a.txt", "slow.txt", "b.txt",
                                 "--jobs", jobs], cwd=tmp_path, start_new_session=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 30
            while not (tmp_path / "started").exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            worker = int((tmp_path / "started").read_text())
            time.sleep(0.1)
            os.killpg(proc.pid, signal.SIGINT)
            out, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        assert proc.returncode == 130 and err.strip() == "xxgk-audit: interrupted", err
        assert "Traceback" not in err and out == ""
        assert not Path(f"/proc/{worker}").exists()


def test_word_files_in_a_folder_are_reported_not_skipped(tmp_path):
    from audit.run.runner import expand
    from audit.model.build import extract_path

    (tmp_path / "a.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (tmp_path / "notes.tsv").write_text("x\ty\n")
    assert [p.rsplit("/", 1)[-1] for p in expand([str(tmp_path)])] == ["a.docx"]
    m = extract_path(str(tmp_path / "a.docx"))
    assert m.problems[0][0] == "E901" and "Word" in m.problems[0][1]
