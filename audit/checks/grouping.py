"""One finding per table and cause (issue 9: "one habit of a report makes one finding, not
thirty"). A report that leaves its zeros blank does so in every row; a cut table loses rows and
columns together. Such findings are gathered into one per table, whose message lists the rows
(a few, then how many more) and whose evidence keeps every cell, so nothing is lost in JSON or
SARIF. The location names the row or column only when all cells share it.
"""
from __future__ import annotations

from .cells import TABLE_NAMES, Text, column_text, location, row_text, split, table_section
from .findings import Finding

SHOWN_ROWS = 5  # rows listed in a message; the rest are counted ("等共 24 行")


def table_finding(model, table: str, keys: list[str], **kw) -> Finding:
    """A finding for ``keys`` (cells of one table), located at the first cell's line or page."""
    rows = list(dict.fromkeys(split(k)[1] for k in keys))
    cols = list(dict.fromkeys(split(k)[2] for k in keys))
    first = min(keys, key=lambda k: (location(model, k)["page"] or 0, location(model, k)["line"] or 0))
    at = location(model, first)
    if len(keys) > 1 and at["cell"]:  # many cells: the table is the place, each cell in evidence
        at["cell"] = {"table": at["cell"].get("table")}
    return Finding(section=table_section(model, table), table=table,
                   row=rows[0] if len(rows) == 1 else None,
                   column=cols[0] if len(cols) == 1 else None, **at, **kw)


def placed(model, key: str, value) -> dict:
    """An evidence term of a grouped finding: the cell, its value and, where known, where it is
    printed (``at``: line, page and the reader's place of the cell), so each cell of a table-wide
    finding can still be found."""
    term = {"cell": key, "value": value}
    at = {k: v for k, v in location(model, key).items() if v is not None}
    if at:
        term["at"] = at
    return term


def cells_by_row(table: str, items: list[tuple[str, object]], show_value=None) -> Text:
    """“（一）予以公开：自然人、商业企业；不予公开·属于国家秘密：商业企业…” for (key, value) items;
    ``show_value(v)`` gives a suffix per cell (the placeholder printed)."""
    rows: dict[str, list] = {}
    for key, v in items:
        _t, r, c = split(key)
        rows.setdefault(r, []).append((c, v))
    zh, en = [], []
    for r, cells in list(rows.items())[:SHOWN_ROWS]:
        suffix = show_value or (lambda _v: ("", ""))
        zh.append(f"{row_text(table, r).zh or r}：" + "、".join(
            column_text(table, c, r).zh + suffix(v)[0] for c, v in cells))
        en.append(f"{r}: " + ", ".join(c + suffix(v)[1] for c, v in cells))
    more = len(rows) - SHOWN_ROWS
    if more > 0:
        zh.append(f"等共 {len(rows)} 行")
        en.append(f"and {more} more rows")
    return Text("；".join(zh), "; ".join(en))


def table_name(table: str) -> Text:
    return TABLE_NAMES[table]
