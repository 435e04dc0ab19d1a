"""Render reports the team writes itself, from canonical values, as portal HTML or as text.

Used by the hypothesis round trips (random consistent values + random real-world noise must
extract back to the same cells) and by ``examples/make_examples.py``. The markup imitates what
portals publish: Word-pasted MsoNormal paragraphs, rowspan/colspan grids, blank zeros, digits
split into spans, spaced labels, GBK-encoded pages.
"""
from __future__ import annotations

import html
import random
from dataclasses import dataclass, field

from audit.model import template as T


@dataclass
class Noise:
    blank_zeros: bool = False  # 0 written as an empty cell (the model then reads None)
    nbsp_zeros: bool = False  # 0 written as &nbsp; (also None)
    spaced_labels: bool = False  # 不予　公开
    word_markup: bool = False  # <p class=MsoNormal><span …>
    split_digits: bool = False  # 2 and 0 in two spans
    br_in_labels: bool = False  # 本年新收政府信息<br>公开申请数量
    encoding: str = "utf-8"  # or "gbk"


@dataclass
class Report:
    year: int = 2021
    agency: str = "示例县人民政府"
    template: str = "2021"
    t2: dict = field(default_factory=dict)
    t3: dict = field(default_factory=dict)
    t4: dict = field(default_factory=dict)


def consistent_values(rng: random.Random, template: str = "2021", scale: int = 30) -> Report:
    """A report whose tables satisfy every identity of template.md §4."""
    rows = T.T3_RESULT_ROWS_2019 if template == "2019" else T.T3_RESULT_ROWS_2021
    t3 = {}
    for r in rows:
        for c in T.APPLICANT_COLUMNS:
            t3[f"{r}/{c}"] = rng.randint(0, scale) if rng.random() < 0.4 else 0
    for c in T.APPLICANT_COLUMNS:
        done = sum(t3[f"{r}/{c}"] for r in rows)
        t3[f"results_total/{c}"] = done
        forward = rng.randint(0, scale // 3)
        over = rng.randint(0, done + forward)
        t3[f"carried_forward/{c}"] = forward
        t3[f"carried_over/{c}"] = over
        t3[f"received/{c}"] = done + forward - over
    for r in ["received", "carried_over", *rows, "results_total", "carried_forward"]:
        t3[f"{r}/total"] = sum(t3[f"{r}/{c}"] for c in T.APPLICANT_COLUMNS)
    t4 = {}
    for g in T.T4_GROUPS:
        parts = [rng.randint(0, scale // 3) for _ in range(4)]
        for f, v in zip(T.T4_FIELDS, [*parts, sum(parts)]):
            t4[f"counts/{g}.{f}"] = v
    t2 = {}
    for row, (_label, cols) in T.t2_rows(template).items():
        for col, _h in cols:
            if col == "amount":
                t2[f"{row}/{col}"] = round(rng.uniform(0, 500), 2)
            elif col == "change":
                t2[f"{row}/{col}"] = rng.randint(-20, 20)
            else:
                t2[f"{row}/{col}"] = rng.randint(0, 900)
    return Report(template=template, t2=t2, t3=t3, t4=t4)


# --- cells -----------------------------------------------------------------------------------
def _label(text: str, noise: Noise) -> str:
    out = html.escape(text)
    if noise.spaced_labels and len(text) > 3:
        out = out[:2] + "\u3000" + out[2:]
    if noise.br_in_labels and len(text) > 8:
        out = out[:6] + "<br>" + out[6:]
    return out


def _value(v, noise: Noise) -> str:
    if v == 0 and noise.blank_zeros:
        return ""
    if v == 0 and noise.nbsp_zeros:
        return "&nbsp;"
    text = html.escape(str(v))
    if noise.split_digits and len(text) > 1:
        return "".join(f"<span lang=EN-US>{ch}</span>" for ch in text)
    return text


def expected_value(v, noise: Noise):
    """What the extractor must give back for value ``v`` under ``noise``."""
    return None if v == 0 and (noise.blank_zeros or noise.nbsp_zeros) else v


def _td(content: str, noise: Noise, rs: int = 1, cs: int = 1) -> str:
    attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
    if noise.word_markup:
        content = (f'<p class="MsoNormal" align="center" style="text-align:center">'
                   f'<span style="font-size:10.5pt;font-family:宋体">{content}</span>'
                   f'<span lang="EN-US"><o:p></o:p></span></p>')
    return f"<td{attrs}>{content}</td>"


def t3_rows(report: Report, noise: Noise) -> list[str]:
    nrow = T.T3_RESULT_ROWS_2019 if report.template == "2019" else T.T3_RESULT_ROWS_2021
    vals = lambda key: "".join(_td(_value(report.t3[f"{key}/{c}"], noise), noise) for c in T.T3_COLUMNS)
    out = [
        "<tr>" + _td(_label("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", noise), noise, 3, 3)
        + _td("申请人情况", noise, 1, 7) + "</tr>",
        "<tr>" + _td("自然人", noise, 2) + _td("法人或其他组织", noise, 1, 5) + _td("总计", noise, 2) + "</tr>",
        "<tr>" + "".join(_td(_label(T.T3_COLUMN_LABELS[c], noise), noise) for c in T.T3_COLUMNS[1:6]) + "</tr>",
    ]
    for key in ("received", "carried_over"):
        out.append("<tr>" + _td(_label(T.T3_ROW_LABELS[key], noise), noise, 1, 3) + vals(key) + "</tr>")
    first = True
    groups_done = set()
    for key in [*nrow, "results_total"]:
        cells = ""
        if first:
            cells += _td(_label("三、本年度办理结果", noise), noise, len(nrow) + 1)
            first = False
        group = next((g for k, g, _l in T.T3_ROWS if k == key), None)
        if "." in key:
            if group not in groups_done:
                n = sum(1 for k in nrow if k.startswith(key.split(".")[0] + "."))
                cells += _td(_label(group, noise), noise, n)
                groups_done.add(group)
            cells += _td(_label(T.T3_ROW_LABELS[key], noise), noise)
        else:
            cells += _td(_label(T.T3_ROW_LABELS[key], noise), noise, 1, 2)
        out.append("<tr>" + cells + vals(key) + "</tr>")
    out.append("<tr>" + _td(_label(T.T3_ROW_LABELS["carried_forward"], noise), noise, 1, 3)
               + vals("carried_forward") + "</tr>")
    return out


def t4_rows(report: Report, noise: Noise) -> list[str]:
    leaves = lambda: "".join(_td(_label(T.T4_FIELD_LABELS[f], noise), noise) for f in T.T4_FIELDS)
    return [
        "<tr>" + _td("行政复议", noise, 1, 5) + _td("行政诉讼", noise, 1, 10) + "</tr>",
        "<tr>" + "".join(_td(_label(T.T4_FIELD_LABELS[f], noise), noise, 2) for f in T.T4_FIELDS)
        + _td("未经复议直接起诉", noise, 1, 5) + _td("复议后起诉", noise, 1, 5) + "</tr>",
        "<tr>" + leaves() + leaves() + "</tr>",
        "<tr>" + "".join(_td(_value(report.t4[k], noise), noise) for k in T.T4_KEYS) + "</tr>",
    ]


_T2_BLOCKS = {
    "2021": [("（一）", ["regulations", "normative"]), ("（五）", ["licensing"]),
             ("（六）", ["penalty", "coercion"]), ("（八）", ["fees"])],
    "2019": [("（一）", ["regulations", "normative"]), ("（五）", ["licensing", "other_services"]),
             ("（六）", ["penalty", "coercion"]), ("（八）", ["fees"]), ("（九）", ["procurement"])],
}


def t2_rows(report: Report, noise: Noise) -> list[str]:
    spec = T.t2_rows(report.template)
    out = []
    for item, rows in _T2_BLOCKS[report.template]:
        cols = spec[rows[0]][1]
        out.append("<tr>" + _td(f"第二十条第{item}项", noise, 1, 4) + "</tr>")
        span = 4 - len(cols)  # one wide header cell when the block has fewer columns
        heads = "".join(_td(_label(h, noise), noise, 1, 1 + (span if i == len(cols) - 1 else 0))
                        for i, (_c, h) in enumerate(cols))
        out.append("<tr>" + _td("信息内容", noise) + heads + "</tr>")
        for row in rows:
            cells = "".join(
                _td(_value(report.t2[f"{row}/{c}"], noise), noise, 1, 1 + (span if i == len(cols) - 1 else 0))
                for i, (c, _h) in enumerate(cols))
            out.append("<tr>" + _td(_label(spec[row][0], noise), noise) + cells + "</tr>")
    return out


def _table(rows: list[str]) -> str:
    return ('<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0">\n'
            + "\n".join(rows) + "\n</table>")


INTRO = ("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。全文包括总体情况、"
         "主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
         "存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
         "本报告电子版可在示例县人民政府门户网站（http://www.example.gov.cn）下载。如对本报告有疑问，请联系"
         "示例县人民政府办公室（地址：示例县人民路1号，邮编：100001，电话：010-12345678，"
         "电子邮箱：xxgk@example.gov.cn）。")
PROSE = {
    1: "{y}年，示例县深入贯彻落实《条例》，持续推进政务公开工作。",
    5: "存在的主要问题是公开内容不够全面。下一步将加强培训，提升公开质量。",
    6: "本年度未收取信息处理费。无其他需要报告的事项。",
}


def render_html(report: Report, noise: Noise | None = None) -> bytes:
    """A whole portal page: site chrome, the article with six sections and the three tables."""
    noise = noise or Noise()
    y = report.year
    title = f"{report.agency}{y}年政府信息公开工作年度报告"
    charset = "gbk" if noise.encoding == "gbk" else "utf-8"
    p = (lambda t: f'<p class="MsoNormal">{html.escape(t)}</p>') if noise.word_markup else \
        (lambda t: f"<p>{html.escape(t)}</p>")
    parts = [f'<!DOCTYPE html>\n<html><head><meta charset="{charset}"><title>{html.escape(title)}_示例县人民政府</title></head><body>',
             '<div class="nav">首页 &gt; 政务公开 &gt; 政府信息公开年报</div>',
             f'<div class="info"><span>索引号：000000000/{y + 1}-00001</span><span>发布日期：{y + 1}-01-20</span></div>',
             f'<div class="article"><h1>{html.escape(title)}</h1>', p(INTRO.format(y=y))]
    tables = {2: t2_rows, 3: t3_rows, 4: t4_rows}
    for n, heading in T.SECTIONS.items():
        parts.append(p(f"{'一二三四五六'[n - 1]}、{heading}"))
        if n in tables:
            parts.append(_table(tables[n](report, noise)))
        else:
            parts.append(p(PROSE[n].format(y=y)))
    parts.append('</div><div class="footer">主办：示例县人民政府办公室 网站标识码 0000000000</div></body></html>')
    return "\n".join(parts).encode(noise.encoding if noise.encoding != "gbk" else "gb18030")


def expected_tables(report: Report, noise: Noise) -> dict:
    """The tables the extractor must give back for ``render_html(report, noise)``."""
    return {t: {k: expected_value(v, noise) for k, v in getattr(report, t).items()}
            for t in ("t2", "t3", "t4")}


def render_text(report: Report) -> str:
    """The same report as a text file with pipe tables (merged cells written once, as portal
    text extractions do), built from the HTML rendering's grid."""
    from audit.read import read_bytes

    doc = read_bytes(render_html(report), "html", "gen.html")
    lines = [f"{report.agency}{report.year}年政府信息公开工作年度报告", ""]
    for b in doc.blocks:
        if b.kind == "table":
            for row in b.rows:
                cells = [c.text for c in row if not c.spanned]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        elif not b.text.startswith(lines[0]):
            lines.extend([b.text, ""])
    return "\n".join(lines)
