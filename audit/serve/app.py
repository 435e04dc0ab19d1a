"""The Starlette application of ``xxgk-audit serve``.

Routes: ``GET /`` the page; ``POST /check`` the page with the result of one file (what the form
posts, and what the page's script fetches); ``POST /api/check`` the same check answered with the
JSON of ``check --format json`` for one report. Form fields: ``file`` (required), ``lang``
(zh|en), ``profile`` (default|strict|draft or a profile of the configuration file), and, from
the page, ``previous`` (the last result, to show what changed).

Each file is checked by ``run.runner.check_one``: in a worker process of its own, with the
batch's time limit, so a file that hangs or crashes the reader gives an E901 answer and leaves
the server as it was. Checks run in Starlette's thread pool, so two uploads at once are checked
side by side; at most as many as there are CPUs run at a time, the others wait their turn.
"""
from __future__ import annotations

import asyncio
import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from .upload import LIMIT, Upload, take

REFUSED = ("403: xxgk-audit serve 只接受本机的访问（要从其他计算机访问，请用 --host 指定地址）。\n"
           "403: xxgk-audit serve answers only this computer (start it with --host to open it).\n")
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "Cache-Control": "no-store"}


def is_loopback(host: str) -> bool:
    host = (host or "").strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(value: str) -> str:
    """The name part of a Host header: ``127.0.0.1:8765`` → ``127.0.0.1``, ``[::1]:80`` → ``::1``."""
    if value.startswith("["):
        return value[1:].partition("]")[0]
    return value.rpartition(":")[0] if value.count(":") == 1 else value


class LocalOnly:
    """ASGI middleware: answer 403 unless the client is this computer, and the Host header
    names this computer (a web page elsewhere cannot then reach the server by making its own
    domain name point at 127.0.0.1), and an Origin header, if any, is this computer too (a web
    page elsewhere cannot post files to it)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and not self.local(scope):
            body = REFUSED.encode("utf-8")
            await send({"type": "http.response.start", "status": 403,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)

    @staticmethod
    def local(scope) -> bool:
        client = (scope.get("client") or ("",))[0]
        headers = {k.lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        if not is_loopback(client) or not is_loopback(host_name(headers.get(b"host", ""))):
            return False
        origin = headers.get(b"origin")
        return origin is None or is_loopback(urlsplit(origin).hostname or "")


@dataclass
class Checked:
    lang: str
    profile: str
    status: int = 200
    message: str = ""
    result: dict | None = None
    fail_on: str = "error"
    previous: str | None = None


def _lang(value, default: str | None = "zh") -> str | None:
    if value in (None, ""):
        return default
    return value if value in ("zh", "en") else None


def create_app(pack, config, *, local_only: bool = True, timeout: float | None = 120,
               limit: int = LIMIT):
    """The application; ``local_only`` False when ``--host`` opened the server to others."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    from ..checks.packs import PackError
    from ..config import builtin_profiles, settings_for
    from ..formatters.json import render as render_json
    from ..rulesdoc import explain_text
    from ..run.runner import check_one, default_jobs, result_dict
    from . import page

    default_profile = config.data.get("profile") or "default"
    profiles = list(dict.fromkeys(["default", *builtin_profiles(), *config.data.get("profiles", {})]))
    gate = asyncio.Semaphore(max(2, default_jobs()))

    async def run(request) -> Checked:
        lang = _lang(request.query_params.get("lang")) or "zh"
        up: Upload = await take(request, limit)
        fields = up.fields or {}
        lang = _lang(fields.get("lang"), lang)
        out = Checked(lang or "zh", fields.get("profile") or default_profile, up.status)
        T = page.texts(out.lang)
        if lang is None:
            out.status, out.message = 400, "lang: zh | en"
        elif up.status == 413:
            out.message = T["too_large"].format(page.megabytes(up.size), page.megabytes(limit))
        elif up.status != 200:
            out.message = T["no_file"] if up.problem == "no_file" else up.problem
        if out.message:
            return out
        try:
            settings = settings_for(pack, config, profile=out.profile, lang=out.lang)
        except PackError as err:
            out.status, out.message = 400, str(err)
            return out
        async with gate:
            report = await run_in_threadpool(check_one, up.name, up.data, pack, settings, timeout)
        out.result, out.fail_on, out.previous = result_dict([report]), settings.fail_on, fields.get("previous")
        return out

    def show(lang, profile, fragment="", status=200):
        html = page.page(lang, profiles, profile, limit, fragment)
        return HTMLResponse(html, status, headers={**HEADERS, "Content-Security-Policy": page.HEADER_CSP})

    async def index(request):
        lang = _lang(request.query_params.get("lang")) or "zh"
        return show(lang, default_profile)

    async def check_page(request):
        out = await run(request)
        if out.result is None:
            return show(out.lang, out.profile, page.refused_html(out.lang, out.message), out.status)
        codes = {f["rule"] for f in out.result["reports"][0]["findings"]}
        explain = {c: explain_text(pack.get(c), out.lang, message=False) for c in codes if pack.get(c)}
        fragment = page.result_html(out.result, pack, out.lang, out.fail_on, explain,
                                    page.parse_previous(out.previous))
        return show(out.lang, out.profile, fragment)

    async def api_check(request):
        out = await run(request)
        if out.result is None:
            return JSONResponse({"error": out.message}, out.status, headers=HEADERS)
        return Response(render_json(out.result), media_type="application/json", headers=HEADERS)

    routes = [Route("/", index), Route("/check", check_page, methods=["POST"]),
              Route("/api/check", api_check, methods=["POST"])]
    app = Starlette(routes=routes)
    return LocalOnly(app) if local_only else app
