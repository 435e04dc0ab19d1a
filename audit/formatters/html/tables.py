"""Tables t3 and t4 redrawn from a report's cell values, with the cells a finding points at
highlighted and the evidence in the cell's tooltip (``title``) and a footnote number that links
back to the finding. Cell values come from the optional ``tables`` key of a report in the result
dict (same shape as the extract JSON); labels come from ``audit.template``.
"""
from __future__ import annotations

import re
from html import escape

from ...model.template import (T3_COLUMN_LABELS, T3_COLUMNS, T3_ROW_KEYS, T3_ROWS, T4_FIELD_LABELS,
                        T4_FIELDS, T4_GROUP_LABELS, T4_GROUPS, t2_rows, t3_keys)

SEV_RANK = {"error": 0, "warning": 1, "info": 2}


def dom_id(*parts) -> str:
    """An id usable in a #fragment: letters, digits, ``_ . -`` only."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", "-".join(str(p) for p in parts))


def t4_key(row, column) -> str | None:
    """t4 keys are ``counts/<group>.<field>``; accept a location written either as
    (row="counts", column="review.upheld") or (row="review", column="upheld")."""
    if row == "counts" and column:
        return f"counts/{column}"
    if row in T4_GROUPS and column:
        return f"counts/{row}.{column}"
    return None


def finding_cells(finding: dict) -> list[str]:
    """Full cell keys (``t3/received/total``) a finding's location points at. A location with a
    row but no column means the whole row (``t3/received/*``), and the reverse."""
    loc = finding.get("location") or {}
    table, row, col = loc.get("table"), loc.get("row"), loc.get("column")
    if table == "t4":
        k = t4_key(row, col)
        if k:
            return [f"t4/{k}"]
        if row in T4_GROUPS:
            return [f"t4/counts/{row}.{f}" for f in T4_FIELDS]
        return []
    if table in ("t3", "t2") and (row or col):
        return [f"{table}/{row or '*'}/{col or '*'}"]
    return []


def _fmt(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return "" if v is None else str(v)


def evidence_text(finding: dict, L: dict) -> str:
    ev = finding.get("evidence") or {}
    bits = []
    if "reported" in ev:
        bits.append(f"{L['reported']} {_fmt(ev['reported']) or '∅'}")
    if "computed" in ev:
        bits.append(f"{L['computed']} {_fmt(ev['computed'])}")
    terms = ev.get("terms") or []
    if terms:
        bits.append(" + ".join(f"{t.get('cell')}={_fmt(t.get('value'))}" for t in terms
                               if isinstance(t, dict)))
    return "；".join(bits)


def cell_marks(findings: list[dict], L: dict) -> dict[str, list]:
    """``{cell key or pattern: [(finding number, role, severity, tip, rule)]}``; role is "fail" for the
    cell the finding is about and "term" for cells that entered its computation."""
    marks: dict[str, list] = {}
    for n, f in enumerate(findings, 1):
        tip = f"[{f.get('rule')}] {f.get('message', '')}"
        ev = evidence_text(f, L)
        if ev:
            tip += f"\n{ev}"
        cells = finding_cells(f)
        terms = [str(t["cell"]) for t in (f.get("evidence") or {}).get("terms") or []
                 if isinstance(t, dict) and t.get("cell")]
        whole = bool(cells) and all("*" in c for c in cells)
        if whole and terms:
            # A row-level finding that lists its cells (T206: "4 blank cells in this row"):
            # those cells are the problem, not the whole row.
            cells, role = terms, "fail"
        else:
            role = "term"
        for key in cells:
            marks.setdefault(key, []).append((n, "fail", f.get("severity"), tip, f.get("rule")))
        for key in terms:
            if role == "term":
                marks.setdefault(key, []).append((n, "term", f.get("severity"), tip, f.get("rule")))
        # The engine names the one cell whose correction would repair several failing sums.
        sus = (f.get("evidence") or {}).get("suspect")
        if isinstance(sus, dict) and sus.get("cell"):
            hint = L["suspect"].format(_fmt(sus.get("value")), _fmt(sus.get("expected")))
            marks.setdefault(str(sus["cell"]), []).append(
                (n, "suspect", f.get("severity"), f"{hint}\n{tip}", f.get("rule")))
    return marks


def _td(rid: str, full: str, value, present: bool, marks: dict) -> str:
    table, row, col = (full.split("/", 2) + ["", ""])[:3]
    hits = marks.get(full, []) + marks.get(f"{table}/{row}/*", []) + marks.get(f"{table}/*/{col}", [])
    cls = ["num"]
    if not present or value is None:
        cls.append("blank")
    elif not isinstance(value, (int, float)):
        cls.append("text")
    fails = [h for h in hits if h[1] == "fail"]
    if fails:
        worst = min(fails, key=lambda h: SEV_RANK.get(h[2], 3))
        cls += ["fail", f"fail-{worst[2]}"]
    elif hits:
        cls.append("term")
    if any(h[1] == "suspect" for h in hits):
        cls.append("suspect")
    attrs = f' id="{dom_id(rid, full)}" data-cell="{escape(full)}" data-v="{escape(_fmt(value))}"'
    if fails:
        attrs += f' data-rules="{escape(" ".join(sorted({str(h[4]) for h in fails})))}"'
    if hits:
        attrs += f' title="{escape(chr(10).join(dict.fromkeys(h[3] for h in hits)))}"'
    sup = "".join(f'<sup><a href="#{dom_id(rid, "f", n)}">{n}</a></sup>'
                  for n in sorted({h[0] for h in fails}))
    return f'<td class="{" ".join(cls)}"{attrs}>{escape(_fmt(value))}{sup}</td>'


def render_t2(rid: str, cells: dict, template: str, marks: dict, L: dict, lang: str) -> str:
    """One line per cell (item, column, value): t2's blocks have different columns each, so the
    template's three side-by-side blocks do not share a grid worth redrawing."""
    if not cells:
        return ""
    body = []
    for row, (label, columns) in t2_rows("2019" if template == "2019" else "2021").items():
        for n, (col, header) in enumerate(columns):
            key = f"{row}/{col}"
            first = (f'<td class="label" rowspan="{len(columns)}">{escape(row if lang == "en" else label)}</td>'
                     if n == 0 else "")
            body.append(f'<tr data-row="{escape(row)}">{first}<td class="label">'
                        f'{escape(col if lang == "en" else header)}</td>'
                        f'{_td(rid, f"t2/{key}", cells.get(key), key in cells, marks)}</tr>')
    return (f'<h3>{escape(L["t2"])}</h3><table class="grid t2" id="{dom_id(rid, "t2")}">'
            f'<tbody>{"".join(body)}</tbody></table>')


def render_t3(rid: str, cells: dict, template: str, marks: dict, L: dict, lang: str) -> str:
    if not cells:
        return ""
    want = {k.split("/")[0] for k in t3_keys("2019" if template == "2019" else "2021")}
    have = {k.split("/")[0] for k in cells}
    rows = [r for r in T3_ROW_KEYS if r in want or r in have]
    col_label = (lambda c: c) if lang == "en" else (lambda c: T3_COLUMN_LABELS[c])
    head = (f'<tr><th rowspan="2">{escape(L["item"])}</th><th rowspan="2">{escape(col_label("natural"))}</th>'
            f'<th colspan="5">{escape(col_label("org_subtotal"))}</th>'
            f'<th rowspan="2">{escape(col_label("total"))}</th></tr><tr>'
            + "".join(f"<th>{escape(col_label(c))}</th>" for c in T3_COLUMNS[1:-1]) + "</tr>")
    body, seen_groups = [], set()
    group_of = {k: g for k, g, _ in T3_ROWS}
    label_of = {k: lab for k, _, lab in T3_ROWS}
    for r in rows:
        g = group_of.get(r)
        if g and g not in seen_groups:
            seen_groups.add(g)
            body.append(f'<tr class="group"><th colspan="{len(T3_COLUMNS) + 1}">{escape(g)}</th></tr>')
        indent = " indent" if g and g.startswith("（") else ""
        tds = "".join(_td(rid, f"t3/{r}/{c}", cells.get(f"{r}/{c}"), f"{r}/{c}" in cells, marks)
                      for c in T3_COLUMNS)
        body.append(f'<tr data-row="{escape(r)}"><td class="label{indent}">'
                    f'{escape(label_of.get(r, r))}</td>{tds}</tr>')
    return (f'<h3>{escape(L["t3"])}</h3><table class="grid t3" id="{dom_id(rid, "t3")}">'
            f'<thead>{head}</thead><tbody>{"".join(body)}</tbody></table>')


def render_t4(rid: str, cells: dict, marks: dict, L: dict, lang: str) -> str:
    """Drawn transposed (one row per group, one column per result): the template's single
    15-column row is hard to read on screen, and this keeps each group's total beside its parts."""
    if not cells:
        return ""
    lab = (lambda d, k: k) if lang == "en" else (lambda d, k: d[k])
    head = (f'<tr><th>{escape(L["item"])}</th>'
            + "".join(f"<th>{escape(lab(T4_FIELD_LABELS, f))}</th>" for f in T4_FIELDS) + "</tr>")
    body = []
    for g in T4_GROUPS:
        prefix = L["t4_review"] if g == "review" else L["t4_suit"] + " · "
        name = prefix if g == "review" else prefix + lab(T4_GROUP_LABELS, g)
        tds = "".join(_td(rid, f"t4/counts/{g}.{f}", cells.get(f"counts/{g}.{f}"),
                          f"counts/{g}.{f}" in cells, marks) for f in T4_FIELDS)
        body.append(f'<tr data-row="{escape(g)}"><td class="label">{escape(name)}</td>{tds}</tr>')
    return (f'<h3>{escape(L["t4"])}</h3><table class="grid t4" id="{dom_id(rid, "t4")}">'
            f'<thead>{head}</thead><tbody>{"".join(body)}</tbody></table>')


CELL_KEY = re.compile(r"^t[234]/[a-z_.]+/[a-z_.]+$")


def cell_words(key: str, lang: str) -> str:
    """A cell key as the table prints it: 表三 （七）总计 自然人列 (en: Table 3 （七）总计 / 自然人)."""
    from ...checks.cells import TABLE_NAMES, cell_text, column_text, row_text, split

    t, r, c = split(key)
    if lang != "en":
        return cell_text(t, r, c).zh
    return f"{TABLE_NAMES[t].en} " + " / ".join(x for x in (row_text(t, r).zh, column_text(t, c, r).zh) if x)


def location_label(loc: dict, L: dict, lang: str) -> str:
    """``表三 一、本年新收… / 总计`` for a cell, else section / page / line."""
    bits = []
    table, row, col = loc.get("table"), loc.get("row"), loc.get("column")
    if table in ("t2", "t3", "t4"):  # the template's printed labels, in either language
        from ...checks.cells import TABLE_NAMES, column_text, row_text

        words = [x for x in (row_text(table, row).zh if row else "",
                             column_text(table, col, row).zh if col else "") if x]
        bits.append(" ".join([TABLE_NAMES[table].pick(lang), " / ".join(words)]).strip())
    elif table:
        bits.append(str(table))
    elif loc.get("section"):
        bits.append(L["section"].format(loc["section"]))
    cell = loc.get("cell") or {}
    if cell.get("row") and cell.get("column"):
        bits.append(L["cell_at"].format(cell.get("table") or "?", cell["row"], cell["column"]))
    elif cell.get("table"):
        bits.append(L["table_at"].format(cell["table"]))
    if loc.get("page"):
        bits.append(L["page"].format(loc["page"]))
    if loc.get("line"):
        bits.append(L["line"].format(loc["line"]))
    if loc.get("word_table"):
        bits.append(L["word_row"].format(loc["word_table"], loc.get("word_row")))
    elif loc.get("paragraph"):
        bits.append(L["paragraph"].format(loc["paragraph"]))
    return "，".join(bits) if lang != "en" else ", ".join(bits)
