"""The one HTTP client of the project: polite, bounded, and never running a page's scripts.

Politeness is per host and sequential: one request at a time, and the next request to a host
waits ``delay`` seconds (or the robots.txt ``Crawl-delay``, whichever is longer) after the
previous one *finished*, so a slow portal is not asked faster than it answers. robots.txt is
read once per site and run; a site whose robots.txt answers 401/403 or cannot be fetched at
all (5xx, timeout) is treated as closed, a 404 as open (the usual reading, as urllib's).

Redirects are followed by hand, hop by hop, so that every hop is checked against robots.txt and
the portal's site (a redirect off site is an error unless ``follow_offsite``). Bodies are read
in chunks and abandoned past ``max_bytes``. Conditional requests (If-None-Match /
If-Modified-Since) make a second run cheap: an unchanged file answers 304 and is not sent again.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from .. import __version__

# ASCII only (HTTP headers are latin-1): the tool, its version, and what it does.
USER_AGENT = f"xxgk-audit/{__version__} (annual disclosure report checker; polite fetcher)"
ROBOTS_AGENT = "xxgk-audit"
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A URL that could not be fetched; ``reason`` is the sentence the manifest records."""

    def __init__(self, reason: str, url: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.url = url


@dataclass
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 (not modified: ``body`` is None)
    body: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""


def site_of(url: str) -> str:
    """The portal a URL belongs to: its host without a leading ``www.`` (port kept)."""
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def in_site(url: str, sites) -> bool:
    """``url`` is on one of ``sites`` or a sub-domain of one (files.x.gov.cn is x.gov.cn's)."""
    host = site_of(url)
    return any(host == s or host.endswith("." + s) for s in sites)


@dataclass
class Client:
    sites: set
    delay: float = 1.0
    timeout: float = 30.0
    max_bytes: int = 100 * 1024 * 1024
    follow_offsite: bool = False
    _next: dict = field(default_factory=dict)  # host -> monotonic time of the next request
    _robots: dict = field(default_factory=dict)  # origin -> RobotFileParser | None (closed)
    _http: object = None

    def __post_init__(self):
        import httpx  # network stack: only the fetch command needs it

        self._httpx = httpx
        # trust_env: an office behind a proxy sets HTTPS_PROXY (and its CA in SSL_CERT_FILE)
        self._http = httpx.Client(headers={"User-Agent": USER_AGENT}, follow_redirects=False,
                                  timeout=httpx.Timeout(self.timeout), trust_env=True)

    def close(self) -> None:
        self._http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def get(self, url: str, cached: dict | None = None) -> Response:
        """GET ``url`` politely; ``cached`` (etag / last_modified of the copy we hold) makes the
        request conditional. Raises FetchError with the reason."""
        headers = {}
        if cached and cached.get("etag"):
            headers["If-None-Match"] = cached["etag"]
        if cached and cached.get("last_modified"):
            headers["If-Modified-Since"] = cached["last_modified"]
        start = url
        for _hop in range(MAX_REDIRECTS + 1):
            self._allowed(url, start)
            resp, location = self._request(url, headers)
            if location is None:
                return resp
            url = urljoin(url, location)
        raise FetchError(f"重定向超过 {MAX_REDIRECTS} 次", start)

    def _allowed(self, url: str, start: str) -> None:
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"不是 http/https 地址：{url}", start)
        if url != start and not self.follow_offsite and not in_site(url, self.sites):
            raise FetchError(f"重定向到站外地址 {url}，未跟随（--follow-offsite 可跟随）", start)
        robots = self.robots(url)
        if robots is None:
            raise FetchError("该网站的 robots.txt 无法获取或拒绝访问，按不允许抓取处理", start)
        if not robots.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(f"robots.txt 不允许抓取 {url}", start)

    def robots(self, url: str):
        """The parsed robots.txt of ``url``'s origin (fetched once per run), None when closed."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            rp = RobotFileParser(origin + "/robots.txt")
            try:
                rp.parse(self._robots_lines(origin + "/robots.txt"))
            except FetchError as err:
                code = getattr(err, "status", None)
                if code in (401, 403) or code is None or code >= 500:
                    rp = None
                else:
                    rp.parse([])  # 404 and the like: no robots.txt, everything allowed
            self._robots[origin] = rp
        return self._robots[origin]

    def _robots_lines(self, url: str) -> list[str]:
        """robots.txt, following redirects (http → https is common) wherever they go: the
        file only ever restricts us."""
        for _hop in range(MAX_REDIRECTS + 1):
            resp, location = self._request(url, {})
            if location is None:
                return resp.body.decode("utf-8", "replace").splitlines() if resp.body else []
            url = urljoin(url, location)
        return []  # a redirect loop: no robots.txt to read, as a 404

    def _wait(self, host: str) -> None:
        pause = self._next.get(host, 0.0) - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def _delay_for(self, url: str) -> float:
        rp = self._robots.get("{0.scheme}://{0.netloc}".format(urlsplit(url)))
        crawl = rp.crawl_delay(ROBOTS_AGENT) if rp is not None else None
        return max(self.delay, float(crawl or 0))

    def _request(self, url: str, headers: dict) -> tuple[Response, str | None]:
        """One request, after the host's pause; (response, redirect location or None)."""
        host = urlsplit(url).netloc.lower()
        self._wait(host)
        try:
            return self._exchange(url, headers)
        except self._httpx.TimeoutException:
            raise FetchError(f"超时：{self.timeout:g} 秒内没有响应", url) from None
        except self._httpx.HTTPError as err:
            raise FetchError(f"连接失败（{type(err).__name__}: {err}）", url) from None
        finally:
            self._next[host] = time.monotonic() + self._delay_for(url)

    def _exchange(self, url: str, headers: dict) -> tuple[Response, str | None]:
        with self._http.stream("GET", url, headers=headers) as r:
            got = Response(url, r.status_code, etag=r.headers.get("etag"),
                           last_modified=r.headers.get("last-modified"),
                           content_type=r.headers.get("content-type", ""))
            if r.is_redirect and r.headers.get("location"):
                return got, r.headers["location"]
            if r.status_code == 304:
                return got, None
            if r.status_code != 200:
                err = FetchError(f"服务器返回 HTTP {r.status_code}", url)
                err.status = r.status_code
                raise err
            size = int(r.headers.get("content-length") or 0)
            if size > self.max_bytes:
                raise FetchError(f"文件过大（{size} 字节），超过 {self.max_bytes} 字节的上限，未下载", url)
            chunks, total = [], 0
            for chunk in r.iter_bytes():
                total += len(chunk)
                if total > self.max_bytes:
                    raise FetchError(f"文件超过 {self.max_bytes} 字节的上限，未下载完", url)
                chunks.append(chunk)
            got.body = b"".join(chunks)
            return got, None
