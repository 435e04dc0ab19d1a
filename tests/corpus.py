"""Access to the shared corpus of real reports (../shared/corpus), which is not ours to commit.
Tests that need it call ``corpus_file`` and are skipped, saying why, when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def corpus_file(name: str) -> Path:
    """The corpus file called ``name``, or the first whose name starts with it ("203_")."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus absent: {CORPUS} not found (real reports are not committed)")
    path = CORPUS / name
    if path.exists():
        return path
    hits = sorted(CORPUS.glob(name + "*"))
    if not hits:
        pytest.skip(f"shared corpus file absent: {name}*")
    return hits[0]


def marked(block):
    """A table block's grid with spanned copies marked by a trailing '*', so one literal shows
    both the text and the span flags."""
    return [[c.text + ("*" if c.spanned else "") for c in row] for row in block.rows]
