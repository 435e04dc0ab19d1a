"""What kind of document this is (rule S109): an annual report in scope, or something else that
sits under a portal's 年报 column — a news article about a report, a letter, a blank template,
a 高校 or 企事业单位 report, or a report from before the uniform template (2019)."""
from __future__ import annotations

import re

from ..normalize import squash


def classify(model, full_text: str, has_values: bool) -> tuple[str, str]:
    """(kind, reason). Uses only what the model already holds and the full text."""
    t = squash(full_text)
    head = t[:600]
    found = {s.number for s in model.sections}
    if re.search(r"(交汇点讯|记者|新华社|本报讯|据悉|近日(?:公布|发布))", head) and len(found) < 4:
        return "news", "文中有新闻报道用语（记者/讯/近日公布），且缺少报告的章节结构"
    # Reports cite the format notice in their intro; the notice itself has no report title.
    if (not model.title and model.period is None and re.search(r"办函〔\d{4}〕\d+号|关于印发.{0,40}格式的通知", head)
            and len(found) < 2 and not has_values):
        return "letter", "这是印发年度报告格式的通知（函），不是年度报告本身"
    if re.search(r"(特此函告|此函|关于.{2,40}的函)", head) and len(found) < 4:
        return "letter", "文档是一封函件，不是年度报告"
    if re.search(r"(高等学校|高校|大学|学院).{0,30}(学年|年度报告)", head) and "学年" in head:
        return "university", "高等学校按学年编制的信息公开报告，不适用政府信息公开工作年度报告格式"
    if re.search(r"(公共企事业单位|企事业单位)信息公开", head):
        return "enterprise", "公共企事业单位信息公开报告，不适用政府信息公开工作年度报告格式"
    if "文字描述" in t and not has_values:
        return "blank_template", "空白模板：正文为（文字描述）占位，表格没有填写数值"
    if model.report_year is not None and model.report_year < 2019:
        return "legacy", f"报告年度 {model.report_year} 早于 2019 年统一格式"
    if not found and not has_values and model.period is None:
        return "unknown", "未识别出年度报告的章节、表格或统计期限"
    return "report", ""


def detect_template(model, table_text: str) -> tuple[str, dict]:
    """Template version from the signal words of template.md §5 found in the tables."""
    from .template import SIGNALS_2019, SIGNALS_2021

    s19 = [w for w in SIGNALS_2019 if squash(w) in table_text]
    s21 = [w for w in SIGNALS_2021 if squash(w) in table_text]
    t3 = model.tables.get("t3", {})
    if any(k.startswith("other/") for k in t3):
        s19.append("（六）其他处理 单行")
    if any(k.startswith("other.") for k in t3):
        s21.append("（六）其他处理 三个子项")
    if s19 and s21:
        version = "mixed"
    elif s19:
        version = "2019"
    elif s21:
        version = "2021"
    else:
        version = "unknown"
    return version, {"2019": s19, "2021": s21}
