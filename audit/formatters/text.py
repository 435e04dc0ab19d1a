"""``--format text``: findings grouped by file and by section, counts at the end.

Colour only when ``opts["color"]`` is true (the command line sets it for a terminal), so piped
output and files stay plain. Pure function of the result dict, like every formatter.
"""
from __future__ import annotations

import re

from ..model.template import SECTIONS

# Control characters (C0, DEL, C1) and bidirectional overrides from documents or file names
# would reach the terminal raw: an ESC starts an escape sequence (colours, cursor moves, a
# title change), and U+202E reverses what follows. Shown as a visible escape instead.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(m) -> str:
    o = ord(m.group())
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def clean(text) -> str:
    """``text`` safe to print on a terminal: control characters as ``\\xNN``/``\\uNNNN``."""
    return _CONTROL.sub(_visible, "" if text is None else str(text))


CN = "一二三四五六"
COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}
WORDS = {
    "zh": {"whole": "全文", "summary": "共 {reports} 个报告：{error} 个错误，{warning} 个警告，{info} 个提示；"
                                       "{not_assessable} 项规则无法评估",
           "clean": "未发现问题", "line": "第{n}行", "page": "第{n}页", "year": "{y}年度",
           "template": "{t}格式", "na": "无法评估：{codes}", "errors": "内部错误：{e}"},
    "en": {"whole": "whole document", "summary": "{reports} reports: {error} errors, {warning} warnings, "
                                                 "{info} info; {not_assessable} rule outcomes not assessable",
           "clean": "no findings", "line": "line {n}", "page": "page {n}", "year": "report year {y}",
           "template": "{t} template", "na": "not assessable: {codes}", "errors": "internal error: {e}"},
}


def _opt(opts, key, default=None):
    if opts is None:
        return default
    return opts.get(key, default) if isinstance(opts, dict) else getattr(opts, key, default)


def _style(text: str, color: bool, **kw) -> str:
    if not color:
        return text
    import click

    return click.style(text, **kw)


def _where(loc: dict, w: dict) -> str:
    parts = []
    if loc.get("table"):
        parts.append("/".join(x for x in (loc["table"], loc.get("row"), loc.get("column")) if x))
    if loc.get("page"):
        parts.append(w["page"].format(n=loc["page"]))
    if loc.get("line"):
        parts.append(w["line"].format(n=loc["line"]))
    return f"  [{', '.join(parts)}]" if parts else ""


def _section_title(n, lang, w) -> str:
    if not n:
        return w["whole"]
    return f"{CN[n - 1]}、{SECTIONS[n]}" if lang == "zh" else f"Section {n}: {SECTIONS[n]}"


def _report(rep: dict, lang: str, color: bool, w: dict) -> list[str]:
    head = [w["year"].format(y=rep["report_year"]) if rep.get("report_year") else None,
            clean(rep.get("agency")) or None, w["template"].format(t=rep["template"])
            if rep.get("template") not in (None, "unknown") else None]
    lines = [_style(clean(rep["path"]), color, bold=True) + "  " + " · ".join(h for h in head if h)]
    current = object()
    for f in rep["findings"]:
        sec = f["location"].get("section")
        if sec != current:
            lines.append("  " + _style(_section_title(sec, lang, w), color, underline=True))
            current = sec
        sev = _style(f"{f['severity']:<7}", color, fg=COLORS[f["severity"]], bold=True)
        lines.append(f"    {sev} {f['rule']}  {clean(f['message'])}{clean(_where(f['location'], w))}")
    if not rep["findings"]:
        lines.append("  " + w["clean"])
    na = [c for c, o in rep["outcomes"].items() if o == "not_assessable"]
    if na:
        lines.append("  " + _style(w["na"].format(codes=" ".join(na)), color, dim=True))
    for e in rep.get("errors", []):
        lines.append("  " + w["errors"].format(e=clean(e)))
    return lines


def render(result: dict, pack=None, opts=None) -> str:
    lang = _opt(opts, "lang", "zh")
    color = bool(_opt(opts, "color", False))
    w = WORDS["en" if lang == "en" else "zh"]
    out = []
    for rep in result["reports"]:
        out += _report(rep, lang, color, w) + [""]
    out.append(w["summary"].format(**result["summary"]))
    return "\n".join(out) + "\n"
