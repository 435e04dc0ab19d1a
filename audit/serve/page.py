"""The page of ``xxgk-audit serve``: a form to drop or pick one file, and the result below it.

The result is the HTML report's own section for one report (``formatters.html``: findings with
their evidence, t2/t3/t4 redrawn with the failing and the most likely wrong cells marked), plus
the verdict, the rule documentation under each finding, and what changed since the previous
file. The page is the report's shell with its style, and one more small script: it sends the
dropped file with ``fetch`` to the same ``/check`` the form posts to without JavaScript, and
swaps in the ``#result`` of the page that comes back, so both ways render the same thing.

The previous result travels with the page (a hidden field of the form), not in the server: the
server keeps nothing between two requests.
"""
from __future__ import annotations

import json
from html import escape

from ..checks.findings import report_fingerprints
from ..formatters.html.assets import CSS, labels
from ..formatters.html.page import policy, report_section, shell
from ..formatters.packmeta import rules_of
from ..run.runner import exit_status

TEXT = {
    "zh": {"title": "政府信息公开工作年度报告 自查", "sub": "文件只在本机检查，不会发送到任何网站。",
           "drop": "把报告拖到这里，或点击选择文件",
           "kinds": "Word（.docx）、PDF、网页（.html）或文本（.txt），最大 {}",
           "check": "检查", "lang": "语言", "profile": "检查方案", "busy": "正在检查 {} …",
           "fail": "不通过", "pass": "通过", "unreadable": "无法读取",
           "counts": "{}：{} 个错误，{} 个警告，{} 个提示",
           "too_large": "文件过大（{}）：此页面最多接受 {}。请确认没有选错文件；"
                        "年度报告通常不到 1 MB，图片过多时可删去图片后再试。",
           "refused": "无法检查", "no_file": "请选择一个文件。",
           "changes": "与上次检查的 {} 相比", "fixed": "已改正", "new": "新出现", "still": "仍存在",
           "offline": "无法连接到本机的检查服务（是否已经停止？）："},
    "en": {"title": "Check a disclosure report", "sub": "The file is checked on this computer "
           "and sent to no web site.", "drop": "Drop the report here, or click to pick a file",
           "kinds": "Word (.docx), PDF, web page (.html) or text (.txt), at most {}",
           "check": "Check", "lang": "Language", "profile": "Profile", "busy": "Checking {} …",
           "fail": "Fails", "pass": "Passes", "unreadable": "Cannot be read",
           "counts": "{}: {} errors, {} warnings, {} info",
           "too_large": "The file is too large ({}): this page takes at most {}. Check that it "
                        "is the right file; an annual report is usually under 1 MB, so remove "
                        "pictures and try again.",
           "refused": "Cannot check", "no_file": "Pick a file.",
           "changes": "Compared with the previous check of {}", "fixed": "fixed", "new": "new",
           "still": "still there",
           "offline": "The local checking service does not answer (has it stopped?): "},
}

SERVE_CSS = CSS + """
form.upload{display:flex;flex-wrap:wrap;gap:10px 18px;align-items:center}
label.drop{flex:1 1 100%;display:block;border:2px dashed #7b8aa3;border-radius:8px;padding:22px;
text-align:center;cursor:pointer;background:#fbfcfd}
label.drop.over{background:#e8f0ff;border-color:#24364f}
label.drop b{display:block;font-size:16px}
label.drop input{display:block;margin:10px auto 0}
.verdict h2{font-size:22px;margin:0}
.verdict.fail h2,.verdict.refused h2,.verdict.unreadable h2{color:var(--err)}
.verdict.pass h2{color:#1b5e20}
#changes ul{margin:4px 0;padding-left:20px}
"""

# Sends the picked or dropped file to the form's action and swaps in the #result of the page
# that comes back (DOMParser: the answer is parsed, not run; its CSP is this page's). A file over
# the limit is refused here already, without sending it. data-n counts finished checks so a test
# (or a screen reader, with aria-live) knows when the result is there.
SERVE_JS = """
(function () {
  var form = document.getElementById('upload-form'), input = document.getElementById('file');
  var drop = document.getElementById('drop'), result = document.getElementById('result');
  var limit = +form.getAttribute('data-limit'), n = 0;
  function note(kind, title, text) {
    result.innerHTML = '';
    var s = document.createElement('section'), h = document.createElement('h2');
    var p = document.createElement('p');
    s.id = 'verdict'; s.className = 'verdict ' + kind; s.setAttribute('data-verdict', kind);
    h.textContent = title; p.textContent = text; s.appendChild(h); s.appendChild(p);
    result.appendChild(s);
  }
  function done() { n += 1; result.setAttribute('data-n', String(n)); }
  function mb(size) { return (size / 1048576).toFixed(1) + ' MB'; }
  function send(file) {
    if (file.size > limit) {
      note('refused', form.getAttribute('data-refused'),
           form.getAttribute('data-too-large').replace('{}', mb(file.size)).replace('{}', mb(limit)));
      done(); return;
    }
    var data = new FormData(form);
    data.set('file', file, file.name);
    note('busy', form.getAttribute('data-busy').replace('{}', file.name), '');
    fetch(form.action, {method: 'POST', body: data}).then(function (r) { return r.text(); })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, 'text/html');
        var part = page.getElementById('result');
        result.innerHTML = part ? part.innerHTML : '';
        done();
      }, function (err) {
        note('refused', form.getAttribute('data-refused'), form.getAttribute('data-offline') + err);
        done();
      });
    input.value = '';  // picking the same (corrected) file again fires change again
  }
  input.addEventListener('change', function () { if (input.files.length) { send(input.files[0]); } });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (input.files.length) { send(input.files[0]); }
  });
  ['dragenter', 'dragover'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
  drop.addEventListener('drop', function (e) {
    e.preventDefault(); drop.classList.remove('over');
    if (e.dataTransfer.files.length) { send(e.dataTransfer.files[0]); }
  });
  document.getElementById('lang').addEventListener('change', function () {
    location.href = '/?lang=' + encodeURIComponent(this.value);
  });
  form.setAttribute('data-ready', 'yes');
})();
"""

# What the page may do besides showing itself: send the form and the fetch to this server. The
# header adds frame-ancestors (no other page may frame it), which a <meta> policy cannot carry.
CSP = policy(SERVE_CSS, SERVE_JS, "connect-src 'self'; form-action 'self'")
HEADER_CSP = CSP + "; frame-ancestors 'none'"


def texts(lang: str) -> dict:
    return TEXT["en" if lang == "en" else "zh"]


def megabytes(n: int) -> str:
    return f"{n / 1048576:.1f} MB"


def page(lang: str, profiles: list[str], profile: str, limit: int, result: str = "") -> str:
    """The whole page; ``result``: the HTML of a check (``result_html``/``refused_html``)."""
    lang = "en" if lang == "en" else "zh"
    T = texts(lang)
    langs = "".join(f'<option value="{v}"{" selected" if v == lang else ""}>{n}</option>'
                    for v, n in (("zh", "中文"), ("en", "English")))
    profs = "".join(f'<option{" selected" if p == profile else ""}>{escape(p)}</option>'
                    for p in profiles)
    data = {"limit": limit, "busy": T["busy"], "refused": T["refused"], "offline": T["offline"],
            "too-large": T["too_large"]}
    attrs = "".join(f' data-{k}="{escape(str(v))}"' for k, v in data.items())
    form = (f'<section><form id="upload-form" class="upload" method="post" action="/check?lang={lang}" '
            f'enctype="multipart/form-data"{attrs}>'
            f'<label class="drop" id="drop"><b>{escape(T["drop"])}</b>'
            f'<span class="muted">{escape(T["kinds"].format(megabytes(limit)))}</span>'
            f'<input type="file" name="file" id="file" '
            f'accept=".docx,.doc,.wps,.pdf,.html,.htm,.txt,.md"></label>'
            f'<label>{escape(T["lang"])} <select name="lang" id="lang">{langs}</select></label>'
            f'<label>{escape(T["profile"])} <select name="profile">{profs}</select></label>'
            f'<button type="submit">{escape(T["check"])}</button></form></section>')
    body = f'{form}<div id="result" aria-live="polite">{result}</div>'
    return shell(lang, T["title"], T["sub"], body, css=SERVE_CSS, js=SERVE_JS, csp=CSP)


def refused_html(lang: str, message: str) -> str:
    return (f'<section id="verdict" class="verdict refused" data-verdict="refused">'
            f'<h2>{escape(texts(lang)["refused"])}</h2><p>{escape(message)}</p></section>')


def _verdict(report: dict, result: dict, fail_on: str, T: dict) -> str:
    findings = report.get("findings") or []
    if any(str(f.get("rule", "")).startswith("E9") for f in findings):
        kind = "unreadable"
    else:
        kind = "fail" if exit_status(result, fail_on) else "pass"
    n = {s: sum(f.get("severity") == s for f in findings) for s in ("error", "warning", "info")}
    sub = T["counts"].format(report.get("path"), n["error"], n["warning"], n["info"])
    return (f'<section id="verdict" class="verdict {kind}" data-verdict="{kind}">'
            f'<h2>{escape(T[kind])}</h2><p>{escape(sub)}</p></section>')


def _state(report: dict) -> list[dict]:
    """What the next check compares with: each finding's fingerprint (computed without the
    path, so a corrected file saved under another name still matches), rule and message."""
    findings = report.get("findings") or []
    fps = report_fingerprints({"path": "", "findings": findings})
    return [{"fp": fp, "rule": f.get("rule"), "message": f.get("message")}
            for fp, f in zip(fps, findings)]


def _changes(previous: dict | None, now: list[dict], T: dict) -> str:
    if not previous:
        return ""
    before = {e.get("fp"): e for e in previous.get("findings") or [] if isinstance(e, dict)}
    after = {e["fp"]: e for e in now}
    groups = [("fixed", "ok", [e for fp, e in before.items() if fp not in after]),
              ("new", "error", [e for fp, e in after.items() if fp not in before]),
              ("still", "na", [e for fp, e in after.items() if fp in before])]
    badges = "".join(f'<span class="badge {c}" data-{k}="{len(es)}">{escape(T[k])} {len(es)}</span>'
                     for k, c, es in groups)
    lists = "".join(f'<ul class="{k}">' + "".join(
        f'<li data-rule="{escape(str(e.get("rule")))}"><span class="badge {c}">{escape(T[k])}</span>'
        f'<code>{escape(str(e.get("rule")))}</code> {escape(str(e.get("message") or ""))}</li>'
        for e in es) + "</ul>" for k, c, es in groups[:2] if es)
    title = T["changes"].format(previous.get("name") or "")
    return f'<section id="changes"><h2>{escape(title)}</h2><p>{badges}</p>{lists}</section>'


def parse_previous(text: str | None) -> dict | None:
    """The hidden field sent back by the page; anything malformed counts as no previous check."""
    try:
        value = json.loads(text or "null")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def result_html(result: dict, pack, lang: str, fail_on: str, explain: dict,
                previous: dict | None) -> str:
    """Verdict, changes since ``previous``, the report's section, and the state to send back."""
    T = texts(lang)
    report = result["reports"][0]
    rules = {r["code"]: r for r in rules_of(pack)}
    state = _state(report)
    keep = json.dumps({"name": report.get("path"), "findings": state}, ensure_ascii=False)
    return (_verdict(report, result, fail_on, T) + _changes(previous, state, T)
            + report_section(1, report, rules, labels(lang), lang, explain)
            + f'<input type="hidden" name="previous" form="upload-form" value="{escape(keep)}">')
