"""--manifest FILE.csv: the spreadsheet of reports an oversight office keeps, as Excel writes it."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from audit.cli import main
from audit.run.manifest import ManifestError, load, parse_date, parse_year

REPORT = """2023年度政府信息公开工作年度报告
本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。
一、总体情况
本年度工作稳步推进。
"""
NO_FACTS = "政府信息公开工作年度报告\n一、总体情况\n本年度工作稳步推进。\n"
CSV = "path,agency,year,published,region\r\nreports/a.txt,甲局,2023,2024/1/20,江苏\r\n"


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_excel_encodings(tmp_path, encoding):
    text = CSV.replace(",", "\t") if encoding == "utf-16" else CSV  # "Unicode 文本" is tab-separated
    (tmp_path / "m.csv").write_bytes(text.encode(encoding))
    entries, warnings = load(str(tmp_path / "m.csv"))
    assert warnings == []
    (e,) = entries
    assert e.path == str(tmp_path / "reports" / "a.txt")  # relative to the manifest's folder
    assert e.row == {"path": "reports/a.txt", "agency": "甲局", "year": "2023",
                     "published": "2024-01-20", "region": "江苏"}
    assert e.fill == {"report_year": 2023, "agency": "甲局", "published": "2024-01-20"}


def test_chinese_headers_blank_rows_duplicates_and_rows_without_path(tmp_path):
    (tmp_path / "m.csv").write_text(
        "\r\n文件路径,单位,年度,发布日期,备注,\r\n"
        "a.txt,甲局,2023年度,2024年1月20日,第一\r\n"
        ",,,,\r\n"
        "b.txt,乙局,,不详,\r\n"
        "./a.txt,重复,,,\r\n"
        ",丙局,2022,,没有路径\r\n", encoding="utf-8")
    entries, warnings = load(str(tmp_path / "m.csv"))
    assert [e.path for e in entries] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                                        f"{tmp_path / 'm.csv'}:7"]
    a, b, nopath = entries
    assert a.row["备注"] == "第一" and a.fill["report_year"] == 2023 and a.line == 3
    assert b.row["published"] == "不详" and "published" not in b.fill
    assert "没有填写文件路径" in nopath.error and nopath.fill == {"report_year": 2022, "agency": "丙局"}
    assert len(warnings) == 2
    assert "is not a date" in warnings[0] and "listed again" in warnings[1]


def test_parsers():
    assert parse_year("2023") == parse_year("2023.0") == parse_year("2023年") == 2023
    assert parse_year("二〇二三") is None and parse_year("23") is None
    assert parse_date("2024-01-20 00:00:00") == parse_date("2024.1.20") == "2024-01-20"
    assert parse_date("2024-02-30") is None and parse_date("") is None


def test_no_path_column_is_an_error(tmp_path):
    (tmp_path / "m.csv").write_text("文件,单位\n", encoding="utf-8")
    assert load(str(tmp_path / "m.csv"))[0] == []  # 文件 is an alias of path
    (tmp_path / "m.csv").write_text("name,agency\na.txt,甲局\n", encoding="utf-8")
    with pytest.raises(ManifestError, match='no "path" column.*found: name, agency'):
        load(str(tmp_path / "m.csv"))
    (tmp_path / "m.csv").write_bytes(b"\x81\x30")  # not UTF-8, and a truncated GB18030 sequence
    with pytest.raises(ManifestError, match="neither UTF-8, UTF-16, GBK"):
        load(str(tmp_path / "m.csv"))


def test_cli_malformed_or_missing_manifest_is_usage_error(cli, tmp_path):
    (tmp_path / "m.csv").write_text("name,agency\na.txt,甲局\n", encoding="utf-8")
    out = cli("check", "--manifest", "m.csv")
    assert out.exit_code == 2 and 'no "path" column' in out.output
    out = cli("check", "--manifest", "nope.csv")
    assert out.exit_code == 2 and "cannot read the manifest nope.csv" in out.output


def test_cli_manifest_rows_reach_reports(cli, tmp_path):
    d = tmp_path / "office"
    (d / "reports").mkdir(parents=True)
    (d / "reports" / "a.txt").write_text(REPORT, encoding="utf-8")
    (d / "reports" / "nofacts.txt").write_text(NO_FACTS, encoding="utf-8")
    (d / "m.csv").write_bytes(("path,agency,year,published,region\r\n"
                               "reports/a.txt,甲局,2021,2024-01-20,江苏\r\n"
                               "reports/gone.pdf,乙局,2023,,浙江\r\n"
                               "reports/nofacts.txt,丙局,2023,2024-02-01,安徽\r\n").encode("gbk"))
    out = cli("check", "--manifest", "office/m.csv", "office", "--format", "json", "--jobs", "1",
              "--summary", "s.csv")
    data = json.loads(out.stdout)
    paths = [r["path"] for r in data["reports"]]
    a, gone, nofacts = data["reports"]  # the folder's files are the manifest's: checked once
    assert paths == ["office/reports/a.txt", "office/reports/gone.pdf", "office/reports/nofacts.txt"]
    # The document's own year and agency win; the manifest fills only what it does not say.
    assert (a["report_year"], a["published"], a["from_manifest"]) == (2023, "2024-01-20", ["agency", "published"])
    assert a["manifest"] == {"path": "reports/a.txt", "agency": "甲局", "year": "2021",
                             "published": "2024-01-20", "region": "江苏"}
    assert [f["rule"] for f in gone["findings"]] == ["E901"]
    assert "文件不存在（清单 office/m.csv 第 3 行）" in gone["findings"][0]["message"]
    assert (gone["agency"], gone["report_year"]) == ("乙局", 2023)
    assert (nofacts["report_year"], nofacts["agency"]) == (2023, "丙局")
    assert set(nofacts["from_manifest"]) == {"report_year", "agency", "published"}
    # with the year known, the year-gated rules are judged instead of "报告年度未知"
    assert "报告年度未知" not in nofacts.get("reasons", {}).values()
    rows = (tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].endswith(",published,region") and rows[2].endswith(",浙江")
    assert len(rows) == 4
