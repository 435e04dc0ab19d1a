"""The model stage on hand-made documents: sections, facts and table mapping, no reader."""
from audit.model import template as T
from audit.model.build import build_model
from audit.document import Block, Cell, Document, table_block
from audit.model.facts import find_contact, find_download, find_period, find_title

SEED_ROW = ["3", "0", "0", "0", "0", "0", "3"]


def para(text, line=None):
    return Block("paragraph", text=text, line=line)


def doc(*blocks):
    return Document("x.txt", "text", list(blocks))


def t3_grid(rows=None, header=True, extra_col=False):
    grid = []
    if header:
        grid += [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
                 ["自然人", "法人或其他组织", "总计"],
                 ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"] + (["小计"] if extra_col else [])]
    for key in rows or T.T3_ROW_KEYS:
        if key == "other":
            continue
        vals = ["1", "0", "0", "0", "0", "0"] + (["0"] if extra_col else []) + ["1"]
        grid.append([T.T3_ROW_LABELS[key], *vals])
    return grid


# --- sections ---------------------------------------------------------------------------------
def test_table_row_labels_and_intro_are_not_section_headings():
    m = build_model(doc(
        para("全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
             "行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"),
        para("一、总体情况"), para("（一）主动公开情况"),
        para("一、本年新收政府信息公开申请数量"), para("三、本年度办理结果"),
        para("四、结转下年度继续办理"),
        para("五、政府信息公开工作存在的主要问题及改进措施"), para("六、其它需要报告的事项")))
    assert [(s.number, s.ordinal) for s in m.sections] == [(1, 1), (5, 5), (6, 6)]
    assert m.sections[1].heading == "五、政府信息公开工作存在的主要问题及改进措施"


def test_heading_variants_and_run_in_heading():
    m = build_model(doc(
        para("⼀、总体情况 2021年，本机关持续推进政务公开。"),
        para("二、主动公开政府信息情况"),
        para("三、行政机关收到和处理政府信息公开申请情况"),
        para("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
        para("五、存在的主要问题及改进情况"),
        para("其他需要报告的事项")))
    assert [s.number for s in m.sections] == [1, 2, 3, 4, 5, 6]
    assert m.sections[0].text.startswith("2021年")
    assert m.sections[5].ordinal is None


# --- facts --------------------------------------------------------------------------------------
def P(text):
    return [(text, 1, None)]


def test_period_variants():
    cases = {
        "本年度报告中所列数据的统计期限自2021年1月1日起至12月31日止。": ("2021-01-01", "2021-12-31", "range"),
        "本报告所列数据统计时限为2022.1.1-2022.12.31。": ("2022-01-01", "2022-12-31", "range"),
        "数据统计期限从2023年1月1日到2023年12月31日。": ("2023-01-01", "2023-12-31", "range"),
        "统计期限为1月1日至12月31日。": (None, None, "no_year"),
        "本报告数据统计截至2021年12月31日。": (None, "2021-12-31", "end_only"),
    }
    for text, (start, end, kind) in cases.items():
        p = find_period(P(text))
        assert (p.start, p.end, p.kind) == (start, end, kind), text
    assert find_period(P("2021年，全区持续推进政务公开。")) is None


def test_contact_variants():
    c = find_contact(P("联系地址,福州市鼓楼区华林路1号;邮编350003;联系电话:0591—87654321、87654322;"
                       "传真:0591-87654320;电子邮箱:gk@fj.gov.cn。"))
    assert c.address == "福州市鼓楼区华林路1号"
    assert c.postcode == "350003"
    assert c.phone == ["0591—87654321", "87654322"]
    assert c.fax == ["0591-87654320"]
    assert c.email == ["gk@fj.gov.cn"]
    assert find_contact(P("2021年共办理申请3件。")) is None


def test_download_and_title():
    sentence, urls = find_download(P("本年度报告的电子版可以在门户网站(http://www.xncz.gov.cn)上下载。"))
    assert urls == ["http://www.xncz.gov.cn"] and "电子版" in sentence
    assert find_title(P("西宁市城中区人民政府2021年政府信息公开工作年度报告")) == (
        "西宁市城中区人民政府2021年政府信息公开工作年度报告", 2021, "西宁市城中区人民政府")
    assert find_title(P("洪山区人民政府信息公开工作年度报告(2023年度)"))[1:] == (2023, "洪山区人民政府")


# --- tables -------------------------------------------------------------------------------------
def test_t3_maps_by_label_with_typo_missing_row_and_unknown_row():
    rows = [k for k in T.T3_ROW_KEYS if k not in ("other", "denied.query")]
    grid = t3_grid(rows)
    grid[8][0] = "2.其他法律行政止公开"  # the typo seen in real reports
    grid.insert(10, ["9.其他原因不予公开", "5", "0", "0", "0", "0", "0", "5"])
    m = build_model(doc(para("三、收到和处理政府信息公开申请情况"), table_block(grid)))
    t3 = m.tables["t3"]
    assert t3["denied.prohibited/natural"] == 1
    assert "denied.query/natural" not in t3  # a missing row stays absent: S107's matter
    typo = next(l for l in m.labels if l.key == "denied.prohibited")
    assert typo.exact is False and typo.expected == "2.其他法律行政法规禁止公开"
    unknown = [l for l in m.labels if l.key is None]
    assert [(l.printed, l.values) for l in unknown] == [("9.其他原因不予公开", [5, 0, 0, 0, 0, 0, 5])]
    assert m.template == "2021"


def test_t3_extra_subtotal_column():
    m = build_model(doc(table_block(t3_grid(extra_col=True))))
    assert m.tables["t3"]["received/org_subtotal"] == 0
    assert m.tables["t3"]["received/total"] == 1


def test_t3_2019_single_other_row_and_split_across_blocks():
    rows = [k for k in T.T3_ROW_KEYS if not k.startswith("other.")]
    grid = t3_grid(rows)
    grid.insert(-2, ["（六）其他处理", "2", "0", "0", "0", "0", "0", "2"])
    first, second = grid[:12], grid[12:]  # a page break in the middle of the table
    m = build_model(doc(para("三、收到和处理政府信息公开申请情况"), table_block(first),
                        para("- 3 -"), table_block(second)))
    assert m.tables["t3"]["other/total"] == 2
    assert m.tables["t3"]["carried_forward/total"] == 1
    assert not any(k.startswith("other.") for k in m.tables["t3"])
    assert "（六）其他处理 单行" in m.signals["2019"]


def test_short_row_is_a_table_problem_not_a_guess():
    grid = t3_grid()
    grid[3] = [grid[3][0], "3", "3"]  # received with only two numbers
    m = build_model(doc(table_block(grid)))
    assert "received/natural" not in m.tables["t3"]
    assert any("只有 2 个数值" in p.reason for p in m.table_problems)


def test_blank_and_placeholder_cells_are_kept_distinct():
    grid = t3_grid()
    grid[3] = [grid[3][0], "", "—", "0", "/", "无", "\xa0", "3"]
    m = build_model(doc(table_block(grid)))
    t3 = m.tables["t3"]
    assert [t3[f"received/{c}"] for c in T.T3_COLUMNS] == [None, "—", 0, "/", "无", None, 3]
    loc = m.locations["t3/received/total"]
    assert (loc["line"], loc["page"]) == (None, None)
    assert {k: loc["cell"][k] for k in ("column_label", "table", "row", "column")} == {
        "column_label": "总计", "table": 1, "row": 4, "column": 8}


def test_spanned_value_counts_once():
    grid = [[Cell(x) for x in row] for row in t3_grid()]
    row = grid[3]
    grid[3] = [row[0], row[1], row[2], Cell(row[2].text, spanned=True), *row[3:]]  # colspan=2
    m = build_model(doc(table_block(grid)))
    assert [m.tables["t3"][f"received/{c}"] for c in T.T3_COLUMNS] == [1, 0, 0, 0, 0, 0, 1]


def test_run_together_cells_are_unmappable():
    m = build_model(doc(para("三、收到和处理政府信息公开申请情况"),
                        para("一、本年新收政府信息公开申请数量801000081")))
    assert m.tables["t3"] == {}
    assert [p.table for p in m.table_problems] == ["t3"]


def test_t4_and_t2_mapping():
    t4 = [["行政复议", "行政诉讼"],
          ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
          ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
          [str(i) for i in range(15)]]
    t2 = [["第二十条第（一）项"], ["信息内容", "本年度发件数", "本年废止件数", "现行有效件数"],
          ["规章", "1", "2", "3"], ["第二十条第（八）项"], ["信息内容", "票据工本费"],
          ["行政事业性收费", "1.5"]]
    m = build_model(doc(table_block(t2), table_block(t4)))
    assert m.tables["t4"]["counts/review.upheld"] == 0
    assert m.tables["t4"]["counts/suit_after_review.total"] == 14
    assert m.tables["t2"] == {"regulations/issued": 1, "regulations/repealed": 2,
                              "regulations/in_force": 3, "fees/amount": 1.5}
    assert m.headers["t2/fees/amount"] == "票据工本费"
    deviating = {(l.printed, l.key) for l in m.labels if l.kind == "column" and not l.exact}
    assert deviating == {("本年度发件数", "issued"), ("票据工本费", "amount")}


def test_run_together_paragraph_is_cut_at_section_headings():
    text = ("本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。一、总体情况2021年，我区推进政务公开。"
            "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数三、收到和处理政府信息公开申请情况"
            "一、本年新收政府信息公开申请数量640020470 四、政府信息公开行政复议、行政诉讼情况 行政复议"
            "五、存在的主要问题及改进情况（一）存在的主要问题。六、其他需要报告的事项无。" + "。" * 200)
    m = build_model(doc(para(text, 3)))
    assert [s.number for s in m.sections] == [1, 2, 3, 4, 5, 6]
    assert all(s.line == 3 for s in m.sections)
    assert m.sections[0].text == "2021年,我区推进政务公开。"
    assert "t3" in {p.table for p in m.table_problems}


def test_numbers_without_a_row_label_are_a_table_problem():
    grid = t3_grid()
    grid.insert(5, ["", "2", "0", "0", "0", "0", "0", "2"])  # label printed on a line of its own
    m = build_model(doc(table_block(grid)))
    assert [p.reason for p in m.table_problems] == ["1 行数值没有行标签，无法对应到模板的行"]
    assert [l.values for l in m.labels if l.key is None] == [[None, 2, 0, 0, 0, 0, 0, 2]]


def test_download_statement_without_the_word_report():
    sentence, urls = find_download(P("详见县政府(www.hnsn.gov.cn)政府信息公开专栏下载。"))
    assert urls == ["www.hnsn.gov.cn"]
    assert find_download(P("全年网站访问量12万次。")) == (None, [])
