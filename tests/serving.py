"""`xxgk-audit serve` as a person starts it (a real uvicorn on 127.0.0.1, port 0, in a process of
its own), and a plain HTTP client for it: multipart uploads built by hand with urllib, so that
the tests need no HTTP library of their own."""
from __future__ import annotations

import selectors
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager


@contextmanager
def server(cwd, *args, timeout: float = 60, browser: bool = False, env=None):
    """Yield the base URL (``http://127.0.0.1:PORT/``) of a running ``xxgk-audit serve``."""
    proc = subprocess.Popen([sys.executable, "-m", "audit.cli", "serve", "--port", "0",
                             *([] if browser else ["--no-browser"]), *args], cwd=cwd, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            raise AssertionError("serve printed no URL")
        line = proc.stdout.readline()
        assert line.startswith("xxgk-audit serve: http://127.0.0.1:"), (line, proc.stderr.read())
        yield line.split()[2]
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    """(body, content type) of a multipart form; ``files``: ``{field: (filename, bytes)}``."""
    boundary = uuid.uuid4().hex
    parts = []
    for k, v in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'
                     .encode() + str(v).encode("utf-8") + b"\r\n")
    for k, (name, data) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; '
                     f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                     .encode("utf-8") + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post(url: str, fields: dict | None = None, files: dict | None = None,
         headers: dict | None = None, timeout: float = 120) -> tuple[int, bytes, object]:
    body, ctype = multipart(fields or {}, files or {})
    req = urllib.request.Request(url, data=body, method="POST",
                                 headers={"Content-Type": ctype, **(headers or {})})
    return _open(req, timeout)


def get(url: str, headers: dict | None = None) -> tuple[int, bytes, object]:
    return _open(urllib.request.Request(url, headers=headers or {}), 30)


def _open(req, timeout) -> tuple[int, bytes, object]:
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read(), r.headers
    except urllib.error.HTTPError as err:
        return err.code, err.read(), err.headers
