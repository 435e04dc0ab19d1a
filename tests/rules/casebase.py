"""Named base models for the rule cases: a case says ``base: clean_2021`` and then only the
cells and fields it changes (``model:``) or removes (``drop:``), so each case shows its point."""
from __future__ import annotations

import copy

from audit.model.template import SECTIONS, T2_2019, T2_2021, T4_KEYS, t3_keys

CN = "一二三四五六"
TEXT = {1: "本年度政务公开工作稳步推进。", 5: "存在的主要问题是公开内容不够全面，下一步将加强培训。",
        6: "本年度未收取信息处理费。"}


def _sections():
    tables = {2: ["t2"], 3: ["t3"], 4: ["t4"]}
    return [{"number": n, "title": t, "heading": f"{CN[n - 1]}、{t}", "ordinal": n,
             "line": n * 10, "text": TEXT.get(n, ""), "tables": tables.get(n, [])}
            for n, t in SECTIONS.items()]


def _t2(rows):
    return {f"{r}/{c}": 0 for r, (_, cols) in rows.items() for c, _ in cols}


def clean(year: int, template: str) -> dict:
    rows = T2_2021 if template == "2021" else T2_2019
    headers = {f"t2/{r}/{c}": lab for r, (_, cols) in rows.items() for c, lab in cols}
    return {
        "path": "case.txt", "title": f"{year}年度政府信息公开工作年度报告", "report_year": year,
        "agency": "某区人民政府办公室", "template": template, "kind": "report",
        "sections": _sections(), "intro": f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        "period": {"start": f"{year}-01-01", "end": f"{year}-12-31", "kind": "range",
                   "text": f"统计期限自{year}年1月1日起至{year}年12月31日止"},
        "contact": {"address": "某市某路1号", "postcode": "810000", "phone": ["0971-8246024"],
                    "email": ["xxgk@example.gov.cn"], "text": "联系方式"},
        "download": "本年度报告的电子版可以在区政府门户网站下载。",
        "tables": {"t2": _t2(rows), "t3": {k: 0 for k in t3_keys(template)},
                   "t4": {k: 0 for k in T4_KEYS}},
        "headers": headers,
        "labels": [{"table": "t3", "kind": "row", "printed": "（一）予以公开", "key": "granted",
                    "expected": "（一）予以公开", "exact": True}],
        "signals": {"2019": [], "2021": ["本年制发件数"]} if template == "2021" else
        {"2019": ["本年新制作数量"], "2021": []},
    }


BASES = {"clean_2021": lambda: clean(2021, "2021"), "clean_2023": lambda: clean(2023, "2021"),
         "clean_2020": lambda: clean(2020, "2021"), "clean_2022": lambda: clean(2022, "2021"),
         "clean_2019": lambda: clean(2019, "2019"), "empty": lambda: {}}


def merge(base: dict, over: dict) -> dict:
    """Deep merge: dicts merge key by key (so ``tables: {t3: {cell: 5}}`` changes one cell);
    anything else replaces."""
    out = copy.deepcopy(base)
    for k, v in over.items():
        out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def drop(model: dict, paths: list[str]) -> dict:
    """Remove ``tables.t3.received/natural``-style paths (the last part may contain dots only
    as a table cell key, so split at most twice for tables)."""
    for path in paths:
        head, _, rest = path.partition(".")
        if head == "tables":
            table, _, key = rest.partition(".")
            if key.endswith("*") or key.startswith("*"):  # a row prefix or a column suffix
                hit = (lambda k: k.startswith(key[:-1])) if key.endswith("*") else \
                    (lambda k: k.endswith(key[1:]))
                for k in [k for k in model["tables"][table] if hit(k)]:
                    del model["tables"][table][k]
            elif key:
                model["tables"][table].pop(key, None)
            else:
                model["tables"][table] = {}
        elif head == "sections":
            model["sections"] = [s for s in model["sections"] if str(s["number"]) != rest]
        else:
            model.pop(head, None)
    return model


def build(case: dict) -> dict:
    model = BASES[case.get("base", "empty")]()
    model = merge(model, case.get("model", {}))
    return drop(model, case.get("drop", []))
