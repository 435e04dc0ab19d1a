"""Extraction cache (``check --cache DIR``): the report model of each file, keyed by content.

Reading is nearly all the cost of a check (a PDF's content streams, interpreted by pdfminer in
pure Python); the rules on a model take milliseconds. Re-checking an unchanged corpus after a
rule change, a profile change or a baseline edit therefore needs only the models. The entry of a
file is found by the SHA-256 of its bytes together with everything that could change what the
readers and the model builder make of them: the tool version, this entry format, and the
readers' settings. An upgrade or another setting simply misses; nothing is ever stale. The path
is not part of the key (a moved or copied file hits), and is set from the current run.

Entries are the model's JSON (``ReportModel.to_dict``), not pickles: loading a cache directory
someone else can write must not execute code. Each is written to a temporary file and renamed
into place, so a reader sees a whole entry or none; an entry that cannot be read or parsed is
ignored and rewritten. Deleting the directory, or any file in it, at any time is safe. Only
models of files that could be read are stored (an unreadable file is tried again next time).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .. import __version__
from ..model.report import ReportModel

ENTRY_FORMAT = 1  # bump when the entry layout changes


def reader_settings(options: dict | None = None) -> str:
    """The readers' settings as they shape a model (``options``: by format, as ``Settings.read``
    carries them, e.g. the PDF engine), each resolved with its defaults, so that any setting
    that could change a model changes the key."""
    from ..read.docx import DocxSettings
    from ..read.html import HtmlSettings
    from ..read.pdf import PdfSettings
    from ..read.text import TextSettings

    options = options or {}
    return repr(tuple(cls.resolve(options.get(fmt)) for fmt, cls in (
        ("html", HtmlSettings), ("pdf", PdfSettings), ("text", TextSettings), ("docx", DocxSettings))))


class ExtractionCache:
    def __init__(self, root: str | os.PathLike, reader: str | None = None):
        self.root = Path(root)
        reader = reader_settings() if reader is None else reader
        self.salt = f"xxgk-audit {__version__}\0entry {ENTRY_FORMAT}\0{reader}\0".encode()

    def __reduce__(self):  # to Dask workers: the folder and the key salt, nothing else
        return _rebuild, (str(self.root), self.salt)

    def _path(self, digest: str) -> Path:
        key = hashlib.sha256(self.salt + digest.encode("ascii")).hexdigest()
        return self.root / key[:2] / f"{key}.json"

    def get(self, digest: str, path: str) -> ReportModel | None:
        try:
            data = json.loads(self._path(digest).read_text(encoding="utf-8"))
            model = ReportModel.from_dict(data)
        except (OSError, ValueError, TypeError, AttributeError, KeyError):
            return None  # absent, half-deleted or corrupt: read the file again
        model.path = path
        return model

    def put(self, digest: str, model: ReportModel) -> None:
        data = model.to_dict()
        text = json.dumps(data, ensure_ascii=False)
        if ReportModel.from_dict(json.loads(text)).to_dict() != data:
            return  # a value JSON cannot carry exactly: never store a model that reads back different
        target = self._path(digest)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, target)
        except OSError:  # a full or read-only disk costs speed, never a result
            try:
                tmp.unlink()
            except OSError:
                pass


def _rebuild(root: str, salt: bytes) -> ExtractionCache:
    cache = ExtractionCache.__new__(ExtractionCache)
    cache.root, cache.salt = Path(root), salt
    return cache


def extract_cached(path: str, data: bytes, sha: str, options: dict | None = None,
                   cache=None) -> ReportModel:
    """The model of ``path`` (whose ``data`` the runner has read, ``sha`` their SHA-256),
    through the extraction cache (an ``ExtractionCache``) when given."""
    model = cache.get(sha, path) if cache is not None else None
    if model is None:
        from ..model.build import extract_path  # here: a cache hit needs no reader, no builder

        model = extract_path(path, options, data)
        if cache is not None and not any(p[0] == "E901" for p in model.problems):
            cache.put(sha, model)
    return model
