"""Mapping table 2 (主动公开政府信息情况) onto canonical cells.

Table 2 is a stack of small blocks (第二十条第（一）项, （五）, …), each with its own header row
(信息内容 | 本年制发件数 | …) followed by data rows. Rows are matched by label against the
template version the table's headers speak (2019 or 2021), columns by the nearest header above.
"""
from __future__ import annotations

from .labels import best_match, core
from .report import Label, ReportModel, TableProblem
from .tablemap import Row, _has_number, _unmapped, fit, record_value
from . import template as T


def t2_version(rows: list[Row]) -> str:
    text = "".join("".join(r.texts) for r in rows)
    has19 = any(core(s) in text for s in T.SIGNALS_2019 if s != "政府集中采购") or "政府集中采购" in text
    has21 = any(core(s) in text for s in T.SIGNALS_2021 if s != "行政规范性文件")
    return "2019" if has19 and not has21 else "2021"


def _header_cells(row: Row) -> list[str]:
    """The column headers of a header row, without the 信息内容 / 第二十条… cells."""
    return [t for t in row.texts if "信息内容" not in t and "第二十条" not in t]


def _assign(headers: list[str], columns: list[tuple[str, str]]):
    """Pair printed headers with template columns: by wording when that gives a one-to-one
    pairing, else by position. Returns [(col_key, template_label, printed or None, score)]."""
    wanted = dict(columns)
    if len(headers) == len(columns):
        keys = [best_match(h, wanted, 0.5) for h in headers]
        if len({k for k, _ in keys if k}) == len(columns):
            return [(k, wanted[k], h, s) for h, (k, s) in zip(headers, keys)]
        return [(k, lab, h, best_match(h, {k: lab}, 0.0)[1]) for h, (k, lab) in zip(headers, columns)]
    return [(k, lab, None, 0.0) for k, lab in columns]


def map_t2(rows: list[Row], model: ReportModel) -> int:
    version = t2_version(rows)
    spec = T.t2_rows(version)
    row_labels = {k: lab for k, (lab, _) in spec.items()}
    headers: list[str] = []
    seen_headers = set()
    mapped = 0
    for row in rows:
        key, score = best_match("".join(row.labels[-1:]), row_labels)
        if key is None and row.labels:
            key, score = best_match("".join(row.labels), row_labels)
        if key is None or not row.values:
            if _has_number(row):
                model.labels.append(_unmapped("t2", row))
            elif _header_cells(row):
                headers = _header_cells(row)
            continue
        if f"{key}/{spec[key][1][0][0]}" in model.tables["t2"]:
            model.labels.append(_unmapped("t2", row, "重复的行"))
            continue
        columns = spec[key][1]
        values = fit(row.values, len(columns))
        if values is None:
            model.labels.append(_unmapped("t2", row, row_labels[key]))
            model.table_problems.append(TableProblem(
                "t2", f"“{''.join(row.labels)}”行只有 {len(row.values)} 个数值，应有 {len(columns)} 个",
                row.line, row.page))
            continue
        model.labels.append(Label("t2", "row", "".join(row.labels), key, row_labels[key],
                                  score == 1.0, row.line, row.page))
        for (col, want, printed, cscore), raw in zip(_assign(headers, columns), values):
            record_value(model, "t2", f"{key}/{col}", raw, row)
            mapped += 1
            if printed is not None:
                model.headers[f"t2/{key}/{col}"] = printed
                if (printed, col) not in seen_headers:
                    seen_headers.add((printed, col))
                    model.labels.append(Label("t2", "column", printed, col, want,
                                              core(printed) == core(want), row.line, row.page))
    return mapped
