"""Render a span grid as the kind of HTML real portals publish, for round-trip tests.

``render_html(layout, noise)`` takes a layout (rows of origin cells ``(text, rowspan, colspan)``
in reading order, as in the HTML source) and a ``Noise`` choice, and returns page bytes. The
noise is what Word and portal CMSs do to tables without changing what is printed: blank cells
as &nbsp;, labels broken by <br> or one character per <p>, MsoNormal spans with o:p, one span
per digit, line breaks inside tags and style attributes, a layout table around the data table,
site chrome around the article and GBK bytes under a gb2312 label.
"""
from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Noise:
    nbsp_blanks: bool = False  # "" written as &nbsp; / <p>&nbsp;</p> / <o:p>&nbsp;</o:p>
    broken_labels: bool = False  # CJK labels broken with <br> and one char per <p>
    mso_spans: bool = False  # <p class=MsoNormal><span style=...>…</span><o:p></o:p></p>
    split_digits: bool = False  # one <span> per digit, &nbsp; padding spans before numbers
    newlines_in_tags: bool = False  # line breaks inside start tags (Word's style attributes)
    layout_table: bool = False  # the data table sits inside a one-column layout table
    chrome: bool = False  # breadcrumb, info box, sidebar and footer around the article
    gbk: bool = False  # bytes in GBK, declared as gb2312


def expected_grid(layout):
    """The span-resolved grid ``layout`` stands for: [[(text, spanned)]] (independent of the
    reader's own span code, so the test checks one against the other)."""
    taken: dict = {}
    n = len(layout)
    for r, cells in enumerate(layout):
        c = 0
        for text, rs, cs in cells:
            while (r, c) in taken:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    if r + dr < n:
                        taken[(r + dr, c + dc)] = (text, bool(dr or dc))
            c += cs
    width = max(c for _, c in taken) + 1
    return [[taken[(r, c)] for c in range(width)] for r in range(n)]


def _cjk(ch):
    # Only Chinese characters may be broken apart: the reader joins block pieces with no
    # separator between Chinese characters, and with one space between anything else.
    return "\u4e00" <= ch <= "\u9fff" or ch in "（）、，“”"


def _is_number(text):
    return text.replace(".", "", 1).lstrip("-").isdigit()


def _cell_html(text, noise: Noise, i: int) -> str:
    if text == "":
        if not noise.nbsp_blanks:
            return ""
        return ["&nbsp;", "<p>&nbsp;</p>", "<span>&nbsp;</span><o:p>&nbsp;</o:p>"][i % 3]
    if _is_number(text):
        if noise.split_digits:
            spans = "".join(f'<span style="font-family:仿宋_GB2312">{html.escape(ch)}</span>'
                            for ch in text)
            return '<span style="font-family:Calibri">&nbsp;</span>' + spans
        body = html.escape(text)
    elif noise.broken_labels and len(text) >= 2 and all(_cjk(ch) for ch in text):
        if i % 2:
            body = "<br>".join(html.escape(text[k:k + 2]) for k in range(0, len(text), 2))
        else:
            return "".join(f'<p class="p">{html.escape(ch)}</p>' for ch in text)
    else:
        body = html.escape(text)
    if noise.mso_spans:
        nl = "\n" if noise.newlines_in_tags else ""
        return (f'<p class="MsoNormal" style="text-align:center;{nl}mso-line-height-rule:'
                f'exactly;"><span style="mso-spacerun:\'yes\';{nl}font-size:12pt">{body}'
                f'</span><o:p></o:p></p>')
    return body


def render_table(layout, noise: Noise) -> str:
    nl = "\n" if noise.newlines_in_tags else ""
    rows = []
    i = 0
    for cells in layout:
        tds = []
        for text, rs, cs in cells:
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            tds.append(f'<td{attrs} style="width:40pt;{nl}border:1pt solid">'
                       f'{_cell_html(text, noise, i)}</td>')
            i += 1
        rows.append("<tr>" + "".join(tds) + "</tr>")
    table = '<table class="MsoNormalTable" border="1"><tbody>\n' + "\n".join(rows) + \
        "\n</tbody></table>"
    if noise.layout_table:
        table = f'<table width="100%"><tr><td><p>表格如下</p>\n{table}\n</td></tr></table>'
    return table


def render_html(layout, noise: Noise = Noise()) -> bytes:
    charset = "gb2312" if noise.gbk else "utf-8"
    article = (f'<div class="article"><p>一、总体情况</p><p>本年度报告的正文段落，'
               f'说明主动公开和依申请公开的情况。</p>\n{render_table(layout, noise)}\n</div>')
    if noise.chrome:
        article = ('<div class="crumb">当前位置：首页 &gt; 政务公开</div>'
                   '<table><tr><td>索引号：</td><td>000-2024-1</td>'
                   '<td>发布日期：</td><td>2024-01-20</td></tr></table>\n'
                   f'{article}\n<div class="side"><ul><li>相关链接</li></ul></div>')
    page = (f'<!DOCTYPE html>\n<html xmlns:o="urn:schemas-microsoft-com:office:office">'
            f'<head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f'<title>测试报告_测试网站</title></head>\n<body>\n{article}\n'
            f'<div class="footer">版权所有</div></body></html>\n')
    return page.encode("gbk" if noise.gbk else "utf-8")
