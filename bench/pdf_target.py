"""The PDF speed target of issue 13: `check` ≤ 0.5× the best peer's path on the same file.

    python bench/pdf_target.py [PDF ...]       # default: the shared corpus PDFs
    python bench/pdf_target.py --rounds 9      # more rounds on a noisy machine
    python bench/pdf_target.py --smoke         # CI: one generated fixture, two rounds
    python bench/pdf_target.py --before DIR    # also `check` from an older checkout (before/after)

The peer is what the field's fastest tool does: pypdf's text extraction of every page plus a
few regular expressions over the text (no tables, no checks). Everything runs in a fresh
process (start-up included, as a user sees it), interleaved round by round so that the
machine's load hits every variant alike; the medians and their ratios are printed:
  peer              : pypdf text + regex
  check default     : `xxgk-audit check FILE` (default engine, PDFium): the target
  check pdfplumber  : the same with `--pdf-engine pdfplumber`, the reference engine
  extract default   : `xxgk-audit extract FILE`: read + model, no rule packs: how much of
                      `check` is the PDF itself, and how much start-up (imports, packs)
Timings are printed, never asserted (bench/README.md).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"

PEER = r"""
import re, sys
from pypdf import PdfReader
text = "\n".join(page.extract_text() or "" for page in PdfReader(sys.argv[1]).pages)
year = re.search(r"(20\d\d)\s*年", text)
nums = re.findall(r"(?m)^\s*(\S{2,20}?)\s+(\d+(?:\.\d+)?)\s*$", text)
rows = re.findall(r"(?:主动公开|收到申请|行政复议|行政诉讼)[^\n]*?(\d+)", text)
print(year and year.group(1), len(nums), len(rows))
"""


def variants(engines, before=None):
    exe = [sys.executable, "-m", "audit.cli"]
    out = [("peer", [sys.executable, "-c", PEER])]
    if before:  # run in that directory: `-m` puts it first on sys.path, before this checkout
        out.append(("check before", ["env", "-C", before, *exe, "check", "--format", "json"]))
    for engine in engines:
        extra = [] if engine == "default" else ["--pdf-engine", engine]
        out.append((f"check {engine}", exe + ["check", "--format", "json", *extra]))
    out.append(("extract default", exe + ["extract"]))
    return out


def once(cmd, path) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd + [str(Path(path).resolve())], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, cwd=ROOT, check=False)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: findings at the fail-on level
        raise SystemExit(f"{cmd[:4]} {path} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return took


def generated() -> str:
    import tempfile

    sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "pdf"))
    import rl_fixtures

    path = Path(tempfile.mkdtemp()) / "generated.pdf"
    path.write_bytes(rl_fixtures.report(repeat_header=True))
    return str(path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--smoke", action="store_true", help="one generated fixture, two rounds")
    ap.add_argument("--engines", default="default,pdfplumber",
                    help="comma separated: default, pdfium, pdfplumber")
    ap.add_argument("--before", default=None, metavar="DIR",
                    help="a checkout of an older version (git archive REV | tar -x -C DIR)")
    args = ap.parse_args(argv)
    paths = args.pdfs or ([generated()] if args.smoke else sorted(str(p) for p in CORPUS.glob("*.pdf")))
    if not paths:
        print(f"no PDFs given and none in {CORPUS}", file=sys.stderr)
        return 2
    rounds = 2 if args.smoke else args.rounds
    runs = variants(args.engines.split(","), args.before and str(Path(args.before).resolve()))
    for name, cmd in runs:  # warm the OS file cache; not timed
        once(cmd, paths[0])
    times = {(p, n): [] for p in paths for n, _ in runs}
    for _ in range(rounds):
        for path in paths:
            for name, cmd in runs:
                times[(path, name)].append(once(cmd, path))
    names = [n for n, _ in runs]
    print(f"medians of {rounds} fresh processes, interleaved; ratio = check / peer (target ≤ 0.5)")
    print(f"{'file':36} " + " ".join(f"{n + ' ms':>20}" for n in names)
          + " " + " ".join(f"{n + '/peer':>22}" for n in names[1:]))
    for path in paths:
        med = {n: statistics.median(times[(path, n)]) for n in names}
        print(f"{Path(path).name[:36]:36} " + " ".join(f"{1000 * med[n]:20.0f}" for n in names)
              + " " + " ".join(f"{med[n] / med['peer']:22.2f}" for n in names[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
