"""``--format json``: the canonical result dict itself (schemas/findings.schema.json).

Laid out for reading and for line tools: the result, each report and each list in it are
indented; every finding (every item below that level) and a report's outcomes are one line. ``json.dumps`` with
``indent`` runs the pure-Python encoder, which cost half the parent's CPU in a 200-report batch;
without ``indent`` it runs the C encoder, five to six times faster.
"""
from __future__ import annotations

import json

_OPEN = 4  # levels laid out over lines: result, its lists, a report, the report's lists


def render(result: dict, pack=None, opts=None) -> str:
    return _dump(result, 0) + "\n"


def _dump(value, level: int) -> str:
    if level >= _OPEN or not value or not isinstance(value, (dict, list)) \
            or (level == _OPEN - 1 and isinstance(value, dict)):  # a report's outcomes: one line
        return json.dumps(value, ensure_ascii=False)
    inner = "  " * (level + 1)
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {_dump(v, level + 1)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * level + "}"
    items = [inner + _dump(v, level + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + "  " * level + "]"
