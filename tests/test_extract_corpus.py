"""extract on the real reports of ../shared/corpus (skipped, saying why, when it is absent)."""
import pytest

from audit.model.build import extract_path
from corpus import corpus_file


@pytest.fixture(scope="module")
def seed():
    return extract_path(str(corpus_file("000_xining-chengzhong-district-2021.txt")))


def test_seed_report_cells(seed):
    t3, t4, t2 = seed.tables["t3"], seed.tables["t4"], seed.tables["t2"]
    assert t3["received/total"] == 3
    assert t3["results_total/total"] == 3
    assert t3["denied.third_party/total"] == 2
    assert len(t4) == 15 and set(t4.values()) == {0}
    assert t2["licensing/decisions"] == 8317
    assert len(t3) == 25 * 7  # every 2021 row, every column


def test_seed_report_facts(seed):
    assert (seed.period.start, seed.period.end) == ("2021-01-01", "2021-12-31")
    c = seed.contact
    assert (c.address, c.postcode, c.phone, c.fax, c.email) == (
        "西宁市城南新区新城大道166号", "810021", ["8246024"], ["8248334"], ["zhzhfb@163.com"])
    assert c.website == ["http://www.xncz.gov.cn"]
    assert seed.report_year == 2021 and seed.template == "2021" and seed.kind == "report"
    assert [s.number for s in seed.sections] == [1, 2, 3, 4, 5, 6]
    assert seed.headers["t2/fees/amount"] == "票据工本费"


# The period and contact fields each partial report's intro states (read by hand).
PARTIALS = {
    "101_partial_shanghai-municipal-2022.txt": (2022, ("2022-01-01", "2022-12-31"), {}),
    "103_partial_chongqing-qianjiang-district-2023.txt": (2023, ("2023-01-01", "2023-12-31"), {}),
    "105_partial_suining-chuanshan-district-office-2023.txt": (2023, ("2023-01-01", "2023-12-31"), {}),
    "107_partial_wuhan-hongshan-district-2023.txt": (2023, ("2023-01-01", "2023-12-31"), {}),
    "109_partial_rugao-samr-2024.txt": (2024, ("2024-01-01", "2024-12-31"), {"phone": ["0513—87615315"]}),
    "111_partial_fujian-provincial-samr-2024.txt": (2024, ("2024-01-01", "2024-12-31"), {}),
    "113_partial_yingtan-city-samr-2024.txt": (2024, None, {}),
    "115_partial_harbin-daoli-jingwei-street-2022.txt": (2022, ("2022-01-01", "2022-12-31"), {
        "address": "哈尔滨市道里区北安街27号", "postcode": "150016", "phone": ["0451-84545823"]}),
    "117_partial_chongqing-jiulongpo-erlang-street-2022.txt": (2022, ("2022-01-01", "2022-12-31"), {}),
    "119_partial_wuhan-qingshan-ganghuacun-street-2022.txt": (2022, ("2022-01-01", "2022-12-31"), {}),
    "121_partial_shandong-provincial-govt-office-2023.txt": (2023, ("2023-01-01", "2023-12-31"), {}),
    "123_partial_mirror_sichuan-provincial-govt-office-2023.txt": (2023, ("2023-01-01", "2023-12-31"), {}),
    "129_partial_shaoyang-suining-county-2019-oldstructure.txt": (2019, ("2019-01-01", "2019-12-31"), {}),
    "131_partial_longyou-dajie-township-2019-oldstructure.txt": (2019, ("2019-01-01", "2019-12-31"), {
        "postcode": "324403", "phone": ["0570-7077500"], "fax": ["7077500"]}),
    "133_partial_legacy_mirror_suzhou-anhui-city-2016.txt": (2016, ("2016-01-01", "2016-12-31"), {
        "address": "宿州市银河一路506号市政务中心B座107室", "postcode": "234000",
        "phone": ["0557-3022687"], "fax": ["0557-3022687"]}),  # 电话(传真):…
}


@pytest.mark.parametrize("name", sorted(PARTIALS))
def test_partial_reports_period_and_contact(name):
    year, period, contact = PARTIALS[name]
    m = extract_path(str(corpus_file(name)))
    assert m.report_year == year
    assert (m.period and (m.period.start, m.period.end)) == (period or None)
    stated = {} if m.contact is None else {
        k: v for k, v in vars(m.contact).items()
        if v and k in ("address", "postcode", "phone", "fax", "email")}
    assert stated == contact


def test_news_article_and_legacy_are_told_apart():
    news = extract_path(str(corpus_file("125_negative_news-article-about-jiangsu-govt-office-2023-report.txt")))
    assert news.kind == "news"
    legacy = extract_path(str(corpus_file("013_legacy_pingtan-county-2011.txt")))
    assert legacy.kind == "legacy" and legacy.report_year == 2011


def test_run_together_tables_are_unmappable_not_guessed():
    m = extract_path(str(corpus_file("007_pingtan-zone-2021.txt")))
    assert m.tables["t3"] == {}
    assert "t3" in {p.table for p in m.table_problems}


@pytest.mark.parametrize("name", ["005_pingtan-zone-2019.txt", "007_pingtan-zone-2021.txt"])
def test_sections_found_in_a_report_run_together_on_one_line(name):
    m = extract_path(str(corpus_file(name)))
    assert [s.number for s in m.sections] == [1, 2, 3, 4, 5, 6]
    assert m.sections[5].heading == "六、其他需要报告的事项"
    assert {p.table for p in m.table_problems} == {"t2", "t3", "t4"}


def test_documents_that_are_not_reports():
    notice = extract_path(str(corpus_file("reference/127_template-notice-guobangongkaibanhan-2021-30.txt")))
    assert notice.kind == "letter"
    readme = extract_path(str(corpus_file("README.md")))
    assert readme.kind == "unknown"
    # a report that cites the same notice in its intro is still a report
    cites = extract_path(str(corpus_file("113_partial_yingtan-city-samr-2024.txt")))
    assert cites.kind == "report"


@pytest.mark.parametrize("name", [
    "107_partial_wuhan-hongshan-district-2023.txt",   # 予以公开238件 in the narrative
    "109_partial_rugao-samr-2024.txt",
    "113_partial_yingtan-city-samr-2024.txt",         # a 索引号/发文机关 box rendered as a table
    "121_partial_shandong-provincial-govt-office-2023.txt",  # cites the format notice
])
def test_no_table_problem_or_wrong_kind_from_prose_and_metadata(name):
    m = extract_path(str(corpus_file(name)))
    assert m.table_problems == [] and m.kind == "report"
