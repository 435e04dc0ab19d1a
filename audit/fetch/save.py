"""Where fetched files go, what we remember about them, and the manifest ``check`` reads.

Files mirror their URLs (``DIR/<host>/<path>``, as wget does): the same URL always lands on
the same file, so a second run finds what the first saved. List pages are kept under the
hidden ``DIR/.fetch/`` (``check DIR`` skips hidden folders, so they are never taken for
reports), with ``state.json``: per URL the saved file, its SHA-256 and the server's ETag /
Last-Modified, from which the next run makes conditional requests.
"""
from __future__ import annotations

import csv
import datetime
import hashlib
import json
import os
import re
from urllib.parse import unquote, urlsplit

# The manifest ``check --manifest`` reads (audit/run/manifest.py): its four columns first, then
# what the fetch knows. ``fetch_error`` is the reason a listed report could not be had; ``check``
# turns such a row into E901 with that reason.
MANIFEST_COLUMNS = ("path", "agency", "year", "published", "title", "url", "page", "page_url",
                    "attachments", "retrieved", "sha256", "fetch_error")
HIDDEN = ".fetch"
_UNSAFE = re.compile(r'[\x00-\x1f<>:"\\|?*]')


def now_utc() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def relative_path(url: str, suffix: str | None = None, hidden: bool = False) -> str:
    """The file a URL is saved to, relative to DIR, with forward slashes."""
    parts = urlsplit(url)
    host = _UNSAFE.sub("_", parts.netloc.lower())
    segments = [_UNSAFE.sub("_", unquote(s)) for s in parts.path.split("/")]
    segments = [s for s in segments if s not in ("", ".", "..")]
    if not segments or parts.path.endswith("/"):
        segments.append("index.html")
    name = segments[-1]
    if parts.query:  # list.jsp?page=2 and list.jsp?page=3 are different files
        stem, ext = os.path.splitext(name)
        name = f"{stem}_{hashlib.sha1(parts.query.encode()).hexdigest()[:10]}{ext}"
    if suffix and not name.lower().endswith(suffix):
        name += suffix  # content.jsp that serves HTML, a download URL that serves a PDF
    segments[-1] = name[-200:]
    return "/".join(([HIDDEN] if hidden else []) + [host] + segments)


class Store:
    """The fetched folder: files and the state of the last runs."""

    def __init__(self, root: str):
        self.root = root
        self.state_file = os.path.join(root, HIDDEN, "state.json")
        try:
            with open(self.state_file, encoding="utf-8") as fh:
                self.state = json.load(fh)
        except (OSError, ValueError):
            self.state = {}

    def full(self, rel: str) -> str:
        return os.path.join(self.root, *rel.split("/"))

    def cached(self, url: str) -> dict | None:
        """What we hold of ``url``, if the file is still there and unchanged since we saved it."""
        rec = self.state.get(url)
        if not rec:
            return None
        try:
            with open(self.full(rec["path"]), "rb") as fh:
                data = fh.read()
        except OSError:
            return None
        return dict(rec, body=data) if sha256(data) == rec.get("sha256") else None

    def save(self, url: str, resp, rel: str) -> dict:
        """Write a 200 response's body to ``rel`` (atomically) and remember it."""
        path = self.full(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".part"
        with open(tmp, "wb") as fh:
            fh.write(resp.body)
        os.replace(tmp, path)
        rec = {"path": rel, "sha256": sha256(resp.body), "etag": resp.etag,
               "last_modified": resp.last_modified, "content_type": resp.content_type,
               "retrieved": now_utc(), "final_url": resp.url}
        self.state[url] = rec
        return dict(rec, body=resp.body)

    def write_state(self) -> None:
        os.makedirs(os.path.dirname(self.state_file), exist_ok=True)
        clean = {u: {k: v for k, v in r.items() if k != "body"} for u, r in self.state.items()}
        tmp = self.state_file + ".part"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(clean, fh, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(tmp, self.state_file)


def write_manifest(path: str, rows: list[dict]) -> None:
    """UTF-8 with BOM, so that Excel on a Chinese Windows opens it without mojibake."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".part"
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for row in rows:
            w.writerow({k: ("" if row.get(k) is None else row[k]) for k in MANIFEST_COLUMNS})
    os.replace(tmp, path)
