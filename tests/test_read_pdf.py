"""PDF reader on fixtures generated at test time with reportlab (the team's example report)."""
from __future__ import annotations

import logging

import pytest

pytestmark = pytest.mark.usefixtures("pdf_engine")  # every test on both engines (conftest)

pytest.importorskip("reportlab")

from audit.document import ReadError
from audit.normalize import fold, is_numberlike, squash
from audit.read import read_bytes

import rl_report
import rl_fixtures


def read(data):
    return read_bytes(data, "pdf", "fixture.pdf")


def data_rows(doc, width=7):
    """(item label, values) of every table row ending in ``width`` value cells."""
    out = []
    for block in doc.tables():
        for row in block.rows:
            values = [c.text for c in row[-width:]]
            labels = [c.text for c in row[:-width] if c.text and not is_numberlike(c.text)]
            if len(row) > width and labels and all(is_numberlike(v) for v in values):
                out.append((squash(labels[-1]), values))
    return out


def t3_blocks(doc):
    return [b for b in doc.tables() if len(b.rows[-1]) in (9, 10)]


EXPECTED_T3 = [(squash(labels[2]), values) for labels, values in rl_report.t3_rows()]


@pytest.mark.parametrize("options", [
    {},
    {"borders": "rects", "backgrounds": True},
    {"repeat_header": True},
    {"top_border": False},
    {"cut_row": (3, 12), "cut_sub": None},
    {"cut_row": (3, 12), "cut_sub": None, "borders": "rects", "backgrounds": True, "top_border": False},
], ids=["lines", "rect-borders", "repeated-header", "no-top-border", "row-cut", "row-cut-rects-open"])
def test_t3_over_a_page_break_gives_every_row_once(options):
    doc = read(rl_fixtures.report(**options))
    assert data_rows(doc) == EXPECTED_T3


def test_group_label_cut_by_the_break_is_whole_on_both_pages():
    doc = read(rl_fixtures.report())
    first, second = t3_blocks(doc)
    assert first.rows[-1][1].text == "(四)无法提供"
    assert [c.text for c in second.rows[0][:3]] == ["三、本年度办理结果", "(四)无法提供", "2.没有现成信息需要另行制作"]
    assert second.rows[0][0].spanned  # carried over from page 1, not printed on page 2
    assert second.page == 2 and set(second.row_pages) == {2}


def test_cut_row_is_one_row_on_the_page_where_it_starts():
    doc = read(rl_fixtures.report(cut_row=(3, 12), cut_sub=None))
    first, second = t3_blocks(doc)
    last = [c.text for c in first.rows[-1]]
    assert len(last) == 9  # page 1 has no row with the item column of its own
    assert last[:2] == ["三、本年度办理结果", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"]
    assert last[-7:] == ["5", "0", "0", "0", "0", "0", "5"]
    assert first.row_pages[-1] == 1
    assert [c.text for c in second.rows[0][:3]] == ["三、本年度办理结果", "(三)不予公开", "1.属于国家秘密"]
    assert first.rows[-2][0].text == "三、本年度办理结果"  # the stacked label cut by the break, whole


def test_header_rows_come_through_with_broken_words_joined():
    doc = read(rl_fixtures.report())
    t3 = t3_blocks(doc)[0]
    header = [[c.text for c in row] for row in t3.rows[:3]]
    assert header[0][3] == "申请人情况"
    assert header[1][3:] == ["自然人", "法人或其他组织", "法人或其他组织", "法人或其他组织", "法人或其他组织",
                             "法人或其他组织", "总计"]
    assert header[2][4:9] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert [c.spanned for c in t3.rows[1][4:9]] == [False, True, True, True, True]


def test_stacked_group_label_is_one_cell_not_rows_of_its_own():
    doc = read(rl_fixtures.report())
    t3 = t3_blocks(doc)[0]
    firsts = [row[0].text for row in t3.rows]
    assert "三、本年度办理结果" in firsts
    assert not any(t in firsts for t in ("本", "年", "、"))
    assert not any(b.text in ("本", "年", "度") for b in doc.text_blocks())


def test_t4_keeps_blank_cells_in_place():
    doc = read(rl_fixtures.report())
    t4 = next(b for b in doc.tables() if len(b.rows[-1]) == 15)
    assert [c.text for c in t4.rows[-1]] == rl_report.T4
    assert [c.text for c in t4.rows[1][:5]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_t2_letter_spaced_label_and_split_digits():
    doc = read(rl_fixtures.report())
    t2 = doc.tables()[0]
    grid = t2.grid()
    assert grid[1][0] == "信息内容"
    assert grid[-1][:2] == ["行政许可", "4472"]
    assert t2.rows[-1][2].spanned


def test_headings_are_paragraphs_outside_tables_only():
    doc = read(rl_fixtures.report())
    texts = [b.text for b in doc.text_blocks()]
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in texts
    assert not any(t.startswith("一、本年新收") or t.startswith("四、结转") for t in texts)
    assert not any(t.strip("- ").isdigit() for t in texts)  # page numbers are dropped
    assert all(b.page in (1, 2) for b in doc.blocks)


def test_blocks_are_in_reading_order():
    doc = read(rl_fixtures.report())
    kinds = [(b.kind, b.text[:4]) for b in doc.blocks]
    i3 = kinds.index(("paragraph", "三、收到"))
    assert kinds[i3 + 1][0] == "table"
    i4 = kinds.index(("paragraph", "四、政府"))
    assert kinds[i4 - 1][0] == "table" and kinds[i4 + 1][0] == "table"


def test_paragraph_text_is_joined_and_folded():
    doc = read(rl_fixtures.report())
    intro = next(b.text for b in doc.text_blocks() if b.text.startswith("本报告"))
    assert "统计期限自2024年1月1日起至2024年12月31日止" in intro
    assert intro.endswith("gk@example.cn)。")
    assert fold(intro) == intro


def test_settings_resolve():
    from audit.read.pdf import PdfSettings

    assert PdfSettings.resolve({"max_pages": 3}).max_pages == 3
    with pytest.raises(ValueError):
        PdfSettings.resolve({"colum": 1})
    with pytest.raises(ValueError):
        PdfSettings(max_pages=0)


def test_too_many_pages_is_e901():
    from audit.read import pdf

    with pytest.raises(ReadError) as err:
        pdf.read(rl_fixtures.report(), {"max_pages": 1})
    assert err.value.code == "E901"


def test_pdfminer_logging_is_silenced_and_restored(caplog):
    logger = logging.getLogger("pdfminer")
    before = logger.level
    with caplog.at_level(logging.DEBUG):
        read(rl_fixtures.report())
    assert not [r for r in caplog.records if r.name.startswith("pdfminer")]
    assert logger.level == before
