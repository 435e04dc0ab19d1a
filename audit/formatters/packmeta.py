"""Rule metadata as plain dicts, whatever shape the rule pack object has.

The SARIF and HTML formatters need each rule's code, name, severity, message and docs. The pack
is built by the engine (``audit/checks/packs.py``); to keep the formatters pure functions of plain data
(and testable with hand-built dicts) they read it through this one adapter, which accepts
``None``, a list of rule dicts/objects, a ``{code: rule}`` mapping, or an object whose ``rules``
attribute is one of those.
"""
from __future__ import annotations

from dataclasses import asdict, is_dataclass

FIELDS = ("code", "name", "severity", "summary", "message", "docs", "applies", "aliases")
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _as_dict(rule) -> dict:
    if isinstance(rule, dict):
        return dict(rule)
    if is_dataclass(rule):
        return asdict(rule)
    return {f: getattr(rule, f) for f in FIELDS if hasattr(rule, f)}


def rules_of(pack) -> list[dict]:
    """Every rule of ``pack`` as a dict with at least code, name, severity, message, docs;
    sorted by code so that output is deterministic."""
    if pack is None:
        return []
    items = getattr(pack, "rules", pack)
    if callable(items):
        items = items()
    if isinstance(items, dict):
        items = list(items.values())
    out = []
    for rule in items:
        d = _as_dict(rule)
        if not d.get("code"):
            continue
        d.setdefault("name", d["code"])
        d.setdefault("severity", "warning")
        d["message"] = d.get("message") or {}
        d["docs"] = _docs_by_field(d.get("docs") or {})
        out.append(d)
    return sorted(out, key=lambda r: r["code"])


def _docs_by_field(docs: dict) -> dict:
    """Packs write docs per language (``{zh: {what, why…}, en: {…}}``); formatters look them up
    per field (``{what: {zh, en}}`` or ``{what: "…"}``). Accept both, return the latter."""
    if not any(isinstance(docs.get(lang), dict) for lang in ("zh", "en")):
        return docs
    out: dict = {}
    for lang in ("zh", "en"):
        for key, value in (docs.get(lang) or {}).items():
            out.setdefault(key, {})[lang] = value
    return out


def text(value, lang: str = "zh") -> str:
    """A docs or message field that is either a plain string or ``{zh, en}``."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("zh") or value.get("en") or "")
    return str(value)


def summary(rule: dict, lang: str = "zh") -> str:
    """One line describing the rule: its ``summary`` if the pack has one, else the first
    sentence of docs.what, else its name."""
    s = text(rule.get("summary"), lang)
    if not s:
        what = text(rule.get("docs", {}).get("what"), lang).strip()
        for stop in ("。", ". ", "\n"):
            if stop in what:
                what = what.split(stop, 1)[0] + (stop.strip() if stop != "\n" else "")
                break
        s = what
    return s or rule.get("name") or rule.get("code", "")


def opt(opts, name: str, default=None):
    """Read an option from a dict, an object (click context params, a dataclass) or None."""
    if opts is None:
        return default
    if isinstance(opts, dict):
        return opts.get(name, default)
    return getattr(opts, name, default)


def cell_key(loc: dict) -> str | None:
    """``t3/received/total`` for a finding location, or None without a table."""
    if not loc or not loc.get("table"):
        return None
    parts = [loc.get("table"), loc.get("row"), loc.get("column")]
    return "/".join(str(p) for p in parts if p not in (None, ""))
