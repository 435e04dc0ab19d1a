"""Run the command line in a child process and look at what it leaves behind."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def env(**extra) -> dict:
    e = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(HERE)]), NO_COLOR="1")
    e.update({k: str(v) for k, v in extra.items()})
    return e


def run(args, cwd, timeout=120, hook=False, prefix=(), **extra):
    """(exit status, stdout bytes, stderr text, seconds). ``prefix``: a command to run it under
    (``setpriv`` to drop root's right to read everything)."""
    cmd = [*prefix, sys.executable, str(HERE / "hook_cli.py") if hook else "-m", *([] if hook else ["audit.cli"]),
           *map(os.fsdecode, args)]
    t = time.monotonic()
    p = subprocess.run(cmd, cwd=cwd, env=env(**extra), capture_output=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace"), time.monotonic() - t


def start(args, cwd, **extra) -> subprocess.Popen:
    cmd = [sys.executable, str(HERE / "hook_cli.py"), *map(os.fsdecode, args)]
    return subprocess.Popen(cmd, cwd=cwd, env=env(**extra), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def processes_with(marker: str) -> list[int]:
    """Pids of live processes whose command line mentions ``marker`` (workers are forks of the
    main process and keep its command line). Zombies are dead: not counted."""
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) == os.getpid():
            continue
        try:
            cmd = (d / "cmdline").read_bytes()
            state = (d / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in cmd and state != "Z":
            out.append(int(d.name))
    return out


def children_of(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(d.name))
            except (OSError, IndexError, ValueError):
                pass
    return out


def wait_until(cond, timeout=20.0, step=0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(step)
    return cond()


def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
