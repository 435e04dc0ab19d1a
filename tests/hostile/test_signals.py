"""Signals to the main process, and a kill during the write: the run ends, no worker is left
behind (not even one spinning on a file that never finishes), the previous output survives."""
from __future__ import annotations

import json
import os
import signal
import sys

import pytest

import builders
from runcli import children_of, no_traceback, processes_with, run, start, wait_until

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _batch(tmp_path):
    (tmp_path / "good.txt").write_bytes(builders.EXAMPLE_TXT.read_bytes())
    (tmp_path / "hang.txt").write_bytes(builders.EXAMPLE_TXT.read_bytes())
    return ["check", "--format", "json", "--jobs", "2", "--timeout", "0",
            str(tmp_path / "good.txt"), str(tmp_path / "hang.txt")]


def _started(proc) -> bool:
    return len(children_of(proc.pid)) >= 1


@pytest.mark.parametrize("sig, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_sigint_end_the_run_and_its_workers(tmp_path, sig, status):
    proc = start(_batch(tmp_path), tmp_path, XXGK_TEST_HANG="hang")
    try:
        assert wait_until(lambda: _started(proc))
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode == status
    no_traceback(err.decode())
    assert wait_until(lambda: not processes_with(str(tmp_path)), timeout=10)


def test_sigkill_to_the_main_process_takes_the_workers_with_it(tmp_path):
    proc = start(_batch(tmp_path), tmp_path, XXGK_TEST_HANG="hang")
    try:
        assert wait_until(lambda: _started(proc))
        workers = children_of(proc.pid)
        proc.kill()
        proc.wait(10)
    finally:
        proc.kill()
    assert workers
    # the spinning worker dies with its parent (PR_SET_PDEATHSIG), not an orphan at 100% CPU
    assert wait_until(lambda: not processes_with(str(tmp_path)), timeout=10)


def test_timeout_bounds_a_file_that_never_finishes(tmp_path):
    args = _batch(tmp_path)
    args[args.index("--timeout") + 1] = "1"
    rc, out, err, secs = run(args, tmp_path, hook=True, XXGK_TEST_HANG="hang")
    no_traceback(err)
    reports = json.loads(out)["reports"]
    assert rc == 1 and secs < 30 and len(reports) == 2
    assert reports[1]["findings"][0]["message"] == "无法读取文件：读取超时（超过 1 秒）"
    assert len(reports[1]["sha256"]) == 64  # noted by the worker before it hung
    assert not processes_with(str(tmp_path))


def test_a_kill_during_the_write_keeps_the_previous_output(tmp_path):
    (tmp_path / "a.txt").write_bytes(builders.EXAMPLE_TXT.read_bytes())
    rc, _, err, _ = run(["check", "--format", "json", "a.txt", "-o", "out.json"], tmp_path)
    assert rc == 0, err
    before = (tmp_path / "out.json").read_bytes()
    proc = start(["check", "--format", "sarif", "a.txt", "-o", "out.json"], tmp_path,
                 XXGK_TEST_STALL_WRITE="1")
    try:
        assert wait_until(lambda: any(p.name.startswith(".out.json.") for p in tmp_path.iterdir()))
        assert proc.stderr.readline() == b"stalling\n"  # the temporary file is written
        proc.kill()
        proc.wait(10)
    finally:
        proc.kill()
    assert (tmp_path / "out.json").read_bytes() == before
    json.loads(before)


def test_outputs_are_replaced_whole(tmp_path):
    (tmp_path / "a.txt").write_bytes(builders.EXAMPLE_TXT.read_bytes())
    (tmp_path / "out.json").write_text("old", encoding="utf-8")
    (tmp_path / "out.json").chmod(0o640)
    rc, _, err, _ = run(["check", "--format", "json", "a.txt", "-o", "out.json"], tmp_path)
    assert rc == 0, err
    assert json.loads((tmp_path / "out.json").read_text("utf-8"))["summary"]["reports"] == 1
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o640  # the mode is kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.json"]  # no temp left
