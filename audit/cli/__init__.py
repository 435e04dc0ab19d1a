"""Command line: ``xxgk-audit extract|check|fetch|rules|explain|serve``.

Only click is imported at start-up; readers, jsonschema and the rule engine are imported inside
the commands, so that ``--version`` and a pre-commit run on no files start fast.
"""
from __future__ import annotations

import json
import sys

import click

from .. import __version__
from ..run.limits import DEFAULT_TIMEOUT  # noqa: F401  stdlib only: start-up stays fast (re-exported)
from .common import _PDF_ENGINE, _check_outputs, _fail, _lang, _pack  # noqa: F401  (re-exported)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="xxgk-audit")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Message language for the command (also accepted after it).")
@click.pass_context
def main(ctx, lang):
    """政府信息公开工作年度报告 合规检查工具 (compliance linter for annual disclosure reports)."""
    ctx.obj = {"lang": lang}


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write the JSON here instead of stdout.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Message language.")
@_PDF_ENGINE
def extract(path, output, lang, pdf_engine):
    """Print what the report says (the model the rules see) as JSON. A file that cannot be read
    still prints its model (the problem in ``problems``), says E901 on stderr and exits 1."""
    from ..model.build import extract_path

    if output:
        _check_outputs(output=output)
    model = extract_path(path, {"pdf": {"engine": pdf_engine}} if pdf_engine else None)
    text = json.dumps(model.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if output:
        from ..run.outputs import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    if any(code == "E901" for code, _reason in model.problems):
        from ..checks.engine import Settings, check_model

        result = check_model(model, _pack(), Settings(enabled={"E901"}, lang=_lang(lang) or "zh"))
        for f in result["findings"]:
            click.echo(f"xxgk-audit: {path}: E901 {f['message']}", err=True)
        sys.exit(1)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None)
def rules_cmd(fmt, lang):
    """List the rule catalogue: code, name, default severity, summary."""
    lang = _lang(lang) or "zh"
    pack = _pack()
    if fmt == "json":
        rows = [{"code": r.code, "name": r.name, "severity": r.severity,
                 "summary": r.summary(lang), "check": r.check, "pack": r.pack,
                 "applies": r.applies, "aliases": r.aliases}
                for r in pack.rules]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    for r in pack.rules:
        click.echo(f"{r.code}  {r.severity:<7}  {r.name:<26} {r.summary(lang)}")


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None)
def explain(code, lang):
    """Print a rule's documentation: what, why, failing example, fix, basis."""
    from ..rulesdoc import explain_text

    lang = _lang(lang) or "zh"
    rule = _pack().get(code.upper()) or _pack().get(code)
    if rule is None:
        _fail(f"unknown rule {code!r} (see `xxgk-audit rules`)")
    click.echo(explain_text(rule, lang))


# The commands of the submodules (they import .common, never this module: no import circle).
from .check import FORMATS, _baseline_and_summary, _load_baseline, _load_manifest, _run, check  # noqa: E402,F401
from .tools import fetch_cmd, serve  # noqa: E402

main.add_command(check)
main.add_command(fetch_cmd)
main.add_command(serve)
