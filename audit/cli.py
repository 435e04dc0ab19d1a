"""Command line: ``xxgk-audit extract|check|rules|explain``.

Only click is imported at start-up; readers, jsonschema and the rule engine are imported inside
the commands, so that ``--version`` and a pre-commit run on no files start fast.
"""
from __future__ import annotations

import json
import sys

import click

from . import __version__


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
    from .build import extract_path

    model = extract_path(path)
    text = json.dumps(model.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":  # pragma: no cover
    main()
