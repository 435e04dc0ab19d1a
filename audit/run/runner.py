"""Run the rules over many files: one report entry per input, in input order, never a traceback.

Without a time limit, ``jobs == 1`` runs in-process (tests, debugging); otherwise worker
processes (``pool``: results as they come, like ``imap_unordered``, but each file with
its own time limit) and the results are put back into input order. A file that cannot be read,
whose reading crashes or runs past ``--timeout``, becomes a report with an E901 finding.
Inputs come from the command line and from a ``--manifest`` (``audit.manifest``), whose row
travels with the file into its report entry.
"""
from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from .. import __version__
from ..checks.engine import Settings, check_model
from ..model.report import ReportModel
from .cache import file_digest as _sha256

# Report formats found in folders. .doc/.docx are included although no reader exists yet: a
# Word report in an audited folder must show up as unreadable (E901), not vanish from the batch.
SUFFIXES = {".html", ".htm", ".pdf", ".txt", ".md", ".doc", ".docx"}
SEVERITIES = ("error", "warning", "info")


class RunError(Exception):
    """The batch cannot start (an unreachable cluster, a missing extra): exit status 2."""


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


def _model(path: str, entry=None, cache=None) -> tuple[ReportModel, list[str]]:
    if entry is not None and entry.error:
        return _unreadable(path, entry.error), []
    if not os.path.exists(path):
        where = f"（{entry.where}）" if entry is not None else ""
        return _unreadable(path, "文件不存在" + where), []
    if os.path.isdir(path):
        return _unreadable(path, "是一个文件夹"), []
    try:
        return _extract(path, cache), []
    except Exception as err:  # a reader bug must not lose the other files
        msg = f"{type(err).__name__}: {err}"
        return _unreadable(path, f"读取时出错（{msg}）"), [f"extract: {msg}"]


def _extract(path: str, cache=None) -> ReportModel:
    """``extract_path``, through the extraction cache (``cache.ExtractionCache``) when given."""
    digest = _sha256(path) if cache is not None else None
    model = cache.get(digest, path) if digest else None
    if model is None:
        from ..model.build import extract_path  # here: a cache hit needs no reader, no builder

        model = extract_path(path)
        if digest and not any(p[0] == "E901" for p in model.problems):
            cache.put(digest, model)
    return model


def _unreadable(path: str, reason: str) -> ReportModel:
    from ..model.build import unreadable_model

    return unreadable_model(path, "E901", reason)


def _from_manifest(model: ReportModel, entry) -> list[str]:
    """Fill what the document does not say from its manifest row, before the rules run: the
    rules gated on the year can then be judged. What the document says always wins (the rules
    judge the document); the fields filled are listed in the report's ``from_manifest``."""
    filled = []
    for name, value in (entry.fill if entry is not None else {}).items():
        if getattr(model, name) in (None, ""):
            setattr(model, name, value)
            filled.append(name)
    return filled


def check_file(path: str, pack, settings: Settings, entry=None, *, cache=None) -> dict:
    """One report entry. ``entry``: the file's manifest row (``manifest.Entry``), if any;
    ``cache``: an ``ExtractionCache`` (``--cache DIR``) or None."""
    model, errors = _model(path, entry, cache)
    filled = _from_manifest(model, entry)  # an unreadable file too: the manifest names it
    return _report(path, model, check_model(model, pack, settings), errors, entry, filled)


def _report(path, model: ReportModel, result: dict, errors: list, entry, filled) -> dict:
    rep = {"path": path, "sha256": _sha256(path), "format": model.format,
           "report_year": model.report_year, "agency": model.agency,
           "template": model.template, "kind": model.kind, "title": model.title,
           "published": model.published,
           "outcomes": result["outcomes"], "reasons": result["reasons"],
           "findings": result["findings"], "errors": errors + result["errors"],
           # the cells themselves, so that the HTML report can redraw t3 and t4
           "tables": model.tables}
    if entry is not None:
        rep["manifest"] = dict(entry.row)
        rep["from_manifest"] = filled
    return rep


def failed_report(path: str, pack, settings: Settings, entry, reason: str) -> dict:
    """The entry of a file whose check did not finish (time limit, crashed worker): E901."""
    model = _unreadable(path, reason)
    filled = _from_manifest(model, entry)
    return _report(path, model, check_model(model, pack, settings), [f"runner: {reason}"],
                   entry, filled)


def inputs(paths, entries=None) -> list[tuple[str, object]]:
    """(path, manifest entry or None) for each file: the manifest's rows first, in row order,
    then the files and folders given, without the files the manifest already lists."""
    out = [(e.path, e) for e in entries or []]
    listed = {os.path.normpath(p) for p, _ in out}
    out += [(p, None) for p in expand(paths) if os.path.normpath(p) not in listed]
    return out


def default_jobs() -> int:
    """CPU count available to this process (a container's limit, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def run(paths, pack, settings: Settings, jobs: int | None = 1, *, entries=None,
        timeout: float | None = None, progress=None, cache=None, scheduler=None) -> dict:
    """Check every input; one report entry each, in input order.

    ``timeout`` (seconds per file) needs a process to stop, so with a limit even ``jobs=1``
    checks in one worker process. Without one, ``jobs=1`` or a single file runs in this process
    (tests, debugging with pdb); several jobs use worker processes (``pool``).
    ``cache``: an ``ExtractionCache`` directory path or instance (``--cache DIR``), or None.
    ``scheduler``: a Dask scheduler address or ``local:N`` (``cluster``): the files are checked
    there instead, with the same results in the same order.
    ``progress``: an object with ``begin(total)``, ``start(path)`` and ``done(report)``
    (``audit.progress``)."""
    items = inputs(paths, entries)
    if cache is not None and not hasattr(cache, "get"):
        from .cache import ExtractionCache

        cache = ExtractionCache(cache)
    check = partial(check_file, cache=cache) if cache is not None else check_file
    jobs = min(jobs or default_jobs(), max(len(items), 1))
    if progress:
        progress.begin(len(items))
    if scheduler:
        from .cluster import run_on_cluster

        reports = run_on_cluster(scheduler, items, check, (pack, settings), timeout,
                                 lambda path, entry, why: failed_report(path, pack, settings, entry, why),
                                 progress)
    elif not timeout and jobs <= 1:
        reports = []
        for path, entry in items:
            if progress:
                progress.start(path)
            reports.append(check(path, pack, settings, entry))
            if progress:
                progress.done(reports[-1])
    else:
        from .pool import supervise

        if cache is None:  # with a cache most files are never read: importing would be waste
            _preload(items)

        reports = supervise(items, jobs, timeout, check, (pack, settings),
                            lambda path, entry, why: failed_report(path, pack, settings, entry, why),
                            on_start=progress and progress.start, on_done=progress and progress.done)
    return result_dict(reports)


def _preload(items) -> None:
    """Import the readers this batch needs before the workers are forked, so that they inherit
    them instead of each importing lxml or pdfplumber (~0.3 s of CPU) on its first file."""
    suffixes = {os.path.splitext(str(p))[1].lower() for p, _ in items}
    from ..model import build  # noqa: F401

    if suffixes & {".html", ".htm"}:
        import lxml.html  # noqa: F401

        from ..read import html  # noqa: F401
    if ".pdf" in suffixes:
        import pdfplumber  # noqa: F401

        from ..read.pdf import check, page  # noqa: F401


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
