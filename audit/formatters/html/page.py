"""One self-contained HTML page (``--format html``) for people to look at rather than read.

Layout: an overview of every report (reports × severity counts, sortable by clicking a header),
an inline-SVG bar chart of the rules that fail in the most reports, then one section per report
with its findings (evidence beside each), the outcome of every rule, and tables t3 and t4
redrawn with the failing cells highlighted (evidence on hover).

Self-contained means: no external script, style, font or image, and no URL at all, so the page
works from file:// offline and can be mailed around. A Content-Security-Policy with the hashes
of the one inline style and the one inline script enforces that in the browser: if escaping
ever failed and document text turned into markup, nothing from it could run or load. Every
string from a document or the result is escaped with ``html.escape``.
"""
from __future__ import annotations

import base64
import hashlib
from collections import Counter
from html import escape

from ... import __version__
from .assets import CSS, JS, labels
from .tables import (CELL_KEY, cell_marks, cell_words, dom_id, finding_cells, location_label,
                     render_t2, render_t3, render_t4)
from ..packmeta import opt, rules_of

SEVERITIES = ("error", "warning", "info")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _counts(report: dict) -> dict:
    c = Counter(f.get("severity") for f in report.get("findings") or [])
    c["not_assessable"] = sum(1 for o in (report.get("outcomes") or {}).values()
                              if o == "not_assessable")
    return c


def _failed_codes(report: dict) -> set:
    codes = {c for c, o in (report.get("outcomes") or {}).items() if o == "fail"}
    return codes | {f.get("rule") for f in report.get("findings") or [] if f.get("rule")}


def _overview(reports: list, L: dict) -> str:
    cols = [("report", "text"), ("agency", "text"), ("year", "num"), ("template", "text"),
            *((s, "num") for s in SEVERITIES), ("not_assessable", "num")]
    head = "".join(f'<th data-key="{k}" data-type="{t}"{" class=num" if t == "num" else ""}>'
                   f"{escape(L[k])}</th>" for k, t in cols)
    rows = []
    for i, r in enumerate(reports, 1):
        c = _counts(r)
        cells = [f'<td data-v="{i:06d}"><a href="#{dom_id("r", i)}">{escape(str(r.get("path", "")))}</a></td>',
                 f'<td>{escape(str(r.get("agency") or ""))}</td>',
                 f'<td class="num" data-v="{escape(str(r.get("report_year") or ""))}">'
                 f'{escape(str(r.get("report_year") or ""))}</td>',
                 f'<td>{escape(str(r.get("template") or ""))}</td>']
        for s in (*SEVERITIES, "not_assessable"):
            n = c.get(s, 0)
            cells.append(f'<td class="num count {s}{" zero" if not n else ""}" data-v="{n}">{n}</td>')
        rows.append(f'<tr data-report="{i}">{"".join(cells)}</tr>')
    return (f'<section id="overview"><h2>{escape(L["overview"])}</h2>'
            f'<table class="sortable overview"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></section>')


def _chart(reports: list, rules: dict, L: dict, top: int = 12) -> str:
    """Horizontal bars: in how many reports each rule failed (top ``top``)."""
    counts = Counter(code for r in reports for code in _failed_codes(r))
    if not counts:
        return ""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    most, bar_h, label_w, width = items[0][1], 22, 260, 720
    scale = (width - label_w - 60) / most
    parts = []
    for i, (code, n) in enumerate(items):
        y = i * (bar_h + 6)
        rule = rules.get(code, {})
        sev = rule.get("severity") or next(
            (f.get("severity") for r in reports for f in r.get("findings") or []
             if f.get("rule") == code), "warning")
        label = f"{code} {rule.get('name', '')}".strip()
        w = max(2, round(n * scale))
        parts.append(
            f'<g data-rule="{escape(code)}"><title>{escape(label)}: {n}</title>'
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="{escape(sev)}" x="{label_w}" y="{y}" width="{w}" height="{bar_h}" rx="3"/>'
            f'<text x="{label_w + w + 6}" y="{y + 15}">{n}</text></g>')
    h = len(items) * (bar_h + 6)
    return (f'<section id="chart"><h2>{escape(L["chart"])}</h2>'
            f'<svg class="chart" role="img" aria-label="{escape(L["chart"])}" width="{width}" '
            f'height="{h}" viewBox="0 0 {width} {h}">{"".join(parts)}</svg></section>')


def _value(v) -> str:
    """A cell value as printed: ∅ for a blank cell, integers without ".0"."""
    if v is None:
        return "∅"
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def _evidence_html(f: dict, L: dict, lang: str = "zh") -> str:
    """The evidence as a reader reads it: cells by their printed labels, lists as lists, never
    an internal key or Python's list text."""
    ev = f.get("evidence") or {}
    bits = []
    for k in ("reported", "computed"):
        if k in ev and not isinstance(ev[k], (dict, list)):
            bits.append(f"{escape(L[k])}：<b>{escape(_value(ev[k]))}</b>")
    terms = ev.get("terms") or []
    items = "".join(f'<li title="{escape(str(t.get("cell")))}">{escape(_shown(t.get("cell"), lang))}'
                    f' = {escape(_value(t.get("value")))}</li>' for t in terms if isinstance(t, dict))
    sus = ev.get("suspect")
    if isinstance(sus, dict) and sus.get("cell"):  # the engine's most likely wrong cell
        bits.append(f'★ <span title="{escape(str(sus["cell"]))}">{escape(_shown(sus["cell"], lang))}</span>'
                    f' {escape(_value(sus.get("value")))} → {escape(_value(sus.get("expected")))}')
    others = {k: v for k, v in ev.items() if k not in ("reported", "computed", "terms", "suspect")}
    bits += [f"{escape(L.get('ev_' + k, k))}：{escape(_shown(v, lang))}" for k, v in others.items()]
    out = "<br>".join(bits)
    if items:
        out += f'<ul title="{escape(L["terms"])}">{items}</ul>'
    return f'<div class="evidence">{out}</div>'


def _explain(code, explain: dict | None, L: dict) -> str:
    """The rule's documentation (``xxgk-audit explain``) folded under the message, when the
    caller passed it in (``serve`` does; the caller renders it from the rule pack)."""
    text = (explain or {}).get(code)
    if not text:
        return ""
    return (f'<details class="explain"><summary>{escape(L["explain"])}</summary>'
            f'<div class="explain">{escape(text)}</div></details>')


def _shown(v, lang: str) -> str:
    """A value of the evidence in words: a cell key as its printed labels, a list or a mapping
    item by item."""
    sep = ", " if lang == "en" else "、"
    if isinstance(v, str) and CELL_KEY.match(v):
        return cell_words(v, lang)
    if isinstance(v, list):
        return sep.join(_shown(x, lang) for x in v) or "—"
    if isinstance(v, dict):
        return sep.join(f"{_shown(k, lang)} {_shown(x, lang)}" for k, x in v.items())
    return _value(v)


def _findings(rid: str, report: dict, rules: dict, L: dict, lang: str, explain=None) -> str:
    findings = report.get("findings") or []
    if not findings:
        return f'<p class="badge ok">{escape(L["no_findings"])}</p>'
    rows = []
    for n, f in enumerate(findings, 1):
        loc = f.get("location") or {}
        sev = f.get("severity") or "warning"
        where = escape(location_label(loc, L, lang))
        terms = [str(t.get("cell")) for t in (f.get("evidence") or {}).get("terms") or []
                 if isinstance(t, dict)]
        target = next((k for k in [*finding_cells(f), *terms] if "*" not in k and k[:2] in ("t3", "t4")),
                      None)
        if target and (report.get("tables") or {}).get(target[:2]):  # link to the redrawn cell
            where = f'<a href="#{dom_id(rid, target)}">{where}</a>'
        pointer = (loc.get("cell") or {}).get("pointer")
        if pointer:  # paste into the browser's developer tools to find the cell on the page
            where += f'<br><code class="pointer">{escape(pointer)}</code>'
        snippet = loc.get("snippet")
        snip = f'<span class="snippet">“{escape(str(snippet))}”</span>' if snippet else ""
        name = rules.get(f.get("rule"), {}).get("name", "")
        rows.append(
            f'<tr class="sev-{escape(sev)}" id="{dom_id(rid, "f", n)}" data-rule="{escape(str(f.get("rule")))}">'
            f'<td class="num">{n}</td><td><code>{escape(str(f.get("rule")))}</code><br>'
            f'<span class="muted">{escape(name)}</span></td>'
            f'<td><span class="sev badge">{escape(L.get(sev, sev))}</span></td>'
            f'<td>{where}</td><td class="msg">{escape(str(f.get("message") or ""))}{snip}'
            f'{_explain(f.get("rule"), explain, L)}</td>'
            f'<td>{_evidence_html(f, L, lang)}</td></tr>')
    head = "".join(f"<th>{escape(x)}</th>" for x in
                   ("#", L["rule"], L["severity"], L["location"], L["message"], L["evidence"]))
    return (f'<h3>{escape(L["findings"])}</h3><table class="findings"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _outcomes(report: dict, L: dict) -> str:
    outcomes = report.get("outcomes") or {}
    if not outcomes:
        return ""
    by = {k: sorted(c for c, o in outcomes.items() if o == k) for k in ("fail", "not_assessable", "pass")}
    summary = "，".join(f"{L[k]} {len(v)}" for k, v in by.items())
    body = "".join(f'<p><span class="badge {"error" if k == "fail" else "na" if k != "pass" else "ok"}">'
                   f'{escape(L[k])}</span>{"".join(f"<code>{escape(c)}</code>" for c in v) or escape(L["none"])}</p>'
                   for k, v in by.items())
    return f'<details class="outcomes"><summary>{escape(L["outcomes"])}：{escape(summary)}</summary>{body}</details>'


def report_section(i: int, report: dict, rules: dict, L: dict, lang: str, explain=None) -> str:
    """One report: metadata, severity badges, findings, rule outcomes, t2/t3/t4 redrawn.
    ``explain``: ``{rule code: documentation text}`` shown under each finding."""
    rid = dom_id("r", i)
    c = _counts(report)
    meta = [(L["agency"], report.get("agency")), (L["year"], report.get("report_year")),
            (L["template"], report.get("template")), (L["format"], report.get("format")),
            ("SHA-256", report.get("sha256")), (L["previous"], report.get("previous")),
            (L["unpaired"], report.get("unpaired"))]
    dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in meta if v not in (None, ""))
    badges = "".join(f'<span class="badge {s}">{escape(L[s])} {c.get(s, 0)}</span>' for s in SEVERITIES)
    badges += f'<span class="badge na">{escape(L["not_assessable"])} {c.get("not_assessable", 0)}</span>'
    if report.get("suppressed"):
        badges += f'<span class="badge na">{escape(L["suppressed"].format(len(report["suppressed"])))}</span>'
    tables = report.get("tables") or {}
    marks = cell_marks(report.get("findings") or [], L)
    grids = (render_t2(rid, tables.get("t2") or {}, report.get("template") or "", marks, L, lang)
             + render_t3(rid, tables.get("t3") or {}, report.get("template") or "", marks, L, lang)
             + render_t4(rid, tables.get("t4") or {}, marks, L, lang))
    if grids:
        grids += (f'<p class="legend"><span class="badge error">{escape(L["legend_fail"])}</span>'
                  f'<span class="badge term">{escape(L["legend_term"])}</span>'
                  f'<span class="badge suspect">{escape(L["legend_suspect"])}</span></p>')
    elif any(f.get("location", {}).get("table") for f in report.get("findings") or []):
        grids = f'<p class="muted">{escape(L["tables_absent"])}</p>'
    return (f'<section class="report" id="{rid}" data-path="{escape(str(report.get("path", "")))}">'
            f'<h2>{i}. {escape(str(report.get("path", "")))}</h2><dl class="meta">{dl}</dl>'
            f"<p>{badges}</p>{_findings(rid, report, rules, L, lang, explain)}{_outcomes(report, L)}{grids}</section>")


def _gone(result: dict, L: dict) -> str:
    gone = (result.get("baseline") or {}).get("gone") or []
    if not gone:
        return ""
    items = "".join(f"<li><code>{escape(str(e.get('rule')))}</code> {escape(str(e.get('path')))} "
                    f"{escape(str(e.get('where')))}</li>" for e in gone)
    return f'<section id="baseline-gone"><h2>{escape(L["gone"])}</h2><ul>{items}</ul></section>'


def _pairs(result: dict, L: dict, lang: str) -> str:
    """Which reports were paired across years, and (--rollup) what was summed."""
    out = ""
    if result.get("pairs"):
        items = "".join(f"<li><code>{escape(p['report'])}</code> ← <code>{escape(p['previous'])}</code> "
                        f"({escape(L.get('why_' + p['why'], p['why']))})</li>" for p in result["pairs"])
        out += f'<section id="pairs"><h2>{escape(L["pairs"])}</h2><ul>{items}</ul></section>'
    if result.get("rollup"):
        key = "verdict_en" if lang == "en" else "verdict_zh"
        items = "".join(f"<li><code>{escape(r['report'])}</code>: {escape(r[key])}<ul>"
                        + "".join(f"<li>{escape(d)}</li>" for d in r.get("summed", [])) + "</ul></li>"
                        for r in result["rollup"])
        out += f'<section id="rollup"><h2>{escape(L["rollup"])}</h2><ul>{items}</ul></section>'
    return out


def render(result: dict, pack=None, opts=None) -> str:
    lang = opt(opts, "lang", "zh") or "zh"
    L = labels(lang)
    rules = {r["code"]: r for r in rules_of(pack)}
    reports = result.get("reports") or []
    s = result.get("summary") or {}
    version = (result.get("tool") or {}).get("version") or __version__
    sub = " · ".join([L["reports_n"].format(len(reports)),
                      *(f"{L[k]} {s.get(k, 0)}" for k in (*SEVERITIES, "not_assessable"))])
    body = (_overview(reports, L) + _chart(reports, rules, L) + _gone(result, L) + _pairs(result, L, lang)
            + "".join(report_section(i, r, rules, L, lang) for i, r in enumerate(reports, 1)))
    return shell(lang, L["title"], sub, body, version)


def policy(css: str, js: str, extra: str = "form-action 'none'") -> str:
    """The Content-Security-Policy of a page whose one style and one script are ``css``, ``js``:
    nothing else may load or run (``extra``: what the page may send, e.g. ``connect-src``)."""
    return (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
            f"img-src 'none'; base-uri 'none'; {extra}")


def shell(lang: str, title: str, sub: str, body: str, version: str = __version__, *,
          css: str = CSS, js: str = JS, csp: str | None = None) -> str:
    """The page around ``body``: head with the CSP, the style, the header, the one script."""
    L = labels(lang)
    csp = csp or policy(css, js)
    return (f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="xxgk-audit {escape(str(version))}">'
            f"<title>{escape(title)}</title><style>{css}</style></head><body>"
            f'<header class="page"><h1>{escape(title)}</h1><p>{escape(sub)}</p></header>'
            f"<main>{body}</main><footer class=\"muted\"><p>{escape(L['generated'].format(version))}</p></footer>"
            f"<script>{js}</script></body></html>\n")
