"""Every speed target of issue 13, measured in one run and printed as a ratio.

    python bench/targets.py             # 200 generated reports, 5 repeats of the start-up runs
    python bench/targets.py --smoke     # CI: small sizes, one repeat, well under a minute
    python bench/targets.py --html PAGE # the start-up/HTML targets on this page

Each comparison runs its commands interleaved (A B A B …), each in a fresh process, and takes
medians, so that a machine shared with other work slows both sides alike. For single commands
the CPU time of the child (user + system, from ``wait4``) is the measure: it does not count the
time the process waited for a CPU that someone else was using. A batch's speed-up from more
jobs can only be seen in wall-clock time, which is what the batch rows use: on a busy machine
they understate it. Timings are printed, never asserted.

Subprocesses run with bytecode caching on (PYTHONDONTWRITEBYTECODE removed) and one warm-up
run each, as an installed tool runs: pip compiles the modules at install time.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PORTAL = CORPUS / "203_pingtan-zone-2021-original.html"
PY = sys.executable
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
TOOL = [PY, "-m", "audit.cli"]
# the batch driver: the CLI, then the peak RSS (KiB) and the CPU seconds of the workers (the
# biggest one's RSS) and of the parent
DRIVER = ("import resource, sys\nfrom audit.cli import main\nsys.argv = ['xxgk-audit', *sys.argv[1:]]\n"
          "try:\n    main()\nexcept SystemExit:\n    pass\n"
          "kids, me = (resource.getrusage(w) for w in (resource.RUSAGE_CHILDREN, resource.RUSAGE_SELF))\n"
          "sys.stderr.write('RSS %d %d %f %f\\n' % (kids.ru_maxrss, me.ru_maxrss,"
          " kids.ru_utime + kids.ru_stime, me.ru_utime + me.ru_stime))")


def run(cmd, stdout=subprocess.DEVNULL) -> tuple[float, float, str]:
    """(wall s, child CPU s, stderr) of one fresh process."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=ENV, cwd=ROOT, text=True)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1):
        raise SystemExit(f"failed ({p.returncode}): {' '.join(map(str, cmd))}\n{err}")
    return time.perf_counter() - t, ru.ru_utime + ru.ru_stime, err


def interleaved(cmds: dict, repeat: int) -> dict:
    """name -> (median wall, median CPU), the commands run in turn ``repeat`` times."""
    for cmd in cmds.values():
        run(cmd)  # warm-up: bytecode, the pack cache, the OS file cache
    got = {name: [] for name in cmds}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            got[name].append(run(cmd)[:2])
    return {n: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
            for n, v in got.items()}


ROWS: list = []


def row(target: str, ratio: float | None, goal: str, detail: str) -> None:
    ROWS.append((target, ratio, goal, detail))
    shown = f"{ratio:6.2f}" if ratio is not None else "     -"
    print(f"  {target:44} {shown}  (goal {goal})  {detail}", flush=True)


def startup_and_html(page: Path, repeat: int) -> None:
    print(f"start-up and HTML: {page.name}, {repeat} interleaved fresh runs, CPU medians")
    t = interleaved({
        "python": [PY, "-c", "pass"],
        "version": TOOL + ["--version"],
        "lxml": [PY, "-c", f"import lxml.html; lxml.html.fromstring(open({str(page)!r}, 'rb').read())"],
        "extract": TOOL + ["extract", str(page)],
        "check": TOOL + ["check", str(page)],
        "rules": TOOL + ["rules"],
    }, repeat)
    ms = {n: f"{c * 1000:.0f}" for n, (_, c) in t.items()}
    print("    CPU ms: " + ", ".join(f"{n} {v}" for n, v in ms.items()))
    row("start-up: check / extract (HTML page)", t["check"][1] / t["extract"][1], "<= 1.2",
        f"{ms['check']} / {ms['extract']} ms")
    row("HTML: check / lxml parse, fresh processes", t["check"][1] / t["lxml"][1], "<= 2",
        f"{ms['check']} / {ms['lxml']} ms")


def batch(folder: Path, n: int, repeat: int) -> None:
    print(f"batch: {n} generated reports, --jobs 1 vs --jobs 2, {repeat} interleaved runs, wall medians")
    outs = {}
    samples = {1: [], 2: []}
    rss = {1: [], 2: []}
    for i in range(repeat + 1):  # the first round warms up
        for jobs in (1, 2):
            out = folder.parent / f"jobs{jobs}.json"
            with open(out, "w") as fh:
                wall, cpu, err = run([PY, "-c", DRIVER, "check", str(folder), "--format", "json",
                                      "--jobs", str(jobs)], stdout=fh)
            outs[jobs] = out.read_bytes()
            if i:
                samples[jobs].append((wall, cpu))
                rss[jobs].append([float(x) for x in err.rsplit("RSS ", 1)[1].split()])
    w1 = statistics.median(w for w, _ in samples[1])
    w2 = statistics.median(w for w, _ in samples[2])
    cpu = statistics.median(c for _, c in samples[1]) / n
    worker = max(r[0] for r in rss[2]) / 1024
    parent = max(r[1] for r in rss[2]) / 1024
    row("batch: --jobs 2 speed-up over --jobs 1", w1 / w2, ">= 1.8",
        f"{w1:.1f} s / {w2:.1f} s; identical output: {'yes' if outs[1] == outs[2] else 'NO'}")
    print(f"    throughput: {n / w1:.1f} reports/s with 1 job, {n / w2:.1f} reports/s with 2; "
          f"CPU per report {cpu * 1000:.0f} ms; peak RSS per worker {worker:.0f} MB, parent {parent:.0f} MB")
    # On a busy machine the wall-clock speed-up says more about the neighbours than about us.
    # What does not depend on them: the parent's serial CPU (start-up, ordering, output) and the
    # workers' CPU. With the work split evenly over 2 idle CPUs the speed-up would be
    # (parent + workers@1) / (parent + workers@2 / 2).
    serial = statistics.median(r[3] for r in rss[2])
    work1 = statistics.median(r[2] for r in rss[1])
    work2 = statistics.median(r[2] for r in rss[2])
    print(f"    CPU: parent {serial:.2f} s, workers {work1:.2f} s with 1 job, {work2:.2f} s with 2")
    row("batch: same, idle-machine estimate from CPU", (serial + work1) / (serial + work2 / 2), ">= 1.8",
        "(parent + workers) / (parent + workers / 2)")
    print(f"    load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def cluster(folder: Path, n: int, workers: int = 2) -> None:
    """The Dask executor on a LocalCluster of worker processes (start-up included), against the
    same batch with as many local jobs; outputs compared byte for byte."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("cluster: skipped (pip install '.[dask]')")
        return
    print(f"cluster: {n} reports on --scheduler local:{workers} (cluster start-up included)")
    outs, walls = {}, {}
    for name, opt in (("jobs", ["--jobs", str(workers)]), ("dask", ["--scheduler", f"local:{workers}"])):
        out = folder.parent / f"{name}.json"
        with open(out, "w") as fh:
            walls[name] = run(TOOL + ["check", str(folder), "--format", "json", *opt], stdout=fh)[0]
        outs[name] = out.read_bytes()
    row(f"cluster: local:{workers} wall / --jobs {workers} wall", walls["dask"] / walls["jobs"], "~1",
        f"{walls['dask']:.1f} s / {walls['jobs']:.1f} s; identical output: "
        f"{'yes' if outs['jobs'] == outs['dask'] else 'NO'}")
    print(f"    throughput per Dask worker: {n / walls['dask'] / workers:.2f} reports/s")


def cache(pdfs: list[Path], repeat: int) -> None:
    print(f"cache: second check of {len(pdfs)} unchanged PDF(s) with --cache, {repeat} interleaved runs")
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            where = Path(tmp) / f"c{i}"
            cmd = TOOL + ["check", "--jobs", "1", "--cache", str(where), *map(str, pdfs)]
            cold.append(run(cmd)[:2])
            warm.append(run(cmd)[:2])
    c = statistics.median(x for _, x in cold)
    w = statistics.median(x for _, x in warm)
    row("cache: first / second check (fresh processes)", c / w, ">= 10",
        f"{c * 1000:.0f} / {w * 1000:.0f} ms CPU, start-up included")
    # the same per file, in one process: what a long batch gains per unchanged file
    from audit.checks.engine import Settings
    from audit.checks.packs import default_pack
    from audit.run.cache import ExtractionCache
    from audit.run.runner import check_file

    pack = default_pack()
    with tempfile.TemporaryDirectory() as tmp:
        store = ExtractionCache(tmp)
        check_file(str(pdfs[0]), pack, Settings(), cache=store)
        plain, hit = [], []
        for _ in range(max(repeat, 3)):
            t = time.process_time()
            check_file(str(pdfs[0]), pack, Settings())
            plain.append(time.process_time() - t)
            t = time.process_time()
            check_file(str(pdfs[0]), pack, Settings(), cache=store)
            hit.append(time.process_time() - t)
    p, h = statistics.median(plain), statistics.median(hit)
    row("cache: per PDF in a batch, uncached / cached", p / h, ">= 10", f"{p * 1000:.0f} / {h * 1000:.1f} ms CPU")


def pdf(paths: list[Path], repeat: int) -> None:
    """check <= 0.5x the best peer's path (pypdf text of every page + regular expressions, no
    tables, no checks; bench/pdf_target.py has it and more variants) on the same files."""
    from pdf_target import PEER

    print(f"PDF: check vs the pypdf peer on {len(paths)} file(s), {repeat} interleaved fresh runs, CPU medians")
    ratios = []
    for path in paths:
        t = interleaved({"peer": [PY, "-c", PEER, str(path)], "check": TOOL + ["check", str(path)]}, repeat)
        ratios.append(t["check"][1] / t["peer"][1])
        print(f"    {path.name[:40]:40} check {t['check'][1] * 1000:.0f} ms, peer {t['peer'][1] * 1000:.0f} ms,"
              f" ratio {ratios[-1]:.2f}")
    row("PDF: check / pypdf text path (median file)", statistics.median(ratios), "<= 0.5",
        f"{len(paths)} file(s); per file above")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true", help="CI: small sizes, a quick run")
    ap.add_argument("-n", type=int, default=None, help="reports in the batch (default 200)")
    ap.add_argument("--repeat", type=int, default=None, help="interleaved runs per comparison")
    ap.add_argument("--html", type=Path, default=None, help="page for the start-up/HTML targets")
    args = ap.parse_args(argv)
    n = args.n or (12 if args.smoke else 200)
    repeat = args.repeat or (1 if args.smoke else 5)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        paths = generate(folder, n, pdf_share=0.25, seed=0)
        page = args.html or (PORTAL if PORTAL.exists() and not args.smoke else
                             next(p for p in paths if p.suffix == ".html"))
        startup_and_html(page, max(repeat, 3))
        batch(folder, n, repeat if args.smoke else max(1, repeat // 2))
        cluster(folder, n)
        pdfs = [p for p in paths if p.suffix == ".pdf"][: 2 if args.smoke else 10]
        cache(pdfs, repeat if args.smoke else 3)
        real = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() and not args.smoke else []
        pdf(real or pdfs[:1 if args.smoke else 3], max(repeat, 3))
    met = [r for r in ROWS if r[1] is not None]
    print(f"{len(met)} targets measured; ratios above, goals in brackets (never asserted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
