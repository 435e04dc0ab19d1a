"""Access to the shared corpus of real reports (../shared/corpus), which is not ours to commit.
Tests that need it call ``corpus_file`` and are skipped, saying why, when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"shared corpus absent: {path} not found (real reports are not committed)")
    return path
