"""The page analysis of ``fetch`` on its own: list entries and their dates, the three pager
styles, report pages (full, attachment only, script shell), file names, the site test, and the
manifest ``fetch_error`` column that ``check`` turns into E901."""
from __future__ import annotations

from audit.fetch.client import in_site, site_of
from audit.fetch.pages import main_attachment, no_body_reason, parse_list, parse_report, sniff_kind
from audit.fetch.save import relative_path
from audit.run.manifest import load

LIST = "http://www.x.gov.cn/xxgk/nb/index.html"


def _html(body: str, charset: str = "utf-8") -> bytes:
    return (f'<html><head><meta charset="{charset}"></head><body>{body}</body></html>'
            .encode("gb18030" if charset == "gbk" else charset))


def test_list_entries_titles_and_dates():
    page = parse_list(_html(
        '<div class="menu"><a href="/xxgk/nb/">政府信息公开年报</a>'
        '<a href="/zw/2024.html">2024年政府工作报告</a></div>'
        '<ul><li><a href="a.html" title="甲局2023年政府信息公开工作年度报告">甲局2023年政府…</a>'
        '<span>2024年01月20日</span></li>'
        '<li><a href="/b.pdf">乙局2023年度信息公开年报</a> [2024.1.31]</li>'
        '<li><a href="c.html">丙局2022年政府信息公开工作年度报告</a></li></ul>'
        # the TRS list of a real portal: title and date in two <dd> of one <dl>
        '<dl><dd><a href="./202403/t20240308_1.htm" title="丁区2023年度政府信息公开工作年度报告">'
        "丁区2023年度政府信息公开工作年度报告</a></dd><dd>\n  2024-03-08\n</dd></dl>"), LIST)
    assert [(e.url, e.title, e.published) for e in page.entries] == [
        ("http://www.x.gov.cn/xxgk/nb/a.html", "甲局2023年政府信息公开工作年度报告", "2024-01-20"),
        ("http://www.x.gov.cn/b.pdf", "乙局2023年度信息公开年报", "2024-01-31"),
        ("http://www.x.gov.cn/xxgk/nb/c.html", "丙局2022年政府信息公开工作年度报告", None),
        ("http://www.x.gov.cn/xxgk/nb/202403/t20240308_1.htm", "丁区2023年度政府信息公开工作年度报告",
         "2024-03-08"),
    ]
    assert page.pagers == []


def test_three_pager_styles():
    trs = parse_list(_html('<script>createPageHTML(3, 0, "index", "html");</script>'), LIST)
    assert trs.pagers == ["http://www.x.gov.cn/xxgk/nb/index_1.html",
                          "http://www.x.gov.cn/xxgk/nb/index_2.html"]
    other = parse_list(_html("<script>createPageHTML('page_div',3, 1,'index','shtml',45);</script>"),
                       "http://www.x.gov.cn/nb/index_1.shtml")
    assert other.pagers == [
        "http://www.x.gov.cn/nb/index_2.shtml"]  # the page itself is not a further page
    nxt = parse_list(_html('<a href="list.jsp?page=2">下一页</a><a href="javascript:;">尾页</a>'), LIST)
    assert nxt.pagers == ["http://www.x.gov.cn/xxgk/nb/list.jsp?page=2"]
    numbered = parse_list(_html('<a href="index_1.html">2</a><a href="index_2.html">3</a>'
                                '<a href="/other/index_1.html">x</a>'), LIST)
    assert numbered.pagers == ["http://www.x.gov.cn/xxgk/nb/index_1.html",
                               "http://www.x.gov.cn/xxgk/nb/index_2.html"]


REPORT_TEXT = "<p>" + "本年度政府信息公开工作稳步推进。" * 40 + "</p>"


def test_report_pages():
    full = parse_report(_html('<div class="info">发布日期：2024-01-20</div><div class="article">'
                              f'{REPORT_TEXT}<a href="/f/附件.pdf">附件</a></div>', "gbk"), LIST)
    assert full.has_report and full.published == "2024-01-20"
    assert full.attachments == [("http://www.x.gov.cn/f/附件.pdf", "附件")]
    only = parse_report(_html('<h1>甲局2023年政府信息公开工作年度报告</h1><p>附件：'
                              '<a href="zn.docx">信息公开指南</a>'
                              '<a href="P1.pdf">甲局2023年政府信息公开工作年度报告.pdf</a></p>'), LIST)
    assert not only.has_report and only.title == "甲局2023年政府信息公开工作年度报告"
    assert main_attachment(only.attachments) == "http://www.x.gov.cn/xxgk/nb/P1.pdf"
    shell = parse_report(_html('<div id="app"></div><script>$.get("/api/a", f)</script>'), LIST)
    assert not shell.has_report and shell.scripts and shell.attachments == []
    empty = parse_report(_html("<p>该信息已过期。</p>"), LIST)
    assert not empty.has_report and not empty.scripts
    assert no_body_reason(empty) == "页面中没有报告正文，也没有 PDF/Word 附件链接"
    assert "脚本加载" in no_body_reason(shell)
    scans = parse_report(_html('<div class="article"><h1>甲局2023年报告</h1>'
                               '<img src="p1.jpg"><img src="p2.jpg"></div>'), LIST)
    assert not scans.has_report and no_body_reason(scans).startswith("页面正文是 2 张图片")


def test_sniff_and_file_names():
    assert sniff_kind(b"%PDF-1.7") == "pdf" and sniff_kind(b"<html>") == "html"
    assert sniff_kind(b"\xd0\xcf\x11\xe0rest") == "doc" and sniff_kind(b"x", "application/pdf") == "pdf"
    assert relative_path("http://www.x.gov.cn:8080/a/%E6%8A%A5%E5%91%8A.pdf") == "www.x.gov.cn_8080/a/报告.pdf"
    assert relative_path("http://x.gov.cn/nb/") == "x.gov.cn/nb/index.html"
    p2, p3 = (relative_path(f"http://x.gov.cn/list.jsp?page={n}", ".html") for n in (2, 3))
    assert p2 != p3 and p2.startswith("x.gov.cn/list_") and p2.endswith(".jsp.html")
    assert relative_path("http://x.gov.cn/../../etc/passwd") == "x.gov.cn/etc/passwd"
    assert relative_path("http://x.gov.cn/nb/index.html", hidden=True) == ".fetch/x.gov.cn/nb/index.html"


def test_site():
    assert site_of("https://www.X.gov.cn/a") == "x.gov.cn"
    assert in_site("http://files.x.gov.cn/a.pdf", {"x.gov.cn"})
    assert not in_site("http://x.gov.cn.evil.com/a", {"x.gov.cn"})
    assert not in_site("http://localhost:80/a", {"127.0.0.1:80"})


def test_manifest_error_column_is_e901_reason(tmp_path):
    (tmp_path / "page.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "m.csv").write_text("path,year,fetch_error\npage.html,2023,页面正文由脚本加载\n"
                                    ",2023,服务器返回 HTTP 404\nok.txt,2023,\n", encoding="utf-8")
    shell, missing, ok = load(str(tmp_path / "m.csv"))[0]
    assert shell.path == str(tmp_path / "page.html")
    assert shell.error == f"页面正文由脚本加载（清单 {tmp_path / 'm.csv'} 第 2 行）"
    assert missing.error.startswith("服务器返回 HTTP 404（清单")
    assert ok.error is None
