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
    "zh": {"whole": "全文", "summary": "共 {reports} 个报告（本次检查 {files} 个文件{skip}）：{error} 个错误，"
                                       "{warning} 个警告，{info} 个提示；{not_assessable} 项规则无法评估",
           "skip": "，跳过 {n} 个非报告文件",
           "clean": "未发现问题", "line": "第{n}行", "page": "第{n}页", "paragraph": "第{n}段",
           "word_row": "第{t}个表格第{r}行", "year": "{y}年度",
           "char": "第{n}字", "cell": "第{t}张表第{r}行第{c}列", "table_no": "第{t}张表",
           "template": "{t}格式", "na": "无法评估：{codes}", "errors": "内部错误：{e}",
           "cause": "↳ 同一原因，最可能出错的是{label}（{value}，应为 {expected}），它还引起：",
           "cause_only": "↳ 最可能出错的是{label}（{value}，应为 {expected}）",
           "previous": "上一年度报告：{p}", "unpaired": "未配对：{r}",
           "pairs": "配对 {n} 组（本年度 ← 上一年度）：", "why": {"model": "同一发布机关且年度相邻",
                                                          "manifest": "清单的 agency/year 列",
                                                          "option": "--previous"}},
    "en": {"whole": "whole document", "summary": "{reports} report(s) ({files} file(s) checked in this run{skip}): "
                                                 "{error} errors, {warning} warnings, {info} info; "
                                                 "{not_assessable} rule outcomes not assessable",
           "skip": ", {n} skipped as not reports",
           "clean": "no findings", "line": "line {n}", "page": "page {n}", "paragraph": "paragraph {n}",
           "word_row": "Word table {t} row {r}", "year": "report year {y}",
           "char": ":{n}", "cell": "table {t} row {r} col {c}", "table_no": "table {t}",
           "template": "{t} template", "na": "not assessable: {codes}", "errors": "internal error: {e}",
           "cause": "↳ one cause: most likely wrong is {label} ({value}, expected {expected}); it also gives:",
           "cause_only": "↳ most likely wrong is {label} ({value}, expected {expected})",
           "previous": "previous year's report: {p}", "unpaired": "not paired: {r}",
           "pairs": "{n} pair(s) (this year ← previous year):", "why": {
               "model": "same issuing body, consecutive years",
               "manifest": "the manifest's agency/year columns", "option": "--previous"}},
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
    cell = loc.get("cell") or {}
    if cell.get("row") and cell.get("column"):
        labels = " | ".join(x for x in (cell.get("row_label"), cell.get("column_label")) if x)
        parts.append(w["cell"].format(t=cell.get("table") or "?", r=cell["row"], c=cell["column"])
                     + (f" “{labels}”" if labels else ""))
    elif cell.get("table"):
        parts.append(w["table_no"].format(t=cell["table"]))
    if loc.get("page"):
        parts.append(w["page"].format(n=loc["page"]))
    if loc.get("line"):
        parts.append(w["line"].format(n=loc["line"]) + (w["char"].format(n=cell["char"]) if cell.get("char") else ""))
    if loc.get("word_table"):
        parts.append(w["word_row"].format(t=loc["word_table"], r=loc.get("word_row")))
    elif loc.get("paragraph"):
        parts.append(w["paragraph"].format(n=loc["paragraph"]))
    return f"  [{', '.join(parts)}]" if parts else ""


def _line(f: dict, color: bool, w: dict) -> str:
    sev = _style(f"{f['severity']:<7}", color, fg=COLORS[f["severity"]], bold=True)
    return f"{sev} {f['rule']}  {clean(f['message'])}{clean(_where(f['location'], w))}"


def _primary(rep: dict, f: dict):
    cell = f["cause"]["cell"]
    return next((g for g in rep["findings"] if (g.get("cause") or {}).get("cell") == cell
                 and g["cause"]["role"] == "primary"), None)


def _consequences(rep: dict, primary: dict, color: bool, w: dict) -> list[str]:
    """The findings one wrong cell causes, under the finding located at that cell."""
    cause = primary["cause"]
    others = [g for g in rep["findings"] if g is not primary
              and (g.get("cause") or {}).get("cell") == cause["cell"]]
    key = "cause" if others else "cause_only"
    args = {k: cause[k] for k in ("label", "value", "expected")}
    return (["      " + _style(w[key].format(**args), color, dim=True)]
            + ["        " + _line(g, color, w) for g in others])


def _section_title(n, lang, w) -> str:
    if not n:
        return w["whole"]
    return f"{CN[n - 1]}、{SECTIONS[n]}" if lang == "zh" else f"Section {n}: {SECTIONS[n]}"


def _report(rep: dict, lang: str, color: bool, w: dict, quiet: bool = False) -> list[str]:
    head = [w["year"].format(y=rep["report_year"]) if rep.get("report_year") else None,
            clean(rep.get("agency")) or None, w["template"].format(t=rep["template"])
            if rep.get("template") not in (None, "unknown") else None]
    lines = [_style(clean(rep["path"]), color, bold=True) + "  " + " · ".join(h for h in head if h)]
    if rep.get("previous"):
        lines.append("  " + w["previous"].format(p=clean(rep["previous"])))
    elif rep.get("unpaired"):
        lines.append("  " + _style(w["unpaired"].format(r=clean(rep["unpaired"])), color, dim=True))
    current = object()
    for f in rep["findings"]:
        if (f.get("cause") or {}).get("role") == "consequence" and _primary(rep, f) is not None:
            continue  # printed under its primary
        sec = f["location"].get("section")
        if sec != current:
            lines.append("  " + _style(_section_title(sec, lang, w), color, underline=True))
            current = sec
        lines.append("    " + _line(f, color, w))
        if (f.get("cause") or {}).get("role") == "primary":
            lines += _consequences(rep, f, color, w)
    if quiet:
        return lines
    if not rep["findings"]:
        lines.append("  " + w["clean"])
    na = [c for c, o in rep["outcomes"].items() if o == "not_assessable"]
    if na:
        lines.append("  " + _style(w["na"].format(codes=" ".join(na)), color, dim=True))
    for e in rep.get("errors", []):
        lines.append("  " + w["errors"].format(e=clean(e)))
    return lines


def summary_line(summary: dict, w: dict) -> str:
    """The count line. It names the files this invocation checked: pre-commit runs several
    invocations in parallel, each printing its own line."""
    skipped = summary.get("skipped", 0)
    return w["summary"].format(**{**summary, "files": summary["reports"] + skipped,
                                  "skip": w["skip"].format(n=skipped) if skipped else ""})


def render(result: dict, pack=None, opts=None) -> str:
    lang = _opt(opts, "lang", "zh")
    color = bool(_opt(opts, "color", False))
    w = WORDS["en" if lang == "en" else "zh"]
    quiet = bool(_opt(opts, "quiet", False))
    out = []
    for rep in result["reports"]:
        if not quiet or rep["findings"]:
            out += _report(rep, lang, color, w, quiet) + [""]
    if quiet:
        return "\n".join(out)
    if result.get("pairs"):
        out.append(w["pairs"].format(n=len(result["pairs"])))
        out += [f"  {p['report']} ← {p['previous']}  ({w['why'].get(p['why'], p['why'])})"
                for p in result["pairs"]] + [""]
    out += _rollup_lines(result.get("rollup"), lang)
    out.append(summary_line(result["summary"], w))
    return "\n".join(out) + "\n"


def _rollup_lines(rollup, lang: str) -> list[str]:
    """--rollup: each government report and what was summed for it."""
    if not rollup:
        return []
    zh = lang != "en"
    out = ["汇总核对（--rollup）：" if zh else "Roll-up (--rollup):"]
    for r in rollup:
        out.append(f"  {r['report']}: " + (r["verdict_zh"] if zh else r["verdict_en"]))
        out += [f"    + {d}" for d in r.get("summed", [])]
    return out + [""]


def statistics(result: dict, pack=None, opts=None) -> str:
    """``--statistics``: findings per rule, most frequent first (as ``ruff --statistics``)."""
    lang = "en" if _opt(opts, "lang", "zh") == "en" else "zh"
    counts: dict = {}
    for rep in result["reports"]:
        for f in rep["findings"]:
            counts[(f["rule"], f["severity"])] = counts.get((f["rule"], f["severity"]), 0) + 1
    lines = []
    for (code, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = pack.get(code) if pack is not None else None
        lines.append(f"{n:>5}  {code}  {sev:<7}  {rule.name if rule else ''}".rstrip())
    w = WORDS[lang]
    if not _opt(opts, "quiet", False):
        lines.append(summary_line(result["summary"], w))
    return "\n".join(lines) + "\n" if lines else ""
