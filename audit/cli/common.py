"""Helpers the command modules share: the language, usage errors, the rule pack, output checks.

Only click and the standard library at import time (start-up speed).
"""
from __future__ import annotations

import sys

import click


def _lang(lang):
    """The command's --lang, else the one given before the command."""
    root = click.get_current_context().find_root()
    return lang or (root.obj or {}).get("lang")


def _fail(message: str):
    """Usage or configuration error: a clear message and exit status 2."""
    click.echo(f"xxgk-audit: {message}", err=True)
    sys.exit(2)


def _pack():
    from ..checks.packs import PackError, default_pack

    try:
        return default_pack()
    except PackError as err:
        _fail(str(err))


def _check_outputs(**files) -> None:
    """Every output path is tried before the run (exit 2), not found unwritable after it."""
    from ..run.outputs import OutputError, check_all

    try:
        check_all(files)
    except OutputError as err:
        _fail(str(err))


_PDF_ENGINE = click.option(
    "--pdf-engine", type=click.Choice(["pdfium", "pdfplumber"]), default=None,
    help="PDF engine (default pdfium, or `pdf-engine` in the config; pdfplumber: the slower "
         "reference engine).")
