"""Table checks (T2xx): sums, the carry-over identity, cell values, blanks, the fee unit.

Arithmetic compares with a small tolerance because t2 fee amounts are decimals. A cell holding
text (not a number, not a placeholder) makes its identity unreadable: if nothing else fails the
rule is not_assessable rather than pass (rules.md: never pass on what could not be read).
"""
from __future__ import annotations

import re
from fnmatch import translate
from functools import lru_cache

from .registry import check
from .cells import (SUM_FAMILIES, TABLE_NAMES, Text, blank, cell_text, column_text,
                           fmt_num, implied_totals, location, number, row_text, split, sums,
                           table_section, term_value, terms_text, value)
from .findings import Finding, NotAssessable
from .grouping import cells_by_row, placed, table_finding
from ..normalize import squash
from ..model.template import T3_COLUMNS

_MONEY = re.compile(r"^\d[\d,]*(\.\d+)?\s*万?元$")
FAMILY_TABLE = {"t3_row_totals": "t3", "t3_column_totals": "t3", "t4_group_totals": "t4"}


def _close(a, b) -> bool:
    return abs(a - b) < 1e-6


def _public(terms: list[dict]) -> list[dict]:
    """Terms as they go into the JSON evidence (labels are for messages only)."""
    return [{k: v for k, v in t.items() if k != "label"} for t in terms]


def _finding(model, key, **kw) -> Finding:
    t, r, c = split(key)
    return Finding(section=table_section(model, t), table=t, row=r, column=c,
                   **location(model, key), **kw)


@check("table_sum")
def table_sum(model, params):
    """A total cell equals the sum of its parts, for every sum of one family.

    A part the model does not have (a row or column S107 calls missing, often one the reader
    could not separate from its label) is unknown, not 0: the sum fails only when the parts
    that were read already exceed the total, which no count ≥ 0 could repair; otherwise it
    is not judged (rules.md: never fail on what could not be read)."""
    family = params["sums"]
    todo = sums(model, family)
    if not todo:
        raise NotAssessable(f"{FAMILY_TABLE[family]}: 没有可核对的合计")
    implied = implied_totals(model)
    found, unreadable, incomplete = [], 0, 0
    for s in todo:
        if s.total in implied:
            continue  # a blank total with non-zero parts is T207's finding alone
        try:
            reported, note = term_value(model, s.total, {})
            terms = [_sum_term(model, p, implied, family) for p in s.parts]
        except ValueError:
            unreadable += 1
            continue
        computed = sum(t["value"] for t in terms)
        if _close(reported, computed):
            continue
        if s.absent and computed < reported:
            incomplete += 1
            continue
        found.append(_sum_finding(model, s, reported, computed, terms))
    if (unreadable or incomplete) and not found:
        raise NotAssessable("；".join(x for x in (
            unreadable and f"{unreadable} 个合计含无法读取的单元格",
            incomplete and f"{incomplete} 个合计缺少组成项，差额可能来自未读到的行或列") if x))
    yield from found


def _sum_finding(model, s, reported, computed, terms) -> Finding:
    t, r, c = split(s.total)
    evidence = {"cell": s.total, "reported": value(model, s.total), "computed": computed,
                "terms": _public(terms)}
    shown = terms_text(terms)
    if s.absent:  # the parts that were read already exceed the total
        evidence["absent"] = s.absent
        shown = Text(f"{shown.zh}（另缺 {len(s.absent)} 项未读到）",
                     f"{shown.en} ({len(s.absent)} more not read)")
    return _finding(model, s.total, evidence=evidence,
                    args={"cell": cell_text(t, r, c), "reported": fmt_num(reported),
                          "computed": fmt_num(computed), "terms": shown})


def _sum_term(model, key, implied, family) -> dict:
    v, note = term_value(model, key, implied)
    t, r, c = split(key)
    label = row_text(t, r, full=False) if family == "t3_column_totals" else column_text(t, c)
    term = {"cell": key, "value": v, "label": label}
    if note:
        term["note"] = note
    return term


@check("identity")
def identity(model, params):
    """Per column: the sum of the lhs rows equals the sum of the rhs rows (t3 勾稽关系)."""
    table = params["table"]
    cells = model.tables.get(table, {})
    columns = params.get("columns") or T3_COLUMNS
    implied = implied_totals(model)
    found, checked, unreadable = [], 0, 0
    for c in columns:
        rows = params["lhs"] + params["rhs"]
        if not all(f"{r}/{c}" in cells for r in rows):
            continue
        try:
            lhs = [_side_term(model, f"{table}/{r}/{c}", implied, "lhs") for r in params["lhs"]]
            rhs = [_side_term(model, f"{table}/{r}/{c}", implied, "rhs") for r in params["rhs"]]
        except ValueError:
            unreadable += 1
            continue
        checked += 1
        a, b = sum(t["value"] for t in lhs), sum(t["value"] for t in rhs)
        if _close(a, b):
            continue
        key = f"{table}/{params['lhs'][0]}/{c}"
        found.append(_finding(
            model, key,
            evidence={"reported": a, "computed": b, "terms": _public(lhs + rhs)},
            args={"column": column_text(table, c), "table": TABLE_NAMES[table],
                  "lhs": fmt_num(a), "rhs": fmt_num(b),
                  "lhs_terms": terms_text(lhs, False), "rhs_terms": terms_text(rhs, False)}))
    if not found and (unreadable or not checked):
        raise NotAssessable(f"{table}: 勾稽关系所需单元格缺失或无法读取")
    yield from found


def _side_term(model, key, implied, side) -> dict:
    v, note = term_value(model, key, implied)
    t, r, _ = split(key)
    term = {"cell": key, "value": v, "side": side, "label": row_text(t, r)}
    if note:
        term["note"] = note
    return term


def _cells(model, tables):
    for t in tables:
        for rest, v in model.tables.get(t, {}).items():
            yield f"{t}/{rest}", v


_PROBLEMS = {"text": Text("不是数字", "is not a number"),
             "negative": Text("为负数", "is negative"),
             "fraction": Text("不是整数", "is not a whole number")}


@lru_cache(maxsize=64)
def _any_of(patterns: tuple):
    """Whether a cell key matches one of the pack's shell-style patterns (``fnmatchcase``), as
    one compiled expression: asked for every cell of every report."""
    if not patterns:
        return lambda key: False
    return re.compile("|".join(translate(p) for p in patterns)).match


@check("count_values")
def count_values(model, params):
    """Count cells hold whole numbers ≥ 0; decimal cells hold numbers ≥ 0; signed cells any."""
    cells = list(_cells(model, params["tables"]))
    if not cells:
        raise NotAssessable("没有读到表格数据")
    for key, v in cells:
        if blank(v):
            continue  # T206's matter
        decimal = _any_of(tuple(params.get("decimal", [])))(key)
        if decimal and isinstance(v, str) and _MONEY.match(v):
            continue  # 73802895.90元: a readable amount with its unit (the unit is T208's matter)
        if not number(v):
            problem = "text"
        elif v < 0 and not _any_of(tuple(params.get("signed", [])))(key):
            problem = "negative"
        elif isinstance(v, float) and not v.is_integer() and not decimal:
            problem = "fraction"
        else:
            continue
        t, r, c = split(key)
        yield _finding(model, key, snippet=str(v), evidence={"reported": v},
                       args={"cell": cell_text(t, r, c), "value": fmt_num(v),
                             "problem": _PROBLEMS[problem]})


@check("blank_cells")
def blank_cells(model, params):
    """Blank or placeholder cells (counted as 0): one finding per table listing them all."""
    cells = list(_cells(model, params["tables"]))
    if not cells:
        raise NotAssessable("没有读到表格数据")
    implied = implied_totals(model)  # those are T207's, not T206's
    tables: dict[str, list] = {}
    for key, v in cells:
        if blank(v) and key not in implied:
            tables.setdefault(split(key)[0], []).append((key, v))
    for t, items in tables.items():
        yield table_finding(model, t, [k for k, _ in items],
                            evidence={"terms": [placed(model, k, v) for k, v in items]},
                            args={"table": TABLE_NAMES[t], "count": len(items),
                                  "cells": cells_by_row(t, items, _shown_blank)})


def _shown_blank(v) -> tuple[str, str]:
    return ("", "") if v is None else (f"“{v}”", f" “{v}”")


@check("blank_total")
def blank_total(model, params):
    """A total left blank while its parts are not all zero: one finding per table."""
    families = params.get("sums", SUM_FAMILIES)
    if not any(sums(model, fam) for fam in families):
        raise NotAssessable("没有可核对的合计")
    implied = implied_totals(model)
    tables: dict[str, list] = {}
    for fam in families:
        for s in sums(model, fam):
            if s.total in implied and s.total not in [x[0] for x in tables.get(split(s.total)[0], [])]:
                tables.setdefault(split(s.total)[0], []).append(
                    (s.total, [_sum_term(model, p, {}, fam) for p in s.parts]))
    for t, totals in tables.items():
        yield _blank_totals(model, t, totals, implied)


def _blank_totals(model, t, totals, implied) -> Finding:
    if len(totals) == 1:  # the cell, its sum and the parts
        key, terms = totals[0]
        _t, r, c = split(key)
        return _finding(model, key, evidence={"cell": key, "reported": value(model, key),
                                              "computed": implied[key], "terms": _public(terms)},
                        args={"cell": cell_text(t, r, c),
                              "detail": Text(f"各项之和为 {fmt_num(implied[key])}：{terms_text(terms).zh}",
                                             f"its parts add up to {fmt_num(implied[key])}: {terms_text(terms).en}")})
    keys = [k for k, _ in totals]
    listing = cells_by_row(t, [(k, implied[k]) for k in keys],
                           lambda v: (f" 应为 {fmt_num(v)}", f" = {fmt_num(v)}"))
    sums_text = Text(f"各项之和不为 0：{listing.zh}", f"their parts do not add up to 0: {listing.en}")
    return table_finding(model, t, keys,
                         evidence={"terms": [placed(model, k, value(model, k)) for k in keys],
                                   "sums": {k: implied[k] for k in keys}},
                         args={"cell": Text(f"{TABLE_NAMES[t].zh} 的 {len(keys)} 个合计单元格",
                                            f"{TABLE_NAMES[t].en}, {len(keys)} total cells"),
                               "detail": sums_text})


@check("fee_unit")
def fee_unit(model, params):
    """The t2 fee amount is stated in 万元: its header says so and the cell does not say 元."""
    key = params.get("cell", "t2/fees/amount")
    t, r, c = split(key)
    if c and f"{r}/{c}" not in model.tables.get(t, {}):
        raise NotAssessable("表二没有收费金额单元格")
    header = model.headers.get(key)
    v = value(model, key)
    unit = params.get("unit", "万元")
    cell_says_yuan = isinstance(v, str) and "元" in v and unit not in v
    header_lacks = header is not None and unit not in squash(header)
    if header is None and not cell_says_yuan:
        raise NotAssessable("收费金额的表头未读到")
    if header_lacks or cell_says_yuan:
        yield _finding(model, key, snippet=header or str(v),
                       evidence={"header": header, "reported": v},
                       args={"cell": cell_text(t, r, c), "header": header or "",
                             "value": fmt_num(v) if v is not None else "", "unit": unit})
