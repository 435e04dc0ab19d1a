"""The issuing body (发布机构) of a report. Batch outputs, the HTML report and year-to-year
pairing key on it, so a wrong name is worse than none.

Sources in order of trust: the report title (``facts.find_title``), the page's 发布机构 box,
the sentence that publishes the report ("现将/现公布 X 2024年度…报告"), and the signature above
the date at the end. Every candidate must read like a name: never a pronoun (我局, 本机关) and
never a clause (punctuation, a verb such as 根据/担任, a person's post); None when no source
names the body.
"""
from __future__ import annotations

import re

from ..normalize import fold

_PRONOUN = re.compile(r"^(?:我|本)(?:局|委|办|厅|院|会|区|县|市|镇|乡|街道|单位|机关|部门|中心|府|级|处|所|站|室)")
_CLAUSE = re.compile(r"[，。；：、,;:!?！？\s《》“”\"()（）]|\d|根据|按照|依据|要求|公布|发布|编制|现将|"
                     r"担任|书记|组长|同志|领导|负责|年度|报告|加强|推进|开展|以下简称")
_BODY_END = re.compile(r"(?:政府|办公室|办公厅|局|委员会|委|办事处|管委会|中心|厅|院|署|办|街道|镇|乡|"
                       r"区|县|市|省|实验区|新区|党工委|公司|所|站|队|会)$")


def valid_agency(name: str | None) -> str | None:
    """``name`` tidied when it reads like a body's name, else None."""
    if not name:
        return None
    name = name.strip(" \u3000：:，,")
    if name.endswith("人民"):  # 洪山区人民 + 政府信息公开…: the split fell inside 人民政府
        name += "政府"
    if not 2 <= len(name) <= 30 or _PRONOUN.match(name) or _CLAUSE.search(name):
        return None
    return name


_YEAR = r"(?:(?:19|20)\d{2}\s*年度?\s*(?:的)?)"
_PUBLISHES = re.compile(
    r"(?:现将|现予?公布|现予?公开|现发布|特发布|编制发布|编制并公布|编制并发布|发布|公布|编制)了?\s*"
    r"(?:向社会)?(?:公布|发布)?\s*" + _YEAR + r"?\s*(?P<a>[^\s,，。；;：:《》()（）\d]{2,30}?)\s*" + _YEAR
    + r"?\s*(?:政府)?信息(?:公开)?(?:工作)?(?:年度)?(?:报告|年报)")
_MADE_BY = re.compile(r"由(?P<a>[^\s,，。；;：:《》()（）]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|"
                      r"办公厅|局|委员会|办事处|管委会|中心))(?:根据|按照|依据|综合|负责|编制|牵头|汇总|组织)")


def agency_from_sentence(text: str) -> str | None:
    """The body named in the sentence that publishes the report: 现将莲湖区西关街道办事处2024年度
    政府信息工作年度报告予以公开; 现公布朝阳市自然资源局2025年度政府信息公开工作报告."""
    text = fold(text)
    for m in [*_PUBLISHES.finditer(text), *_MADE_BY.finditer(text)]:
        if (name := valid_agency(m["a"])) is not None:
            return name
    return None


_DATE_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*$")


def agency_from_signature(paragraphs) -> str | None:
    """The body signed above the date at the end ("清水县人民政府办公室" / "2024年1月20日"), or on
    the same line as the date."""
    tail = [fold(t).strip() for t, _l, _p in paragraphs[-8:]]
    for i, line in enumerate(tail):
        date_next = i + 1 < len(tail) and _DATE_LINE.match(tail[i + 1])
        m = re.match(r"^(?P<a>\S{2,30})\s+(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月", line)
        name = line if date_next else (m["a"] if m else None)
        if name and _BODY_END.search(name) and (name := valid_agency(name)):
            return name
    return None


def find_agency(title_agency: str | None, publisher: str | None, paragraphs) -> str | None:
    """The first source, in order of trust, that names the body."""
    for candidate in (title_agency, publisher):
        if (name := valid_agency(candidate)) is not None:
            return name
    head = "\n".join(t for t, _l, _p in paragraphs[:12])
    return agency_from_sentence(head[:3000]) or agency_from_signature(paragraphs)
