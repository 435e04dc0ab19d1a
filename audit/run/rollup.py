"""--rollup: a government's report that sums up its departments, against the sum of those
departments' reports in the same batch (t3 and t4 totals).

Which reports are departments of which government is read from the pairing keys: the same year,
and a body key that begins with the government's region (洪泽区 → 洪泽区财政局, 淮安市洪泽区…),
excluding other governments. A batch rarely holds every department, so a sum below the
government's figure is "incomplete", not wrong; a sum above it is a contradiction (the parts
exceed the whole). The result lists every report summed, so a reader can see what was compared.
"""
from __future__ import annotations

import re

from ..model.report import ReportModel
from ..normalize import squash
from .pairing import body_key, identity

# 本报告数据为全区汇总 / 含区政府各部门 / 包括…各部门、各乡镇 …
_AGGREGATES = re.compile(r"(?:汇总|含|包含|包括|涵盖)[^。]{0,30}(?:各部门|各单位|所属部门|直属部门|组成部门|"
                         r"[区县市]直|各乡镇|各街道)|(?:各部门|各单位)[^。]{0,12}汇总|全[区县市省]汇总")
CELLS = ["t3/received/total", "t3/carried_over/total", "t3/results_total/total",
         "t3/carried_forward/total", "t4/counts/review.total", "t4/counts/suit_direct.total",
         "t4/counts/suit_after_review.total"]


def _region(key: str) -> str:
    return re.sub(r"(?:政府|管委会)(?:办公室|办公厅)?$", "", key)


def _says_aggregate(model: ReportModel) -> str | None:
    text = squash(model.intro + "".join(s.text for s in model.sections))
    m = _AGGREGATES.search(text)
    return m.group(0) if m else None


def _value(rep: dict, cell: str):
    """A number; a blank cell is 0; an absent cell or text is None (not summed)."""
    table, key = cell.split("/", 1)
    cells = (rep.get("tables") or {}).get(table, {})
    if key not in cells:
        return None
    v = cells[key]
    if v is None:
        return 0
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None


_SUB_REGION = re.compile(r"[^局委厅办]{1,5}(?:区|县|乡|镇|街道)")


def _department_of(region: str, key: str | None) -> bool:
    """洪泽区财政局 of 洪泽区; not 洪泽区高良涧街道 (a sub-region), nor another region's body."""
    if not key or region not in key:
        return False
    rest = key[key.index(region) + len(region):]
    return bool(rest) and not _SUB_REGION.match(rest)


def check_rollup(reports: list[dict]) -> list[dict]:
    """One entry per government report that says it aggregates its departments."""
    from ..checks.published import level

    models = [ReportModel.from_dict(r["_model"]) if "_model" in r else None for r in reports]
    levels = [level(m) if m else "unknown" for m in models]
    out = []
    for i, (rep, model) in enumerate(zip(reports, models)):
        if model is None or levels[i] != "government":
            continue
        phrase = _says_aggregate(model)
        body, year, _ = identity(rep)
        key = body_key(body)
        if not phrase or not key or year is None:
            continue
        region = _region(key)
        parts = [j for j, r in enumerate(reports) if j != i and levels[j] != "government"
                 and identity(r)[1] == year and _department_of(region, body_key(identity(r)[0]))]
        out.append(_compare(rep, phrase, [reports[j] for j in parts]))
    return out


def _compare(rep: dict, phrase: str, parts: list[dict]) -> dict:
    cells, worst = [], "consistent" if parts else "no_departments"
    for cell in CELLS:
        whole = _value(rep, cell)
        values = [_value(p, cell) for p in parts]
        if whole is None or not parts or any(v is None for v in values):
            continue
        total = sum(values)
        state = "equal" if total == whole else "exceeds" if total > whole else "below"
        cells.append({"cell": cell, "government": whole, "departments": total, "state": state})
        if state == "exceeds":
            worst = "contradiction"
        elif state == "below" and worst == "consistent":
            worst = "incomplete"
    bad = [c for c in cells if c["state"] != "equal"]
    shown = "；".join(f"{c['cell']} 本级 {c['government']}，部门合计 {c['departments']}" for c in bad)
    shown_en = "; ".join(f"{c['cell']} government {c['government']}, departments {c['departments']}" for c in bad)
    zh = {"no_departments": "批次中没有它的部门的报告，未核对",
          "consistent": f"与 {len(parts)} 个部门报告之和一致",
          "incomplete": f"{len(parts)} 个部门报告之和小于本级数字（批次可能不全）：{shown}",
          "contradiction": f"{len(parts)} 个部门报告之和超过本级数字：{shown}"}[worst]
    en = {"no_departments": "no report of its departments in the batch; nothing compared",
          "consistent": f"equals the sum of {len(parts)} department reports",
          "incomplete": f"the sum of {len(parts)} department reports is below it (the batch may be incomplete): {shown_en}",
          "contradiction": f"the sum of {len(parts)} department reports exceeds it: {shown_en}"}[worst]
    return {"report": rep["path"], "says": phrase, "verdict": worst, "verdict_zh": zh,
            "verdict_en": en, "cells": cells,
            "summed": [f"{p['path']}（{identity(p)[0]}）" for p in parts]}
