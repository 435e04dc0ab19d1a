"""Findings and the safe message formatter.

A check yields ``Finding`` objects that carry where (location), why (evidence) and the values
its message template needs (``args``). The engine fills in the rule code, the severity and the
rendered message; checks never know the language or the configured severity.
"""
from __future__ import annotations

import hashlib
import os
import re
import string
from dataclasses import dataclass, field


class NotAssessable(Exception):
    """Raised by a check, before yielding anything, when its inputs are missing or unreadable."""


@dataclass(frozen=True)  # shared: the label texts are cached (cells.row_text)
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
    # Where the cell is printed (model.locations[key]["cell"]): row_label, column_label, table,
    # row, column (1-based in the printed table), and pointer (HTML), char (text) or box (PDF).
    cell: dict | None = None
    evidence: dict = field(default_factory=dict)
    args: dict = field(default_factory=dict)  # placeholder values for the message template
    # A gate rule's finding may make more rules not_assessable than the rule's own ``blocks:``
    # (S109: a news article has no contact block to judge, a pre-2019 report has); engine only.
    blocks: list = field(default_factory=list)
    # Filled by the engine:
    rule: str = ""
    severity: str = ""
    message: str = ""
    # Findings with one cause (the cell whose correction repairs them all): {"cell", "label",
    # "value", "expected", "role": "primary" | "consequence", "count"}; engine.link_causes.
    cause: dict | None = None

    def to_dict(self, word_tables: list | None = None) -> dict:
        """``word_tables`` (not None): the document is a .docx, whose reader puts the paragraph
        number where the others put the source line (a .docx has neither lines nor fixed
        pages); the JSON then says ``paragraph`` and leaves ``line`` empty, and a paragraph
        inside a table also gets the Word table's number and row (``ReportModel.word_tables``)."""
        loc = {"section": self.section, "table": self.table, "row": self.row,
               "column": self.column, "page": self.page, "line": self.line,
               "snippet": self.snippet}
        if word_tables is not None:
            loc["paragraph"], loc["line"] = self.line, None
            for number, first, last, lead in word_tables:
                if self.line is not None and first <= self.line <= last:
                    loc["word_table"], loc["word_row"] = number, self.line - first + lead + 1
        if self.cell:
            loc["cell"] = self.cell
        out = {"rule": self.rule, "severity": self.severity, "message": self.message,
               "location": loc, "evidence": self.evidence}
        if self.cause:
            out["cause"] = self.cause
        return out


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


# --- fingerprints --------------------------------------------------------------------------
# A fingerprint is a property of a finding: the same one names it in SARIF
# ``partialFingerprints`` and in a ``--baseline`` file (run/baseline.py), so both agree on what
# "the same finding" is. It is built only from what survives a re-layout of the document: the
# report path, the rule code, and the cell key (table/row/column) or, outside the tables, the
# section number and the snippet. Pages, lines and values are left out on purpose: a page break
# that moves next year, or an accepted wrong sum that becomes another wrong sum, is still the
# same problem at the same place.

FINGERPRINT_KEY = "xxgkAudit/v1"  # SARIF partialFingerprints key; bump the suffix if the recipe changes


def rel_path(path: str, base: str | None = None) -> str:
    """The report path as written in fingerprints and SARIF: relative to ``base`` (default: the
    working directory) when it lies below it, with forward slashes, without a leading ``./``."""
    p = str(path or "")
    if os.path.isabs(p):
        b = os.path.abspath(base or os.getcwd())
        try:
            r = os.path.relpath(p, b)
        except ValueError:  # another drive on Windows
            r = p
        if not r.startswith(".."):
            p = r
    p = p.replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return p


def where(finding: dict) -> str:
    """The stable place of a finding: ``t3/received/total``, ``s5`` or ``s5:<snippet>``."""
    loc = finding.get("location") or {}
    if loc.get("table"):
        parts = [loc.get("table"), loc.get("row"), loc.get("column")]
        return "/".join(str(p) for p in parts if p not in (None, ""))
    out = f"s{loc['section']}" if loc.get("section") is not None else ""
    snippet = re.sub(r"\s+", "", str(loc.get("snippet") or ""))  # line wraps move with layout
    return f"{out}:{snippet}" if snippet else out


def fingerprint(path: str, finding: dict, occurrence: int = 0, base: str | None = None) -> str:
    """Hex digest identifying ``finding`` of the report at ``path``. ``occurrence`` tells apart
    findings that share rule and place (the n-th one in the report's canonical order)."""
    key = "\0".join(["v1", rel_path(path, base), str(finding.get("rule", "")), where(finding),
                     str(occurrence)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def report_fingerprints(report: dict, base: str | None = None) -> list[str]:
    """Fingerprints of ``report['findings']``, in order."""
    seen: dict[tuple, int] = {}
    out = []
    for f in report.get("findings") or []:
        k = (f.get("rule"), where(f))
        n = seen.get(k, 0)
        seen[k] = n + 1
        # apply_baseline stamps the fingerprint on the findings it keeps: recomputing after
        # some were hidden would shift the occurrence numbers.
        out.append(f.get("fingerprint") or fingerprint(report.get("path", ""), f, n, base))
    return out
