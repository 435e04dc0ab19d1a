"""Debian chromium, headless, for the HTML report tests: render a file:// page, dump the DOM
after scripts ran, take a screenshot. Installed by `.ci/browser-deps`; tests skip with a reason
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
