import pytest

from audit.normalize import cn_number, fold, is_placeholder, parse_cell, split_ordinal, squash


@pytest.mark.parametrize("raw, folded", [
    ("⼀、总体情况", "一、总体情况"),            # Kangxi radical from a PDF text layer
    ("⺠生", "民生"),                          # CJK radicals supplement, not folded by NFKC
    ("（三）不予公开", "(三)不予公开"),          # full-width brackets
    ("“三安全一稳定”", '"三安全一稳定"'),        # curly quotes
    ("不予\u3000 公开\n", "不予 公开"),          # full-width space and newline
    ("１２３", "123"),
])
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_squash_removes_all_whitespace_inside_labels():
    assert squash("商业\n企业") == "商业企业"
    assert squash("不予　公开") == squash("不予公开")


@pytest.mark.parametrize("label, ordinal, rest", [
    ("一、总体情况", ("cn", 1), "总体情况"),
    ("六.其他需要报告的事项", ("cn", 6), "其他需要报告的事项"),
    ("(一)予以公开", ("paren", 1), "予以公开"),
    ("(7)总计", ("paren", 7), "总计"),
    ("1.属于国家秘密", ("num", 1), "属于国家秘密"),
    ("2、重复申请", ("num", 2), "重复申请"),
    ("2021年", None, "2021年"),
    ("3.5万元", None, "3.5万元"),
])
def test_split_ordinal_variants(label, ordinal, rest):
    assert split_ordinal(fold(label)) == (ordinal, rest)


def test_cn_number():
    assert [cn_number(x) for x in ("一", "十", "十二", "二十三", "甲")] == [1, 10, 12, 23, None]


@pytest.mark.parametrize("raw, value", [
    ("3,119", 3119), ("１２", 12), ("0", 0), ("24252.311082", 24252.311082),
    ("-18", -18), ("－15", -15), ("", None), ("\xa0", None), (" \u3000", None),
    ("—", "—"), ("-", "-"), ("/", "/"), ("无", "无"), ("1.5万元", "1.5万元"),
])
def test_parse_cell_keeps_blank_placeholder_and_zero_apart(raw, value):
    got = parse_cell(raw)
    assert got == value and type(got) is type(value)


def test_placeholders():
    assert all(is_placeholder(parse_cell(x)) for x in ("-", "—", "/", "无"))
    assert not is_placeholder(parse_cell("0")) and not is_placeholder(None)
