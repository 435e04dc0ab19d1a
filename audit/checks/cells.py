"""Cells, their labels and the template's sum structure, shared by the table checks.

The sums (row totals, column totals, t4 group totals) are derived from ``audit.template`` so the
keys are never retyped. A *blank total* (None or a placeholder) whose parts are not all zero is
not a wrong sum but rule T207's matter: other identities use the total's own sum instead of 0.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .findings import Text
from ..normalize import fold, is_placeholder, split_ordinal
from ..model.template import (APPLICANT_COLUMNS, T2_2019, T2_2021, T3_COLUMN_LABELS, T3_COLUMNS,
                       T3_ROW_KEYS, T3_ROWS, T4_FIELD_LABELS, T4_FIELDS, T4_GROUP_LABELS,
                       T4_GROUPS)

TABLE_NAMES = {"t2": Text("表二", "Table 2"), "t3": Text("表三", "Table 3"),
               "t4": Text("表四", "Table 4")}
_T3_GROUP = {k: g for k, g, _ in T3_ROWS}
_T3_LABEL = {k: lab for k, _, lab in T3_ROWS}


# The label texts are asked for every term of every sum, right or wrong (thousands per report);
# they depend on the template alone.
@lru_cache(maxsize=1024)
def _short(label: str) -> str:
    """（一）予以公开 → 予以公开; drops the parenthesised note of （二）部分公开（区分处理的…）."""
    _, rest = split_ordinal(fold(label))
    return rest.split("(")[0] if not rest.startswith("(") else rest


@lru_cache(maxsize=1024)
def row_text(table: str, row: str | None, full: bool = True) -> Text:
    if row is None:
        return Text("", "")
    if table == "t3":
        label = _T3_LABEL.get(row, row)
        group = _T3_GROUP.get(row)
        if not full:
            label = _short(label)
        elif "（" in label[1:]:
            label = label[: label.index("（", 1)]  # keep （二）部分公开, drop its long note
        if group and group.startswith("（") and "." in row:
            label = _short(group) + "·" + _short(label)
        return Text(label, row)
    if table == "t2":
        label = (T2_2021.get(row) or T2_2019.get(row) or (row,))[0]
        return Text(label, row)
    return Text("", row)  # t4 has one data row


@lru_cache(maxsize=1024)
def column_text(table: str, column: str | None, row: str | None = None) -> Text:
    if column is None:
        return Text("", "")
    if table == "t3":
        return Text(T3_COLUMN_LABELS.get(column, column), column)
    if table == "t4" and "." in column:
        g, f = column.split(".", 1)
        return Text(f"{T4_GROUP_LABELS.get(g, g)}·{T4_FIELD_LABELS.get(f, f)}", column)
    if table == "t2":  # the same column key has different headers in different blocks
        for rows in (T2_2021, T2_2019):
            for r, (_, cols) in rows.items():
                for key, label in cols:
                    if key == column and (row is None or r == row):
                        return Text(label, column)
        for rows in (T2_2021, T2_2019):
            for _, cols in rows.values():
                for key, label in cols:
                    if key == column:
                        return Text(label, column)
    return Text(column, column)


def cell_text(table: str, row: str, column: str, full: bool = True) -> Text:
    """How a message names one cell: 表三 （七）总计 自然人列 / Table 3 results_total/natural."""
    r, c = row_text(table, row, full), column_text(table, column, row)
    zh = " ".join(x for x in (TABLE_NAMES[table].zh, r.zh, c.zh + "列" if c.zh else "") if x)
    return Text(zh, f"{TABLE_NAMES[table].en} {row}/{column}")


def split(key: str) -> tuple[str, str, str]:
    """"t3/received/total" → ("t3", "received", "total")."""
    table, row, column = key.split("/", 2)
    return table, row, column


def blank(value) -> bool:
    return value is None or is_placeholder(value)


def number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# --- the template's sums ----------------------------------------------------------------------
@dataclass
class Sum:
    total: str  # cell key "t3/received/total"
    parts: list[str]  # the parts the document has
    absent: list[str] = field(default_factory=list)  # template parts the model does not have


def result_rows(t3: dict) -> list[str]:
    """The t3 result rows this document uses: the 2021 （六） sub-rows when present, else the
    single 2019 row (a 2021 report with a single （六） row is common, template.md §5)."""
    return _result_rows(_split_other(t3))


def _split_other(t3: dict) -> bool:
    return any(k.startswith("other.") for k in t3)  # keys are "row/column"


def _result_rows(split_other: bool) -> list[str]:
    rows = [k for k in T3_ROW_KEYS[2:-2] if not k.startswith("other")]
    return rows + (["other.no_correction", "other.unpaid_fee", "other.other"] if split_other
                   else ["other"])


def sums(model, family: str) -> list[Sum]:
    """Every sum of one family whose total cell the document has."""
    t3 = model.tables.get("t3", {})
    present = model.tables.get("t4" if family == "t4_group_totals" else "t3", {})
    split = family == "t3_column_totals" and _split_other(t3)  # the 2021 （六） sub-rows
    keep = []
    for total, total_rest, parts in _template_sums(family, split):
        if total_rest in present:
            have = [p for p, rest in parts if rest in present]
            if have:
                keep.append(Sum(total, have, [p for p, rest in parts if rest not in present]))
    return keep


@lru_cache(maxsize=8)
def _template_sums(family: str, split_other: bool) -> tuple:
    """(total key, its key within the table, ((part key, its key within the table), …)) of each
    sum of the family: the template's alone, asked by every table check of every report."""
    if family == "t3_row_totals":
        out = [(f"t3/{r}/total", [f"t3/{r}/{c}" for c in APPLICANT_COLUMNS]) for r in T3_ROW_KEYS]
    elif family == "t3_column_totals":
        rows = _result_rows(split_other)
        out = [(f"t3/results_total/{c}", [f"t3/{r}/{c}" for r in rows]) for c in T3_COLUMNS]
    elif family == "t4_group_totals":
        out = [(f"t4/counts/{g}.total", [f"t4/counts/{g}.{f}" for f in T4_FIELDS if f != "total"])
               for g in T4_GROUPS]
    else:
        raise ValueError(f"unknown sum family {family!r}")
    inner = lambda key: key.split("/", 1)[1]  # noqa: E731
    return tuple((t, inner(t), tuple((p, inner(p)) for p in parts)) for t, parts in out)


SUM_FAMILIES = ["t3_row_totals", "t3_column_totals", "t4_group_totals"]


def value(model, key: str):
    table, rest = key.split("/", 1)
    return model.tables.get(table, {}).get(rest)


def implied_totals(model) -> dict[str, float]:
    """Blank total cells whose parts are not all zero → the sum of their parts (T207)."""
    out = {}
    for fam in SUM_FAMILIES:
        for s in sums(model, fam):
            if blank(value(model, s.total)):
                vals = [value(model, p) for p in s.parts]
                if all(number(v) or blank(v) for v in vals):
                    total = sum(v for v in vals if number(v))
                    if total != 0:
                        out[s.total] = total
    return out


def term_value(model, key: str, implied: dict):
    """(value for arithmetic, note) or raises ValueError for a cell that holds text.

    Blanks and placeholders count as 0 (T206 reports them); a blank total with non-zero parts
    counts as its own sum."""
    v = value(model, key)
    if key in implied:
        return implied[key], "implied"
    if number(v):
        return v, None
    if blank(v):
        return 0, "blank"
    raise ValueError(key)


def location(model, key: str) -> dict:
    """Line and page of a cell, and where exactly it is printed (``cell``: printed row and
    column labels, 1-based table/row/column numbers, the reader's pointer, character or box)."""
    loc = model.locations.get(key) or {}
    return {"line": loc.get("line"), "page": loc.get("page"), "cell": loc.get("cell")}


def table_section(model, table: str) -> int | None:
    for s in model.sections:
        if table in s.tables:
            return s.number
    return {"t2": 2, "t3": 3, "t4": 4}.get(table)


def fmt_num(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


def terms_text(terms: list[dict], summarize: bool = True,
               lang_zero=("其余{n}项为 0", "{n} more terms are 0")) -> Text:
    """予以公开 258 + 部分公开 3 + … (其余 18 项为 0); zero terms are summarised, not listed."""
    shown = [t for t in terms if not summarize or t["value"] not in (0, None) or t.get("note")]
    zeros = len(terms) - len(shown)
    zh = [f"{t['label'].zh} {_val(t, 'zh')}" for t in shown]
    en = [f"{t['label'].en} {_val(t, 'en')}" for t in shown]
    if zeros:
        zh.append(lang_zero[0].format(n=zeros) if shown else f"{zeros}项均为 0")
        en.append(lang_zero[1].format(n=zeros) if shown else f"all {zeros} terms are 0")
    return Text(" + ".join(zh) or "（无）", " + ".join(en) or "(none)")


def _val(term: dict, lang: str) -> str:
    note = term.get("note")
    if note == "blank":
        return "空(按0计)" if lang == "zh" else "blank (as 0)"
    if note == "implied":
        shown = fmt_num(term["value"])
        return f"空(按其合计{shown}计)" if lang == "zh" else f"blank (as its sum {shown})"
    return fmt_num(term["value"])
