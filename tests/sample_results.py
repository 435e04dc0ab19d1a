"""Hand-built check results and rule metadata for the output-format tests (SARIF, GitHub, HTML,
CSV summary, baseline). They follow interface.md's JSON shape, so these tests do not depend on
the readers or the rule engine. Strings carry the characters each format must escape."""
from __future__ import annotations

import copy

from audit.model.template import T3_COLUMNS, t3_keys

PACK = [
    {"code": "T203", "name": "t3-carry-over-identity", "severity": "error",
     "message": {"zh": "表三{column}列：新收+结转≠办理结果总计+结转下年",
                 "en": "Table 3, column {column}: received + carried over ≠ results + carried forward"},
     "docs": {"what": "检查表三的勾稽关系。本年新收+上年结转=办理结果总计+结转下年度。",
              "why": "数字不平说明统计有误。", "fix": "核对各列数字。",
              "basis": "《政府信息公开工作年度报告格式》表三"}},
    {"code": "T206", "name": "placeholder-cell", "severity": "warning",
     "message": {"zh": "单元格为空或占位符", "en": "blank or placeholder cell"},
     "docs": {"what": {"zh": "应填数字处为空或为占位符。", "en": "A cell that needs a number is blank."},
              "why": "无法判断数值。", "fix": "填0。", "basis": "模板"}},
    {"code": "C404", "name": "no-electronic-version", "severity": "info",
     "message": {"zh": "未说明电子版获取方式", "en": "no statement of the electronic version"},
     "docs": {"what": "未说明电子版获取方式。", "why": "便于公众获取。", "fix": "补充说明。",
              "basis": "条例第五十条"}},
    {"code": "S101", "name": "section-missing", "severity": "error",
     "message": {"zh": "缺少第{section}部分", "en": "section {section} missing"},
     "docs": {"what": "六个部分缺一。", "why": "格式要求。", "fix": "补齐。", "basis": "格式"}},
    {"code": "E901", "name": "unreadable-file", "severity": "error",
     "message": {"zh": "文件无法读取", "en": "file cannot be read"},
     "docs": {"what": "文件无法读取。", "why": "无法检查。", "fix": "换文件。", "basis": "—"}},
]


def _t3(template="2021"):
    t3 = {k: 1 for k in t3_keys(template)}
    for c in T3_COLUMNS:  # consistent-ish numbers
        t3[f"received/{c}"] = 10
    t3["received/total"] = 3152
    t3["granted/social"] = None
    t3["denied.query/legal"] = "-"
    return t3


def _t4():
    return {f"counts/{g}.{f}": 0 for g in ("review", "suit_direct", "suit_after_review")
            for f in ("upheld", "corrected", "other", "pending", "total")}


BAD = {
    "path": "reports/淮安市/2024年报告.pdf", "sha256": "ab" * 32, "format": "pdf",
    "report_year": 2024, "agency": "淮安市<script>alert(1)</script>人民政府, \"办公室\"",
    "template": "2021",
    "outcomes": {"T203": "fail", "T206": "fail", "S101": "pass", "C404": "not_assessable"},
    "findings": [
        {"rule": "T203", "severity": "error",
         "message": "表三总计列：3152+2=3154 ≠ 3153+1, 100%\nsecond line: a,b",
         "location": {"section": 3, "table": "t3", "row": "received", "column": "total",
                      "page": 4, "line": None, "snippet": "一、本年新收 3152"},
         "evidence": {"reported": 3152, "computed": 3153,
                      "terms": [{"cell": "t3/received/natural", "value": 10},
                                {"cell": "t3/carried_over/total", "value": 1}],
                      "suspect": {"cell": "t3/carried_over/total", "value": 1, "expected": 2}}},
        {"rule": "T206", "severity": "warning", "message": "表三社会公益组织列“予以公开”为空",
         "location": {"section": 3, "table": "t3", "row": "granted", "column": "social",
                      "page": 4, "line": None, "snippet": ""},
         "evidence": {"reported": None}},
        {"rule": "T206", "severity": "warning", "message": "占位符 “-”",
         "location": {"section": 3, "table": "t3", "row": "denied.query", "column": "legal",
                      "page": 5, "line": None, "snippet": "-"},
         "evidence": {"reported": "-"}},
    ],
    "tables": {"t3": _t3(), "t4": _t4()},
    "manifest": {"path": "reports/淮安市/2024年报告.pdf", "agency": "淮安市人民政府",
                 "year": "2024", "published": "2025-01-20", "region": "=江苏"},
}

GOOD = {
    "path": "reports/good.html", "sha256": "cd" * 32, "format": "html", "report_year": 2023,
    "agency": "某某局", "template": "2021",
    "outcomes": {"T203": "pass", "T206": "pass", "S101": "pass", "C404": "pass"},
    "findings": [], "tables": {"t3": {k: 0 for k in t3_keys("2021")}, "t4": _t4()},
}

TEXT = {
    "path": "reports/draft.md", "sha256": "ef" * 32, "format": "text", "report_year": 2024,
    "agency": "某县", "template": "unknown",
    "outcomes": {"S101": "fail", "C404": "fail", "T203": "not_assessable"},
    "findings": [
        {"rule": "S101", "severity": "error", "message": "缺少第五部分",
         "location": {"section": 5, "table": None, "row": None, "column": None,
                      "page": None, "line": 12, "snippet": None}, "evidence": {}},
        {"rule": "C404", "severity": "info", "message": "未说明电子版获取方式",
         "location": {"section": 6, "table": None, "row": None, "column": None,
                      "page": None, "line": 40, "snippet": "六、其他需要报告的事项"},
         "evidence": {}},
    ],
}

BROKEN = {
    "path": "reports/broken.pdf", "sha256": None, "format": "pdf", "report_year": None,
    "agency": None, "template": "unknown", "outcomes": {},
    "findings": [{"rule": "E901", "severity": "error", "message": "文件无法读取：encrypted",
                  "location": {"section": None, "table": None, "row": None, "column": None,
                               "page": None, "line": None, "snippet": None},
                  "evidence": {"reason": "encrypted"}}],
}


def result(*reports):
    """A full result dict around copies of ``reports`` (default: all four)."""
    reports = [copy.deepcopy(r) for r in (reports or (BAD, GOOD, TEXT, BROKEN))]
    summary = {"reports": len(reports), "error": 0, "warning": 0, "info": 0, "not_assessable": 0}
    for r in reports:
        for f in r["findings"]:
            summary[f["severity"]] += 1
        summary["not_assessable"] += sum(1 for v in r["outcomes"].values() if v == "not_assessable")
    return {"tool": {"name": "xxgk-audit", "version": "0.1.0"}, "reports": reports,
            "summary": summary}
