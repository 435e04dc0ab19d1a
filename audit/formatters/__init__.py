"""Output formats: each module exposes ``render(result: dict, pack, opts) -> str`` and is a pure
function of the canonical result dict (``schemas/findings.schema.json``)."""
from __future__ import annotations


def _lazy(name: str):
    """The module's ``render``, imported on first use: a text run need not pay for the HTML
    report's templates (start-up time, issue 13)."""
    def render(result, pack, opts):
        from importlib import import_module

        return import_module(f"{__name__}.{name}").render(result, pack, opts)
    return render


FORMATTERS = {name: _lazy(name) for name in ("text", "json", "sarif", "github", "html")}
