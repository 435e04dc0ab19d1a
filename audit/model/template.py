"""The uniform template as data: section titles, table rows and columns with their canonical keys
(``../shared/spec/template.md`` §2–§3). This is the one vocabulary shared by the model, the rules,
the tests and every output format. Labels here are written as the template prints them; matching
folds both sides with ``normalize.squash``.
"""
from __future__ import annotations

# --- sections ------------------------------------------------------------------------------
SECTIONS = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}
# Distinctive words of each title: a heading is recognised when it holds all words of one entry
# (variants of template.md §2: 概述, 行政机关收到和处理…, 行政法复议, 改进措施, 其它…).
SECTION_KEYWORDS = {
    1: [("总体情况",), ("概述",), ("总体", "情况")],
    2: [("主动公开",)],
    3: [("收到", "处理", "申请"), ("依申请公开",)],
    4: [("复议", "诉讼"), ("行政法复议",)],
    5: [("存在", "问题"), ("主要问题", "改进")],
    6: [("其他需要报告",), ("其它需要报告",), ("其他", "事项"), ("其它", "事项")],
}

# --- t3 --------------------------------------------------------------------------------------
T3_COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"]
T3_COLUMN_LABELS = {
    "natural": "自然人", "commercial": "商业企业", "research": "科研机构", "social": "社会公益组织",
    "legal": "法律服务机构", "other": "其他", "total": "总计", "org_subtotal": "法人或其他组织",
}
APPLICANT_COLUMNS = T3_COLUMNS[:-1]

# (key, group label or None, row label). Group labels carry no numbers.
T3_ROWS = [
    ("received", None, "一、本年新收政府信息公开申请数量"),
    ("carried_over", None, "二、上年结转政府信息公开申请数量"),
    ("granted", "三、本年度办理结果", "（一）予以公开"),
    ("partial", "三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("denied.prohibited", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("denied.security", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("denied.third_party", "（三）不予公开", "4.保护第三方合法权益"),
    ("denied.internal", "（三）不予公开", "5.属于三类内部事务信息"),
    ("denied.process", "（三）不予公开", "6.属于四类过程性信息"),
    ("denied.enforcement_file", "（三）不予公开", "7.属于行政执法案卷"),
    ("denied.query", "（三）不予公开", "8.属于行政查询事项"),
    ("unavailable.not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unavailable.needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unavailable.unclear", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "（五）不予处理", "1.信访举报投诉类申请"),
    ("not_processed.repeated", "（五）不予处理", "2.重复申请"),
    ("not_processed.publication", "（五）不予处理", "3.要求提供公开出版物"),
    ("not_processed.mass_repeated", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("not_processed.confirmation", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("other", "三、本年度办理结果", "（六）其他处理"),  # 2019: one data row
    ("other.no_correction", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.unpaid_fee", "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "（六）其他处理", "3.其他"),
    ("results_total", "三、本年度办理结果", "（七）总计"),
    ("carried_forward", None, "四、结转下年度继续办理"),
]
T3_ROW_KEYS = [k for k, _, _ in T3_ROWS]
T3_ROW_LABELS = {k: lab for k, _, lab in T3_ROWS}
T3_RESULT_ROWS_2021 = [k for k in T3_ROW_KEYS[2:-2] if k != "other"]
T3_RESULT_ROWS_2019 = [k for k in T3_ROW_KEYS[2:-2] if not k.startswith("other.")]

# --- t4 --------------------------------------------------------------------------------------
T4_GROUPS = ["review", "suit_direct", "suit_after_review"]
T4_GROUP_LABELS = {"review": "行政复议", "suit_direct": "未经复议直接起诉",
                   "suit_after_review": "复议后起诉"}
T4_FIELDS = ["upheld", "corrected", "other", "pending", "total"]
T4_FIELD_LABELS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果",
                   "pending": "尚未审结", "total": "总计"}
T4_KEYS = [f"counts/{g}.{f}" for g in T4_GROUPS for f in T4_FIELDS]

# --- t2 --------------------------------------------------------------------------------------
# row key -> (label, [(column key, header label), ...]) per template version.
T2_2021 = {
    "regulations": ("规章", [("issued", "本年制发件数"), ("repealed", "本年废止件数"),
                            ("in_force", "现行有效件数")]),
    "normative": ("行政规范性文件", [("issued", "本年制发件数"), ("repealed", "本年废止件数"),
                                  ("in_force", "现行有效件数")]),
    "licensing": ("行政许可", [("decisions", "本年处理决定数量")]),
    "penalty": ("行政处罚", [("decisions", "本年处理决定数量")]),
    "coercion": ("行政强制", [("decisions", "本年处理决定数量")]),
    "fees": ("行政事业性收费", [("amount", "本年收费金额（单位：万元）")]),
}
_PCD = [("previous", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")]
T2_2019 = {
    "regulations": ("规章", [("made", "本年新制作数量"), ("published", "本年新公开数量"),
                            ("total_public", "对外公开总数量")]),
    "normative": ("规范性文件", [("made", "本年新制作数量"), ("published", "本年新公开数量"),
                              ("total_public", "对外公开总数量")]),
    "licensing": ("行政许可", _PCD),
    "other_services": ("其他对外管理服务事项", _PCD),
    "penalty": ("行政处罚", _PCD),
    "coercion": ("行政强制", _PCD),
    "fees": ("行政事业性收费", [("previous", "上一年项目数量"), ("change", "本年增/减")]),
    "procurement": ("政府集中采购", [("projects", "采购项目数量"), ("amount", "采购总金额")]),
}


def t2_rows(template: str) -> dict:
    return T2_2019 if template == "2019" else T2_2021


def t3_keys(template: str) -> list[str]:
    """Every t3 cell key the template version defines, as ``row/column``."""
    rows = T3_RESULT_ROWS_2019 if template == "2019" else T3_RESULT_ROWS_2021
    rows = ["received", "carried_over", *rows, "results_total", "carried_forward"]
    return [f"{r}/{c}" for r in rows for c in T3_COLUMNS]


# --- version signals (template.md §5) ----------------------------------------------------
SIGNALS_2019 = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
                "其他对外管理服务事项", "第二十条第（九）项", "政府集中采购"]
SIGNALS_2021 = ["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "行政规范性文件"]
