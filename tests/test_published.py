"""P304's publication date: where it is read, and which source wins (model/dates.py, runner)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from audit.cli import main
from audit.model.dates import find_published, signature_date
from audit.model.build import extract_path

from corpus import corpus_file

REPORT = """{head}2023年度政府信息公开工作年度报告
本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。
一、总体情况
本年度工作稳步推进。
{tail}"""


def paras(*texts):
    return [(t, i + 1, None) for i, t in enumerate(texts)]


def test_sources_in_order():
    p = paras("某区2023年度报告", "2024-02-03 09:30", "正文", "某区人民政府办公室 2024年1月20日")
    assert find_published({"published": "2024-01-05"}, p) == ("2024-01-05", "page")
    assert find_published({}, p) == ("2024-02-03", "page")  # the date under the title
    q = paras("某区2023年度报告", "正文", "某区人民政府办公室", "二〇二四年一月二十日")
    assert find_published({"created": "2024-03-01", "modified": "2024-03-09"}, q) == ("2024-03-01", "pdf_created")
    assert find_published({"modified": "2024-03-09"}, q) == ("2024-03-09", "pdf_modified")
    assert find_published({}, q) == ("2024-01-20", "signature")
    assert find_published({}, paras("正文")) == (None, None)


def test_a_sentence_ending_in_a_date_is_no_signature():
    long = "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止，统计截至2023年12月31日"
    assert signature_date(paras("正文", long)) is None
    assert signature_date(paras("正文", "2024年13月40日")) is None  # not a date


def test_text_report_signature_then_manifest_then_option(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(REPORT.format(head="某区人民政府办公室", tail="某区人民政府办公室\n2024年2月20日\n"),
                                    encoding="utf-8")
    model = extract_path("a.txt")
    assert (model.published, model.published_source) == ("2024-02-20", "signature")

    def run(*args):
        out = CliRunner().invoke(main, ["check", "--format", "json", "--select", "P304", "--jobs", "1",
                                        *args], catch_exceptions=False)
        rep = json.loads(out.output)["reports"][0]
        return rep["published"], rep["published_source"], rep["outcomes"]["P304"]

    assert run("a.txt") == ("2024-02-20", "signature", "fail")
    (tmp_path / "m.csv").write_text("path,published\na.txt,2024-01-25\n", encoding="utf-8")
    assert run("--manifest", "m.csv") == ("2024-01-25", "manifest", "pass")
    assert run("--manifest", "m.csv", "--published", "2024-06-01") == ("2024-06-01", "option", "fail")


def test_message_names_the_weaker_pdf_source():
    from audit.checks.engine import Settings, check_model
    from audit.checks.packs import default_pack

    model = extract_path(str(corpus_file("002_")))  # 洪泽区 2023: only the PDF's own dates
    assert (model.published, model.published_source) == ("2024-02-26", "pdf_created")
    model.published = "2024-04-26"  # what a late file date would say
    res = check_model(model, default_pack(), Settings(enabled={"P304"}, lang="en"))
    (f,) = res["findings"]
    assert "creation date" in f["message"] and "weaker" in f["message"]
    assert f["evidence"]["source"] == "pdf_created" and f["evidence"]["level"] == "government"


def test_published_dates_one_report_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(REPORT.format(head="", tail=""), encoding="utf-8")
    out = CliRunner().invoke(main, ["check", "a.txt", "b.txt", "--published", "2024-01-20"])
    assert out.exit_code == 2 and "manifest's published column" in out.output
