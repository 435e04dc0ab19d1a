"""Facts stated in the report's prose: statistics period, contact block, where to download the
electronic version, report year, issuing body and title.

Patterns follow the variants seen in real reports (template.md §2): 统计期限自…起至…止, 统计时限为…,
从…到…, 2022.1.1-2022.12.31, end date without year, 截至… / 数据核定时间点 (end point only), 联系地址
followed by a comma, 邮编 with no colon, contact split over several sentences.
"""
from __future__ import annotations

import re

from .report import Contact, Period
from ..normalize import fold
from .agency import valid_agency

_Y = r"(?:(?P<{p}y>(?:19|20)\d{{2}})\s*[年.\-/])?\s*(?P<{p}m>1[0-2]|0?[1-9])\s*[月.\-/]\s*(?P<{p}d>3[01]|[12]\d|0?[1-9])\s*日?"
_RANGE = re.compile(
    "(?:自|从|为|是|:|：)?\\s*" + _Y.format(p="a") + r"\s*(?:起)?\s*(?:至|到|—|–|-|~|～|－)+\s*"
    + _Y.format(p="b") + r"\s*(?:止)?"
)
_END_ONLY = re.compile(r"(?:截至|截止|截止到|数据核定时间点[为是:：]?)\s*" + _Y.format(p="b"))
_PERIOD_WORDS = ("统计期限", "统计时限", "统计周期", "统计时间", "统计区间", "统计范围", "数据统计", "统计期")


def _iso(y, m, d) -> str | None:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}" if y else None


def find_period(paragraphs) -> Period | None:
    """The statistics period. ``paragraphs`` is a list of (text, line, page). Text extracted
    from PDFs breaks sentences at line ends, so the lines are tried joined as well."""
    found = _find_period(paragraphs)
    if found is None and len(paragraphs) > 1:
        text, line, page = "".join(t.strip() for t, _l, _p in paragraphs), paragraphs[0][1], paragraphs[0][2]
        found = _find_period([(text, line, page)])
    return found


def _find_period(paragraphs) -> Period | None:
    fallback = None
    for text, line, page in paragraphs:
        t = fold(text)
        about = any(w in t for w in _PERIOD_WORDS)
        for sentence in re.split(r"[。；;]", t):
            if not any(w in sentence for w in _PERIOD_WORDS) and not (about and "1月1日" in sentence):
                continue
            m = _RANGE.search(sentence)
            if m and int(m.group("am")) == 1:
                ya, yb = m.group("ay"), m.group("by") or m.group("ay")
                kind = "range" if ya else "no_year"
                return Period(_iso(ya, m["am"], m["ad"]), _iso(yb, m["bm"], m["bd"]),
                              sentence.strip(), kind, line, page)
            e = _END_ONLY.search(sentence)
            if e and fallback is None:
                fallback = Period(None, _iso(e["by"], e["bm"], e["bd"]), sentence.strip(),
                                  "end_only", line, page)
    return fallback


_SEP = r"\s*(?:[:：,，]\s*|\s)?"
_ADDRESS = re.compile(r"(?:通讯|联系|办公)?地址" + _SEP + r"(?P<v>[^,，;；。()（）\s][^,，;；。()（）]{3,60})")
_POSTCODE = re.compile(r"邮(?:政)?编(?:码)?" + _SEP + r"(?P<v>\d[\d\s]{3,8}\d)")
_PHONE_NUM = r"(?:\(?0\d{2,3}\)?\s*[-—–－]?\s*)?\d{7,8}(?:\s*[-—–－]\s*\d{1,5})?|1[3-9]\d{9}|\d{5}"
_PHONE = re.compile(r"(?:联系|咨询|办公|服务)?电话(?:号码)?(?:[/、]传真|\(传真\))?" + _SEP
                    + r"(?P<v>(?:" + _PHONE_NUM + r")(?:\s*[、/,，或及和]\s*(?:" + _PHONE_NUM + r"))*)")
_FAX = re.compile(r"传真(?:号码)?\)?" + _SEP + r"(?P<v>(?:" + _PHONE_NUM + r")(?:\s*[、/,，]\s*(?:" + _PHONE_NUM + r"))*)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~/?#=&%:]+|[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:com|net|org|cn)(?![A-Za-z])|[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.gov\.cn[A-Za-z0-9\-._~/?#=&%]*")
_CONTACT_WORDS = ("地址", "邮编", "邮政编码", "电话", "传真", "邮箱", "电子信箱", "联系方式", "联系")


_PLACE = re.compile(r"省|市|区|县|州|旗|镇|乡|街道|村|路|街|巷|弄|大道|广场|大厦|大楼|园区")
_NUMBER_OR_ROAD = re.compile(r"\d|[一二三四五六七八九十]+[号楼层]|路|街|巷|弄|大道|广场|大厦|大楼|院")


def _address(text: str) -> str | None:
    """The first 地址 whose value is shaped like an address (a place name and a number or
    road), so "办公地址、联系方式等信息" in a sentence about what was published is none."""
    for m in _ADDRESS.finditer(text):
        v = m["v"].strip()
        if v[:1] not in "、等及和与" and _PLACE.search(v) and _NUMBER_OR_ROAD.search(v):
            return v
    return None


def _numbers(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"[、/,，或及和]", value) if p.strip()]


def find_contact(paragraphs) -> Contact | None:
    """Contact details from the sentences that give them; None when there are none."""
    c = Contact()
    texts = []
    for text, line, page in paragraphs:
        t = fold(text)
        if not any(w in t for w in _CONTACT_WORDS[:-1]):
            continue
        found = False
        if c.address is None and (address := _address(t)):
            c.address, found = address, True
        if c.postcode is None and (m := _POSTCODE.search(t)):
            c.postcode, found = re.sub(r"\s", "", m["v"]), True
        for rx, target in ((_PHONE, c.phone), (_FAX, c.fax)):
            for m in rx.finditer(t):
                for num in _numbers(m["v"]):
                    if num not in target:
                        target.append(num)
                        found = True
        for m in _EMAIL.finditer(t):
            if m.group(0) not in c.email:
                c.email.append(m.group(0).rstrip("."))
                found = True
        if found:
            texts.extend(x for x in re.split(r"(?<=[。；;])", t) if any(w in x for w in _CONTACT_WORDS[:-1]))
            if c.line is None and c.page is None:
                c.line, c.page = line, page
    if not texts:
        return None
    c.text = " ".join(texts)[:500]
    return c


def find_download(paragraphs):
    """(sentence, [urls]) saying where the electronic version can be had, or (None, [])."""
    for text, _line, _page in paragraphs:
        t = fold(text)
        for sentence in re.split(r"[。；;]", t):
            urls = _URL.findall(sentence)
            if ("电子版" in sentence
                    or (any(w in sentence for w in ("下载", "查阅")) and (urls or "网站" in sentence))
                    or (any(w in sentence for w in ("全文", "公布")) and "报告" in sentence
                        and (urls or "网站" in sentence))):
                return sentence.strip(), [u.rstrip(").,") for u in urls]
    return None, []


_TITLE = re.compile(r"(?P<agency>[^\s,，。、;；:：《》()（）]{0,40}?)\s*(?P<year>(?:19|20)\d{2})\s*年(?:度)?\s*(?P<rest>[^,，。;；]{0,30}?(?:年度报告|年报|工作报告|公开报告))")
_TITLE_YEAR_AFTER = re.compile(r"(?:年度报告|年报)\s*[(（]\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*[)）]")
_AGENCY_AFTER = re.compile(r"\s*([^\s,，。;；]{2,30}(?:政府|办公室|办公厅|局|委员会|办事处|管委会))")

_AGENCY_LINE = re.compile(r"[^\s,，。;；]{2,30}(?:政府|办公室|办公厅|局|委员会|办事处|管委会)")


def find_title(paragraphs, meta_title: str = ""):
    """(title, report year, agency) from the first lines that begin with a report title (a
    bracket or 正文 before it aside). A line that runs on into the report keeps only its title;
    the agency is the title's own (``agency.valid_agency``), None when the title names none."""
    candidates = [re.sub(r"^正文\s*", "", fold(t)) for t, _l, _p in paragraphs[:8]]
    candidates += [re.sub(r"^正文\s*", "", fold("".join(t.strip() for t, _l, _p in paragraphs[i:i + 3]))) for i in range(4)]
    if meta_title:
        candidates.append(fold(meta_title))
    before = [""] + [fold(t).strip() for t, _l, _p in paragraphs[:7]]
    for i, t in enumerate(candidates):
        for part in re.split(r"[_|]| - ", t):
            part = part.strip()
            m = _TITLE.search(part)
            if m and re.fullmatch(r"[《【\[“\"]?", part[:m.start()]):
                title, agency = part[m.start():m.end()], m["agency"].strip() or None
                if agency is None:  # 2022年上海市政府信息公开…: the body follows the year
                    a = re.match(r"(.{2,20}?)(?:政府信息公开|信息公开)", m["rest"])
                    agency = a.group(1) if a and a.group(1) != "政府" else None
                if agency is None:  # 2024年政府信息公开工作年度报告 淮安市人民政府
                    a = _AGENCY_AFTER.match(part[m.end():])
                    if a:
                        agency, title = a.group(1), part[m.start():m.end() + a.end()]
                if agency is None and i < len(before) and _AGENCY_LINE.fullmatch(before[i]):
                    agency = before[i]  # 淮安市人民政府 / 2024年政府信息公开工作年度报告
                return title.strip(), int(m["year"]), valid_agency(agency)
            m = _TITLE_YEAR_AFTER.search(part)
            if m and len(part) <= 80:
                agency = re.match(r"(.{2,30}?)(?:政府信息公开|信息公开)", part)
                return part.strip(), int(m["year"]), valid_agency(agency.group(1)) if agency else None
    return "", None, None


_YEAR_IN_TEXT = re.compile(r"(?:本机关|本单位|本部门|现公布)?\s*((?:19|20)\d{2})\s*年(?:度)?\s*(?:政府)?信息公开工作年度报告")


def year_from_text(text: str) -> int | None:
    m = _YEAR_IN_TEXT.search(fold(text))
    return int(m.group(1)) if m else None
