"""Command line: ``xxgk-audit extract|check|rules|explain``.

Only click is imported at start-up; readers, jsonschema and the rule engine are imported inside
the commands, so that ``--version`` and a pre-commit run on no files start fast.
"""
from __future__ import annotations

import json
import sys

import click

from . import __version__
from .run.limits import DEFAULT_TIMEOUT  # stdlib only: start-up stays fast


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="xxgk-audit")
def main():
    """政府信息公开工作年度报告 合规检查工具 (compliance linter for annual disclosure reports)."""


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write the JSON here instead of stdout.")
def extract(path, output):
    """Print what the report says (the model the rules see) as JSON."""
    from .model.build import extract_path

    if output:
        _check_outputs(output=output)
    model = extract_path(path)
    text = json.dumps(model.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if output:
        from .run.outputs import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)


def _fail(message: str):
    """Usage or configuration error: a clear message and exit status 2."""
    click.echo(f"xxgk-audit: {message}", err=True)
    sys.exit(2)


def _pack():
    from .checks.packs import PackError, default_pack

    try:
        return default_pack()
    except PackError as err:
        _fail(str(err))


FORMATS = ["text", "json", "sarif", "github", "html"]


@main.command()
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
              help="Publication date YYYY-MM-DD (P304).")
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
              help="Memory limit per worker (default 1G, or `max-memory` in the config; 512M, "
                   "2G, 0: no limit); a file that needs more is reported as unreadable (E901).")
@click.option("--progress/--no-progress", default=None,
              help="Progress line on stderr (default: only when stderr is a terminal).")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="Record today's findings in this baseline file (then give each a reason).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None,
              help="Hide the findings recorded in this baseline; list those that are gone.")
def check(paths, fmt, output, fail_on, select, ignore, profile, config_path, lang, jobs,
          previous, published, summary_file, manifest_file, timeout, max_memory, progress,
          write_baseline, baseline_file):
    """Check reports (files or folders) against the rule catalogue."""
    from .config import limits_for, load_config, settings_for
    from .formatters import FORMATTERS
    from .checks.packs import PackError
    from .run.runner import exit_status, expand

    pack = _pack()
    try:
        config = load_config(config_path)
        settings = settings_for(pack, config, select=list(select) or None,
                                ignore=list(ignore) or None, profile=profile, fail_on=fail_on,
                                lang=lang, previous=previous,
                                published=published.date().isoformat() if published else None)
        limits = limits_for(config, timeout=timeout, max_memory=max_memory, jobs=jobs)
    except PackError as err:
        _fail(str(err))
    _check_outputs(output=output, summary=summary_file, write_baseline=write_baseline)
    fmt = fmt or config.data.get("format") or "text"
    if fmt not in FORMATTERS:
        _fail(f"--format {fmt}: not available in this version")
    if paths and not expand(paths):
        click.echo("xxgk-audit: no reports (.html .htm .pdf .txt .md) found under "
                   + ", ".join(paths), err=True)
    listed = _load_manifest(manifest_file) if manifest_file else None  # fail fast: exit 2
    entries = _load_baseline(baseline_file) if baseline_file else None
    result = _run(paths, listed, pack, settings, progress,
                  dict(limits, exclude=[output, summary_file, write_baseline]))
    result = _baseline_and_summary(result, write_baseline, baseline_file, entries, summary_file)
    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in __import__("os").environ
    text = FORMATTERS[fmt](result, pack, {"lang": settings.lang, "color": color})
    if output:
        from .run.outputs import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    sys.exit(exit_status(result, settings.fail_on))


def _load_manifest(file: str) -> list:
    from .run.manifest import ManifestError, load

    try:
        listed, warnings = load(file)
    except ManifestError as err:
        _fail(str(err))
    for w in warnings:
        click.echo(f"xxgk-audit: {w}", err=True)
    if not listed:
        click.echo(f"xxgk-audit: manifest {file} lists no reports", err=True)
    return listed


def _check_outputs(**files) -> None:
    """Every output path is tried before the run (exit 2), not found unwritable after it."""
    from .run.outputs import OutputError, check_all

    try:
        check_all(files)
    except OutputError as err:
        _fail(str(err))


def _run(paths, listed, pack, settings, progress, limits) -> dict:
    """The batch, with a progress line when stderr is a terminal. Ctrl-C or SIGTERM ends it
    cleanly: the runner stops its workers, and the exit status is 130 (143 for SIGTERM) as for
    any interrupted command."""
    from .run.limits import Terminated, terminate_as_interrupt
    from .run.progress import Progress
    from .run.runner import run

    show = sys.stderr.isatty() if progress is None else progress
    bar = Progress(sys.stderr, settings.lang) if show else None
    try:
        with terminate_as_interrupt():
            return run(paths, pack, settings, entries=listed, progress=bar, **limits)
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
    from .run.baseline import BaselineError, load_baseline

    try:
        return load_baseline(file)
    except BaselineError as err:
        _fail(str(err))


def _baseline_and_summary(result, write_file, baseline_file, entries, summary_file) -> dict:
    """--write-baseline records every finding; --baseline then hides the recorded ones (and the
    summary counts, hence the exit status, drop by them); --summary writes the CSV."""
    from .formatters import summary_csv as summary
    from .run import baseline

    if write_file:
        n = baseline.write_baseline(result, write_file)
        click.echo(f"xxgk-audit: {n} finding(s) recorded in {write_file}; "
                   'give each a "reason" before using it with --baseline', err=True)
    if entries is not None:
        result = baseline.apply_baseline(result, entries, baseline_file)
        for e in result["baseline"]["gone"]:
            click.echo(f"xxgk-audit: baseline entry no longer found: {e.get('path')} "
                       f"{e.get('rule')} {e.get('where')}", err=True)
    if summary_file:
        from .run.outputs import write_atomic

        write_atomic(summary_file, summary.render(result), summary.ENCODING, newline="")
    return result


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
def rules_cmd(fmt, lang):
    """List the rule catalogue: code, name, default severity, summary."""
    pack = _pack()
    if fmt == "json":
        rows = [{"code": r.code, "name": r.name, "severity": r.severity,
                 "summary": r.summary(lang), "check": r.check, "pack": r.pack,
                 "applies": r.applies, "aliases": r.aliases, "planned": r.planned}
                for r in pack.rules]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    for r in pack.rules:
        mark = " (planned)" if r.planned else ""
        click.echo(f"{r.code}  {r.severity:<7}  {r.name:<26} {r.summary(lang)}{mark}")


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
def explain(code, lang):
    """Print a rule's documentation: what, why, failing example, fix, basis."""
    from .rulesdoc import explain_text

    rule = _pack().get(code.upper()) or _pack().get(code)
    if rule is None:
        _fail(f"unknown rule {code!r} (see `xxgk-audit rules`)")
    click.echo(explain_text(rule, lang))


if __name__ == "__main__":  # pragma: no cover
    main()
