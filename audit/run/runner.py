"""Run the rules over many files: one report entry per input, in input order, never a traceback.

Without a time limit, ``jobs == 1`` runs in-process (tests, debugging); otherwise worker
processes (``pool``: results as they come, like ``imap_unordered``, but each file with
its own time limit) and the results are put back into input order. A file that cannot be read,
whose reading crashes or runs past ``--timeout``, becomes a report with an E901 finding.
Inputs come from the command line and from a ``--manifest`` (``audit.manifest``), whose row
travels with the file into its report entry.
"""
from __future__ import annotations

import hashlib
import os

from .. import __version__
from ..checks.engine import Settings, check_model
from ..model.report import ReportModel
from . import paths

SEVERITIES = ("error", "warning", "info")
expand = paths.expand  # kept importable from here (cli, tests)


def _model(path: str, entry=None) -> tuple[ReportModel, list[str], str | None]:
    """The model, internal errors, and the sha256 of the bytes read: this runs in the worker,
    and the bytes are read once, here (the main process never opens an input)."""
    from ..document import ReadError
    from ..model.build import extract_path
    from ..read import MEMORY_REASON, load_bytes
    from .pool import note

    if entry is not None and entry.error:
        return _unreadable(path, entry.error), [], None
    try:
        data = load_bytes(path)
    except ReadError as err:
        where = f"（{entry.where}）" if entry is not None and not os.path.lexists(path) else ""
        return _unreadable(path, err.reason + where), [], None
    sha = hashlib.sha256(data).hexdigest()
    note(sha256=sha)  # to the parent now: it has the hash even if the parse then hangs
    try:
        return extract_path(path, data), [], sha
    except MemoryError:
        del data
        return _unreadable(path, MEMORY_REASON), [], sha
    except Exception as err:  # a reader bug must not lose the other files
        msg = f"{type(err).__name__}: {err}"
        return _unreadable(path, f"读取时出错（{msg}）"), [f"extract: {msg}"], sha


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


def check_file(path: str, pack, settings: Settings, entry=None) -> dict:
    """One report entry. ``entry``: the file's manifest row (``manifest.Entry``), if any."""
    model, errors, sha = _model(path, entry)
    filled = _from_manifest(model, entry)  # an unreadable file too: the manifest names it
    return _report(path, model, check_model(model, pack, settings), errors, entry, filled, sha)


def _report(path, model: ReportModel, result: dict, errors: list, entry, filled, sha) -> dict:
    rep = {"path": paths.display(path), "sha256": sha, "format": model.format,
           "report_year": model.report_year, "agency": model.agency,
           "template": model.template, "kind": model.kind, "title": model.title,
           "published": model.published,
           "outcomes": result["outcomes"], "reasons": result["reasons"],
           "findings": result["findings"], "errors": errors + result["errors"],
           # the cells themselves, so that the HTML report can redraw t3 and t4
           "tables": model.tables}
    if paths.uri_bytes(path):  # a name that is not UTF-8: its exact bytes, for URIs
        rep["path_bytes"] = paths.uri_bytes(path)
    if entry is not None:
        rep["manifest"] = dict(entry.row)
        rep["from_manifest"] = filled
    return rep


def failed_report(path: str, pack, settings: Settings, entry, reason: str,
                  notes: dict | None = None) -> dict:
    """The entry of a file whose check did not finish (time limit, crashed worker): E901.
    Runs in the main process, which never reads an input: the sha256 is the one the worker
    reported before it failed (``pool.note``), or none."""
    model = _unreadable(path, reason)
    filled = _from_manifest(model, entry)
    return _report(path, model, check_model(model, pack, settings), [f"runner: {reason}"],
                   entry, filled, (notes or {}).get("sha256"))


def inputs(names, entries=None, exclude=()) -> list[tuple[str, object]]:
    """(path, manifest entry or None) for each file: the manifest's rows first, in row order,
    then the files and folders given, without the files the manifest already lists.
    ``exclude``: the run's own output files, skipped when a folder walk meets them."""
    out = [(e.path, e) for e in entries or []]
    listed = {paths.real(p) for p, _ in out}
    out += [(p, None) for p in expand(names, exclude) if paths.real(p) not in listed]
    return out


def default_jobs() -> int:
    """CPU count available to this process (a container's limit, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def run(names, pack, settings: Settings, jobs: int | None = 1, *, entries=None,
        timeout: float | None = None, progress=None, max_memory: int | None = None,
        exclude=()) -> dict:
    """Check every input; one report entry each, in input order.

    ``timeout`` (seconds per file) needs a process to stop, so with a limit even ``jobs=1``
    checks in one worker process. Without one, ``jobs=1`` or a single file runs in this process
    (tests, debugging with pdb); several jobs use worker processes (``pool``).
    ``max_memory`` (bytes per worker) likewise needs a worker: the limit is the worker's own.
    Jobs are capped at four per CPU (more only thrash) and at the number of files.
    ``progress``: an object with ``begin(total)``, ``start(path)`` and ``done(report)``
    (``audit.progress``)."""
    items = inputs(names, entries, exclude)
    jobs = min(jobs or default_jobs(), default_jobs() * 4, max(len(items), 1))
    if progress:
        progress.begin(len(items))
    if not timeout and not max_memory and jobs <= 1:
        reports = []
        for path, entry in items:
            if progress:
                progress.start(path)
            reports.append(check_file(path, pack, settings, entry))
            if progress:
                progress.done(reports[-1])
    else:
        from .pool import supervise

        reports = supervise(items, jobs, timeout, check_file, (pack, settings),
                            lambda path, entry, why, notes: failed_report(path, pack, settings, entry,
                                                                     why, notes),
                            max_memory=max_memory, on_start=progress and progress.start, on_done=progress and progress.done)
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
