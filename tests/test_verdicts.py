"""Verdicts a user must be able to trust (issue 9): what kind of document this is (S109), the
same section headings from every reader, contact details shaped like contact details, and the
issuing body from the title, the 发布机构 box, the publishing sentence or the signature — never
a pronoun or a clause. Each case is a real-shaped opening, tested on both sides of its boundary."""
from __future__ import annotations

import pytest

from audit.checks.engine import check_model
from audit.checks.packs import default_pack
from audit.model.agency import agency_from_sentence, agency_from_signature, valid_agency
from audit.model.build import build_model
from audit.model.facts import find_contact, find_title
from audit.read import read_bytes

CITES = ("根据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉"
         "的通知》（国办公开办函〔2021〕30号）要求，编制本报告。")
NOTICE_TITLE = "国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知"
ADDRESSEE = "各省、自治区、直辖市人民政府办公厅，国务院各部委、各直属机构办公厅（室）："


def model_of(text: str, fmt: str = "text"):
    return build_model(read_bytes(text.encode("utf-8"), fmt))


def outcomes(model):
    return check_model(model, default_pack())["outcomes"]


def P(*lines):
    return [(x, i + 1, None) for i, x in enumerate(lines)]


# --- S109: a report title and one heading make a report ---------------------------------------

def test_short_report_citing_the_notice_is_a_report_with_s101_not_s109():
    m = model_of(f"清水县人民政府2021年政府信息公开工作年度报告\n{CITES}\n一、总体情况\n")
    assert m.kind == "report"
    out = outcomes(m)
    assert out["S109"] == "pass" and out["S101"] == "fail"


def test_title_run_into_the_first_heading_is_a_report():
    m = model_of("清水县人民政府2019年政府信息公开工作年度报告 一、总体情况 2019年，清水县人民政府认真贯彻落实《条例》。")
    assert m.kind == "report"
    assert m.title == "清水县人民政府2019年政府信息公开工作年度报告"
    assert [s.number for s in m.sections] == [1]
    assert outcomes(m)["S109"] == "pass"


def test_without_a_title_or_heading_the_citation_alone_is_not_the_notice():
    m = model_of(CITES)
    assert m.kind == "unknown"  # nothing to recognise a report by, but never "the notice"
    assert "通知" not in m.kind_reason


@pytest.mark.parametrize("head", [NOTICE_TITLE, ADDRESSEE])
def test_the_notice_is_recognised_by_its_own_title_or_addressee(head):
    m = model_of(f"{head}\n现将修订后的《中华人民共和国政府信息公开工作年度报告格式》印发给你们，请认真贯彻执行。\n")
    assert m.kind == "letter" and "通知" in m.kind_reason
    assert outcomes(m)["S109"] == "fail"


def test_the_notice_with_its_format_attached():
    m = model_of("国办公开办函〔2021〕30号\n中华人民共和国\n政府信息公开工作年度报告格式\n"
                 "年度报告内容，要严格按照《条例》第五十条的规定编写。\n")
    assert m.kind == "letter"


def test_news_article_stays_news_but_a_report_with_news_words_and_sections_does_not():
    news = model_of("本报讯 近日，江苏省人民政府办公厅发布2023年政府信息公开工作年度报告。\n报告显示……\n")
    assert news.kind == "news"
    full = "\n".join(["示例县人民政府2023年政府信息公开工作年度报告", "据悉，本县推进政务公开。",
                      "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                      "四、政府信息公开行政复议、行政诉讼情况"])
    assert model_of(full).kind == "report"


# --- the same headings from every reader --------------------------------------------------------

TYPO = "四、政府信息公开行政法复议、行政诉讼情况"
BODY = ["示例县人民政府2021年政府信息公开工作年度报告", "一、总体情况", "本年度工作稳步推进。",
        "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        f"{TYPO} 本年度本机关未发生行政复议、行政诉讼案件。",
        "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_heading_with_a_typo_is_the_section_with_s103_in_every_reader(fmt):
    if fmt == "text":
        m = model_of("\n".join(BODY))
    else:
        m = model_of("<html><body>" + "".join(f"<p>{x}</p>" for x in BODY) + "</body></html>", "html")
    s4 = m.section(4)
    assert s4 is not None and s4.heading == TYPO and s4.text.startswith("本年度本机关未发生")
    result = check_model(m, default_pack())
    assert result["outcomes"]["S101"] == "pass"
    assert [f["rule"] for f in result["findings"] if f["rule"] == "S103"] == ["S103"]


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_a_heading_alone_on_its_line_with_a_typo_is_the_section(fmt):
    body = [x if not x.startswith("五、") else "五、存在的主要向题及改进情况" for x in BODY]
    text = "\n".join(body)
    m = model_of(text) if fmt == "text" else model_of(
        "<html><body>" + "".join(f"<p>{x}</p>" for x in body) + "</body></html>", "html")
    assert [s.number for s in m.sections] == [1, 2, 3, 4, 5, 6]
    assert m.section(5).heading == "五、存在的主要向题及改进情况"


def test_table_3_row_labels_stay_out_of_the_headings():
    m = model_of("\n".join([BODY[0], "一、总体情况", "四、结转下年度继续办理", "三、本年度办理结果",
                            "二、上年结转政府信息公开申请数量"]))
    assert [s.number for s in m.sections] == [1]


def test_a_paragraph_that_only_mentions_a_title_is_no_heading():
    m = model_of("\n".join([BODY[0], "一、总体情况", "四、政府信息公开工作取得的成效还需巩固，行政复议工作稳步推进。"]))
    assert [s.number for s in m.sections] == [1]


# --- contact values shaped like contact values -------------------------------------------------

def test_narrative_about_published_contact_details_is_no_address():
    assert find_contact(P("及时发布调整后的机关职能、机构设置、办公地址、联系方式等信息。")) is None
    c = find_contact(P("及时发布调整后的办公地址、联系方式等信息。", "联系地址：清水县城关镇人民路8号，联系电话：0938-1234567。"))
    assert c.address == "清水县城关镇人民路8号" and c.phone == ["0938-1234567"]


def test_report_with_only_the_narrative_fails_c401():
    m = model_of("\n".join([BODY[0], "一、总体情况", "及时发布调整后的机关职能、机构设置、办公地址、联系方式等信息。"]))
    assert m.contact is None
    assert outcomes(m)["C401"] == "fail"


# --- the issuing body ---------------------------------------------------------------------------

@pytest.mark.parametrize("opening, agency", [
    ("根据《条例》规定，现将莲湖区西关街道办事处2024年度政府信息工作年度报告予以公开。", "莲湖区西关街道办事处"),
    ("根据《条例》要求，现公布朝阳市自然资源局2025年度政府信息公开工作报告。", "朝阳市自然资源局"),
    ("现特向社会公布2024年度如皋市市场监督管理局信息公开工作年度报告。", "如皋市市场监督管理局"),
    ("本报告由淮安市人民政府办公室根据《条例》规定编制。", "淮安市人民政府办公室"),
    ("根据《条例》规定，现公布我局2024年政府信息公开工作年度报告。", None),  # a pronoun
    ("本年度报告由我局根据《条例》编制。", None),
    ("由区委副书记、区长担任组长，区政府办公室负责编制。", None),  # a clause, no body
])
def test_agency_from_the_publishing_sentence(opening, agency):
    assert agency_from_sentence(opening) == agency


def test_agency_from_a_title_line_and_from_the_line_above_the_title():
    assert find_title(P("高平市人民政府办公室2023年政府信息公开工作年度报告"))[2] == "高平市人民政府办公室"
    assert find_title(P("淮安市人民政府", "2024年政府信息公开工作年度报告", "本报告由…"))[2] == "淮安市人民政府"
    assert find_title(P("2024年政府信息公开工作年度报告", "一、总体情况"))[2] is None


def test_agency_from_the_signature_and_never_a_pronoun():
    assert agency_from_signature(P("六、其他需要报告的事项", "无。", "清水县人民政府办公室", "2025年1月20日")) == "清水县人民政府办公室"
    assert agency_from_signature(P("六、其他需要报告的事项", "我局", "2025年1月20日")) is None
    assert agency_from_signature(P("下一步，我们将继续加强政务公开工作。")) is None
    assert valid_agency("我局") is None and valid_agency("本机关") is None
    assert valid_agency("规定,现将莲湖区西关街道办事处") is None


def test_agency_order_of_trust_title_then_box_then_sentence_then_signature():
    html = ("<html><body><table><tr><td>索引号：1</td><td>发布机构：清水县人民政府办公室</td></tr></table>"
            "<div class='content'><p>2024年政府信息公开工作年度报告</p>"
            "<p>根据《条例》，现公布清水县发展和改革局2024年政府信息公开工作年度报告。</p>"
            "<p>一、总体情况</p><p>本年度工作稳步推进。</p><p>清水县信息中心</p><p>2025年1月20日</p></div></body></html>")
    assert model_of(html, "html").agency == "清水县人民政府办公室"  # the box beats the sentence
    text = ("2024年政府信息公开工作年度报告\n根据《条例》，现公布清水县发展和改革局2024年政府信息公开工作年度报告。\n"
            "一、总体情况\n本年度工作稳步推进。\n清水县信息中心\n2025年1月20日\n")
    assert model_of(text).agency == "清水县发展和改革局"  # the sentence beats the signature
    signed = "2024年政府信息公开工作年度报告\n一、总体情况\n本年度工作稳步推进。\n清水县信息中心\n2025年1月20日\n"
    assert model_of(signed).agency == "清水县信息中心"
    assert model_of("2024年政府信息公开工作年度报告\n一、总体情况\n我局推进政务公开。\n").agency is None


# --- the pre-commit hook's --skip-non-reports ---------------------------------------------------

def test_skip_non_reports_skips_a_readme_but_fails_a_document_trying_to_be_a_report(tmp_path):
    from click.testing import CliRunner

    from audit.cli import main

    (tmp_path / "README.md").write_text("# 年度报告\n\n本仓库存放本机关历年的报告。\n", encoding="utf-8")
    (tmp_path / "news.txt").write_text("本报讯 近日，江苏省人民政府办公厅发布2023年政府信息公开工作年度报告。\n",
                                       encoding="utf-8")
    (tmp_path / "old.txt").write_text("清水县人民政府2016年政府信息公开工作年度报告\n一、概述\n", encoding="utf-8")
    runner = CliRunner()
    args = ["check", "--skip-non-reports", "--format", "json", str(tmp_path)]
    out = runner.invoke(main, args)
    assert out.exit_code == 1
    import json
    data = json.loads(out.stdout)
    assert data["skipped"] == [str(tmp_path / "README.md")] and data["summary"]["skipped"] == 1
    rules = {r["path"].rsplit("/", 1)[-1]: [f["rule"] for f in r["findings"]] for r in data["reports"]}
    assert rules["news.txt"] == ["S109"] and rules["old.txt"][0] == "S109" and len(rules) == 2
    assert "README.md: skipped, not a report" in out.stderr
    plain = runner.invoke(main, ["check", str(tmp_path / "README.md")])
    assert plain.exit_code == 1 and "S109" in plain.stdout  # without the flag: judged, not skipped
    text = runner.invoke(main, ["check", "--skip-non-reports", str(tmp_path)])
    assert "本次检查 3 个文件，跳过 1 个非报告文件" in text.stdout
