"""The PDF reader on the shared corpus: the cells a person reads on the page, exactly.

Expectations were read off the rendered pages (and agree with sources.tsv), including what
does not add up: 洪泽区 2023's table 4 prints 结果维持 10, 结果纠正 1 and 总计 0 for 行政复议.
"""
from __future__ import annotations


import pytest

pytestmark = pytest.mark.usefixtures("pdf_engine")  # every test on both engines (conftest)

from audit.normalize import is_numberlike, squash
from audit.read import read_path
from corpus import corpus_file as _corpus_file



def corpus_file(name):
    return str(_corpus_file(name))


def rows(*spec):
    return [[int(v) for v in line.split()] for line in spec]


Z = "0 0 0 0 0 0 0"
HUAIAN = "001_huaian-city-2024.pdf"
HZ23 = "002_huaian-hongze-district-2023.pdf"
HZ24 = "003_huaian-hongze-district-2024.pdf"
T3 = {
    HUAIAN: rows("3001 53 0 0 61 4 3119", "34 0 0 0 0 0 34", "1288 21 0 0 50 3 1362", "447 7 0 0 0 0 454",
                 "2 0 0 0 0 0 2", "30 1 0 0 0 0 31", "5 0 0 0 0 0 5", "6 0 0 0 0 0 6", "7 1 0 0 0 0 8",
                 "12 0 0 0 0 0 12", "9 0 0 0 0 0 9", "105 0 0 0 0 0 105", "746 12 0 0 10 1 769",
                 "11 0 0 0 0 0 11", "1 0 0 0 0 0 1", "56 6 0 0 0 0 62", "25 0 0 0 0 0 25", Z, Z,
                 "1 0 0 0 0 0 1", "67 3 0 0 1 0 71", "6 0 0 0 0 0 6", "108 2 0 0 0 0 110",
                 "2932 53 0 0 61 4 3050", "103 0 0 0 0 0 103"),
    HZ23: rows("21 0 0 0 0 0 21", Z, Z, "4 0 0 0 0 0 4", "1 0 0 0 0 0 1", Z, Z, Z, Z, "1 0 0 0 0 0 1",
               "1 0 0 0 0 0 1", Z, "10 0 0 0 0 0 10", "3 0 0 0 0 0 3", Z, "1 0 0 0 0 0 1", Z, Z, Z, Z, Z,
               "21 0 0 0 0 0 21", Z),
    HZ24: rows("95 0 0 0 0 0 95", Z, "50 0 0 0 0 0 50", "9 0 0 0 0 0 9", Z, Z, "1 0 0 0 0 0 1", Z, Z,
               "1 0 0 0 0 0 1", "1 0 0 0 0 0 1", Z, "31 0 0 0 0 0 31", "1 0 0 0 0 0 1", Z,
               "1 0 0 0 0 0 1", Z, Z, Z, Z, Z, "95 0 0 0 0 0 95", Z),
}
T4 = {
    HUAIAN: rows("72 64 178 37 351 13 4 8 1 26 12 1 1 6 20")[0],
    HZ23: rows("10 1 0 0 0 0 0 0 0 0 5 0 0 0 0")[0],  # as printed: the review total says 0
    HZ24: rows("1 1 0 0 2 1 0 0 0 1 2 0 1 0 3")[0],
}
ITEMS_2021 = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "(一)予以公开",
              "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "1.属于国家秘密"]


def t3_rows(doc):
    """(label cells, values) for every table-3 data row, in document order."""
    out = []
    for block in doc.tables():
        for row in block.rows:
            if len(row) in (9, 10) and all(is_numberlike(c.text) and c.text for c in row[-7:]):
                labels = [squash(c.text) for c in row[:-7]]
                out.append((labels, [int(c.text) for c in row[-7:]]))
    return out


def t4_row(doc):
    rows15 = [r for b in doc.tables() for r in b.rows if len(r) == 15 and all(c.text.isdigit() for c in r)]
    assert len(rows15) == 1
    return [int(c.text) for c in rows15[0]]


@pytest.mark.parametrize("name", [HUAIAN, HZ23, HZ24])
def test_t3_values_row_by_row(name):
    doc = read_path(corpus_file(name))
    got = t3_rows(doc)
    assert [values for _, values in got] == T3[name]
    assert [labels[-1] for labels, _ in got[:5]] == [squash(t) for t in ITEMS_2021]


@pytest.mark.parametrize("name", [HUAIAN, HZ23, HZ24])
def test_t4_values(name):
    assert t4_row(read_path(corpus_file(name))) == T4[name]


@pytest.mark.parametrize("name", [HUAIAN, HZ23, HZ24])
def test_rows_keep_their_group_over_the_page_break(name):
    got = t3_rows(read_path(corpus_file(name)))
    groups = {labels[-1]: labels for labels, _ in got}
    assert "(四)无法提供" in groups["2.没有现成信息需要另行制作"]
    assert "(四)无法提供" in groups["3.补正后申请内容仍不明确"]
    assert "三、本年度办理结果" in groups["3.补正后申请内容仍不明确"]
    assert "(五)不予处理" in groups["1.信访举报投诉类申请"]


def test_hongze_typo_label_is_kept_as_printed():
    got = t3_rows(read_path(corpus_file(HZ23)))
    assert any(labels[-1] == "2.其他法律行政止公开" for labels, _ in got)


@pytest.mark.parametrize("name", [HUAIAN, HZ23, HZ24])
def test_six_section_headings_are_paragraphs_with_pages(name):
    doc = read_path(corpus_file(name))
    heads = [b for b in doc.text_blocks() if squash(b.text)[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert [squash(b.text)[:1] for b in heads] == list("一二三四五六")
    assert all(b.page for b in doc.blocks)
    assert all(len(b.row_pages) == len(b.rows) for b in doc.tables())
    assert doc.problems == []


def test_huaian_sentence_cut_by_a_page_break_is_one_paragraph():
    doc = read_path(corpus_file(HUAIAN))
    text = next(b.text for b in doc.text_blocks() if "依申请公开情况" in b.text)
    assert "全市共受理政府信息公开申请3119件" in text
    assert "尚未审结7件。" in text


MODEL = {
    HUAIAN: {"t3/received/total": 3119, "t3/carried_over/total": 34, "t3/results_total/total": 3050,
             "t3/carried_forward/total": 103, "t3/received/natural": 3001, "t3/other.other/total": 110,
             "t4/counts/review.total": 351, "t4/counts/suit_direct.total": 26,
             "t4/counts/suit_after_review.total": 20, "t2/fees/amount": 96171.6},
    HZ23: {"t3/received/total": 21, "t3/results_total/total": 21, "t3/unavailable.not_held/natural": 10,
           "t4/counts/review.upheld": 10, "t4/counts/review.corrected": 1, "t4/counts/review.total": 0,
           "t4/counts/suit_after_review.upheld": 5, "t4/counts/suit_after_review.total": 0},
    HZ24: {"t3/received/total": 95, "t3/granted/total": 50, "t3/results_total/total": 95,
           "t4/counts/review.total": 2, "t4/counts/suit_direct.total": 1, "t4/counts/suit_after_review.total": 3},
}


@pytest.mark.parametrize("name", [HUAIAN, HZ23, HZ24])
def test_model_cells(name):
    from audit.model.build import extract_path

    model = extract_path(corpus_file(name))
    got = {}
    for key in MODEL[name]:
        table, cell = key.split("/", 1)
        got[key] = model.tables[table].get(cell)
    assert got == MODEL[name]
    assert model.format == "pdf"
