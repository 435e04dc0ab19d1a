"""From a report column's URL to a manifest: walk the list pages, fetch each listed report.

One manifest row per listed report, in list order, whatever happened to it: a report page
that holds the report is the row's file; a page that only links an attachment gives the
attachment as the file and the page as its context (title, date, saved copy); a page with no
body (a CMS shell filled by script) and a report that could not be fetched (404, timeout,
robots.txt, off-site redirect, too large) are rows with an ``error`` that ``check`` reports
as E901, so that the office sees every listed report in the audit, never a silent gap.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..read import MAX_BYTES
from .client import Client, FetchError, in_site, site_of
from .pages import (ATTACHMENTS, main_attachment, no_body_reason, parse_list,
                    parse_report, sniff_kind, title_facts)
from .save import Store, relative_path, write_manifest

MAX_LIST_PAGES = 500  # per column: a pager gone wrong must end
_HTML_EXT = (".html", ".htm", ".shtml")


@dataclass
class Options:
    delay: float = 1.0
    timeout: float = 30.0
    max_bytes: int = MAX_BYTES
    follow_offsite: bool = False


@dataclass
class Outcome:
    rows: list = field(default_factory=list)
    downloaded: int = 0  # files received (200)
    unchanged: int = 0  # files we already held (304, or kept without asking)
    failed_lists: list = field(default_factory=list)  # (url, reason)

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r.get("fetch_error"))


def _suffix(url: str, kind: str | None) -> str | None:
    """The suffix to add when the URL's own does not say what the bytes are (readers go by it)."""
    ext = os.path.splitext(relative_path(url))[1].lower()
    said = "html" if ext in _HTML_EXT else ATTACHMENTS.get(ext)
    if kind is None or said == kind or {said, kind} == {"doc", "wps"}:
        return None
    return ".html" if kind == "html" else f".{kind}"


class Crawl:
    def __init__(self, client: Client, store: Store, log=None):
        self.client, self.store = client, store
        self.log = log or (lambda msg: None)
        self.out = Outcome()

    def get(self, url: str, *, list_page: bool = False) -> dict:
        """The file at ``url``: asked conditionally when we hold a copy with validators, not
        asked at all when we hold one without (a published report does not change; list pages
        do, and are always asked)."""
        cached = self.store.cached(url)
        if cached and not list_page and not (cached.get("etag") or cached.get("last_modified")):
            self.out.unchanged += 1
            return cached
        resp = self.client.get(url, cached)
        if resp.status == 304 and cached:
            self.out.unchanged += 1
            return cached
        if resp.body is None:  # 304 to a request we did not make conditional
            raise FetchError(f"HTTP {resp.status}", url)
        kind = sniff_kind(resp.body, resp.content_type)
        rel = relative_path(url, _suffix(url, kind), hidden=list_page)
        self.out.downloaded += 1
        return self.store.save(url, resp, rel)

    def walk(self, start: str):
        """The entries of a column's list pages, page after page."""
        queue, seen = [start], {start}
        while queue:
            url = queue.pop(0)
            try:
                rec = self.get(url, list_page=True)
            except FetchError as err:
                self.log(f"list page {url}: {err.reason}")
                self.out.failed_lists.append((url, err.reason))
                continue
            page = parse_list(rec["body"], rec.get("final_url") or url, rec.get("content_type", ""))
            for p in page.pagers:
                if p not in seen and len(seen) < MAX_LIST_PAGES:
                    seen.add(p)
                    queue.append(p)
            yield from page.entries

    def report(self, entry) -> dict:
        """The manifest row of one listed report."""
        agency, year = title_facts(entry.title)
        row = {"agency": agency, "year": year, "published": entry.published,
               "title": entry.title, "url": entry.url, "path": ""}
        try:
            rec = self.get(entry.url)
        except FetchError as err:
            self.log(f"report {entry.url}: {err.reason}")
            return dict(row, fetch_error=err.reason)
        if sniff_kind(rec["body"], rec.get("content_type", "")) != "html":
            return dict(row, **self._file(rec))  # the list links the PDF itself
        page = parse_report(rec["body"], entry.url, rec.get("content_type", ""))
        agency, year = title_facts(entry.title, page.title)
        row.update(agency=agency, year=year, published=entry.published or page.published,
                   title=page.title or entry.title)
        saved, failed = self._attachments(page.attachments)
        if page.has_report:
            return dict(row, **self._file(rec), attachments=" ".join(r["path"] for r in saved.values()))
        if not page.attachments:
            self.log(f"report {entry.url}: {no_body_reason(page)}")
            return dict(row, **self._file(rec), fetch_error=no_body_reason(page))
        main = main_attachment(page.attachments)
        row.update(url=main, page=rec["path"], page_url=entry.url,
                   attachments=" ".join(r["path"] for u, r in saved.items() if u != main))
        if main in failed:
            return dict(row, fetch_error=f"附件 {main} 无法获取：{failed[main]}")
        return dict(row, **self._file(saved[main]))

    def _attachments(self, links) -> tuple[dict, dict]:
        saved, failed = {}, {}
        for url, _text in links:
            if not self.client.follow_offsite and not in_site(url, self.client.sites):
                failed[url] = "附件在站外，未下载（--follow-offsite 可下载）"
                continue
            try:
                saved[url] = self.get(url)
            except FetchError as err:
                self.log(f"attachment {url}: {err.reason}")
                failed[url] = err.reason
        return saved, failed

    @staticmethod
    def _file(rec: dict) -> dict:
        return {"path": rec["path"], "sha256": rec["sha256"], "retrieved": rec["retrieved"]}


def fetch(urls, out_dir: str, options: Options | None = None, log=None) -> Outcome:
    """Fetch the report columns at ``urls`` into ``out_dir`` and write its manifest.csv."""
    options = options or Options()
    store = Store(out_dir)
    sites = {site_of(u) for u in urls}
    with Client(sites, options.delay, options.timeout, options.max_bytes,
                options.follow_offsite) as client:
        crawl = Crawl(client, store, log)
        done = set()
        for start in urls:
            for entry in crawl.walk(start):
                if entry.url in done:
                    continue
                done.add(entry.url)
                if not options.follow_offsite and not in_site(entry.url, sites):
                    (log or (lambda m: None))(f"skipped off-site link {entry.url}")
                    continue
                crawl.out.rows.append(crawl.report(entry))
                store.write_state()  # an interrupted run keeps what it has
    store.write_state()
    write_manifest(os.path.join(out_dir, "manifest.csv"), crawl.out.rows)
    return crawl.out

