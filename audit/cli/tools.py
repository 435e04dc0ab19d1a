"""``xxgk-audit fetch`` and ``xxgk-audit serve``: the commands around checking."""
from __future__ import annotations

import sys

import click

from ..run.limits import DEFAULT_TIMEOUT  # stdlib only: start-up stays fast
from .common import _fail, _pack


@click.command("fetch")
@click.argument("urls", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the fetched files and manifest.csv (a second run resumes).")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              metavar="SECONDS", help="Pause between two requests to one host.")
@click.option("--timeout", "request_timeout", type=click.FloatRange(min=0, min_open=True),
              default=30.0, show_default=True, metavar="SECONDS",
              help="Give up on a request when the server is silent this long.")
@click.option("--max-size", type=click.FloatRange(min=0, min_open=True), default=100.0,
              show_default=True, metavar="MB", help="Size limit per file.")
@click.option("--follow-offsite", is_flag=True,
              help="Follow redirects and links to other sites than the columns' own.")
def fetch_cmd(urls, out_dir, delay, request_timeout, max_size, follow_offsite):
    """Fetch the reports a portal's report column lists (then: check --manifest OUT/manifest.csv)."""
    import importlib.util

    if importlib.util.find_spec("httpx") is None:  # pragma: no cover - httpx is an extra
        _fail("fetch needs httpx: pip install 'xxgk-audit[fetch]'")
    from ..fetch.crawl import Options, fetch

    bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        _fail(f"not an http(s) URL: {', '.join(bad)}")
    options = Options(delay, request_timeout, int(max_size * 1024 * 1024), follow_offsite)
    out = fetch(list(urls), out_dir, options, log=lambda m: click.echo(f"xxgk-audit: {m}", err=True))
    click.echo(f"xxgk-audit: {len(out.rows)} report(s) listed, {out.errors} not checkable; "
               f"{out.downloaded} file(s) downloaded, {out.unchanged} unchanged; "
               f"manifest: {out_dir.rstrip('/')}/manifest.csv", err=True)
    sys.exit(1 if out.failed_lists else 0)


@click.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1, and only "
              "this computer is answered; another address also lets other computers in).")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port; 0 picks a free one (the URL is printed).")
@click.option("--no-browser", is_flag=True, help="Do not open the page in the browser.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (profiles, timeout), found as for check.")
def serve(host, port, no_browser, config_path):
    """A page in the browser to check one report: drop a file, see the findings."""
    from ..checks.packs import PackError
    from ..config import load_config
    from ..serve.server import ServeError, start

    try:
        config = load_config(config_path)
        start(host, port, not no_browser, _pack(), config,
              config.data.get("timeout", DEFAULT_TIMEOUT), lambda s: click.echo(s))
    except (ServeError, PackError) as err:
        _fail(str(err))
