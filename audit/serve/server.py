"""Start ``xxgk-audit serve``: bind the socket, say where, open the browser, run uvicorn.

The socket is bound here rather than by uvicorn so that ``--port 0`` (a free port chosen by the
system) can be printed before the first request, and the browser is opened only once the socket
listens (a request that comes before uvicorn is ready waits in the listen queue).
"""
from __future__ import annotations

import importlib.util
import socket

NEEDED = {"starlette": "starlette", "uvicorn": "uvicorn", "multipart": "python-multipart"}


class ServeError(Exception):
    """Cannot start: a missing extra, an address in use, a bad configuration."""


def missing() -> list[str]:
    return [pkg for mod, pkg in NEEDED.items() if importlib.util.find_spec(mod) is None]


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    sock.listen(128)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    if host in ("0.0.0.0", "::"):  # every address: the browser here uses the loopback one
        host = "127.0.0.1" if host == "0.0.0.0" else "::1"
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def start(host: str | None, port: int, open_browser: bool, pack, config, timeout, echo) -> None:
    """Serve until Ctrl-C. ``host`` None: 127.0.0.1, and only this computer is answered."""
    if missing():
        raise ServeError("serve needs " + ", ".join(missing())
                         + ": pip install 'xxgk-audit[serve]'")
    import uvicorn

    from .app import create_app, is_loopback

    sock = bind(host or "127.0.0.1", port)
    app = create_app(pack, config, local_only=host is None or is_loopback(host),
                     timeout=timeout or None)
    url = url_of(sock)
    echo(f"xxgk-audit serve: {url}  (Ctrl-C to stop)")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    # proxy_headers off: the client address is the socket's peer, never an X-Forwarded-For
    # header that any local program could set.
    cfg = uvicorn.Config(app, log_level="warning", proxy_headers=False, server_header=False,
                         access_log=False, lifespan="off", timeout_graceful_shutdown=3)
    uvicorn.Server(cfg).run(sockets=[sock])
