"""Text reader (.txt, .md): fixtures for each feature and the text files of the shared corpus.

Not rebuilt, on purpose: tables whose cells were run together (005, 007:
``…申请数量801000081``) and tables written one cell per line or with label and value on one
line (231, 232 outside their pipe rows). They stay paragraphs; the model stage reports the
table as unmappable instead of reading guessed numbers.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus import corpus_file, marked

from audit.read import read_bytes, read_path
from audit.read.text import TextSettings, split_row

FIXTURES = Path(__file__).parent / "fixtures" / "text"


def fixture(name):
    return read_path(str(FIXTURES / name))




def test_paragraphs_and_ragged_pipe_tables_with_line_numbers():
    doc = fixture("pipe-tables.txt")
    assert [(b.kind, b.line, b.text) for b in doc.text_blocks()] == [
        ("paragraph", 1, "某区2021年政府信息公开工作年度报告"),
        ("paragraph", 3, "一、总体情况"),
        ("paragraph", 11, "三、收到和处理政府信息公开申请情况"),
        ("paragraph", 16, "六、其他需要报告的事项"),
    ]
    t1, t2 = doc.tables()
    # blank lines between rows do not end the table; rows keep their own (ragged) width and
    # a blank value cell keeps its position
    assert t1.grid() == [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                         ["规章", "0", "0", "0"], ["第二十条第(五)项"], ["行政许可", "", "8317"]]
    assert t1.row_lines == [5, 7, 9, 10] and t1.line == 5
    # "| 0" broken before the next cell's pipe is one row again; its line is the first one
    assert t2.grid() == [["结果 维持", "结果 纠正", "总计"], ["0", "0", "3"]]
    assert t2.row_lines == [12, 13]
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "table", "paragraph",
                                            "table", "paragraph"]


def test_markdown_separator_rows_headings_escaped_pipes_and_colspan_padding():
    doc = fixture("markdown-table.md")
    assert [(b.kind, b.text) for b in doc.text_blocks()] == [
        ("heading", "某委2024年政府信息公开工作年度报告"),
        ("heading", "表二：主动公开政府信息情况"),
        ("paragraph", "说明：表格到此结束。"),
    ]
    t1, t2 = doc.tables()
    assert t1.grid() == [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "22", "2|3"],
                         ["行政规范性文件", "34", ""]]
    assert t1.row_lines == [4, 6, 8]
    # rows written "a | b | ||": the padding stands for a colspan
    assert marked(t2) == [["信息内容", "本年处理决定数量", "本年处理决定数量*", "本年处理决定数量*"],
                          ["行政许可", "0", "0*", "0*"]]


def test_split_row_keeps_blank_values_and_marks_padding():
    assert [c.text for c in split_row("| a |  | 3 |")] == ["a", "", "3"]
    assert [(c.text, c.spanned) for c in split_row("a | 1 | ||")] == [
        ("a", False), ("1", False), ("1", True), ("1", True)]
    assert [c.text for c in split_row("| 1 | \u00a0 |")] == ["1", ""]


def test_archive_header_is_stripped_into_meta_and_run_together_cells_stay_text():
    doc = fixture("archive-header.txt")
    assert doc.meta == {"title": "某区2019年度政府信息公开工作年度报告", "published": "2020-01-20"}
    assert [(b.line, b.text) for b in doc.blocks] == [
        (7, "一、本年新收政府信息公开申请数量801000081二、上年结转政府信息公开申请数量0000000"),
        (8, "六、其他需要报告的事项"),
    ]
    assert doc.tables() == []
    kept = read_bytes((FIXTURES / "archive-header.txt").read_bytes(), "text")
    assert kept.blocks[0].line == 7
    from audit.read import text
    raw = text.read((FIXTURES / "archive-header.txt").read_bytes(),
                    TextSettings(strip_archive_header=False))
    assert raw.blocks[0].text.startswith("标题") and raw.meta == {}


def test_unmarked_key_value_lines_are_kept():
    doc = fixture("no-archive-header.txt")
    assert [b.text for b in doc.blocks][0] == "标题：这不是归档头" and doc.meta == {}


def test_gbk_text_and_bom():
    body = "一、总体情况\n| 行政许可 | 8317 |\n朱镕基路\n"
    doc = read_bytes(body.encode("gbk"), "text")
    assert doc.problems == []
    assert [b.text for b in doc.text_blocks()] == ["一、总体情况", "朱镕基路"]
    assert doc.tables()[0].grid() == [["行政许可", "8317"]]
    doc = read_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"), "text")
    assert doc.blocks[0].text == "一、总体情况"


def test_mojibake_text_is_reported():
    text = "本年度政府信息公开工作年度报告，主动公开信息。" * 10
    doc = read_bytes(text.encode("utf-8").decode("latin-1").encode("utf-8"), "text")
    assert [code for code, _ in doc.problems] == ["E903"]


# --- the shared corpus -----------------------------------------------------------------------

def test_corpus_seed_text_report():
    doc = read_path(str(corpus_file("000_")))
    t2, t3, t4 = doc.tables()
    assert 26 <= len(t3.rows) <= 30
    assert ["一、本年新收政府信息 公开申请数量", "3", "0", "0", "0", "0", "0", "3"] in t3.grid()
    assert ["(七)总计", "3", "0", "0", "0", "0", "0", "3"] in t3.grid()
    assert ["行政许可", "8317"] in t2.grid() and ["行政事业性收费", "1"] in t2.grid()
    # the t4 data row was broken after its first cell ("| 0" / " | 0 | …")
    assert t4.grid()[-1] == ["0"] * 15
    assert len(t3.row_lines) == len(t3.rows) and all(t3.row_lines)
    texts = [b.text for b in doc.text_blocks()]
    assert "三、收到和处理政府信息公开申请情况" in texts
    assert "六、其他需要报告的事项" in texts


@pytest.mark.parametrize("prefix,published", [("005_", "2020-01-20"), ("007_", "2022-02-08")])
def test_corpus_run_together_archive_text_is_not_guessed(prefix, published):
    doc = read_path(str(corpus_file(prefix)))
    assert doc.meta["published"] == published
    assert doc.meta["title"].endswith("政府信息公开工作年度报告")
    assert doc.tables() == []  # cells run together: no table is invented
    assert doc.blocks[0].line == 10  # after the 9-line archive header
    assert not any(b.text.startswith("原文链接") for b in doc.blocks)


def test_corpus_117_html_to_text_colspan_padding():
    doc = read_path(str(corpus_file("117_")))
    (t2,) = doc.tables()
    assert ["行政规范性文件", "4", "0", "4"] in t2.grid()
    row = next(r for r in t2.rows if r[0].text == "行政许可")
    assert [(c.text, c.spanned) for c in row] == [("行政许可", False), ("0", False),
                                                  ("0", True), ("0", True)]


def test_corpus_231_232_peer_extractions_keep_their_pipe_rows():
    doc = read_path(str(corpus_file("231_")))
    rows = [r for t in doc.tables() for r in t.grid()]
    assert ["一、本年新收政府信息公开申请数量", "1259", "36", "0", "0", "0", "0", "1295"] in rows
    assert ["40", "0", "10", "5", "55", "2", "0", "4", "6", "12", "6", "0", "9", "7", "22"] in rows
    assert not any(set("".join(r)) <= set("-:|") for r in rows)  # separator rows dropped
    doc = read_path(str(corpus_file("232_")))
    rows = [r for t in doc.tables() for r in t.grid()]
    # the empty 总计 of 结转下年度继续办理 stays a blank value in its position
    assert ["四、结转下年度继续办理", "1", "0", "0", "0", "0", "0", ""] in rows
