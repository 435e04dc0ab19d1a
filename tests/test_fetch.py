"""``xxgk-audit fetch`` against the recorded portal (tests/portal.py) on 127.0.0.1: the manifest
rows, the files, the politeness (request log), resumption, and ``check --manifest`` on the
fetched folder."""
from __future__ import annotations

import csv
import hashlib
import json
import re

import pytest
from click.testing import CliRunner

from audit import __version__
from audit.cli import main
from portal import COLUMN_A, COLUMN_B, PDF, Portal

pytest.importorskip("httpx")

DELAY, TIMEOUT = 0.05, 0.3
A = "/xxgk/zfxxgknb/"
# The order a polite sequential crawl asks in: robots.txt first, each list page followed by the
# reports it lists, the script pager's page after page 1's reports, then the 下一页 column.
ORDER = ["/robots.txt", COLUMN_A, A + "202301/t20230120_101.html", A + "202101/t20210125_102.html",
         A + "index_1.html", A + "202401/t20240118_104.html", A + "202401/P020240118579.pdf",
         A + "202301/t20230130_105.html", COLUMN_B, "/bmxxgk/nb/moved.html",
         "/bmxxgk/nb/gone.html", "/bmxxgk/nb/list-p2.html", "/bmxxgk/nb/slow.html",
         "/bmxxgk/nb/202401/t20240120_201.html"]


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """The client honours proxy variables (offices sit behind proxies); the portal is local."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def portal():
    with Portal(slow=TIMEOUT * 4) as p:
        yield p


def fetch(portal, out, *extra):
    result = CliRunner().invoke(main, ["fetch", portal.url(COLUMN_A), portal.url(COLUMN_B),
                                       "--out", str(out), "--delay", str(DELAY),
                                       "--timeout", str(TIMEOUT), *extra],
                                catch_exceptions=False)
    with open(out / "manifest.csv", encoding="utf-8-sig", newline="") as fh:
        return result, list(csv.DictReader(fh))


def test_manifest_rows_and_files(portal, tmp_path):
    result, rows = fetch(portal, tmp_path)
    assert result.exit_code == 0, result.output
    host = f"127.0.0.1_{portal.port}"
    got = [(r["path"], r["agency"], r["year"], r["published"], r["url"].replace(portal.url(""), ""))
           for r in rows]
    assert got == [
        (f"{host}{A}202301/t20230120_101.html", "示例县人民政府", "2022", "2023-01-20", A + "202301/t20230120_101.html"),
        (f"{host}{A}202101/t20210125_102.html", "示例县人民政府", "2020", "2021-01-25", A + "202101/t20210125_102.html"),
        ("", "示例县财政局", "2023", "2024-01-10", "/private/zfxxgknb/t20240110_103.html"),
        # the page only links the PDF: the PDF is the report, the page its context
        (f"{host}{A}202401/P020240118579.pdf", "示例县人民政府", "2023", "2024-01-18", A + "202401/P020240118579.pdf"),
        (f"{host}{A}202301/t20230130_105.html", "示例县教育局", "2022", "2023-01-30", A + "202301/t20230130_105.html"),
        ("", "示例县卫生健康委员会", "2022", "2023-01-29", "/bmxxgk/nb/moved.html"),
        ("", "示例县民政局", "2022", "2023-01-30", "/bmxxgk/nb/gone.html"),
        ("", "示例县水利局", "2022", "2023-01-31", "/bmxxgk/nb/slow.html"),
        # no date beside the entry in the list: the page's own 发布日期
        (f"{host}/bmxxgk/nb/202401/t20240120_201.html", "示例县交通运输局", "2023", "2024-01-20",
         "/bmxxgk/nb/202401/t20240120_201.html"),
    ]
    errors = [r["fetch_error"] for r in rows]
    assert [bool(e) for e in errors] == [False, False, True, False, True, True, True, True, False]
    assert "robots.txt 不允许抓取" in errors[2]
    assert "脚本加载" in errors[4]
    assert f"站外地址 http://localhost:{portal.port}/nb/" in errors[5] and "--follow-offsite" in errors[5]
    assert "HTTP 404" in errors[6] and "超时" in errors[7]
    pdf_row = rows[3]
    assert pdf_row["page"] == f"{host}{A}202401/t20240118_104.html"
    assert pdf_row["page_url"] == portal.url(A + "202401/t20240118_104.html")
    assert pdf_row["title"] == "示例县人民政府2023年政府信息公开工作年度报告"
    assert (tmp_path / pdf_row["path"]).read_bytes() == PDF.read_bytes()
    for row in rows:
        if row["path"]:
            data = (tmp_path / row["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == row["sha256"]
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row["retrieved"])
    # pages are saved byte for byte (the GBK page stays GBK: the reader decodes it)
    gbk = (tmp_path / rows[1]["path"]).read_bytes()
    assert gbk == portal.routes[A + "202101/t20210125_102.html"][2] and b'charset="gbk"' in gbk
    # list pages are kept out of the way of `check DIR`
    assert (tmp_path / ".fetch" / host / "xxgk/zfxxgknb/index_1.html").exists()
    assert "9 report(s) listed, 5 not checkable; 10 file(s) downloaded" in result.stderr


def test_politeness(portal, tmp_path):
    fetch(portal, tmp_path)
    log = portal.log
    assert [h.path for h in log] == ORDER  # nothing forbidden, no script, no sidebar link
    assert {h.host for h in log} == {f"127.0.0.1:{portal.port}"}  # the off-site hop not taken
    assert all(h.agent.startswith(f"xxgk-audit/{__version__} ") for h in log)
    gaps = [b.t - a.t for a, b in zip(log, log[1:])]
    assert min(gaps) >= DELAY
    slow = ORDER.index("/bmxxgk/nb/slow.html")
    # the next request waited for the client to give up on the slow page (the server notes a
    # request's arrival a little after the client sent it, more so on a loaded machine)
    assert gaps[slow] >= TIMEOUT / 2


def test_second_run_fetches_nothing_new(portal, tmp_path):
    _, first = fetch(portal, tmp_path)
    portal.log.clear()
    result, second = fetch(portal, tmp_path)
    assert second == first  # same rows, same files, same retrieval times
    asked = {h.path: h for h in portal.log}
    assert [h.path for h in portal.log if h.status == 200] == ["/robots.txt", "/bmxxgk/nb/slow.html"]
    saved = [p for p in ORDER if p not in ("/robots.txt", "/bmxxgk/nb/moved.html",
                                           "/bmxxgk/nb/gone.html", "/bmxxgk/nb/slow.html")]
    assert all(asked[p].conditional and asked[p].status == 304 for p in saved)
    assert "0 file(s) downloaded, 10 unchanged" in result.stderr
    # a saved file changed by hand is fetched again, unconditionally
    (tmp_path / first[0]["path"]).write_bytes(b"edited")
    portal.log.clear()
    _, third = fetch(portal, tmp_path)
    hit = next(h for h in portal.log if h.path.endswith("t20230120_101.html"))
    assert (hit.status, hit.conditional) == (200, False)
    assert third[0]["sha256"] == first[0]["sha256"]


def test_check_manifest_on_the_fetched_folder(portal, tmp_path):
    _, rows = fetch(portal, tmp_path)
    result = CliRunner().invoke(main, ["check", "--manifest", str(tmp_path / "manifest.csv"),
                                       "--format", "json", "--jobs", "1", "--timeout", "0",
                                       "--summary", str(tmp_path / "summary.csv")],
                                catch_exceptions=False)
    reports = json.loads(result.stdout)["reports"]
    assert len(reports) == len(rows) == 9
    for rep, row in zip(reports, rows):
        e901 = [f for f in rep["findings"] if f["rule"] == "E901"]
        assert bool(e901) == bool(row["fetch_error"])
        if row["fetch_error"]:
            assert row["fetch_error"] in e901[0]["message"]
        assert rep["manifest"]["published"] == row["published"]
    with open(tmp_path / "summary.csv", encoding="utf-8-sig", newline="") as fh:
        summary = list(csv.DictReader(fh))  # the reason reaches the office's spreadsheet
    assert [s["fetch_error"] for s in summary] == [r["fetch_error"] for r in rows]
    pdf = reports[3]
    assert pdf["format"] == "pdf" and pdf["report_year"] == 2023 and pdf["agency"]
    read = [(r["format"], r["report_year"], r["template"]) for r in reports
            if not any(f["rule"] == "E901" for f in r["findings"])]
    assert read == [("html", 2022, "2021"), ("html", 2020, "2019"), ("pdf", 2023, "2021"),
                    ("html", 2023, "2021")]


def test_follow_offsite_takes_the_hop(portal, tmp_path):
    _, rows = fetch(portal, tmp_path, "--follow-offsite")
    moved = next(r for r in rows if r["url"].endswith("moved.html"))
    assert "HTTP 404" in moved["fetch_error"]  # followed to localhost, which has no such page
    assert f"localhost:{portal.port}" in {h.host for h in portal.log}
    assert [h.path for h in portal.log if h.host.startswith("localhost")] == ["/robots.txt", "/nb/t20230129_1.html"]


def test_size_limit(portal, tmp_path):
    from audit.fetch.crawl import Options, fetch as run_fetch

    out = run_fetch([portal.url(COLUMN_A)], str(tmp_path), Options(DELAY, TIMEOUT, max_bytes=8000))
    by_url = {r["url"].rsplit("/", 1)[-1]: r for r in out.rows}
    assert "上限" in by_url["t20230120_101.html"]["fetch_error"]  # a whole report page is larger
    assert "上限" in by_url["P020240118579.pdf"]["fetch_error"]  # and so is the PDF
    assert "附件" in by_url["P020240118579.pdf"]["fetch_error"]
    assert not list(tmp_path.glob("127.0.0.1_*/**/*.pdf"))


def test_not_a_url_is_refused(tmp_path):
    result = CliRunner().invoke(main, ["fetch", "portal/index.html", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "not an http(s) URL" in result.stderr


def test_an_unreachable_column_is_exit_status_1(tmp_path):
    with Portal() as p:
        url = p.url("/nothing/index.html")
    result, rows = fetch_one(url, tmp_path)
    assert result.exit_code == 1 and rows == []
    assert "list page" in result.stderr


def fetch_one(url, out):
    result = CliRunner().invoke(main, ["fetch", url, "--out", str(out), "--delay", "0",
                                       "--timeout", str(TIMEOUT)], catch_exceptions=False)
    with open(out / "manifest.csv", encoding="utf-8-sig", newline="") as fh:
        return result, list(csv.DictReader(fh))


def test_a_list_linking_the_pdf_itself(portal, tmp_path):
    portal.routes["/bmxxgk/nb/list.html"] = (200, {"Content-Type": "text/html"}, (
        '<html><head><meta charset="utf-8"></head><body><ul><li><a href="/xxgk/zfxxgknb/202401/'
        'P020240118579.pdf">示例县人民政府2023年政府信息公开工作年度报告</a> 2024-01-19</li></ul>'
        "</body></html>").encode("utf-8"))
    result, rows = fetch_one(portal.url(COLUMN_B), tmp_path)
    (row,) = rows
    assert row["path"].endswith("P020240118579.pdf") and row["page"] == "" and not row["fetch_error"]
    assert (row["agency"], row["year"], row["published"]) == ("示例县人民政府", "2023", "2024-01-19")


def test_a_site_whose_robots_txt_fails_is_not_crawled(portal, tmp_path):
    portal.routes["/robots.txt"] = (503, {"Content-Type": "text/plain"}, b"busy")
    result, rows = fetch_one(portal.url(COLUMN_A), tmp_path)
    assert result.exit_code == 1 and rows == []
    assert [h.path for h in portal.log] == ["/robots.txt"]
    assert "robots.txt 无法获取或拒绝访问" in result.stderr
