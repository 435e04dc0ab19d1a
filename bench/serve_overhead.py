"""What one check through `xxgk-audit serve` costs over checking the same file in-process.

    python bench/serve_overhead.py [FILE ...]   # default: the defect example PDF of the tests

For each file, the best of --repeat runs of
  inproc: audit.run.runner.check_file (what `check --jobs 1 --timeout 0` does);
  worker: audit.run.runner.check_one (the bytes, in a worker process with a time limit);
  http  : POST /api/check to a real `xxgk-audit serve` on 127.0.0.1 (upload, form parsing,
          the worker, the JSON answer);
and the ratios worker/inproc and http/inproc. Timings are printed, never asserted.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
DEFAULT = ROOT / "tests" / "fixtures" / "pdf" / "chromium-2023-county-defect.pdf"


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    from audit.checks.engine import Settings
    from audit.checks.packs import default_pack
    from audit.run.runner import check_file, check_one
    from serving import post, server

    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    pack, settings = default_pack(), Settings()
    with tempfile.TemporaryDirectory() as cwd, server(cwd) as url:
        print(f"{'file':44} {'inproc':>8} {'worker':>8} {'http':>8} {'w/in':>6} {'http/in':>7}")
        for f in args.files:
            data = f.read_bytes()
            a = best(lambda: check_file(str(f), pack, settings), args.repeat)
            b = best(lambda: check_one(f.name, data, pack, settings, 120), args.repeat)
            c = best(lambda: post(url + "api/check", files={"file": (f.name, data)}), args.repeat)
            print(f"{f.name[:44]:44} {a:8.3f} {b:8.3f} {c:8.3f} {b / a:6.2f} {c / a:7.2f}")


if __name__ == "__main__":
    main()
