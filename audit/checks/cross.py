"""X rules: a report against the same body's report for the year before (``run/pairing``).

Registered with ``previous=True``: called as ``fn(model, params, previous)``. Evidence names both
files and both cells, so a reader can open last year's report at the right place.
"""
from __future__ import annotations

import os

from .registry import check
from .cells import blank, column_text, fmt_num, location, number, row_text, table_section
from .findings import Finding, NotAssessable
from ..model.template import T3_COLUMNS


def _num(model, table: str, key: str):
    """(comparable value or None, note): blanks and placeholders are 0, text is not comparable;
    None, "absent" when the document has no such cell."""
    t = model.tables.get(table, {})
    if key not in t:
        return None, "absent"
    v = t[key]
    if number(v):
        return v, None
    if blank(v):
        return 0, "blank"
    return None, "text"


def _name(path: str) -> str:
    return os.path.basename(path or "") or "?"


def _cell(model, table, key, v, note=None) -> dict:
    out = {"file": model.path, "cell": f"{table}/{key}", "value": v, **location(model, f"{table}/{key}")}
    return {**out, "note": note} if note else out


@check("carry_over_continuity", previous=True)
def carry_over_continuity(model, params, previous):
    """t3 上年结转 (this year) = t3 结转下年度继续办理 (last year), column by column."""
    compared = 0
    for col in T3_COLUMNS:
        now, n1 = _num(model, "t3", f"carried_over/{col}")
        then, n2 = _num(previous, "t3", f"carried_forward/{col}")
        if now is None or then is None:
            continue
        compared += 1
        if abs(now - then) > 1e-9:
            key = f"carried_over/{col}"
            yield Finding(section=table_section(model, "t3"), table="t3", row="carried_over",
                          column=col, **location(model, f"t3/{key}"),
                          evidence={"cell": f"t3/{key}", "reported": now, "computed": then,
                                    "file": model.path, "previous_file": previous.path,
                                    "previous_cell": f"t3/carried_forward/{col}",
                                    "terms": [_cell(previous, "t3", f"carried_forward/{col}", then, n2)]},
                          args={"column": column_text("t3", col), "reported": fmt_num(now),
                                "computed": fmt_num(then), "previous": _name(previous.path)})
    if not compared:
        raise NotAssessable("两份报告没有都读到表三的上年结转/结转下年度单元格")


_T2_ROWS = ("regulations", "normative")


@check("in_force_continuity", previous=True)
def in_force_continuity(model, params, previous):
    """t2 现行有效 = last year's 现行有效 + 本年制发 − 本年废止, for 规章 and 行政规范性文件."""
    compared = 0
    for row in _T2_ROWS:
        now, _ = _num(model, "t2", f"{row}/in_force")
        last, n_last = _num(previous, "t2", f"{row}/in_force")
        issued, n_i = _num(model, "t2", f"{row}/issued")
        repealed, n_r = _num(model, "t2", f"{row}/repealed")
        if None in (now, last, issued, repealed):
            continue
        compared += 1
        expected = last + issued - repealed
        if abs(now - expected) > 1e-9:
            yield Finding(section=table_section(model, "t2"), table="t2", row=row, column="in_force",
                          **location(model, f"t2/{row}/in_force"),
                          evidence={"cell": f"t2/{row}/in_force", "reported": now,
                                    "computed": expected, "file": model.path,
                                    "previous_file": previous.path,
                                    "previous_cell": f"t2/{row}/in_force",
                                    "terms": [_cell(previous, "t2", f"{row}/in_force", last, n_last),
                                              _cell(model, "t2", f"{row}/issued", issued, n_i),
                                              {**_cell(model, "t2", f"{row}/repealed", repealed, n_r),
                                               "sign": -1}]},
                          args={"row": row_text("t2", row), "reported": fmt_num(now),
                                "computed": fmt_num(expected), "last": fmt_num(last),
                                "issued": fmt_num(issued), "repealed": fmt_num(repealed),
                                "previous": _name(previous.path)})
    if not compared:
        raise NotAssessable("两份报告没有都读到表二的现行有效件数（2019 格式的表二没有这一栏）")


@check("narrative_repeated", previous=True)
def narrative_repeated(model, params, previous):
    """Sections 1, 5 and 6 (the prose; tables are expected to look alike) nearly the same as last
    year's: the whole narrative, or one long section on its own (docs: the measure and why)."""
    from .similarity import narrative, similar

    sections = params.get("sections", [1, 5, 6])
    threshold = params.get("threshold", 0.9)
    now, then = narrative(model, sections), narrative(previous, sections)
    if not now or not then:
        raise NotAssessable("两份报告没有都读到叙述部分（第一、五、六部分）")
    parts = [(None, now, then)]
    for n in sections:
        a, b = narrative(model, [n]), narrative(previous, [n])
        if min(len(a), len(b)) >= params.get("section_min_chars", 200):
            parts.append((n, a, b))
    for n, a, b in parts:
        ratio, passage = similar(a, b)
        if ratio >= threshold:
            yield _repeated(model, previous, n, ratio, passage)
            return  # one finding per pair: the whole narrative, else its first copied section


def _repeated(model, previous, section, ratio, passage) -> Finding:
    where = section or 1
    sec = model.section(where)
    shown = passage if len(passage) <= 60 else passage[:60] + "…"
    return Finding(section=section, line=sec.line if sec else None, page=sec.page if sec else None,
                   snippet=shown,
                   evidence={"similarity": round(ratio, 3), "section": section,
                             "longest_repeated": len(passage), "passage": passage,
                             "file": model.path, "previous_file": previous.path},
                   args={"similarity": f"{ratio:.2f}", "longest": len(passage), "passage": shown,
                         "previous": _name(previous.path)})
