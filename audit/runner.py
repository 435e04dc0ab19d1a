"""Run the rules over many files: one report entry per input, in input order, never a traceback.

``jobs == 1`` runs in-process (tests, debugging); otherwise a process pool with
``imap_unordered`` and the results are put back into input order. A file that cannot be read,
or whose reading crashes, becomes a report with an E901 finding.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import __version__
from .engine import Settings, check_model
from .model import ReportModel

SUFFIXES = {".html", ".htm", ".pdf", ".txt", ".md"}
SEVERITIES = ("error", "warning", "info")


def expand(paths) -> list[str]:
    """Files as given, and the report files under each folder (sorted, hidden ones skipped)."""
    out = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = [f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                     and not any(part.startswith(".") for part in f.relative_to(path).parts)]
            out += [str(f) for f in sorted(found)]
        else:
            out.append(str(path))
    return list(dict.fromkeys(out))  # a file named twice is checked once


def _sha256(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def _model(path: str) -> tuple[ReportModel, list[str]]:
    from .build import extract_path

    if not os.path.exists(path):
        return _unreadable(path, "文件不存在"), []
    if os.path.isdir(path):
        return _unreadable(path, "是一个文件夹"), []
    try:
        return extract_path(path), []
    except Exception as err:  # a reader bug must not lose the other files
        msg = f"{type(err).__name__}: {err}"
        return _unreadable(path, f"读取时出错（{msg}）"), [f"extract: {msg}"]


def _unreadable(path: str, reason: str) -> ReportModel:
    fmt = Path(path).suffix.lower().lstrip(".")
    fmt = {"htm": "html", "txt": "text", "md": "text"}.get(fmt, fmt or "unknown")
    return ReportModel(path=path, format=fmt, kind="unknown", problems=[["E901", reason]])


def check_file(path: str, pack, settings: Settings) -> dict:
    model, errors = _model(path)
    result = check_model(model, pack, settings)
    return {"path": path, "sha256": _sha256(path), "format": model.format,
            "report_year": model.report_year, "agency": model.agency,
            "template": model.template, "kind": model.kind, "title": model.title,
            "outcomes": result["outcomes"], "reasons": result["reasons"],
            "findings": result["findings"], "errors": errors + result["errors"],
            # the cells themselves, so that the HTML report can redraw t3 and t4
            "tables": model.tables}


_WORKER: dict = {}


def _init(pack, settings):
    _WORKER["pack"], _WORKER["settings"] = pack, settings


def _work(item):
    i, path = item
    return i, check_file(path, _WORKER["pack"], _WORKER["settings"])


def run(paths, pack, settings: Settings, jobs: int | None = 1) -> dict:
    files = expand(paths)
    jobs = min(jobs or os.cpu_count() or 1, max(len(files), 1))
    if jobs <= 1:
        reports = [check_file(p, pack, settings) for p in files]
    else:
        import multiprocessing

        reports = [None] * len(files)
        with multiprocessing.Pool(jobs, initializer=_init, initargs=(pack, settings)) as pool:
            for i, rep in pool.imap_unordered(_work, list(enumerate(files))):
                reports[i] = rep
    return result_dict(reports)


def result_dict(reports: list[dict]) -> dict:
    summary = {"reports": len(reports), **{s: 0 for s in SEVERITIES},
               "not_assessable": 0, "pass": 0, "fail": 0}
    for rep in reports:
        for f in rep["findings"]:
            summary[f["severity"]] += 1
        for outcome in rep["outcomes"].values():
            summary[outcome] += 1
    return {"tool": {"name": "xxgk-audit", "version": __version__},
            "reports": reports, "summary": summary}


def exit_status(result: dict, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    worst = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    return 1 if any(result["summary"][s] for s in worst) else 0
