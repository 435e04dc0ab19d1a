"""`xxgk-audit serve`, its HTTP side: a real server on 127.0.0.1 (port 0) answering
POST /api/check and /check, the size limit, broken files, concurrency, loopback only."""
from __future__ import annotations

import asyncio
import json
import re
import threading
from importlib.resources import files
from pathlib import Path

import lxml.html
import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("multipart")

from serving import get, post, server  # noqa: E402

from audit.checks.engine import Settings  # noqa: E402
from audit.checks.packs import default_pack  # noqa: E402
from audit.run.runner import check_file  # noqa: E402

PDF = Path(__file__).resolve().parent / "fixtures" / "pdf"
DEFECT = PDF / "chromium-2023-county-defect.pdf"
GOOD = PDF / "chromium-2023-county-2021format.pdf"


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    with server(tmp_path_factory.mktemp("serve")) as base:  # an empty folder: no config found
        yield base


def _json(body: bytes):
    return json.loads(body.decode("utf-8"))


def test_api_answers_the_json_of_check(url):
    import jsonschema

    status, body, headers = post(url + "api/check", files={"file": (DEFECT.name, DEFECT.read_bytes())})
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    data = _json(body)
    jsonschema.validate(data, json.loads(files("audit.schemas").joinpath("findings.schema.json").read_text()))
    [rep] = data["reports"]
    assert rep["path"] == DEFECT.name and data["summary"]["error"] == 3
    # the same findings as `check` gives for the file on disk
    cli = check_file(str(DEFECT), default_pack(), Settings())
    assert rep["findings"] == cli["findings"] and rep["outcomes"] == cli["outcomes"]
    assert rep["sha256"] == cli["sha256"] and rep["tables"] == cli["tables"]


def test_api_lang_and_profile(url):
    upload = {"file": (DEFECT.name, DEFECT.read_bytes())}
    status, body, _ = post(url + "api/check", {"lang": "en"}, upload)
    assert status == 200
    messages = [f["message"] for f in _json(body)["reports"][0]["findings"]]
    assert any("Table 3" in m for m in messages), messages
    status, body, _ = post(url + "api/check", {"profile": "nope"}, upload)
    assert status == 400 and "unknown profile 'nope'" in _json(body)["error"]
    status, body, _ = post(url + "api/check", {"lang": "fr"}, upload)
    assert status == 400 and "zh | en" in _json(body)["error"]
    status, body, _ = post(url + "api/check", {"lang": "en"})  # no file
    assert status == 400 and _json(body)["error"] == "Pick a file."


def test_50_mb_upload_is_refused_with_a_clear_message(url):
    big = b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024)
    status, body, _ = post(url + "api/check", files={"file": ("big.pdf", big)})
    assert status == 413
    assert _json(body)["error"].startswith("文件过大（50.0 MB）：此页面最多接受 20.0 MB。")
    status, body, _ = post(url + "check?lang=en", files={"file": ("big.pdf", big)})
    page = lxml.html.fromstring(body)
    assert status == 413
    assert page.xpath('//section[@id="verdict"]/@data-verdict') == ["refused"]
    assert "The file is too large (50.0 MB): this page takes at most 20.0 MB." in \
        page.xpath('string(//section[@id="verdict"]/p)')
    assert get(url)[0] == 200  # still serving


@pytest.mark.parametrize("name, data, says", [
    ("broken.pdf", b"%PDF-1.4\n1 0 obj<<>>\n%%EOF\n", "PDF 文件损坏"),
    ("empty.html", b"  \n", "文件为空"),
    ("report.xlsx", b"PK\x03\x04 not a report", "电子表格文件"),  # not a report format
])
def test_a_broken_file_is_an_e901_answer(url, name, data, says):
    status, body, _ = post(url + "check", files={"file": (name, data)})
    assert status == 200
    page = lxml.html.fromstring(body)
    assert page.xpath('//section[@id="verdict"]/@data-verdict') == ["unreadable"]
    [row] = page.xpath('//table[@class="findings"]/tbody/tr')
    assert row.get("data-rule") == "E901" and says in row.text_content()
    status, body, _ = post(url + "api/check", files={"file": (name, data)})
    assert [f["rule"] for f in _json(body)["reports"][0]["findings"]] == ["E901"]


def test_two_uploads_at_once_both_answer(url):
    answers = {}

    def send(path):
        answers[path.name] = post(url + "api/check", files={"file": (path.name, path.read_bytes())})

    threads = [threading.Thread(target=send, args=(p,)) for p in (DEFECT, GOOD)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    assert {k: v[0] for k, v in answers.items()} == {DEFECT.name: 200, GOOD.name: 200}
    assert _json(answers[DEFECT.name][1])["summary"]["error"] == 3
    assert _json(answers[GOOD.name][1])["summary"]["error"] == 0


def test_a_file_past_the_time_limit_does_not_take_the_server_down(tmp_path):
    """The batch's protection, reused: the check runs in a worker process with a time limit
    (here 1 ms, from the configuration file) that is killed when it runs over."""
    (tmp_path / "xxgk-audit.toml").write_text("timeout = 0.001\n", encoding="utf-8")
    with server(tmp_path) as base:
        status, body, _ = post(base + "api/check", files={"file": (DEFECT.name, DEFECT.read_bytes())})
        [f] = _json(body)["reports"][0]["findings"]
        assert status == 200 and f["rule"] == "E901" and "读取超时" in f["message"]
        assert get(base)[0] == 200


def test_other_hosts_and_origins_are_refused(url):
    port = url.rsplit(":", 1)[1].strip("/")
    status, body, _ = get(url, {"Host": f"attacker.example:{port}"})
    assert status == 403 and "只接受本机的访问" in body.decode()
    status, _, _ = post(url + "api/check", files={"file": ("a.txt", b"x")},
                        headers={"Origin": "http://attacker.example"})
    assert status == 403
    assert get(url, {"Host": f"localhost:{port}"})[0] == 200


def _asgi_get(app, client: str, host: bytes = b"127.0.0.1:8765") -> int:
    """Call the application as uvicorn would for a GET / from ``client``."""
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(msg):
        sent.append(msg)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": "/", "raw_path": b"/", "query_string": b"", "root_path": "",
             "headers": [(b"host", host)], "client": (client, 40000), "server": ("127.0.0.1", 8765)}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"]


def test_a_client_from_another_computer_is_refused_unless_host_was_given():
    """A client address other than loopback cannot reach a test server on 127.0.0.1, so the
    application is called directly with the scope uvicorn would give it."""
    from audit.config import Config
    from audit.serve.app import create_app

    closed = create_app(default_pack(), Config())
    assert _asgi_get(closed, "192.0.2.7") == 403
    assert _asgi_get(closed, "127.0.0.1") == 200 and _asgi_get(closed, "::1") == 200
    opened = create_app(default_pack(), Config(), local_only=False)  # --host 0.0.0.0
    assert _asgi_get(opened, "192.0.2.7", b"192.0.2.1:8765") == 200


def test_page_headers_forbid_everything_but_this_server(url):
    status, body, headers = get(url)
    csp = headers["Content-Security-Policy"]
    assert status == 200 and "default-src 'none'" in csp and "connect-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp and headers["X-Content-Type-Options"] == "nosniff"
    text = body.decode()
    assert not re.search(r"https?:|//[a-z]|\bsrc=|url\(|@import|<link", text, re.I)
    assert text.count("<script>") == 1 and text.count("<style>") == 1


def test_cli_refuses_a_port_in_use(tmp_path):
    import subprocess
    import sys

    with server(tmp_path) as base:
        port = base.rsplit(":", 1)[1].strip("/")
        proc = subprocess.run([sys.executable, "-m", "audit.cli", "serve", "--port", port,
                               "--no-browser"], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert proc.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in proc.stderr


def test_upload_names_lose_their_folders():
    from audit.serve.upload import safe_name

    assert safe_name("C:\\Users\\me\\报告.docx") == "报告.docx"
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("a\x00b.pdf") == "ab.pdf" and safe_name("") == "upload"


def test_serve_opens_the_browser_at_its_url(tmp_path):
    """Without --no-browser the page is opened with the ``webbrowser`` module, which runs the
    program named by $BROWSER: here one that writes down the URL it was given."""
    import os
    import sys
    import time

    opened = tmp_path / "opened.txt"
    fake = tmp_path / "fake-browser"
    fake.write_text(f"#!{sys.executable}\nimport sys\nopen({str(opened)!r}, 'w').write(sys.argv[1])\n")
    fake.chmod(0o755)
    with server(tmp_path, browser=True, env={**os.environ, "BROWSER": str(fake)}) as base:
        end = time.monotonic() + 30
        while not (opened.exists() and opened.read_text()) and time.monotonic() < end:
            time.sleep(0.1)
        assert opened.read_text() == base
