"""Findings and the safe message formatter.

A check yields ``Finding`` objects that carry where (location), why (evidence) and the values
its message template needs (``args``). The engine fills in the rule code, the severity and the
rendered message; checks never know the language or the configured severity.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field


class NotAssessable(Exception):
    """Raised by a check, before yielding anything, when its inputs are missing or unreadable."""


@dataclass
class Text:
    """A message argument that reads differently per language (a cell label, a field name)."""

    zh: str
    en: str

    def pick(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass
class Finding:
    section: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    page: int | None = None
    line: int | None = None
    snippet: str | None = None
    evidence: dict = field(default_factory=dict)
    args: dict = field(default_factory=dict)  # placeholder values for the message template
    # A gate rule's finding may make more rules not_assessable than the rule's own ``blocks:``
    # (S109: a news article has no contact block to judge, a pre-2019 report has); engine only.
    blocks: list = field(default_factory=list)
    # Filled by the engine:
    rule: str = ""
    severity: str = ""
    message: str = ""

    def to_dict(self) -> dict:
        return {
            "rule": self.rule, "severity": self.severity, "message": self.message,
            "location": {"section": self.section, "table": self.table, "row": self.row,
                         "column": self.column, "page": self.page, "line": self.line,
                         "snippet": self.snippet},
            "evidence": self.evidence,
        }


class _SafeFormatter(string.Formatter):
    """str.format that leaves an unknown placeholder visible ("{colum}") instead of raising or
    blanking it: a missing key in a message is a bug we want to see, not hide. Format specs and
    attribute access are not supported, so a pack cannot reach into Python objects."""

    def __init__(self, lang: str):
        self.lang = lang
        self.missing: list[str] = []

    def get_field(self, field_name, args, kwargs):
        if field_name not in kwargs:
            self.missing.append(field_name)
            return "{" + field_name + "}", field_name
        return kwargs[field_name], field_name

    def format_field(self, value, format_spec):
        if isinstance(value, Text):
            value = value.pick(self.lang)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)


def render(template: str, args: dict, lang: str = "zh") -> tuple[str, list[str]]:
    """(message, missing placeholder names)."""
    fmt = _SafeFormatter(lang)
    try:
        text = fmt.vformat(template, (), args)
    except (ValueError, IndexError):  # a malformed template: show it as is
        return template, ["<malformed>"]
    return text, fmt.missing


def placeholders(template: str) -> list[str]:
    return [f for _, f, _, _ in string.Formatter().parse(template) if f]
