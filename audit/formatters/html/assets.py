"""Inline CSS, the small sorting script and the UI labels of the HTML report.

Everything is inline because the page must open from a file:// URL with no network: no web
fonts (the CJK font stack names fonts people have locally, WenQuanYi on Debian, YaHei on
Windows, PingFang on macOS), no script library, no url() in the CSS.
"""
from __future__ import annotations

CSS = """
:root{--err:#b71c1c;--err-bg:#ffd9d6;--warn:#8a5a00;--warn-bg:#fff0bf;--info:#0d47a1;
--info-bg:#dcebff;--na:#555;--na-bg:#ececec;--line:#c9ced6;--ink:#1d2330}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#f6f7f9;font:14px/1.55 "WenQuanYi Zen Hei",
"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif}
header.page{background:#24364f;color:#fff;padding:14px 24px}
header.page h1{margin:0;font-size:20px}
header.page p{margin:4px 0 0;opacity:.85}
main{padding:8px 24px 40px;max-width:1280px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;margin:16px 0;padding:12px 18px}
h2{font-size:17px;margin:4px 0 8px}
h3{font-size:15px;margin:16px 0 6px}
table{border-collapse:collapse;margin:6px 0}
th,td{border:1px solid var(--line);padding:3px 8px;vertical-align:top}
th{background:#eef1f5;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.sortable th{cursor:pointer;user-select:none;white-space:nowrap}
table.sortable th::after{content:" \\2195";color:#8a93a3}
table.sortable th[aria-sort=ascending]::after{content:" \\25B2";color:var(--ink)}
table.sortable th[aria-sort=descending]::after{content:" \\25BC";color:var(--ink)}
.badge{display:inline-block;white-space:nowrap;border-radius:10px;padding:0 8px;margin-right:6px;font-size:12px}
.sev-error .sev,.badge.error{background:var(--err-bg);color:var(--err)}
.sev-warning .sev,.badge.warning{background:var(--warn-bg);color:var(--warn)}
.sev-info .sev,.badge.info{background:var(--info-bg);color:var(--info)}
.badge.na{background:var(--na-bg);color:var(--na)}
.badge.ok{background:#dff3e4;color:#1b5e20}
td.zero{color:#9aa1ad}
td.count.error:not(.zero){color:var(--err);font-weight:700}
td.count.warning:not(.zero){color:var(--warn);font-weight:700}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0 8px}
dl.meta dt{color:#5b6472}
dl.meta dd{margin:0;word-break:break-all}
table.findings td.msg{max-width:520px;white-space:pre-line}
.snippet{display:block;color:#5b6472;font-size:12px}
.evidence{font-size:12px;color:#3a4350}
.evidence ul{margin:2px 0;padding-left:16px}
table.grid td.label{max-width:340px}
table.grid tr.group th{text-align:left;background:#f7f8fa}
table.grid td.indent{padding-left:22px}
table.grid td.blank{background:#f3f3f3}
table.grid td.text{color:#6a4c00;font-style:italic}
table.grid td.fail{position:relative}
table.grid td.fail-error{background:var(--err-bg);outline:2px solid var(--err);outline-offset:-2px}
table.grid td.fail-warning{background:var(--warn-bg);outline:2px solid var(--warn);outline-offset:-2px}
table.grid td.fail-info{background:var(--info-bg);outline:2px solid var(--info);outline-offset:-2px}
table.grid td.term{box-shadow:inset 0 0 0 2px #7b8aa3}
table.grid td.suspect{box-shadow:inset 0 0 0 3px #6a1b9a;font-weight:700}
table.grid td.suspect::before{content:"\2605";color:#6a1b9a;float:left;font-size:11px}
table.grid sup{color:var(--err);font-weight:700;margin-left:2px}
:target{animation:flash 1.6s ease-out}
@keyframes flash{from{background:#ffe066}}
.legend{font-size:12px;color:#5b6472}
.legend span{display:inline-block;padding:0 6px;margin-right:8px}
.legend .suspect{box-shadow:inset 0 0 0 3px #6a1b9a;border-radius:0}
.legend .term{box-shadow:inset 0 0 0 2px #7b8aa3;border-radius:0}
svg.chart text{font-size:12px;fill:var(--ink)}
svg.chart rect.error{fill:#d84a3a}
svg.chart rect.warning{fill:#e0a100}
svg.chart rect.info{fill:#3f7fd6}
details.outcomes summary{cursor:pointer;color:#3a4350}
details.outcomes code{margin-right:6px}
.muted{color:#5b6472}
details.explain summary{cursor:pointer;color:#24364f;font-size:12px;margin-top:4px}
div.explain{white-space:pre-line;font-size:12px;background:#f7f8fa;border-left:3px solid var(--line);padding:4px 8px}
"""

# Makes every table.sortable sortable by clicking (or Enter on) a header. Sorts on data-v when
# a cell has it (numbers, ISO years), else on the text; numeric when the header says
# data-type="num". Marks the table data-sortable="ready" so a test can tell the script ran
# (and was not blocked by the page's Content-Security-Policy).
JS = """
(function () {
  function key(cell, num) {
    var v = cell.getAttribute('data-v');
    if (v === null) { v = cell.textContent.trim(); }
    if (num) { var n = parseFloat(v); return isNaN(n) ? -Infinity : n; }
    return v;
  }
  function cmp(a, b) { return a < b ? -1 : (a > b ? 1 : 0); }
  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, i) {
      th.tabIndex = 0;
      th.setAttribute('aria-sort', 'none');
      function sort() {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        var num = th.getAttribute('data-type') === 'num';
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[i], num), y = key(b.cells[i], num);
          var c = num ? cmp(x, y) : String(x).localeCompare(String(y), 'zh-Hans-CN');
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); }
      });
    });
    table.setAttribute('data-sortable', 'ready');
  });
})();
"""

LABELS = {
    "zh": {
        "title": "政府信息公开工作年度报告检查结果", "overview": "总览", "report": "报告",
        "agency": "机关", "year": "年度", "template": "模板", "format": "格式",
        "error": "错误", "warning": "警告", "info": "提示", "not_assessable": "无法判断",
        "pass": "通过", "fail": "不通过", "chart": "最常不通过的规则（报告数）",
        "findings": "问题", "no_findings": "未发现问题", "rule": "规则", "severity": "级别",
        "location": "位置", "message": "说明", "evidence": "数据", "reported": "报告值",
        "computed": "计算值", "terms": "相关单元格", "outcomes": "各规则结果",
        "t2": "表二 主动公开政府信息情况", "explain": "规则说明",
        "t3": "表三 收到和处理政府信息公开申请情况",
        "t4": "表四 政府信息公开行政复议、行政诉讼情况", "item": "项目",
        "page": "第{}页", "section": "第{}部分", "line": "第{}行", "paragraph": "第{}段", "word_row": "第{}个表格第{}行", "reports_n": "{} 份报告",
        "generated": "由 xxgk-audit {} 生成", "suppressed": "基线隐藏 {} 项",
        "gone": "基线中已不再出现的问题（可从基线删除）", "tables_absent": "结果中未附表格数据，无法重绘表三、表四。",
        "legend_fail": "不通过的单元格", "legend_term": "参与计算的单元格", "legend_blank": "空白",
        "t4_review": "行政复议", "t4_suit": "行政诉讼", "none": "无",
        "suspect": "★ 改正此格可同时修复多处不平：现为 {}，应为 {}", "legend_suspect": "最可能填错的单元格",
        "previous": "上一年度报告", "unpaired": "未配对", "pairs": "跨年度配对（本年度 ← 上一年度）",
        "why_model": "同一发布机关且年度相邻", "why_manifest": "清单的 agency/year 列",
        "why_option": "--previous", "rollup": "汇总核对（--rollup）",
        "cell_at": "第{}张表第{}行第{}列", "table_at": "第{}张表", "ev_cell": "单元格",
        "ev_expected": "应为", "ev_suspect": "最可能出错", "ev_missing": "缺少的单元格",
        "ev_rows": "缺少的行", "ev_columns": "缺少的列", "ev_sums": "各合计应为", "ev_header": "表头",
        "ev_kind": "类型", "ev_reason": "原因", "ev_2019": "2019年格式特征",
        "ev_2021": "2021年格式特征", "ev_value": "值", "ev_start": "起", "ev_end": "止",
    },
    "en": {
        "title": "Disclosure report audit", "overview": "Overview", "report": "Report",
        "agency": "Agency", "year": "Year", "template": "Template", "format": "Format",
        "error": "Errors", "warning": "Warnings", "info": "Info", "not_assessable": "Not assessable",
        "pass": "pass", "fail": "fail", "chart": "Rules failing most (reports)",
        "findings": "Findings", "no_findings": "No findings", "rule": "Rule",
        "severity": "Severity", "location": "Location", "message": "Message",
        "evidence": "Evidence", "reported": "reported", "computed": "computed",
        "terms": "cells", "outcomes": "Outcome per rule",
        "t2": "Table 2: information disclosed proactively", "explain": "About this rule",
        "t3": "Table 3: requests received and handled",
        "t4": "Table 4: administrative review and litigation", "item": "Item",
        "page": "p. {}", "section": "section {}", "line": "line {}", "paragraph": "paragraph {}", "word_row": "Word table {} row {}", "reports_n": "{} reports",
        "generated": "Generated by xxgk-audit {}", "suppressed": "{} hidden by the baseline",
        "gone": "Baseline entries no longer found (can be removed)",
        "tables_absent": "The result carries no table values; tables 3 and 4 cannot be redrawn.",
        "legend_fail": "failing cell", "legend_term": "cell used in the check",
        "legend_blank": "blank", "t4_review": "Administrative review", "t4_suit": "Litigation",
        "none": "none", "legend_suspect": "most likely wrong cell",
        "suspect": "★ correcting this cell repairs several sums: now {}, expected {}",
        "previous": "Previous year's report", "unpaired": "Not paired",
        "pairs": "Pairs across years (this year ← previous year)",
        "why_model": "same issuing body, consecutive years",
        "why_manifest": "the manifest's agency/year columns", "why_option": "--previous",
        "rollup": "Roll-up (--rollup)",
        "cell_at": "table {} row {} col {}", "table_at": "table {}", "ev_cell": "cell",
        "ev_expected": "expected", "ev_suspect": "most likely wrong", "ev_missing": "missing cells",
        "ev_rows": "missing rows", "ev_columns": "missing columns", "ev_sums": "totals should be",
        "ev_header": "header", "ev_kind": "kind", "ev_reason": "reason",
        "ev_2019": "2019-format signs", "ev_2021": "2021-format signs", "ev_value": "value", "ev_start": "start", "ev_end": "end",
    },
}


def labels(lang: str) -> dict:
    return LABELS["en" if lang == "en" else "zh"]
