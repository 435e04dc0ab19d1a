"""--format html: one self-contained page; checked as text, as a parsed tree, and rendered in
Debian chromium (DOM after scripts ran + a screenshot kept under artifacts/)."""
from __future__ import annotations

import base64
import hashlib
import re

import lxml.html
import pytest

import browser
from audit.formatters import html
from sample_results import BAD, PACK, result


@pytest.fixture(scope="module")
def page():
    return html.render(result(), PACK, {})


def _tree(text):
    return lxml.html.fromstring(text.encode("utf-8"))


def test_self_contained_no_urls(page):
    assert not re.search(r"https?:|//[a-z]|\bsrc=|url\(|@import|<link", page, re.I)
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', page))
    assert page.count("<script>") == 1 and page.count("<style>") == 1
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_document_text_is_escaped(page):
    assert "<script>alert(1)" not in page
    assert "淮安市&lt;script&gt;alert(1)&lt;/script&gt;人民政府, &quot;办公室&quot;" in page


def test_structure(page):
    t = _tree(page)
    assert t.get("lang") == "zh-CN"
    assert len(t.xpath('//table[contains(@class,"overview")]/tbody/tr')) == 4
    assert len(t.xpath('//section[@class="report"]')) == 4
    cell = t.xpath('//td[@data-cell="t3/received/total"]')[0]  # first report's t3
    assert "fail-error" in cell.get("class") and cell.get("data-rules") == "T203"
    assert "计算值 3153" in cell.get("title")
    assert t.xpath('//td[@data-cell="t3/received/natural"]')[0].get("class") == "num term"
    sus = t.xpath('//td[@data-cell="t3/carried_over/total"]')[0]
    assert sus.get("class") == "num term suspect" and "应为 2" in sus.get("title")
    assert "fail-warning" in t.xpath('//td[@data-cell="t3/granted/social"]')[0].get("class")
    # the finding links to its cell, and the cell's footnote back to the finding
    link = t.xpath('//tr[@id="r-1-f-1"]//a/@href')[0]
    assert link == "#" + cell.get("id")
    assert cell.xpath(".//a/@href") == ["#r-1-f-1"]
    assert {g.get("data-rule") for g in t.xpath("//svg//g")} == {"T203", "T206", "S101", "C404", "E901"}
    assert "表三 收到和处理政府信息公开申请情况" in page and "本年新收政府信息公开申请数量" in page


def test_english_and_no_tables():
    res = result(BAD)
    del res["reports"][0]["tables"]
    page = html.render(res, PACK, {"lang": "en"})
    assert '<html lang="en"' in page and "Findings" in page
    assert "cannot be redrawn" in page


def test_renders_in_chromium(page, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    shot = browser.screenshot(path, "html-report.png")
    dom = _tree(browser.dump_dom(path))
    # the inline script ran (its hash is in the CSP, so the browser allowed it)
    assert dom.xpath('//table[contains(@class,"overview")]/@data-sortable') == ["ready"]
    assert len(dom.xpath('//table[contains(@class,"overview")]/tbody/tr')) == 4
    assert dom.xpath('//td[@data-cell="t3/received/total"]/@data-rules')[0] == "T203"
    assert shot.stat().st_size > 20_000


def test_sorting_in_chromium(page, tmp_path):
    """Drive the real sorting script: a test-only script clicks the 错误 (errors) header twice
    (descending), then the 警告 header once. It is added to the page's CSP by hash, so the CSP
    still blocks anything else."""
    clicker = ("var th=function(k){return document.querySelector('th[data-key='+k+']')};"
               "th('error').click();th('error').click();"
               "document.body.setAttribute('data-after-error',"
               "[].map.call(document.querySelectorAll('table.overview tbody tr'),"
               "function(r){return r.getAttribute('data-report')}).join(','));"
               "th('warning').click();")
    digest = base64.b64encode(hashlib.sha256(clicker.encode()).digest()).decode()
    driven = page.replace("script-src ", f"script-src 'sha256-{digest}' ", 1)
    driven = driven.replace("</body>", f"<script>{clicker}</script></body>")
    path = tmp_path / "driven.html"
    path.write_text(driven, encoding="utf-8")
    dom = _tree(browser.dump_dom(path))
    # errors descending: reports 1, 3, 4 have one error each (stable order), report 2 none
    assert dom.xpath("//body/@data-after-error") == ["1,3,4,2"]
    rows = dom.xpath('//table[contains(@class,"overview")]/tbody/tr/@data-report')
    assert rows[-1] == "1"  # warnings ascending: the only report with warnings last
    assert dom.xpath('//th[@data-key="warning"]/@aria-sort') == ["ascending"]


def test_row_level_finding_highlights_its_listed_cells_only():
    """T206 reports "4 blank cells in this row" with the row as location and the cells as
    terms: the listed cells are highlighted, not the whole row."""
    res = result(BAD)
    f = res["reports"][0]["findings"][1]
    f["location"]["column"] = None
    f["evidence"] = {"terms": [{"cell": "t3/granted/social", "value": None},
                               {"cell": "t3/granted/legal", "value": None}]}
    t = _tree(html.render(res, PACK, {}))
    classes = {td.get("data-cell"): td.get("class") for td in t.xpath('//tr[@data-row="granted"]/td[@data-cell]')}
    assert "fail-warning" in classes["t3/granted/social"] and "fail-warning" in classes["t3/granted/legal"]
    assert "fail" not in classes["t3/granted/natural"]
    assert t.xpath('//tr[@id="r-1-f-2"]//a/@href') == ["#r-1-t3_granted_social"]
