"""Mapping document tables onto the template's canonical cells (t2, t3, t4), by label.

All table blocks that belong to one template table are streamed row by row (a PDF table split
across pages arrives as several blocks; repeated header rows are harmless). For each row the
leading text cells are its label and the trailing value cells (numbers, blanks, placeholders;
span copies skipped) its values. Rows are matched by label, never by position, and columns by
the printed header where one is found. Whatever cannot be mapped is recorded on the model
(labels with key None, table_problems), never dropped.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .labels import best_match, core
from .report import Label, ReportModel, TableProblem
from ..normalize import is_numberlike, parse_cell, squash
from . import template as T


@dataclass
class Row:
    labels: list[str]  # label cells as printed (folded), consecutive duplicates removed
    values: list[str]  # the value cells' raw text, in order
    line: int | None = None
    page: int | None = None
    texts: list[str] = field(default_factory=list)  # every non-empty cell, for header rows


class Value(str):
    """A value cell's text that remembers where it is printed (``where``: the reader's pointer,
    character or box, plus the 1-based row and column in the printed table). Values travel
    through ``fit`` and the mappers as plain strings; ``record_value`` reads the place."""

    where: dict = {}


def _value(text: str, where: dict) -> Value:
    v = Value(text)
    v.where = where
    return v


def split_row(cells, line=None, page=None, index=None) -> Row:
    """``index``: (table number in the document, row number in that table), both 1-based."""
    tail = []
    i = len(cells)
    while i > 0:
        c = cells[i - 1]
        if not is_numberlike(c.text):
            break
        if not c.spanned:  # a value with colspan=2 counts once
            at = {"table": index[0], "row": index[1], "column": i} if index else {}
            tail.append(_value(c.text, {**at, **(c.where or {})}))
        i -= 1
    tail.reverse()
    labels = []
    for c in cells[:i]:
        t = squash(c.text)
        if t and (not labels or labels[-1] != t):
            labels.append(t)
    # Header words once each: a header with rowspan/colspan must not count as two columns.
    texts = [squash(c.text) for c in cells if squash(c.text) and not c.spanned]
    return Row(labels, tail, line, page, texts)


def rows_of(block, number: int | None = None) -> list[Row]:
    """The block's rows; ``number``: the table's 1-based number among the document's tables."""
    out = []
    for i, cells in enumerate(block.rows):
        line = block.row_lines[i] if i < len(block.row_lines) else block.line
        page = block.row_pages[i] if i < len(block.row_pages) else block.page
        out.append(split_row(cells, line, page, (number, i + 1) if number else None))
    return out


_KEYWORDS = {
    "t3": ["自然人", "本年新收", "予以公开", "上年结转", "不予公开", "结转下年度", "申请人情况"],
    "t4": ["行政复议", "行政诉讼", "结果维持", "尚未审结", "复议后起诉"],
    "t2": ["信息内容", "规章", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "第二十条"],
}


def identify(block) -> str | None:
    """Which template table a block holds, by its words; None when it has none of them."""
    text = "".join(squash(c.text) for row in block.rows for c in row)
    scores = {t: sum(w in text for w in words) for t, words in _KEYWORDS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 2 else None


def fit(values: list[str], n: int) -> list[str] | None:
    """The row's last ``n`` values, after dropping surplus blank cells at the end (text
    extractions write a trailing empty cell); None when the row has fewer than ``n``."""
    values = list(values)
    while len(values) > n and not squash(values[-1]):
        values.pop()
    return values[-n:] if len(values) >= n else None


def record_value(model: ReportModel, table: str, key: str, raw: str, row: Row) -> None:
    model.tables[table][key] = parse_cell(raw)
    loc = {"line": row.line, "page": row.page}
    where = getattr(raw, "where", None)
    if where:  # the column's printed label is added once every header is known (label_columns)
        loc["cell"] = {"row_label": " ".join(row.labels) or None, "column_label": None, **where}
    model.locations[f"{table}/{key}"] = loc


def label_columns(model: ReportModel) -> None:
    """Each located cell gets its column's printed header (t2: per row block; t3, t4: the
    column labels as printed)."""
    printed = {(lab.table, lab.key): lab.printed for lab in model.labels
               if lab.kind == "column" and lab.key}
    for key, loc in model.locations.items():
        if "cell" in loc:
            table, rest = key.split("/", 1)
            loc["cell"]["column_label"] = (model.headers.get(key)
                                           or printed.get((table, rest.rsplit("/", 1)[-1])))


# --- t3 ------------------------------------------------------------------------------------
_GROUP_CORES = {core(g) for g in ("（三）不予公开", "（四）无法提供", "（五）不予处理", "三、本年度办理结果")}


def _t3_key(row: Row):
    """Best t3 row key for a row's label cells: try the last cell, then joins of the last cells
    (labels broken across cells), skipping group labels that carry no numbers."""
    tries = []
    labels = [x for x in row.labels if core(x) not in _GROUP_CORES] or row.labels
    for n in range(1, len(labels) + 1):
        tries.append("".join(labels[-n:]))
    best = (None, 0.0, "")
    for text in tries:
        key, score = best_match(text, T.T3_ROW_LABELS)
        if key and score > best[1]:
            best = (key, score, text)
    return best


def _t3_columns(header_rows: list[Row]) -> tuple[list[str], list[Label]]:
    """Leaf column order from the header rows (自然人, 商业企业…, an optional subtotal, 总计)."""
    names = {k: v for k, v in T.T3_COLUMN_LABELS.items() if k != "org_subtotal"}
    found, labels = [], []
    org_leaves: list[str] = []
    for row in header_rows:
        for text in row.texts:
            key, score = best_match(text, names, 0.8)
            if text in ("小计", "合计"):
                key, score = "org_subtotal", 1.0
            if key is None or key in found or key in org_leaves:
                continue
            labels.append(Label("t3", "column", text, key, T.T3_COLUMN_LABELS[key], score == 1.0,
                                row.line, row.page))
            (org_leaves if key not in ("natural", "total") else found).append(key)
    if "org_subtotal" in org_leaves and len(org_leaves) == 6:
        return ["natural", *org_leaves, "total"], labels
    return list(T.T3_COLUMNS), labels


def _has_number(row: Row) -> bool:
    return any(squash(v) for v in row.values)


def _unmapped(table: str, row: Row, expected=None) -> Label:
    return Label(table, "row", "".join(row.labels), None, expected, False, row.line, row.page,
                 [parse_cell(v) for v in row.values])


def map_t3(rows: list[Row], model: ReportModel) -> int:
    keyed = [(row, _t3_key(row)) for row in rows]
    # A row is data when its label is a t3 row and it has value cells (blank ones count: a row
    # left entirely blank is still that row); header words such as 总计 alone have no values.
    data = [(row, k) for row, k in keyed if row.values and k[0]]
    header_rows = [row for row, k in keyed if not (row.values and k[0])]
    columns, col_labels = _t3_columns(header_rows)
    model.labels.extend(col_labels)
    for lab in col_labels:
        model.headers[f"t3/{lab.key}"] = lab.printed
    orphans = [row for row in header_rows if row.values and _has_number(row)]
    for row in orphans:
        model.labels.append(_unmapped("t3", row))
    if any(not row.labels for row in orphans):
        # Numbers whose label was printed elsewhere (text extractions put the label on lines of
        # its own): which row they belong to cannot be told, so say so instead of guessing.
        first = next(row for row in orphans if not row.labels)
        model.table_problems.append(TableProblem(
            "t3", f"{sum(not r.labels for r in orphans)} 行数值没有行标签，无法对应到模板的行",
            first.line, first.page))
    mapped = 0
    for row, (key, score, text) in data:
        if f"{key}/total" in model.tables["t3"] or f"{key}/natural" in model.tables["t3"]:
            model.labels.append(_unmapped("t3", row, "重复的行"))
            continue
        values = fit(row.values, len(columns))
        if values is None:
            model.labels.append(_unmapped("t3", row, T.T3_ROW_LABELS[key]))
            model.table_problems.append(TableProblem(
                "t3", f"“{''.join(row.labels)}”行只有 {len(row.values)} 个数值，应有 {len(columns)} 个",
                row.line, row.page))
            continue
        model.labels.append(Label("t3", "row", text, key, T.T3_ROW_LABELS[key], score == 1.0,
                                  row.line, row.page))
        for col, raw in zip(columns, values):
            record_value(model, "t3", f"{key}/{col}", raw, row)
            mapped += 1
    return mapped


# --- t4 ------------------------------------------------------------------------------------
def map_t4(rows: list[Row], model: ReportModel) -> int:
    """t4 has one data row of 15 values under three groups of five headers."""
    leaves = []
    for row in rows:
        if row.values and _has_number(row):
            continue
        for text in row.texts:
            key, score = best_match(text, T.T4_FIELD_LABELS, 0.8)
            if key:
                leaves.append((text, key, score, row))
    if len(leaves) == 15:  # otherwise the headers were not read cell by cell: trust the template
        for (text, key, score, row), full in zip(leaves, T.T4_KEYS):
            ok = full.endswith("." + key)
            if ok:
                model.headers[f"t4/{full}"] = text
            model.labels.append(Label("t4", "column", text, full.split("/")[1] if ok else None,
                                      T.T4_FIELD_LABELS[key], score == 1.0, row.line, row.page))
    data = [r for r in rows if len(r.values) >= 15 and _has_number(r)]
    for row in rows:
        if row.values and _has_number(row) and row not in data:
            model.labels.append(_unmapped("t4", row))
    if not data:
        return 0
    row = data[0]
    for key, raw in zip(T.T4_KEYS, fit(row.values, 15)):
        record_value(model, "t4", key, raw, row)
    for extra in data[1:]:
        model.labels.append(_unmapped("t4", extra, "重复的数据行"))
    return 15
