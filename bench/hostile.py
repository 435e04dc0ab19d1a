"""Wall time and peak RSS per hostile input, so that a regression in the guards shows.

Each input (built by ``tests/hostile/builders.py`` in a temporary folder) is checked by the
command line in a fresh child process with the default limits (``--timeout 120``,
``--max-memory 1G``); the peak RSS is the largest of the main process and its workers
(``os.wait4`` reports the child's and its reaped descendants' maximum). The outcome column is
the E901 reason, or "read" when the file was read and checked.

    python bench/hostile.py            # every input, at full size (about a minute)
    python bench/hostile.py --small    # smaller bombs and tables (CI smoke, seconds)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "hostile"), str(ROOT / "tests" / "fixtures" / "pdf"),
                str(ROOT)]

import builders  # noqa: E402


def inputs(small: bool):
    """(name, builder) pairs; the sizes are the issue's (2 GiB bomb, 20,000-row table, 50 MB
    page, 500 pages) unless ``small``."""
    k = 10 if small else 1
    return [
        ("fifo", builders.fifo), ("/dev/zero link", builders.zero_link),
        ("dangling link", builders.dangling), ("NUL bytes only", builders.nul_only),
        ("GBK file name", builders.gbk_name), ("escape sequences", builders.escape_name),
        ("PDF named .html", builders.pdf_as_html),
        ("owner-password PDF", builders.owner_password_pdf),
        (f"PDF bomb {2048 // k} MiB", lambda d: builders.pdf_bomb(d, inflated=2 * 1024 ** 3 // k)),
        (f"table {20000 // k} rows", lambda d: builders.long_table_html(d, rows=20_000 // k)),
        (f"span trap {5000 // k} rows", lambda d: builders.span_trap_html(d, rows=5_000 // k)),
        ("deep nesting 200k", builders.deep_html),
        (f"HTML {50 // k} MB", lambda d: builders.big_html(d, megabytes=50 // k)),
        (f"PDF {500 // k} pages", lambda d: builders.long_pdf(d, pages=500 // k)),
    ]


def measure(path: Path, cwd: Path) -> tuple[float, float, int, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "audit.cli", "check", "--format", "json", "--timeout", "120",
           "-o", str(cwd / "out.json"), os.fsdecode(path)]
    t = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    secs = time.monotonic() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    report = json.loads((cwd / "out.json").read_text("utf-8"))["reports"][0]
    e901 = [f["message"] for f in report["findings"] if f["rule"] == "E901"]
    outcome = e901[0].removeprefix("无法读取文件：")[:40] if e901 else "read"
    return secs, usage.ru_maxrss / 1024, proc.returncode, outcome


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--small", action="store_true")
    args = ap.parse_args(argv)
    print("| input | size | wall s | peak RSS MB | exit | outcome |")
    print("|---|---:|---:|---:|---:|---|")
    for name, build in inputs(args.small):
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            path = build(d)
            size = path.lstat().st_size if path.is_symlink() or not path.exists() or \
                not path.is_file() else path.stat().st_size
            secs, rss, code, outcome = measure(path, d)
            print(f"| {name} | {size:,} | {secs:.2f} | {rss:.0f} | {code} | {outcome} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
