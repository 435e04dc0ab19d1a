"""``--format json``: the canonical result dict itself (schemas/findings.schema.json).

Laid out for reading and for line tools: the result, each report and each list in it are
indented; every finding (every item below that level) and a report's outcomes are one line.
``json.dumps`` with ``indent`` runs the pure-Python encoder, which cost half the parent's CPU in
a 200-report batch; without ``indent`` it runs the C encoder, five to six times faster.
"""
from __future__ import annotations

import json


def render(result: dict, pack=None, opts=None) -> str:
    # Levels over lines: the result, its lists, a report, the report's lists; a report's
    # outcomes (a dict at the last open level) on one line.
    return laid_out(result, 4, flat_dicts_at=3) + "\n"


def laid_out(value, depth: int, flat_dicts_at: int | None = None, level: int = 0) -> str:
    """JSON text with the first ``depth`` levels of lists and objects indented by two spaces and
    everything below (and objects at ``flat_dicts_at``) on one line, encoded by the C encoder."""
    if level >= depth or not value or not isinstance(value, (dict, list)) \
            or (level == flat_dicts_at and isinstance(value, dict)):
        return json.dumps(value, ensure_ascii=False)
    inner = "  " * (level + 1)
    if isinstance(value, dict):
        items = [f"{inner}{_key(k)}: "
                 f"{laid_out(v, depth, flat_dicts_at, level + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * level + "}"
    items = [inner + laid_out(v, depth, flat_dicts_at, level + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + "  " * level + "]"


def _key(key) -> str:
    """A key as ``json.dumps`` writes it (1 → "1", True → "true", None → "null")."""
    return json.dumps({key: 0}, ensure_ascii=False)[1:-4]
