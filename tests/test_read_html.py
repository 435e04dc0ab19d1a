"""HTML reader: fixtures for each feature, a round trip under real-world noise, and the two
original portal pages of the shared corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus import corpus_file, marked
from hypothesis import assume, given, settings, strategies as st

from audit.document import ReadError
from audit.read import read_bytes, read_path
from audit.read.html import HtmlSettings, sniff_charset
from audit.read.decode import decode, garbled_reason
from html_render import Noise, expected_grid, render_html

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def fixture(name):
    return read_path(str(FIXTURES / name))




# --- grids -------------------------------------------------------------------------------

def test_rowspan_colspan_grid_and_spanned_flags():
    doc = fixture("rowspan-colspan.html")
    (table,) = doc.tables()
    assert marked(table) == [
        ["项目", "项目*", "申请人情况", "申请人情况*", "申请人情况*"],
        ["项目*", "项目*", "自然人", "法人", "总计"],
        ["三、本年度办理结果", "（一）予以公开", "1", "", "1"],
        ["三、本年度办理结果*", "（二）部分公开", "2", "2*", "2"],
        ["三、本年度办理结果*", "（七）总计", "3", "0", "3"],
    ]
    assert table.row_lines == [5, 6, 7, 8, 9]
    assert table.line == 5


def test_ghost_rows_of_nbsp_cells_are_dropped_but_not_blank_cells():
    (table,) = fixture("ghost-row.html").tables()
    assert table.grid() == [["结果维持", "总计"], ["0", "0"]]
    assert table.row_lines == [3, 4]


def test_word_pasted_cells_join_split_digits_and_broken_labels():
    doc = fixture("word-pasted.html")
    (table,) = doc.tables()
    assert table.grid() == [
        # <br> inside a label, "2"+"1" in two spans, &nbsp; padding before 0, &nbsp;-only
        # cell, and "1"/"2" in two <p> (read as squash would: 12)
        ["一、本年新收政府信息公开申请数量", "21", "0", "", "12"],
        # one character per <p> (结/果<br>维/持), decimals and placeholders as printed,
        # and a space between non-Chinese block pieces
        ["结果维持", "24252.311082", "-", "无", "Total value"],
    ]
    assert not any(c.spanned for row in table.rows for c in row)
    assert table.row_lines == [8, 17]
    paras = doc.text_blocks()
    assert [(b.text, b.line) for b in paras] == [
        ("三、收到和处理政府信息公开申请情况", 6), ("本年度共受理31件。", 25)]


def test_layout_table_is_walked_not_emitted():
    doc = fixture("layout-table.html")
    kinds = [(b.kind, b.text or b.grid()) for b in doc.blocks]
    assert kinds == [
        ("paragraph", "一、总体情况"),
        ("paragraph", "本机关全年主动公开信息。"),
        ("table", [["信息内容", "本年制发件数"], ["规章", "5"]]),
        ("paragraph", "二、其他"),
        ("paragraph", "单格框：这是正文中的一段说明。"),
    ]
    assert doc.tables()[0].row_lines == [6, 7]


# --- article body, chrome and meta ---------------------------------------------------------

def test_chrome_around_article_is_dropped_and_meta_kept():
    doc = fixture("chrome-around-article.html")
    assert doc.meta == {"title": "某某县2023年政府信息公开工作年度报告", "site": "某某县人民政府",
                        "published": "2024-01-25", "publisher": "某某县人民政府办公室"}
    texts = [b.text for b in doc.text_blocks()]
    assert texts[0] == "某某县2023年政府信息公开工作年度报告"
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].line == 19
    assert "六、其他需要报告的事项" in texts and "本年度未收取信息处理费。" in texts
    joined = "".join(texts)
    for chrome in ("当前位置", "索引号", "发布机构", "分享到", "打印本页", "相关链接", "版权所有",
                   "互动交流"):
        assert chrome not in joined
    (table,) = doc.tables()
    assert table.grid() == [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                            ["规章", "0", "0", "0"]]


def test_whole_body_setting_keeps_everything():
    from audit.read import html
    data = (FIXTURES / "chrome-around-article.html").read_bytes()
    doc = html.read(data, {"whole_body": True})
    assert any("当前位置" in b.text for b in doc.text_blocks())
    with pytest.raises(ValueError):
        HtmlSettings(body_share=0)


def test_pubdate_meta_when_no_date_box():
    page = ('<html><head><meta name="PubDate" content="2022-02-08 16:34"><title>报告_站点</title>'
            '</head><body><p>正文</p></body></html>').encode()
    doc = read_bytes(page, "html")
    assert doc.meta == {"title": "报告", "site": "站点", "published": "2022-02-08"}


# --- encodings -------------------------------------------------------------------------------

def test_gb2312_label_with_gbk_only_character():
    # 镕 is in GBK but not in GB2312: decoding by the label alone would fail.
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            '</head><body><p>联系人：朱镕</p><table><tr><td>总计</td><td>3</td></tr>'
            '<tr><td>镕基</td><td>4</td></tr></table></body></html>').encode("gbk")
    assert sniff_charset(page) == "gb2312"
    doc = read_bytes(page, "html")
    assert doc.problems == []
    assert doc.text_blocks()[0].text == "联系人：朱镕"
    assert doc.tables()[0].grid() == [["总计", "3"], ["镕基", "4"]]


def test_wrong_label_falls_back_to_utf8_and_bom_wins():
    page = '<html><head><meta charset="gbk"></head><body><p>政府信息公开年度报告</p></body></html>'
    doc = read_bytes(page.encode("utf-8"), "html")
    assert doc.text_blocks()[0].text == "政府信息公开年度报告" and doc.problems == []
    doc = read_bytes(b"\xef\xbb\xbf" + page.replace("gbk", "gb2312").encode(), "html")
    assert doc.text_blocks()[0].text == "政府信息公开年度报告"


def test_mojibake_is_reported_as_e903():
    text = "本年度政府信息公开工作年度报告，主动公开信息，收到和处理申请的情况。" * 5
    double = text.encode("utf-8").decode("latin-1").encode("utf-8")  # UTF-8 read as Latin-1
    doc = read_bytes(b"<html><body><p>" + double + b"</p></body></html>", "html")
    assert [code for code, _ in doc.problems] == ["E903"]
    gbk_moji = text.encode("utf-8").decode("gb18030", errors="replace")
    assert garbled_reason(gbk_moji) is not None
    assert garbled_reason(text) is None
    assert decode(text.encode("gb18030"))[1] == "gb18030"


def test_empty_page_is_unreadable():
    with pytest.raises(ReadError):
        read_bytes(b"   ", "html")


# --- round trip under noise ------------------------------------------------------------------

LABELS = ["自然人", "商业企业", "（三）不予公开", "1.属于国家秘密", "三、本年度办理结果", "镕基路",
          "总计", "结果维持", "申请人情况"]
VALUES = st.one_of(st.integers(0, 99999).map(str), st.just(""), st.sampled_from(["-", "无", "/"]),
                   st.decimals(0, 99999, places=2).map(str), st.integers(-99, -1).map(str))


@st.composite
def layouts(draw):
    """A tiling of an R x C grid by rectangles, as HTML rows of origin cells."""
    n_rows, n_cols = draw(st.integers(1, 6)), draw(st.integers(2, 7))
    taken: set = set()
    rows = []
    for r in range(n_rows):
        cells = []
        for c in range(n_cols):
            if (r, c) in taken:
                continue
            max_cs = 1
            while c + max_cs < n_cols and (r, c + max_cs) not in taken:
                max_cs += 1
            cs = draw(st.integers(1, min(max_cs, 3)))
            rs = draw(st.integers(1, min(n_rows - r, 4)))
            taken.update((r + dr, c + dc) for dr in range(rs) for dc in range(cs))
            # column 0 always carries a label, so no row is empty (empty rows are ghosts)
            text = draw(st.sampled_from(LABELS)) if c == 0 else draw(
                st.one_of(st.sampled_from(LABELS), VALUES))
            cells.append((text, rs, cs))
        rows.append(cells)
    return rows


@settings(max_examples=150, deadline=None)
@given(layout=layouts(), noise=st.builds(Noise, *[st.booleans()] * 8))
def test_round_trip_grid_under_noise(layout, noise):
    assume(sum(len(r) for r in layout) >= 2)  # a one-cell table is a frame, read as text
    doc = read_bytes(render_html(layout, noise), "html")
    tables = doc.tables()
    assert len(tables) == 1
    got = [[(c.text, c.spanned) for c in row] for row in tables[0].rows]
    assert got == expected_grid(layout)
    assert len(tables[0].row_lines) == len(got) and all(tables[0].row_lines)
    assert doc.problems == []
    assert not any("索引号" in b.text or "当前位置" in b.text for b in doc.text_blocks())


# --- the shared corpus -----------------------------------------------------------------------

def values(row):
    """The trailing non-spanned value cells of a row, as the model's mapper takes them."""
    return [c.text for c in row if not c.spanned][-7:]


def find_row(table, label):
    return next(row for row in table.rows if row[0].text.startswith(label)
                or any(c.text.startswith(label) for c in row[:3]))


def test_corpus_202_pingtan_2020():
    doc = read_path(str(corpus_file("202_")))
    assert doc.meta["published"] == "2021-03-05"
    assert doc.meta["title"] == "平潭综合实验区2020年度政府信息公开工作年度报告"
    t2, t3, t4 = doc.tables()
    assert [c.text for c in find_row(t2, "行政处罚") if not c.spanned] == ["行政处罚", "2648",
                                                                          "-18", "538"]
    assert [c.text for c in find_row(t2, "政府集中采购") if not c.spanned] == [
        "政府集中采购", "395", "73802895.90元"]
    assert values(find_row(t3, "（七）总计")) == ["20", "0", "0", "0", "0", "1", "21"]
    assert values(find_row(t3, "（一）予以公开")) == ["6", "0", "0", "0", "0", "1", "7"]
    # table 4: 15 zeros, the borderless ghost row of &nbsp; cells is gone
    assert t4.grid()[-1] == ["0"] * 15 and len(t4.rows) == 4
    assert t3.rows[0][0].text.startswith("（本列数据的勾稽关系为")
    _assert_no_chrome(doc)


def test_corpus_203_pingtan_2021():
    doc = read_path(str(corpus_file("203_")))
    assert doc.meta["published"] == "2022-02-08"
    t2, t3, t4 = doc.tables()
    fee = find_row(t2, "行政事业性收费")
    assert [c.text for c in fee if not c.spanned] == ["行政事业性收费", "24252.311082"]
    assert [c.text for c in find_row(t2, "行政规范性文件")] == ["行政规范性文件", "69", "3", "665"]
    assert values(find_row(t3, "一、本年新收")) == ["64", "0", "0", "2", "0", "4", "70"]
    assert values(find_row(t3, "（七）总计")) == ["63", "0", "0", "2", "0", "4", "69"]
    assert values(find_row(t3, "四、结转下年度")) == ["1", "0", "0", "0", "0", "0", "1"]
    rowspan22 = [r for r in t3.rows if r[0].text == "三、本年度办理结果"]
    assert len(rowspan22) == 22 and sum(not r[0].spanned for r in rowspan22) == 1
    # table-4 header words written one character per <p> come back whole
    assert t4.grid()[1][:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert t4.grid()[-1] == ["1", "0", "2", "0", "3", "12", "0", "0", "0", "12"] + ["0"] * 5
    texts = [b.text for b in doc.text_blocks()]
    assert texts[0].startswith("根据《中华人民共和国政府信息公开条例》")
    assert texts[-1] == "2021年，无收取信息处理费情况。"
    _assert_no_chrome(doc)


def _assert_no_chrome(doc):
    joined = "\n".join(b.text for b in doc.text_blocks())
    for chrome in ("当前位置", "索引号", "全真版", "文件下载", "分享到", "版权所有", "网站标识码",
                   "来源：平潭县人民政府"):
        assert chrome not in joined, chrome
    assert all(b.line for b in doc.blocks)
    for t in doc.tables():
        assert len(t.row_lines) == len(t.rows) and all(t.row_lines)


def test_old_style_layout_page_sidebar_of_links_is_not_article():
    # GBK bytes under a gb2312 label; a two-column layout table with a link sidebar
    doc = fixture("layout-page-with-sidebar.html")
    texts = [b.text for b in doc.text_blocks()]
    assert texts[0] == "一、总体情况" and len(texts) == 9
    assert not any("链接" in t for t in texts)
    (table,) = doc.tables()
    assert table.grid() == [["信息内容", "本年制发件数"], ["规章", "1"]]
    assert table.row_lines == [25, 26] and doc.blocks[0].line == 16
