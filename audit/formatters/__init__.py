"""Output formats: each module exposes ``render(result: dict, pack, opts) -> str`` and is a pure
function of the canonical result dict (``schemas/findings.schema.json``)."""
from __future__ import annotations

from . import github, html, json, sarif, text

FORMATTERS = {
    "text": text.render,
    "json": json.render,
    "sarif": sarif.render,
    "github": github.render,
    "html": html.render,
}
