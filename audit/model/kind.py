"""What kind of document this is (rule S109): an annual report in scope, or something else that
sits under a portal's 年报 column — a news article about a report, a letter, the format notice,
a blank template, a 高校 or 企事业单位 report, or a report from before the uniform template (2019).

The order of the tests is the rule written in the S109 docs (``limits``): a document is judged
by what it has, never by what it cites. A report title (body + year + 年度报告) together with one
of the six section headings makes a report however short the text is (S101 then says what is
missing); the format notice is recognised by a notice's own parts (its title 关于印发…格式的通知
outside any 《》, the addressee 各省、自治区、直辖市人民政府办公厅, the attached format), so a
report that cites the notice in its opening stays a report.
"""
from __future__ import annotations

import re

from ..normalize import fold, squash

_NEWS = re.compile(r"(交汇点讯|记者|新华社|本报讯|据悉|近日(?:公布|发布))")
_CITED = re.compile(r"[《〈<][^《》〈〉<>]{0,80}[》〉>]")
_NOTICE_TITLE = re.compile(r"关于印发.{0,40}格式.{0,4}的?通知")
_ADDRESSEE = squash("各省、自治区、直辖市人民政府办公厅")
_FORMAT_ATTACHED = (squash("年度报告内容，要严格按照"), squash("政府信息公开工作年度报告格式"))
_LETTER = re.compile(r"(特此函告|此函|关于.{2,40}的函)")


def _own_lines(full_text: str, n: int = 12) -> list[str]:
    """The first lines with every 《…》 citation cut out: what the document says of itself."""
    lines = [squash(x) for x in full_text.splitlines() if x.strip()][:n]
    return [_CITED.sub("", x) for x in lines]


def is_notice(full_text: str) -> str | None:
    """Why this is the format notice itself (国办公开办函〔2021〕30号 and the like), or None."""
    own = _own_lines(full_text)
    if any(_own_notice_title(squash(x)) for x in full_text.splitlines()[:12]):
        return "标题为“关于印发……年度报告格式的通知”"
    if any(x.startswith(_ADDRESSEE) for x in own):
        return "主送“各省、自治区、直辖市人民政府办公厅”"
    if any(x == _FORMAT_ATTACHED[1] or x.endswith("中华人民共和国" + _FORMAT_ATTACHED[1]) for x in own) \
            or _FORMAT_ATTACHED[0] in squash(full_text[:6000]):
        return "附有年度报告格式本身"
    return None


def _own_notice_title(line: str) -> bool:
    """关于印发《…格式》的通知 as the line's own title, not inside a 《…》 the line cites."""
    for m in _NOTICE_TITLE.finditer(line):
        before = line[:m.start()]
        if before.count("《") + before.count("〈") <= before.count("》") + before.count("〉"):
            return True
    return False


def plainly_not_a_report(model) -> bool:
    """Nothing recognised (not even a news article or a letter about a report), no report title,
    no template heading, no table 3 and nothing unreadable: a README or a note beside the reports, which a pre-commit hook skips instead of failing (S109 still fails
    a document that tries to be a report and is out of scope)."""
    return (model.kind == "unknown" and not model.problems and not has_report_title(model)
            and not model.sections and not model.tables.get("t3"))


def has_report_title(model) -> bool:
    return bool(model.title) and model.report_year is not None and not _NEWS.search(model.title) \
        and not re.search(r"(发布|公布|印发)(了)?\s*(?:19|20)\d{2}", model.title)


def classify(model, full_text: str, has_values: bool) -> tuple[str, str]:
    """(kind, reason). Uses only what the model already holds and the full text; the order is
    the S109 docs' rule."""
    t = squash(full_text)
    head = t[:600]
    found = {s.number for s in model.sections}
    if _NEWS.search(head) and len(found) < 4:
        return "news", "文中有新闻报道用语（记者/讯/近日公布），且缺少报告的章节结构"
    if "文字描述" in t and not has_values:
        return "blank_template", "空白模板：正文为（文字描述）占位，表格没有填写数值"
    if re.search(r"(高等学校|高校|大学|学院).{0,30}(学年|年度报告)", head) and "学年" in head:
        return "university", "高等学校按学年编制的信息公开报告，不适用政府信息公开工作年度报告格式"
    if re.search(r"(公共企事业单位|企事业单位)信息公开", head):
        return "enterprise", "公共企事业单位信息公开报告，不适用政府信息公开工作年度报告格式"
    if model.report_year is not None and model.report_year < 2019:
        return "legacy", f"报告年度 {model.report_year} 早于 2019 年统一格式"
    titled = has_report_title(model)
    if titled and found:
        return "report", ""  # however short: S101 names what is missing
    if (why := is_notice(full_text)) is not None:
        return "letter", f"这是印发年度报告格式的通知（{why}），不是年度报告本身"
    if _LETTER.search("".join(_own_lines(full_text, 6))) and len(found) < 4:
        return "letter", "文档是一封函件，不是年度报告"
    if not titled and not found and not has_values and model.period is None:
        return "unknown", "未识别出年度报告的标题、章节、表格或统计期限"
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
