"""Pairs of reports: each report with the same body's report for the year before (X rules).

A pair is made after every file is read, in the parent process, from the report entries alone
(their models travel back from the workers under ``_model``), so the pairs, and the X rules'
outcomes, are the same whatever ``--jobs`` is. The body and year are the manifest's ``agency``
and ``year`` where it gives them, else the model's; bodies are compared after normalisation
(``body_key``). Two years that are not consecutive make no pair.
"""
from __future__ import annotations

import re

from ..normalize import squash

_PARENT = re.compile(r".{2,}?(?:省|市|州|盟|自治区)$")


def body_key(name: str | None) -> str | None:
    """区政府办公室 = 区人民政府办公室, full-width = half-width brackets, 管委会 = 管理委员会."""
    if not name or not squash(name):
        return None
    k = squash(name)  # NFKC: （）→ (), full-width letters and digits folded
    k = re.sub(r"\([^)]*\)", "", k)  # 淮安市人民政府(淮安市人民政府办公室编制): the note goes
    for long, short in (("人民政府", "政府"), ("管理委员会", "管委会")):
        k = k.replace(long, short)
    return k or None


def same_body(a: str, b: str) -> bool:
    """Equal keys, or one is the other preceded by its parent region (淮安市洪泽区… = 洪泽区…)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and long.endswith(short) and bool(_PARENT.match(long[: -len(short)]))


def identity(rep: dict) -> tuple[str | None, int | None, str]:
    """(body, year, where from) of a report entry: the manifest's columns win."""
    from .manifest import parse_year  # only batches pair; a single check need not import csv

    row = rep.get("manifest") or {}
    body = (row.get("agency") or "").strip() or rep.get("agency")
    year = parse_year(row.get("year")) or rep.get("report_year")
    src = "manifest" if (row.get("agency") or "").strip() or parse_year(row.get("year")) else "model"
    return body, year, src


def make_pairs(reports: list[dict]) -> tuple[dict, dict]:
    """({index: index of its predecessor}, {index: why it has none}) over the report entries."""
    ids = [identity(r) for r in reports]
    keys = [body_key(b) for b, _, _ in ids]
    pairs, unpaired = {}, {}
    for i, (body, year, _) in enumerate(ids):
        if keys[i] is None:
            unpaired[i] = "发布机关未知，无法与上一年度报告配对"
            continue
        if year is None:
            unpaired[i] = "报告年度未知，无法与上一年度报告配对"
            continue
        same = [j for j in range(len(reports)) if j != i and keys[j] and same_body(keys[i], keys[j])]
        before = [j for j in same if ids[j][1] == year - 1]
        if before:
            pairs[i] = before[0]  # several copies of last year's report: the first in input order
        else:
            others = sorted({ids[j][1] for j in same if ids[j][1] is not None and ids[j][1] < year - 1})
            unpaired[i] = (f"批次中没有{body}{year - 1}年度的报告" +
                           (f"（同一机关只有{'、'.join(map(str, others))}年度：年度不相邻不配对）"
                            if others else ""))
    return pairs, unpaired


def describe(reports: list[dict], pairs: dict, how: str = "batch") -> list[dict]:
    """The pairs as the outputs list them."""
    out = []
    for i, j in sorted(pairs.items()):
        body, year, src = identity(reports[i])
        out.append({"report": reports[i]["path"], "previous": reports[j]["path"],
                    "agency": body, "previous_agency": identity(reports[j])[0],
                    "years": [identity(reports[j])[1], year],
                    "why": "option" if how == "option" else src})
    return out


def _merge(rep: dict, result: dict) -> None:
    """Put the X rules' outcomes and findings of ``result`` into the report entry."""
    from ..checks.engine import sort_key
    from ..checks.findings import Finding

    codes = set(result["outcomes"])
    for code, outcome in result["outcomes"].items():
        rep["outcomes"][code] = outcome
        rep["reasons"].pop(code, None)
        if code in result["reasons"]:
            rep["reasons"][code] = result["reasons"][code]
    found = [f for f in rep["findings"] if f["rule"] not in codes] + result["findings"]
    # the location dict carries more than a Finding's place (paragraph, word_table, cell…)
    place = ("section", "table", "row", "column")
    found.sort(key=lambda f: sort_key(Finding(**{k: f["location"].get(k) for k in place},
                                              rule=f["rule"])))
    rep["findings"] = found
    rep["errors"] += result["errors"]


def check_pairs(reports: list[dict], pack, settings, previous: dict | None = None) -> list[dict]:
    """Pair the reports (or the one report with ``previous``, the entry of --previous FILE),
    run the X rules on each pair, and return the pairs made. Consumes every ``_model``."""
    from dataclasses import replace

    from ..checks.engine import NO_PREVIOUS, check_model, needs_previous
    from ..model.report import ReportModel

    models = [ReportModel.from_dict(r["_model"]) if "_model" in r else None for r in reports]
    if previous is not None:
        prev_model = ReportModel.from_dict(previous.pop("_model"))
        pairs, unpaired = _with_previous(reports[0], previous, prev_model)
        made = describe([*reports, previous], {0: 1} if pairs else {}, "option")
        models.append(prev_model)
    else:
        pairs, unpaired = make_pairs(reports)
        made = describe(reports, pairs)
    codes = {r.code for r in pack.rules if needs_previous(r)}
    paths = [r["path"] for r in reports] + ([previous["path"]] if previous else [])
    for i, rep in enumerate(reports):
        rep["previous"] = paths[pairs[i]] if i in pairs else None
        rep["unpaired"] = None if i in pairs else unpaired.get(i, NO_PREVIOUS)
        todo = {c for c in codes if rep["reasons"].get(c) == NO_PREVIOUS}  # applicable, not blocked
        if models[i] is None or not todo:
            continue
        prev = models[pairs[i]] if i in pairs else unpaired.get(i, NO_PREVIOUS)
        _merge(rep, check_model(models[i], pack, replace(settings, enabled=todo), previous=prev))
    return made


def _with_previous(rep: dict, previous: dict, prev_model) -> tuple[dict, dict]:
    """--previous FILE: the user says it is the same body's; only the years are checked."""
    year, prev_year = identity(rep)[1], prev_model.report_year
    unreadable = [msg for code, msg in (tuple(p) for p in prev_model.problems) if code == "E901"]
    if unreadable:
        return {}, {0: f"--previous 文件无法读取（{unreadable[0]}）"}
    if year is None or prev_year is None:
        return {}, {0: "报告年度未知，无法确认 --previous 是上一年度的报告"}
    if prev_year != year - 1:
        return {}, {0: f"--previous 是{prev_year}年度的报告，不是{year - 1}年度（年度不相邻不配对）"}
    return {0: 1}, {}


def pairing_settings(pack, settings: Settings, n: int) -> Settings:
    """Keep each report's model when the batch will be paired (X rules) or rolled up."""
    from dataclasses import replace

    from ..checks.engine import needs_previous

    cross = any(needs_previous(r) and (settings.enabled is None or r.code in settings.enabled)
                for r in pack.rules)
    if (cross and (n > 1 or settings.previous)) or settings.rollup:
        return replace(settings, keep_model=True)
    return settings
