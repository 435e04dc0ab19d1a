"""``xxgk-audit check``: options, manifest, the run, baseline and summary glue, output."""
from __future__ import annotations

import sys

import click

from ..run.limits import DEFAULT_TIMEOUT  # stdlib only: start-up stays fast
from .common import _PDF_ENGINE, _check_outputs, _fail, _lang, _pack


FORMATS = ["text", "json", "sarif", "github", "html"]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable: E901 row
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default text).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write the output here instead of stdout.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when a finding at or above this severity exists (default error).")
@click.option("--select", multiple=True, help="Only these rules: codes, prefixes (T, T20) or names, comma separated.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, prefixes or names, comma separated.")
@click.option("--profile", default=None, help="default | strict | draft | a profile from your config.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (else xxgk-audit.toml, pyproject.toml, setup.cfg).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Message language.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Parallel workers (default: CPU count).")
@click.option("--previous", type=click.Path(dir_okay=False), default=None,
              help="Previous-year report of the same body (X rules).")
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Publication date YYYY-MM-DD of the one report checked (P304); for a batch, the manifest's published column.")
@click.option("--rollup", is_flag=True, default=False,
              help="Batch: compare a government's report that sums up its departments with the sum of "
                   "their reports in the batch (t3, t4 totals).")
@click.option("--summary", "summary_file", type=click.Path(dir_okay=False), default=None,
              help="Also write one CSV row per report here (UTF-8 with BOM, for Excel).")
@click.option("--manifest", "manifest_file", type=click.Path(dir_okay=False), default=None,
              help="CSV listing the reports (path, agency, year, published; other columns are "
                   "carried into the output). Relative paths are relative to the manifest.")
@click.option("--timeout", type=float, default=None, metavar="SECONDS",
              help=f"Seconds per file (default {DEFAULT_TIMEOUT:g}, or `timeout` in the config); "
                   "a file that takes longer is reported as unreadable (E901). "
                   "0: no limit (and with --jobs 1 everything runs in this process).")
@click.option("--max-memory", default=None, metavar="SIZE",
              help="Memory a worker may take for one file, beyond what it maps at its start (default 1G, or `max-memory` in the config; 512M, "
                   "2G, 0: no limit); a file that needs more is reported as unreadable (E901).")
@click.option("--progress/--no-progress", default=None,
              help="Progress line on stderr (default: only when stderr is a terminal).")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="Record today's findings in this baseline file (then give each a reason).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None,
              help="Hide the findings recorded in this baseline; list those that are gone.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None,
              help="Keep each file's extracted model here, keyed by content, tool version and "
                   "reader settings; an unchanged file is then not read again. Safe to delete.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Check on a Dask cluster: tcp://host:port of its scheduler, or local:N for "
                   "N local worker processes (needs the `dask` extra).")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="With PATH `-` (the report on stdin, checked in this process): its name in the "
                   "output; its extension gives the format.")
@click.option("--quiet", "-q", is_flag=True, help="Findings only: no clean reports, no summary line, no notes.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings (text).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (usage errors still exit 2).")
@click.option("--color/--no-color", default=None,
              help="Colour the text output (default: on a terminal, unless NO_COLOR is set).")
@click.option("--skip-non-reports", is_flag=True,
              help="Skip, with a note, a file that is plainly not a report (no report title, no "
                   "section heading, no table 3), e.g. a README beside the reports; the pre-commit hook sets it.")
@_PDF_ENGINE
def check(paths, fmt, output, fail_on, select, ignore, profile, config_path, lang, jobs,
          previous, published, rollup, summary_file, manifest_file, timeout, max_memory, progress,
          write_baseline, baseline_file, stdin_filename, quiet, statistics, exit_zero, color,
          skip_non_reports, pdf_engine, cache_dir, scheduler):
    """Check reports (files or folders; `-` reads one report from stdin) against the rule catalogue."""
    from ..config import limits_for, load_config, settings_for
    from ..formatters import FORMATTERS
    from ..checks.packs import PackError
    from ..run.runner import exit_status, expand

    if not paths and not manifest_file:
        _fail("no PATH given (files or folders, `-` for stdin) and no --manifest; see `xxgk-audit check --help`")
    if "-" in paths and (len(paths) > 1 or manifest_file):
        _fail("`-` (stdin) is the only input when given (no other PATH, no --manifest)")
    if stdin_filename and "-" not in paths:
        _fail("--stdin-filename needs PATH `-`")
    lang = _lang(lang)
    if scheduler and jobs:
        _fail("--jobs and --scheduler: on a cluster its workers are the parallelism")
    pack = _pack()
    try:
        config = load_config(config_path)
        settings = settings_for(pack, config, select=list(select) or None,
                                ignore=list(ignore) or None, profile=profile, fail_on=fail_on,
                                lang=lang, previous=previous,
                                published=published.date().isoformat() if published else None,
                                pdf_engine=pdf_engine)
        limits = limits_for(config, timeout=timeout, max_memory=max_memory, jobs=jobs)
    except PackError as err:
        _fail(str(err))
    settings.rollup = rollup
    _check_outputs(output=output, summary=summary_file, write_baseline=write_baseline)
    fmt = fmt or config.data.get("format") or "text"
    if fmt not in FORMATTERS:
        _fail(f"--format {fmt}: not available in this version")
    if statistics and fmt != "text":
        _fail("--statistics prints a text table; it does not combine with --format " + fmt)
    if paths and paths != ("-",) and not expand(paths):
        click.echo("xxgk-audit: no reports (.html .htm .pdf .txt .md) found under "
                   + ", ".join(paths), err=True)
    listed = _load_manifest(manifest_file) if manifest_file else None  # fail fast: exit 2
    entries = _load_baseline(baseline_file) if baseline_file else None
    if paths == ("-",):
        from ..run.runner import check_stdin, result_dict

        rep = check_stdin(sys.stdin.buffer.read(), stdin_filename, pack, settings)
        skip = skip_non_reports and rep.get("not_a_report")
        result = result_dict([] if skip else [rep], skipped=[rep["path"]] if skip else [])
    else:
        result = _run(paths, listed, pack, settings, progress,
                      dict(limits, exclude=[output, summary_file, write_baseline],
                           skip_non_reports=skip_non_reports, cache=cache_dir, scheduler=scheduler))
    for path in result["skipped"] if not quiet else ():
        click.echo(f"xxgk-audit: {path}: skipped, not a report (no report title, section heading "
                   "or table 3)", err=True)
    result = _baseline_and_summary(result, write_baseline, baseline_file, entries, summary_file,
                                   settings.lang)
    if color is None:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in __import__("os").environ
    opts = {"lang": settings.lang, "color": color, "quiet": quiet}
    if statistics:
        from ..formatters.text import statistics as render_statistics

        text = render_statistics(result, pack, opts)
    else:
        text = FORMATTERS[fmt](result, pack, opts)
    if output:
        from ..run.outputs import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    sys.exit(0 if exit_zero else exit_status(result, settings.fail_on))


def _load_manifest(file: str) -> list:
    from ..run.manifest import ManifestError, load

    try:
        listed, warnings = load(file)
    except ManifestError as err:
        _fail(str(err))
    for w in warnings:
        click.echo(f"xxgk-audit: {w}", err=True)
    if not listed:
        click.echo(f"xxgk-audit: manifest {file} lists no reports", err=True)
    return listed


def _run(paths, listed, pack, settings, progress, limits) -> dict:
    """The batch, with a progress line when stderr is a terminal. Ctrl-C or SIGTERM ends it
    cleanly: the runner stops its workers, and the exit status is 130 (143 for SIGTERM) as for
    any interrupted command."""
    from ..run.limits import Terminated, terminate_as_interrupt
    from ..run.progress import Progress
    from ..run.runner import RunError, run

    show = sys.stderr.isatty() if progress is None else progress
    bar = Progress(sys.stderr, settings.lang) if show else None
    try:
        with terminate_as_interrupt():
            return run(paths, pack, settings, entries=listed, progress=bar, **limits)
    except (ValueError, RunError) as err:  # --previous with a batch; no cluster
        _fail(str(err))
    except KeyboardInterrupt as err:
        if bar:
            bar.close()  # before the message, so it is not appended to the progress line
        click.echo("xxgk-audit: " + ("terminated" if isinstance(err, Terminated) else "interrupted"),
                   err=True)
        sys.exit(143 if isinstance(err, Terminated) else 130)
    finally:
        if bar:
            bar.close()


def _load_baseline(file: str) -> dict:
    from ..run.baseline import BaselineError, load_baseline

    try:
        return load_baseline(file)
    except BaselineError as err:
        _fail(str(err))


def _baseline_and_summary(result, write_file, baseline_file, entries, summary_file, lang="zh") -> dict:
    """--write-baseline records every finding; --baseline then hides the recorded ones (and the
    summary counts, hence the exit status, drop by them); --summary writes the CSV."""
    if write_file:
        from ..run.baseline import write_baseline

        n = write_baseline(result, write_file)
        click.echo(f"xxgk-audit: {n} finding(s) recorded in {write_file}; "
                   'give each a "reason" before using it with --baseline', err=True)
    if entries is not None:
        from ..run.baseline import apply_baseline

        result = apply_baseline(result, entries, baseline_file)
        for e in result["baseline"]["gone"]:
            click.echo(f"xxgk-audit: baseline entry no longer found: {e.get('path')} "
                       f"{e.get('rule')} {e.get('where')}", err=True)
    if summary_file:
        from ..formatters import summary_csv as summary
        from ..run.outputs import write_atomic

        write_atomic(summary_file, summary.render(result, lang), summary.ENCODING, newline="")
    return result
