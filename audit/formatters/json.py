"""``--format json``: the canonical result dict itself (schemas/findings.schema.json)."""
from __future__ import annotations

import json


def render(result: dict, pack=None, opts=None) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"
