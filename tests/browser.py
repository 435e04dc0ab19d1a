"""Debian chromium, headless, for the HTML report tests: render a file:// page, dump the DOM
after scripts ran, take a screenshot; and ``DevTools`` for the `serve` tests, which drive a live
page (a real file input) over the DevTools protocol. Installed by `.ci/browser-deps`; tests skip with a reason
when it is absent.

Flags: the machine has no network but the package registries, so every background service of
chromium (component updates, sync, field trials, QUIC) is switched off or it keeps knocking on
closed doors; as root it needs --no-sandbox; each call gets a fresh profile directory so runs
do not share state. --virtual-time-budget lets the page's scripts finish before the dump.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
         "--disable-dev-shm-usage", "--no-default-browser-check", "--metrics-recording-only",
         "--disable-features=Translate,MediaRouter,OptimizationHints,DialMediaRouteProvider"]


def chromium() -> str:
    """Path of the chromium binary, or skip the calling test."""
    path = os.environ.get("XXGK_CHROMIUM") or shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if not path:
        pytest.skip("chromium not installed: run `bash .ci/browser-deps` "
                    "(apt-get install chromium fonts-wqy-zenhei)")
    return path


def _run(args: list[str], timeout: int = 90) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="xxgk-chromium-") as profile:
        cmd = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        raise AssertionError(f"chromium failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return proc


def dump_dom(page: Path, budget_ms: int = 3000) -> str:
    """The serialised DOM of ``page`` after its scripts ran."""
    return _run([f"--virtual-time-budget={budget_ms}", "--dump-dom", page.resolve().as_uri()]).stdout


def screenshot(page: Path, name: str, size: tuple[int, int] = (1280, 2400)) -> Path:
    """A PNG of ``page`` saved as ``artifacts/<name>`` (kept for people to look at)."""
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / name
    if out.exists():
        out.unlink()
    _run([f"--window-size={size[0]},{size[1]}", "--virtual-time-budget=2000",
          f"--screenshot={out}", page.resolve().as_uri()])
    assert out.exists() and out.stat().st_size > 1000, "no screenshot written"
    return out


class DevTools:
    """One headless chromium driven over the DevTools protocol, for what command-line flags
    cannot do: put a file into a real ``<input type=file>`` (``DOM.setFileInputFiles``), wait
    for a page's script to finish, read the DOM, take a screenshot.

    The protocol runs over a WebSocket; websocket-client is the client (small, no dependencies,
    synchronous like the tests). Chromium writes the port it chose to DevToolsActivePort in the
    profile directory, so nothing is guessed and tests can run side by side."""

    def __init__(self, size: tuple[int, int] = (1280, 1800)):
        import websocket

        # chromium's helper processes may still write into the profile after the browser has
        # exited (seen under load: "Directory not empty: 'Default'"): a leftover is not a failure
        self._profile = tempfile.TemporaryDirectory(prefix="xxgk-chromium-",
                                                    ignore_cleanup_errors=True)
        self.proc = subprocess.Popen(
            [chromium(), *FLAGS, f"--user-data-dir={self._profile.name}",
             "--remote-debugging-port=0", f"--window-size={size[0]},{size[1]}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            port = self._port()
            import json
            import urllib.request

            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
                page = next(t for t in json.load(r) if t.get("type") == "page")
            # no Origin header: chromium refuses WebSocket clients from other origins
            self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60,
                                                  suppress_origin=True)
        except BaseException:
            self.close()
            raise
        self._id = 0

    def _port(self, timeout: float = 30) -> int:
        import time

        marker = Path(self._profile.name) / "DevToolsActivePort"
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if marker.exists() and marker.read_text().strip():
                return int(marker.read_text().split()[0])
            if self.proc.poll() is not None:
                raise AssertionError(f"chromium exited ({self.proc.returncode})")
            time.sleep(0.1)
        raise AssertionError("chromium did not open its DevTools port")

    def call(self, method: str, **params):
        import json

        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self._id:
                if "error" in msg:
                    raise AssertionError(f"{method}: {msg['error']}")
                return msg["result"]

    def eval(self, expression: str):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                      awaitPromise=True)
        if "exceptionDetails" in r:
            raise AssertionError(f"{expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def wait(self, expression: str, timeout: float = 90):
        """Poll ``expression`` until it is truthy (the page's script answers asynchronously);
        an error (the page is still loading: the element is not there yet) counts as not yet."""
        import time

        end, last = time.monotonic() + timeout, None
        while time.monotonic() < end:
            try:
                value = self.eval(expression)
            except AssertionError as err:
                value, last = None, err
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {expression} ({last})")

    def goto(self, url: str, ready: str = "document.readyState === 'complete'"):
        self.call("Page.enable")
        self.call("Page.navigate", url=url)
        self.wait(ready)

    def set_files(self, selector: str, paths) -> None:
        """What a person does with the file dialog: the input's change event fires."""
        root = self.call("DOM.getDocument")["root"]["nodeId"]
        node = self.call("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
        self.call("DOM.setFileInputFiles", nodeId=node, files=[str(Path(p).resolve()) for p in paths])

    def drop(self, selector: str, paths) -> None:
        """Drag files from outside the browser and drop them near the top of ``selector``."""
        x, y = self.eval(f"(() => {{ const b = document.querySelector({selector!r})"
                         ".getBoundingClientRect(); return [b.x + b.width / 2, b.y + 12]; })()")
        data = {"items": [], "files": [str(Path(p).resolve()) for p in paths], "dragOperationsMask": 1}
        for kind in ("dragEnter", "dragOver", "drop"):
            self.call("Input.dispatchDragEvent", type=kind, x=x, y=y, data=data)

    def dom(self) -> str:
        return self.eval("document.documentElement.outerHTML")

    def screenshot(self, name: str) -> Path:
        """The whole page as ``artifacts/<name>``."""
        import base64

        ARTIFACTS.mkdir(exist_ok=True)
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        out = ARTIFACTS / name
        out.write_bytes(base64.b64decode(data))
        return out

    def close(self) -> None:
        if getattr(self, "ws", None) is not None:
            self.ws.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._profile.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
