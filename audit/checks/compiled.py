"""The built-in YAML data (rule packs, profiles) parsed once per content, then read as JSON.

Start-up matters (pre-commit runs the tool on every commit, a batch starts it per worker): just
importing PyYAML costs ~15 ms (its reader compiles a large Unicode regex at import), and parsing
the packs another ~15 ms with libyaml, ~120 ms without. The parsed data is therefore kept as
JSON in the user's cache directory, in a file named by the SHA-256 of the tool version and of
every source text, so that an edited pack or an upgrade simply misses and re-parses: it can
never be stale. The cache is an optimisation only: a file that cannot be written, read or
parsed is ignored (and rewritten), and deleting the directory at any time is safe.
``XXGK_AUDIT_NO_PACK_CACHE=1`` turns it off.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .. import __version__


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xxgk-audit"


def _key(kind: str, sources: list[tuple[str, str]]) -> str:
    import hashlib

    h = hashlib.sha256(f"{kind}\0{__version__}\0".encode())
    for name, text in sources:
        h.update(name.encode("utf-8") + b"\0" + text.encode("utf-8") + b"\0")
    return h.hexdigest()[:32]


def parsed(kind: str, sources: list[tuple[str, str]], parse) -> list:
    """``[parse(name, text) for each source]``, from the cache when the same texts were parsed
    before. ``parse`` may raise; nothing is cached then."""
    if os.environ.get("XXGK_AUDIT_NO_PACK_CACHE"):
        return [parse(name, text) for name, text in sources]
    path = cache_dir() / f"{kind}-{_key(kind, sources)}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, list) and len(data) == len(sources):
            return data
    except (OSError, ValueError):
        pass  # absent or corrupt: parse again and rewrite
    data = [parse(name, text) for name, text in sources]
    text = json.dumps(data, ensure_ascii=False)
    if json.loads(text) == data:  # only plain JSON data (no dates, no integer keys) is cached
        _write(path, text)
    return data


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
