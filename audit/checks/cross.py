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


def _mismatch(model, previous, cell: str, previous_cell: str, reported, computed, terms,
              args) -> Finding:
    """A cell of this year's report that last year's report contradicts: both files, both cells."""
    table, row, column = cell.split("/", 2)
    return Finding(section=table_section(model, table), table=table, row=row, column=column,
                   **location(model, cell),
                   evidence={"cell": cell, "reported": reported, "computed": computed,
                             "file": model.path, "previous_file": previous.path,
                             "previous_cell": previous_cell, "terms": terms},
                   args={"reported": fmt_num(reported), "computed": fmt_num(computed),
                         "previous": _name(previous.path), **args})


def _each(results, why: str):
    """The findings among comparisons that give None (not comparable), True (agree) or a
    Finding; not_assessable when not one comparison could be made."""
    made = [r for r in results if r is not None]
    if not made:
        raise NotAssessable(why)
    return [r for r in made if r is not True]


@check("carry_over_continuity", previous=True)
def carry_over_continuity(model, params, previous):
    """t3 上年结转 (this year) = t3 结转下年度继续办理 (last year), column by column."""
    yield from _each((_carry(model, previous, col) for col in T3_COLUMNS),
                     "两份报告没有都读到表三的上年结转/结转下年度单元格")


def _carry(model, previous, col):
    now, _ = _num(model, "t3", f"carried_over/{col}")
    then, note = _num(previous, "t3", f"carried_forward/{col}")
    if now is None or then is None:
        return None
    if abs(now - then) <= 1e-9:
        return True
    return _mismatch(model, previous, f"t3/carried_over/{col}", f"t3/carried_forward/{col}", now,
                     then, [_cell(previous, "t3", f"carried_forward/{col}", then, note)],
                     {"column": column_text("t3", col)})


@check("in_force_continuity", previous=True)
def in_force_continuity(model, params, previous):
    """t2 现行有效 = last year's 现行有效 + 本年制发 − 本年废止, for 规章 and 行政规范性文件."""
    yield from _each((_stock(model, previous, row) for row in ("regulations", "normative")),
                     "两份报告没有都读到表二的现行有效件数（2019 格式的表二没有这一栏）")


def _stock(model, previous, row):
    now, _ = _num(model, "t2", f"{row}/in_force")
    last, n_last = _num(previous, "t2", f"{row}/in_force")
    issued, n_i = _num(model, "t2", f"{row}/issued")
    repealed, n_r = _num(model, "t2", f"{row}/repealed")
    if None in (now, last, issued, repealed):
        return None
    expected = last + issued - repealed
    if abs(now - expected) <= 1e-9:
        return True
    terms = [_cell(previous, "t2", f"{row}/in_force", last, n_last),
             _cell(model, "t2", f"{row}/issued", issued, n_i),
             {**_cell(model, "t2", f"{row}/repealed", repealed, n_r), "sign": -1}]
    return _mismatch(model, previous, f"t2/{row}/in_force", f"t2/{row}/in_force", now, expected,
                     terms, {"row": row_text("t2", row), "last": fmt_num(last),
                             "issued": fmt_num(issued), "repealed": fmt_num(repealed)})


@check("narrative_repeated", previous=True)
def narrative_repeated(model, params, previous):
    """Sections 1, 5 and 6 (the prose; tables are expected to look alike) nearly the same as last
    year's: the whole narrative, or one long section on its own (docs: the measure and why)."""
    from .similarity import may_reach, narrative, similar

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
        if not may_reach(a, b, threshold):
            continue
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
