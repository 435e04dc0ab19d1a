"""N503: counts the narrative states (共收到申请34件, 上年结转2件, 行政复议1起, 未发生行政复议和行政诉讼)
against the table cells they mean.

A statement is a keyword, a short gap without punctuation or digits, and a count with its unit
(件/起/宗); Chinese numerals count (十二件). Each kind of statement lists every reading it could
have (``Reading``: a name and the cells whose sum it means): 受理…申请N件 may be the new requests
or the new plus the carried-over ones. A statement *agrees* when one reading gives its number,
is *not compared* when some reading's cells are absent or hold text, and *contradicts* the
tables only when every reading was read and none gives the number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .registry import check
from .cells import Text, fmt_num, number
from .findings import Finding, NotAssessable
from ..model.template import APPLICANT_COLUMNS, T3_ROW_KEYS
from ..normalize import cn_number, fold

_NUM = r"(?P<n>\d+|[零〇一二两三四五六七八九十百千]+)\s*(?P<u>件|起|宗)"
_GAP = r"(?P<gap>[^。；;，,、：:！!？?\d件起宗]{0,24}?)"
_CHANGE = re.compile(r"同比|增加|减少|增长|下降|上升|较上年|比上年|较去年|比去年|占比|平均")
_ORGS = [c for c in APPLICANT_COLUMNS if c != "natural"]
_DENIED = [k for k in T3_ROW_KEYS if k.startswith("denied.")]
_SUITS = ["t4/counts/suit_direct.total", "t4/counts/suit_after_review.total"]
_REVIEW = ["t4/counts/review.total"]


@dataclass
class Reading:
    name: Text
    cells: list


def _t3(*rows, col="total"):
    return [f"t3/{r}/{col}" for r in rows]


R = {  # the readings, by name
    "received": Reading(Text("本年新收", "new requests"), _t3("received")),
    "received+over": Reading(Text("本年新收 + 上年结转", "new + carried over"), _t3("received", "carried_over")),
    "results": Reading(Text("办理结果总计", "results total"), _t3("results_total")),
    "over": Reading(Text("上年结转", "carried over"), _t3("carried_over")),
    "forward": Reading(Text("结转下年度继续办理", "carried forward"), _t3("carried_forward")),
    "granted": Reading(Text("予以公开", "granted"), _t3("granted")),
    "partial": Reading(Text("部分公开", "partly granted"), _t3("partial")),
    "denied": Reading(Text("不予公开", "denied"), _t3(*_DENIED)),
    "natural": Reading(Text("本年新收 自然人", "new requests, natural persons"), _t3("received", col="natural")),
    "natural+over": Reading(Text("新收 + 上年结转 自然人", "new + carried over, natural persons"),
                            _t3("received", "carried_over", col="natural")),
    "orgs": Reading(Text("本年新收 法人或其他组织", "new requests, organisations"),
                    [f"t3/received/{c}" for c in _ORGS]),
    "orgs+over": Reading(Text("新收 + 上年结转 法人或其他组织", "new + carried over, organisations"),
                         [f"t3/{r}/{c}" for r in ("received", "carried_over") for c in _ORGS]),
    "review": Reading(Text("行政复议总计", "administrative review total"), _REVIEW),
    "suits": Reading(Text("行政诉讼总计", "litigation total"), _SUITS),
    "suit_direct": Reading(Text("未经复议直接起诉总计", "direct suits total"), _SUITS[:1]),
    "suit_after": Reading(Text("复议后起诉总计", "suits after review total"), _SUITS[1:]),
    "review+suits": Reading(Text("行政复议 + 行政诉讼", "review + litigation"), _REVIEW + _SUITS),
}
# (keyword pattern, the gap must contain, the gap must not contain, readings)
_KINDS = [
    (r"新收", "申请", "", ["received"]),
    (r"(?:收到|受理|接收|收悉)", "申请", "", ["received", "received+over"]),
    (r"(?:办理|处理)", "申请", "", ["results", "received", "received+over"]),
    (r"办结", "", "", ["results", "received+over"]),
    (r"上一?年度?结转", "", "", ["over"]),
    (r"结转(?:至|到)?下一?年度?", "", "", ["forward"]),
    (r"予以公开", "", "", ["granted"]),
    (r"部分公开", "", "", ["partial"]),
    (r"不予公开", "", "", ["denied"]),
    (r"自然人", "", "", ["natural", "natural+over"]),
    (r"法人(?:或|和|及)其他组织", "", "", ["orgs", "orgs+over"]),
    (r"行政复议", "", "诉讼", ["review"]),
    (r"行政复议", "诉讼", "", ["review+suits"]),
    (r"行政诉讼", "", "", ["suits", "suit_direct", "suit_after"]),
]
# The keywords are matched alone and the shared gap-and-count tail once after each: fourteen
# patterns that each carried the two Chinese character classes cost ~7 ms to compile at every
# start. The same matches: no keyword can end in two places where the tail would then differ
# (结转下年度's optional 度 is a gap character), and the scan resumes where finditer would.
_TAIL = re.compile(_GAP + _NUM)
_STATED = [(re.compile(kw), need, avoid, names) for kw, need, avoid, names in _KINDS]
_NONE = re.compile(r"(?:未|没有|无)(?:发生|产生|出现|收到|受理|接到)(?P<what>[^。；;，,]{0,24})")
_OUTCOME = re.compile(r"纠错|纠正|败诉|撤销|确认违法|被诉|被申请.{0,4}(?:纠错|撤销)")


@dataclass
class Statement:
    section: int | None
    sentence: str
    phrase: str
    stated: int
    readings: list
    verdict: str = ""  # "agrees" | "not_compared" | "contradicts"
    values: list = field(default_factory=list)  # the value of each reading (None: not read)


def _sentences(model):
    for s in model.sections:
        for sent in re.split(r"(?<=[。；;！!？?])|\n", s.text or ""):
            if sent.strip():
                yield s.number, fold(sent)


def statements(model) -> list[Statement]:
    """Every count the narrative states, with its verdict against the tables."""
    out = []
    for section, sent in _sentences(model):
        for rx, need, avoid, names in _STATED:
            for start, m in _stated(rx, sent):
                gap = m.group("gap")
                if (need and need not in gap) or (avoid and avoid in gap) or _CHANGE.search(gap):
                    continue
                n = cn_number(m.group("n"))
                if n is not None:
                    out.append(Statement(section, sent, sent[start:m.end()], n, names))
        out += [Statement(section, sent, phrase, 0, [name]) for name, phrase in _nothing(sent)]
    for st in out:
        _judge(st, model)
    return out


def _stated(keyword, sent: str):
    """(start, tail match) of each keyword + tail, as ``finditer`` of the two joined would give."""
    pos = 0
    while (k := keyword.search(sent, pos)) is not None:
        tail = _TAIL.match(sent, k.end())
        if tail is None:
            pos = k.start() + 1
            continue
        yield k.start(), tail
        pos = tail.end()


def _value(model, key: str):
    table, rest = key.split("/", 1)
    cells = model.tables.get(table, {})
    if rest not in cells:
        return None
    v = cells[rest]
    if number(v):
        return v
    return 0 if v is None else None  # a blank is 0; text cannot be compared


def _nothing(sent: str):
    """(reading, phrase) of each "none happened" statement: 未发生行政复议和行政诉讼 → review 0 and
    suits 0; 未收到政府信息公开申请 → no new request. 未发生…被行政复议纠错 says nothing about the
    number of reviews, and 未收到因…申请引起的行政诉讼 is about suits, not requests."""
    for m in _NONE.finditer(sent):
        what = m.group("what")
        if _OUTCOME.search(what):
            continue
        if "复议" in what:
            yield "review", m.group(0)
        if "诉讼" in what:
            yield "suits", m.group(0)
        if re.search(r"(?:公开|依)申请$|公开申请(?:事项)?$", what.split("的")[0] if "引起" not in what else "") \
                and "复议" not in what and "诉讼" not in what:
            yield "received", m.group(0)


def _judge(st: Statement, model) -> None:
    for name in st.readings:
        vals = [_value(model, k) for k in R[name].cells]
        st.values.append(None if any(v is None for v in vals) else sum(vals))
    if any(v is not None and abs(v - st.stated) < 1e-9 for v in st.values):
        st.verdict = "agrees"
    elif any(v is None for v in st.values):
        st.verdict = "not_compared"
    else:
        st.verdict = "contradicts"


@check("narrative_counts")
def narrative_counts(model, params):
    """A count stated in the text matches none of the cells it could mean."""
    found = statements(model)
    if not any(st.verdict != "not_compared" for st in found):
        raise NotAssessable("正文中没有可与表格比对的件数" if not found else "正文所说的件数对应的单元格未读到")
    seen = set()
    for st in found:
        if st.verdict != "contradicts" or (st.phrase, st.section) in seen:
            continue
        seen.add((st.phrase, st.section))
        shown = [(R[n], v) for n, v in zip(st.readings, st.values)]
        computed = Text("，或 ".join(f"{r.name.zh} {fmt_num(v)}" for r, v in shown),
                        ", or ".join(f"{r.name.en} {fmt_num(v)}" for r, v in shown))
        yield Finding(section=st.section, snippet=st.sentence[:120],
                      evidence={"stated": st.stated, "phrase": st.phrase, "sentence": st.sentence,
                                "readings": [{"reading": n, "cells": R[n].cells, "value": v}
                                             for n, v in zip(st.readings, st.values)]},
                      args={"phrase": f"“{st.phrase}”", "computed": computed})
