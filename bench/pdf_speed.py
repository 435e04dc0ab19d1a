"""Time our PDF reading against a naive pdfplumber pass, in one run, and report peak memory.

    python bench/pdf_speed.py [PDF ...]     # default: the shared corpus PDFs
    python bench/pdf_speed.py --smoke       # CI: one generated fixture, a few seconds
    python bench/pdf_speed.py --pages 50    # add a generated 50-page report (memory)

For each file: the best of --repeat runs of
  naive  : pdfplumber.open + page.extract_text() + page.extract_tables() on every page;
  read   : audit.read.read_path (what `extract` reads), on the default engine (PDFium);
  plumber: the same on the reference engine (pdfplumber);
  extract: audit.model.build.extract_path (read + model), when the model builder is present;
then the ratios read/naive and extract/naive (below 1.0 = faster than the naive pass) and the
peak Python heap (tracemalloc) of one read, plus the process's peak RSS at the end.
Only public tools: time.perf_counter, tracemalloc, resource.
"""
from __future__ import annotations

import argparse
import logging
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def naive(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def ours(path):
    from audit.read import read_path

    read_path(path)


def plumber(path):
    from audit.read import read_path

    read_path(path, {"pdf": {"engine": "pdfplumber"}})


def extract(path):
    from audit.model.build import extract_path

    extract_path(path)


def best(fn, path, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return min(times)


def peak_mb(fn, path):
    tracemalloc.start()
    fn(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def generated(copies: int) -> str:
    """The test fixture report (2 pages), repeated ``copies`` times, written to a temp file."""
    sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "pdf"))
    import rl_fixtures

    path = Path(tempfile.mkdtemp()) / f"generated-{2 * copies}p.pdf"
    path.write_bytes(rl_fixtures.report(repeat_header=True, copies=copies))
    return str(path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*")
    ap.add_argument("--smoke", action="store_true", help="one generated fixture, for CI")
    ap.add_argument("--pages", type=int, default=0, help="also time a generated report of about N pages")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--max-ratio", type=float, default=None,
                    help="exit 1 when read/naive exceeds this (a CI guard; timing is noisy, be generous)")
    args = ap.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    paths = args.pdfs or ([generated(1)] if args.smoke else sorted(str(p) for p in CORPUS.glob("*.pdf")))
    if args.pages:
        paths.append(generated(max(1, args.pages // 2)))
    if not paths:
        print(f"no PDFs given and none in {CORPUS}", file=sys.stderr)
        return 2
    try:
        import audit.model.build  # noqa: F401
        steps = [("naive", naive), ("read", ours), ("plumber", plumber), ("extract", extract)]
    except ImportError:
        steps = [("naive", naive), ("read", ours), ("plumber", plumber)]
    for _, fn in steps:  # warm imports so that the first file is not charged for them
        fn(paths[0])
    print(f"{'file':40} {'pages':>5} " + " ".join(f"{n + ' s':>9}" for n, _ in steps)
          + f" {'read/naive':>10} {'extract/naive':>13} {'peak MB':>8}")
    totals = {n: 0.0 for n, _ in steps}
    worst = 0.0
    for path in paths:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        t = {n: best(fn, path, args.repeat) for n, fn in steps}
        for n in t:
            totals[n] += t[n]
        ratio = t["read"] / t["naive"]
        worst = max(worst, ratio)
        ext = f"{t['extract'] / t['naive']:13.2f}" if "extract" in t else f"{'-':>13}"
        print(f"{Path(path).name[:40]:40} {pages:5d} " + " ".join(f"{t[n]:9.3f}" for n, _ in steps)
              + f" {ratio:10.2f} {ext} {peak_mb(ours, path):8.1f}")
    ext = f"{totals['extract'] / totals['naive']:13.2f}" if "extract" in totals else f"{'-':>13}"
    print(f"{'TOTAL':40} {'':5} " + " ".join(f"{totals[n]:9.3f}" for n, _ in steps)
          + f" {totals['read'] / totals['naive']:10.2f} {ext}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak RSS of this process: {rss:.0f} MB")
    if args.max_ratio is not None and worst > args.max_ratio:
        print(f"read/naive {worst:.2f} exceeds {args.max_ratio}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
