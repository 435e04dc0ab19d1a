"""GitHub Actions workflow-command annotations (``--format github``).

One line per finding, ``::error file=…,line=…,title=…::message``; severities map to error,
warning and notice. Escaping follows the runner's rules (actions/toolkit ``command.ts``): in the
message, ``%`` ``\\r`` ``\\n`` become ``%25`` ``%0D`` ``%0A``; in property values ``:`` and ``,``
also become ``%3A`` ``%2C``, since they delimit the properties. Without this a message with a
newline would end the command and a comma in a file name would cut the path.
"""
from __future__ import annotations

from ..checks.findings import rel_path
from .packmeta import cell_key, opt, rules_of

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s) -> str:
    return str(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _where(loc: dict) -> str:
    bits = []
    if loc.get("page"):
        bits.append(f"p.{loc['page']}")
    if loc.get("word_table"):
        bits.append(f"Word table {loc['word_table']} row {loc.get('word_row')}")
    elif loc.get("paragraph"):
        bits.append(f"¶{loc['paragraph']}")
    if cell_key(loc):
        bits.append(cell_key(loc))
    elif loc.get("section"):
        bits.append(f"section {loc['section']}")
    return f"[{', '.join(bits)}] " if bits else ""


def annotation(report: dict, finding: dict, base=None, name: str = "") -> str:
    """One workflow command; ``name`` (the rule's kebab-case name) completes the title."""
    loc = finding.get("location") or {}
    line = loc.get("line") if report.get("format") != "pdf" else None
    props = [("file", rel_path(report.get("path", ""), base)),
             ("line", line if isinstance(line, int) and line > 0 else 1)]
    char = (loc.get("cell") or {}).get("char")
    if line and isinstance(char, int) and char > 0:  # text: the cell's column in its line
        props.append(("col", char))
    props.append(("title", f"{finding.get('rule', '')} {name}".strip()))
    cmd = COMMANDS.get(finding.get("severity"), "warning")
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{cmd} {head}::{escape_data(_where(loc) + str(finding.get('message') or ''))}"


def render(result: dict, pack=None, opts=None) -> str:
    base = opt(opts, "base", None)
    names = {r["code"]: r.get("name", "") for r in rules_of(pack)}
    lines = []
    for report in result.get("reports") or []:
        for f in report.get("findings") or []:
            lines.append(annotation(report, f, base, names.get(f.get("rule"), "")))
    gone = (result.get("baseline") or {}).get("gone") or []
    for e in gone:
        lines.append("::notice title=baseline::" + escape_data(
            f"{e.get('path')}: {e.get('rule')} {e.get('where')} is no longer found; "
            "remove it from the baseline"))
    s = result.get("summary") or {}
    lines.append(f"xxgk-audit: {s.get('reports', 0)} report(s), {s.get('error', 0)} error(s), "
                 f"{s.get('warning', 0)} warning(s), {s.get('info', 0)} info")
    return "\n".join(lines) + "\n"
