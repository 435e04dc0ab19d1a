"""A recorded government portal, served on loopback, for ``xxgk-audit fetch``.

Two report columns of the fictional 示例县 site, built at start-up from the team's own reports
(``reportgen``) and the committed PDF fixture, in the styles real portals use:

- ``/xxgk/zfxxgknb/index.html``: a TRS-style list (``<li><a title>…</a><span>date</span>``)
  paged by a ``createPageHTML(2, 0, "index", "html")`` script (page 2 is ``index_1.html``). It
  lists a Word-pasted report page, a GBK report page, a report under ``/private/`` (robots.txt
  forbids it), a page whose body is only a PDF attachment link, and a CMS shell whose content a
  script would load.
- ``/bmxxgk/nb/list.html``: a table list paged by a ``下一页`` link, listing a page that
  redirects off site, a 404, a page slower than the client's timeout, and a department report
  whose list entry has no date (the page's own 发布日期 is used).

Every response carries an ETag (the PDF a Last-Modified instead) and conditional requests are
answered 304, as real CMSs do. Every request is logged (time, path, headers, status) for the
politeness assertions. Run ``python tests/portal.py [--port 8765]`` to serve it by hand.
"""
from __future__ import annotations

import hashlib
import html
import random
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
PDF = HERE / "fixtures" / "pdf" / "chromium-2023-county-2021format.pdf"
PDF_MODIFIED = "Thu, 18 Jan 2024 08:00:00 GMT"
ROBOTS = "User-agent: *\nDisallow: /private/\n"
COLUMN_A = "/xxgk/zfxxgknb/index.html"
COLUMN_B = "/bmxxgk/nb/list.html"


def _page(title: str, body: str, head: str = "") -> bytes:
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}'
            f"_示例县人民政府</title>{head}</head><body>\n"
            '<div class="nav"><a href="/">首页</a> &gt; <a href="/xxgk/">政务公开</a> &gt; '
            '<a href="/xxgk/zfxxgknb/index.html">政府信息公开年报</a></div>\n'
            f"{body}\n"
            '<div class="sidebar"><a href="/zwgk/2024zfgzbg.html">2024年政府工作报告</a> '
            '<a href="/xxgk/zfxxgkzn.html">政府信息公开指南</a></div>\n'
            '<div class="footer">主办：示例县人民政府办公室 网站标识码 0000000000</div>'
            "</body></html>").encode("utf-8")


def _li(href: str, title: str, date: str) -> str:
    short = title if len(title) <= 20 else title[:20] + "…"  # lists truncate, the title= keeps all
    return f'<li><a href="{href}" title="{html.escape(title)}" target="_blank">{html.escape(short)}</a><span class="date">{date}</span></li>'


def _tr(href: str, title: str, date: str) -> str:
    return f'<tr><td><a href="{href}">{html.escape(title)}</a></td><td>{date}</td></tr>'


def _report(agency: str, year: int, seed: int, **noise) -> bytes:
    from reportgen import Noise, consistent_values, render_html

    r = consistent_values(random.Random(seed), "2019" if year < 2021 else "2021")
    r.agency, r.year = agency, year
    return render_html(r, Noise(**noise))


def build() -> dict:
    """path -> (status, headers, body); ``slow`` and ``offsite`` are marked for the handler."""
    a1 = "示例县人民政府2022年政府信息公开工作年度报告"
    a2 = "示例县人民政府2020年政府信息公开工作年度报告"
    a3 = "示例县财政局2023年政府信息公开工作年度报告"
    a4 = "示例县人民政府2023年政府信息公开工作年度报告"
    a5 = "示例县教育局2022年政府信息公开工作年度报告"
    list_a1 = ('<ul class="list">' + _li("./202301/t20230120_101.html", a1, "2023-01-20")
               + _li("./202101/t20210125_102.html", a2, "2021-01-25")
               + _li("/private/zfxxgknb/t20240110_103.html", a3, "2024-01-10") + "</ul>"
               '<div class="page"><script>createPageHTML(2, 0, "index", "html");</script></div>')
    list_a2 = ('<ul class="list">' + _li("./202401/t20240118_104.html", a4, "2024-01-18")
               + _li("./202301/t20230130_105.html", a5, "2023-01-30") + "</ul>"
               '<div class="page"><script>createPageHTML(2, 1, "index", "html");</script></div>')
    b1 = "示例县卫生健康委员会2022年政府信息公开工作年度报告"
    b2 = "示例县民政局2022年政府信息公开工作年度报告"
    b3 = "示例县水利局2022年政府信息公开工作年度报告"
    b4 = "示例县交通运输局2023年政府信息公开工作年度报告"
    list_b1 = ('<table class="list">' + _tr("moved.html", b1, "[2023/01/29]")
               + _tr("gone.html", b2, "[2023/01/30]") + "</table>"
               '<div class="pager">第1页 <a href="list-p2.html">下一页</a></div>')
    list_b2 = ('<table class="list">' + _tr("slow.html", b3, "[2023/01/31]")
               + _tr("202401/t20240120_201.html", b4, "") + "</table>"
               '<div class="pager"><a href="list.html">上一页</a> 第2页</div>')
    attachment_only = _page(a4, '<div class="info"><span>发布日期：2024-01-18</span></div>'
                            f'<div class="article"><h1>{a4}</h1><p>附件：'
                            f'<a href="P020240118579.pdf">{a4}.pdf</a></p></div>')
    shell = _page(a5, '<div id="app"><div class="article" v-html="content"></div></div>'
                  "<script>fetch('/api/article?id=105').then(r => r.json())"
                  ".then(d => { app.content = d.content })</script>",
                  head='<script src="/static/js/vue.min.js"></script>')
    ok = lambda body, ctype="text/html": (200, {"Content-Type": ctype}, body)  # noqa: E731
    return {
        "/robots.txt": ok(ROBOTS.encode(), "text/plain"),
        COLUMN_A: ok(_page("政府信息公开年报", list_a1)),
        "/xxgk/zfxxgknb/index_1.html": ok(_page("政府信息公开年报", list_a2)),
        "/xxgk/zfxxgknb/202301/t20230120_101.html": ok(_report(
            "示例县人民政府", 2022, 2022, word_markup=True, split_digits=True, br_in_labels=True)),
        "/xxgk/zfxxgknb/202101/t20210125_102.html": ok(_report(
            "示例县人民政府", 2020, 2020, nbsp_zeros=True, encoding="gbk")),
        "/private/zfxxgknb/t20240110_103.html": ok(_report("示例县财政局", 2023, 3)),
        "/xxgk/zfxxgknb/202401/t20240118_104.html": ok(attachment_only),
        "/xxgk/zfxxgknb/202401/P020240118579.pdf": (200, {"Content-Type": "application/pdf",
                                                          "Last-Modified": PDF_MODIFIED},
                                                     PDF.read_bytes()),
        "/xxgk/zfxxgknb/202301/t20230130_105.html": ok(shell),
        COLUMN_B: ok(_page("部门信息公开年报", list_b1)),
        "/bmxxgk/nb/list-p2.html": ok(_page("部门信息公开年报", list_b2)),
        "/bmxxgk/nb/moved.html": (302, {"Location": "offsite:/nb/t20230129_1.html"}, b""),
        "/bmxxgk/nb/slow.html": (200, {"Content-Type": "text/html", "X-Slow": "1"},
                                 _report("示例县水利局", 2022, 5)),
        "/bmxxgk/nb/202401/t20240120_201.html": ok(_report("示例县交通运输局", 2023, 201)),
    }


@dataclass
class Hit:
    t: float  # time.monotonic() when the request arrived
    path: str
    host: str
    agent: str
    conditional: bool  # If-None-Match or If-Modified-Since sent
    status: int


class Portal:
    """The portal on 127.0.0.1: ``url(path)``, ``log`` of Hits, ``slow`` seconds for slow.html."""

    def __init__(self, port: int = 0, slow: float = 1.0):
        self.routes, self.log, self.slow = build(), [], slow
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                arrived = time.monotonic()
                path = self.path.split("?")[0]
                status, headers, body = portal.routes.get(path, (404, {"Content-Type": "text/html"}, b"<h1>404</h1>"))
                headers = dict(headers)
                if status == 200 and "Last-Modified" not in headers:
                    headers["ETag"] = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
                if status == 200 and ((inm and inm == headers.get("ETag"))
                                      or (ims and ims == headers.get("Last-Modified"))):
                    status, body = 304, b""
                if headers.get("Location", "").startswith("offsite:"):
                    headers["Location"] = f"http://localhost:{portal.port}" + headers["Location"][8:]
                with portal._lock:
                    portal.log.append(Hit(arrived, path, self.headers.get("Host", ""),
                                          self.headers.get("User-Agent", ""),
                                          bool(inm or ims), status))
                if headers.pop("X-Slow", None):
                    time.sleep(portal.slow)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the slow page)

            def log_message(self, *args):
                pass

        return Handler


def main(argv: list[str]) -> None:
    port = int(argv[argv.index("--port") + 1]) if "--port" in argv else 8765
    with Portal(port, slow=60.0) as portal:
        print(f"recorded portal on {portal.url('/')} (Ctrl-C to stop); report columns:")
        print(f"  {portal.url(COLUMN_A)}\n  {portal.url(COLUMN_B)}", flush=True)
        try:
            portal.thread.join()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main(sys.argv[1:])
