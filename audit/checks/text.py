"""Text checks: period (P3xx), contact (C4xx), narrative (N5xx) and reading problems (E9xx)."""
from __future__ import annotations

import re

from .registry import check
from .cells import Text
from .findings import Finding, NotAssessable
from ..normalize import fold, squash


def _snip(text: str, n: int = 80) -> str | None:
    text = fold(text or "")
    return (text[:n] + "…" if len(text) > n else text) or None


# --- P: period -----------------------------------------------------------------------------
@check("period_statement")
def period_statement(model, params):
    """The report states its statistics period."""
    if model.period is None:
        yield Finding(section=1, snippet=_snip(model.intro), args={})


@check("period_full_year")
def period_full_year(model, params):
    """The period is 1 January – 31 December of the report year, with the year stated."""
    p = model.period
    if p is None:
        raise NotAssessable("没有统计期限的表述（见 P301）")
    if model.report_year is None:
        raise NotAssessable("报告年度未知")
    y = model.report_year
    want = (f"{y}-01-01", f"{y}-12-31")
    if p.kind == "end_only":
        problem = Text("只给出截止时间点", "gives only an end point")
    elif p.kind == "no_year":
        problem = Text("没有写明年份", "states no year")
    elif (p.start, p.end) != want:
        problem = Text(f"为 {p.start or '?'} 至 {p.end or '?'}", f"is {p.start} to {p.end}")
    else:
        return
    yield Finding(section=1, page=p.page, line=p.line, snippet=_snip(p.text),
                  evidence={"start": p.start, "end": p.end, "kind": p.kind, "expected": list(want)},
                  args={"problem": problem, "year": y})


# The phrases that name the year a report covers; other years in the prose (plans for next
# year, dates of meetings) are not evidence.
_YEAR_PHRASES = [re.compile(r"本(?:机关|单位|部门|局|委|办|院|厅|署|中心|区|县|市|镇|乡|街道)?(20\d\d)年度"),
                 re.compile(r"(20\d\d)年度?政府信息公开(?:工作)?年度?报告"),
                 re.compile(r"(20\d\d)年度?信息公开(?:工作)?年度?报告")]


@check("year_agreement")
def year_agreement(model, params):
    """Title, period and phrases like 本机关2022年度 name the same year."""
    sources: list[tuple[str, int, str]] = []
    for where, text in (("title", model.title), ("intro", model.intro)):
        for rx in _YEAR_PHRASES:
            for m in rx.finditer(fold(text or "").replace(" ", "")):
                sources.append((where, int(m.group(1)), m.group(0)))
    p = model.period
    if p is not None:
        for d in (p.start, p.end):
            if d:
                sources.append(("period", int(d[:4]), p.text))
    if model.report_year is not None:
        sources.append(("report_year", model.report_year, str(model.report_year)))
    years = sorted({y for _, y, _ in sources})
    if len(sources) < 2:
        raise NotAssessable("可比较的年份不足两处")
    if len(years) > 1:
        yield Finding(section=1, snippet=_snip("；".join(sorted({s for _, _, s in sources}))),
                      evidence={"years": [{"where": w, "year": y, "text": s} for w, y, s in sources]},
                      args={"years": "、".join(map(str, years)),
                            "where": "；".join(f"{w}={y}" for w, y, _ in sources)})


# --- C: contact ------------------------------------------------------------------------------
def _has_contact(c) -> bool:
    return c is not None and bool(c.address or c.postcode or c.phone or c.email or c.fax)


@check("contact_present")
def contact_present(model, params):
    """Some contact details (address, 邮编, phone, fax or e-mail); a website alone is not."""
    if not _has_contact(model.contact):
        yield Finding(section=1, snippet=_snip(model.intro), args={})


_FIELDS = {"address": Text("地址", "address"), "postcode": Text("邮编", "postcode"),
           "phone": Text("电话", "phone"), "email": Text("电子邮箱", "e-mail")}


@check("contact_complete")
def contact_complete(model, params):
    """The contact block has every field in ``fields``."""
    c = model.contact
    if not _has_contact(c):
        raise NotAssessable("没有联系方式（见 C401）")
    missing = [f for f in params.get("fields", list(_FIELDS)) if not getattr(c, f)]
    if missing:
        yield Finding(section=1, page=c.page, line=c.line, snippet=_snip(c.text),
                      evidence={"missing": missing},
                      args={"missing": Text("、".join(_FIELDS[f].zh for f in missing),
                                            ", ".join(missing))})


_DASH = str.maketrans({d: "-" for d in "‐‑‒–—―−－"})
_PHONE = re.compile(r"^(\+?86-?)?(\(0\d{2,3}\)|0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$|^1[3-9]\d{9}$"
                    r"|^400-?\d{3}-?\d{4}$|^12345$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def phone_ok(phone: str) -> bool:
    p = re.sub(r"\s+", "", fold(phone).translate(_DASH))
    p = re.sub(r"(转|ext\.?|分机)", "-", p)
    return bool(_PHONE.match(p))


@check("contact_format")
def contact_format(model, params):
    """邮编 six digits; phone and fax numbers and e-mail addresses well formed."""
    c = model.contact
    if not _has_contact(c):
        raise NotAssessable("没有联系方式（见 C401）")
    bad = []
    if c.postcode and not re.fullmatch(r"\d{6}", squash(c.postcode)):
        bad.append(("postcode", c.postcode))
    bad += [("phone", p) for p in c.phone + c.fax if not phone_ok(p)]
    bad += [("email", e) for e in c.email if not _EMAIL.match(squash(e))]
    for field, v in bad:
        yield Finding(section=1, page=c.page, line=c.line, snippet=v,
                      evidence={"field": field, "reported": v},
                      args={"field": _FIELDS[field], "value": v})


@check("download_statement")
def download_statement(model, params):
    """The report says where its electronic version can be obtained."""
    if not model.download:
        yield Finding(section=1, snippet=_snip(model.intro), args={})


# --- N: narrative ----------------------------------------------------------------------------
_EMPTY = {"", "无", "暂无", "无。", "暂无。", "没有", "本年度无", "无其他需要报告的事项", "无需要报告的事项"}


@check("narrative_empty")
def narrative_empty(model, params):
    """Sections 5 and 6 say something more than 无 / 暂无."""
    present = [s for s in model.sections if s.number in params.get("sections", [5, 6])]
    if not present:
        raise NotAssessable("第五、六部分均未识别到")
    for s in present:
        words = re.sub(r"[。.,，;；:：!！\s]", "", fold(s.text))
        if words in _EMPTY or len(words) <= params.get("min_chars", 2):
            yield Finding(section=s.number, page=s.page, line=s.line,
                          snippet=_snip(s.text) or s.heading,
                          args={"section": Text(s.heading, f"section {s.number}"),
                                "text": _snip(s.text) or "（空）"})


@check("section_mentions")
def section_mentions(model, params):
    """A section mentions at least one of ``any`` (e.g. section 6 and 信息处理费). The first
    term names the subject in the message; the others are wordings that count as well."""
    s = model.section(params["section"])
    if s is None:
        raise NotAssessable(f"第{params['section']}部分未识别到")
    text = squash(s.text)
    if not any(squash(t) in text for t in params["any"]):
        yield Finding(section=s.number, page=s.page, line=s.line, snippet=_snip(s.text),
                      args={"section": Text(s.heading, f"section {s.number}"),
                            "terms": params["any"][0]})


# --- E: reading ------------------------------------------------------------------------------
@check("reading_problem")
def reading_problem(model, params):
    """The reader reported a problem with this code (unreadable, scanned, garbled)."""
    for code, message in (tuple(p) for p in model.problems):
        if code == params["code"]:
            yield Finding(evidence={"reason": message}, args={"reason": message})


@check("table_unmapped")
def table_unmapped(model, params):
    """A table was found but could not be mapped onto the template."""
    for p in model.table_problems:
        t = p.table if p.table in ("t2", "t3", "t4") else None
        yield Finding(table=t, page=p.page, line=p.line, evidence={"reason": p.reason},
                      section={"t2": 2, "t3": 3, "t4": 4}.get(t),
                      args={"table": Text({"t2": "表二", "t3": "表三", "t4": "表四"}.get(t, "表格"),
                                          t or "a table"), "reason": p.reason})
