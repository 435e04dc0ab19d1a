"""P304: was the report published by its deadline (条例 第四十九条)?

31 January of the following year for every body's own report; 31 March for the 本级政府 report
that a county-level-or-higher people's government publishes for its whole level. Which of the
two applies is read from who issues the report; when that cannot be told, the later deadline is
used, so that the rule fails only when the report is late under either.
"""
from __future__ import annotations

import datetime
import re

from .registry import check
from .cells import Text
from .findings import Finding, NotAssessable
from ..normalize import squash

SOURCE = {  # model/dates.SOURCES, as findings name them
    "option": Text("命令行 --published", "--published on the command line"),
    "manifest": Text("清单的 published 列", "the manifest's published column"),
    "page": Text("网页或文中的发布日期", "the publication date on the page"),
    "pdf_created": Text("PDF 文件的创建日期（文件日期，证据较弱）",
                        "the PDF file's creation date (the file's date: weaker evidence)"),
    "pdf_modified": Text("PDF 文件的修改日期（文件日期，证据较弱）",
                         "the PDF file's modification date (the file's date: weaker evidence)"),
    "signature": Text("文末落款日期", "the signature date at the end"),
}
_REGION = r"(?:省|市|区|县|自治州|州|盟|旗|自治区|实验区|新区)"
# A people's government as the issuing body: 淮安市人民政府, 洪山区人民政府, 上海市 (a region
# named alone), 平潭综合实验区管委会. A township (乡/镇) government is not 县级以上.
_GOVERNMENT = re.compile(rf"^.{{1,20}}{_REGION}(?:人民政府|管理委员会|管委会)?$")
_TOWNSHIP = re.compile(r"(?:乡|镇|街道|苏木)(?:人民政府|办事处)?$")


def level(model) -> str:
    """"government" (本级政府 report), "department", or "unknown"."""
    names = [model.agency or ""]
    names += [line for line in (model.intro or "").split("\n")[:3] if len(squash(line)) <= 24]
    names.append(re.split(r"\d{4}|[（(]", model.title or "")[0])
    seen_any = False
    for name in (squash(n) for n in names):
        if not name:
            continue
        seen_any = True
        if "本级政府" in name or (_GOVERNMENT.match(name) and not _TOWNSHIP.search(name)):
            return "government"
    return "department" if seen_any and model.agency else "unknown"


def deadline(year: int, lvl: str) -> datetime.date:
    # Before the 2019 revision (in force 15 May 2019, first applied to the 2019 reports) the
    # 条例 (2008, art. 31) gave every body until 31 March.
    if lvl == "department" and year >= 2019:
        return datetime.date(year + 1, 1, 31)
    return datetime.date(year + 1, 3, 31)


@check("published_deadline")
def published_deadline(model, params):
    """The publication date (from the strongest source known) is not after the deadline."""
    if not model.published:
        raise NotAssessable("发布日期未知（可用 --published 或清单的 published 列给出）")
    if model.report_year is None:
        raise NotAssessable("报告年度未知")
    try:
        published = datetime.date.fromisoformat(model.published)
    except ValueError:
        raise NotAssessable(f"发布日期 {model.published!r} 不是日期") from None
    lvl = level(model)
    due = deadline(model.report_year, lvl)
    if published > due:
        source = SOURCE.get(model.published_source or "", Text("未注明来源", "source not stated"))
        yield Finding(evidence={"published": model.published, "deadline": due.isoformat(),
                                "source": model.published_source, "level": lvl,
                                "days_late": (published - due).days},
                      args={"published": model.published, "deadline": due.isoformat(),
                            "source": source})
