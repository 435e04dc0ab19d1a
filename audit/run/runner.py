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
from functools import partial

from .. import __version__
from ..checks.engine import Settings, check_model
from ..model.kind import plainly_not_a_report
from ..model.report import ReportModel
from . import paths
from .cache import extract_cached

SEVERITIES = ("error", "warning", "info")
expand = paths.expand  # kept importable from here (cli, tests)


class RunError(Exception):
    """The batch cannot start (an unreachable cluster, a missing extra): exit status 2."""


def _model(path: str, entry=None, data: bytes | None = None, options=None,
           cache=None) -> tuple[ReportModel, list[str], str | None]:
    """The model, internal errors, and the sha256 of the bytes read. In a batch this runs in
    the worker, and the bytes are read once, here: the main process never opens an input.
    ``data``: bytes that arrived without a file (an upload to ``serve``)."""
    from ..document import ReadError
    from ..read import MEMORY_REASON, load_bytes
    from .pool import note

    if entry is not None and entry.error:
        return _unreadable(path, entry.error), [], None
    if data is None:
        try:
            data = load_bytes(path)
        except ReadError as err:
            where = f"（{entry.where}）" if entry is not None and not os.path.lexists(path) else ""
            return _unreadable(path, err.reason + where), [], None
    sha = hashlib.sha256(data).hexdigest()
    note(sha256=sha)  # to the parent now: it has the hash even if the parse then hangs
    try:
        return extract_cached(path, data, sha, options, cache), [], sha
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
    rules gated on the year can then be judged. What the document says wins for what rules judge
    (the year); the publication date is not in the document's text but around it, so the
    manifest's (often the portal's listing) outranks what the page or the file says
    (model/dates.py); the agency is the office's own name for the body, which every output shows
    and pairs years on, so the manifest's agency wins (the document's stays in
    ``agency_in_document``). The fields taken are listed in the report's ``from_manifest``."""
    filled = []
    for name, value in (entry.fill if entry is not None else {}).items():
        current = getattr(model, name)
        if current in (None, "") or name == "published" or (
                name == "agency" and value and current != value):
            if name == "agency" and current not in (None, ""):
                model.agency_in_document = current
            setattr(model, name, value)
            filled.append(name)
            if name == "published":
                model.published_source = "manifest"
    return filled


def _published(model: ReportModel, settings: Settings) -> None:
    """--published outranks every other source of the publication date."""
    if settings.published:
        model.published, model.published_source = settings.published, "option"


def check_file(path: str, pack, settings: Settings, entry=None, *, cache=None) -> dict:
    """One report entry. ``entry``: the file's manifest row (``manifest.Entry``), if any;
    ``cache``: an ``ExtractionCache`` (``--cache DIR``) or None."""
    model, errors, sha = _model(path, entry, options=settings.read, cache=cache)
    filled = _from_manifest(model, entry)  # an unreadable file too: the manifest names it
    _published(model, settings)
    rep = _report(path, model, check_model(model, pack, settings), errors, entry, filled, sha)
    if settings.keep_model:  # for run/pairing in the parent; removed there
        rep["_model"] = model.to_dict()
    return rep


def check_bytes(name: str, pack, settings: Settings, data: bytes) -> dict:
    """``check_file`` for bytes named ``name`` that are not in a file (an upload to ``serve``);
    the argument order is the one ``pool.supervise`` calls with."""
    model, errors, sha = _model(name, data=data, options=settings.read)
    return _report(name, model, check_model(model, pack, settings), errors, None, [], sha)


def check_one(name: str, data: bytes, pack, settings: Settings, timeout: float | None) -> dict:
    """``check_bytes`` in a worker process with a time limit, as a batch checks each file: a
    parse that hangs or crashes ends that worker (an E901 entry), never the caller."""
    from .pool import supervise

    def failed(path, data, reason, notes=None):
        return failed_report(path, pack, settings, None, reason, {"sha256": hashlib.sha256(data).hexdigest()})

    return supervise([(name, data)], 1, timeout, check_bytes, (pack, settings), failed)[0]


def _report(path, model: ReportModel, result: dict, errors: list, entry, filled, sha) -> dict:
    rep = {"path": paths.display(path), "sha256": sha, "format": model.format,
           "report_year": model.report_year, "agency": model.agency,
           "template": model.template, "kind": model.kind, "title": model.title,
           "published": model.published, "published_source": model.published_source,
           "outcomes": result["outcomes"], "reasons": result["reasons"],
           "findings": result["findings"], "errors": errors + result["errors"],
           # the cells themselves, so that the HTML report can redraw t3 and t4
           "tables": model.tables}
    if plainly_not_a_report(model):
        rep["not_a_report"] = True  # --skip-non-reports leaves it out of the result
    if getattr(model, "agency_in_document", None):
        rep["agency_in_document"] = model.agency_in_document
    if paths.uri_bytes(path):  # a name that is not UTF-8: its exact bytes, for URIs
        rep["path_bytes"] = paths.uri_bytes(path)
    if entry is not None:
        rep["manifest"] = dict(entry.row)
        rep["from_manifest"] = filled
    return rep


def check_stdin(data: bytes, name: str | None, pack, settings: Settings) -> dict:
    """The report entry of a document read from stdin (``check -``). ``name`` (from
    ``--stdin-filename``) names it in the output and gives its format; without it the format is
    told from the first bytes (PDF, HTML), else the text is taken for plain text."""
    from ..document import ReadError
    from ..model.build import build_model, unreadable_model
    from ..read import detect_format, read_bytes

    path = name or "-"
    fmt = detect_format(name or "", data[:4096]) or (None if name else "text")
    try:
        if not data.strip():
            raise ReadError("E901", "标准输入为空")
        if fmt is None:
            raise ReadError("E901", f"不支持的文件类型：{os.path.splitext(path)[1] or '无扩展名'}")
        model = build_model(read_bytes(data, fmt, path, settings.read))
    except ReadError as err:
        model = unreadable_model(path, err.code, err.reason)
    return _report(path, model, check_model(model, pack, settings), [], None, [],
                   hashlib.sha256(data).hexdigest())


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
        timeout: float | None = None, progress=None, skip_non_reports: bool = False,
        cache=None, scheduler=None, max_memory: int | None = None, exclude=()) -> dict:
    """Check every input; one report entry each, in input order.

    ``timeout`` (seconds per file) needs a process to stop, so with a limit even ``jobs=1``
    checks in one worker process. Without one, ``jobs=1`` or a single file runs in this process
    (tests, debugging with pdb); several jobs use worker processes (``pool``).
    ``max_memory`` (bytes per worker) likewise needs a worker: the limit is the worker's own.
    Jobs are capped at four per CPU (more only thrash) and at the number of files.
    ``cache``: an ``ExtractionCache`` directory path or instance (``--cache DIR``), or None.
    ``scheduler``: a Dask scheduler address or ``local:N`` (``cluster``): the files are checked
    there instead, with the same results in the same order.
    ``progress``: an object with ``begin(total)``, ``start(path)`` and ``done(report)``
    (``audit.progress``). ``skip_non_reports`` (the pre-commit hook): a file that is plainly
    not a report (``kind.plainly_not_a_report``) is listed under ``skipped`` instead."""
    items = inputs(names, entries, exclude)
    if settings.previous and len(items) != 1:
        raise ValueError(f"--previous pairs one report with its predecessor, not {len(items)}; "
                         "the reports of a batch are paired automatically")
    if settings.published and len(items) != 1:  # one date for many reports is a mistake
        raise ValueError(f"--published dates one report, not {len(items)}; give each report's "
                         "date in the manifest's published column")
    from .pairing import pairing_settings

    settings = pairing_settings(pack, settings, len(items))
    if cache is not None and not hasattr(cache, "get"):
        from .cache import ExtractionCache, reader_settings

        cache = ExtractionCache(cache, reader_settings(settings.read))
    check = partial(check_file, cache=cache) if cache is not None else check_file
    jobs = min(jobs or default_jobs(), default_jobs() * 4, max(len(items), 1))

    def failed(path, entry, why, notes=None):
        return failed_report(path, pack, settings, entry, why, notes)

    if progress:
        progress.begin(len(items))
    if scheduler:
        from .cluster import run_on_cluster

        reports = run_on_cluster(scheduler, items, check, (pack, settings), timeout,
                                 failed, progress)
    elif not timeout and not max_memory and jobs <= 1:
        reports = []
        for path, entry in items:
            if progress:
                progress.start(path)
            reports.append(check(path, pack, settings, entry))
            if progress:
                progress.done(reports[-1])
    else:
        from .pool import preload, supervise

        # Readers imported before the fork are shared by the workers: not worth it for one worker
        # (it imports them itself), nor with a cache (most files are never read).
        if cache is None and jobs > 1:
            preload(items)

        reports = supervise(items, jobs, timeout, check, (pack, settings), failed,
                            max_memory=max_memory, on_start=progress and progress.start,
                            on_done=progress and progress.done)
    return _cross(reports, pack, settings, skip_non_reports)


def _cross(reports: list[dict], pack, settings: Settings, skip_non_reports: bool = False) -> dict:
    """The checks across reports, after every file is read: pairs (X rules), roll-up. With
    ``skip_non_reports`` (the pre-commit hook) the files plainly not reports are listed apart."""
    from . import pairing

    extra = {}
    if settings.keep_model:
        previous = None
        if settings.previous:
            model, _, _ = _model(settings.previous, options=settings.read)
            previous = {"path": settings.previous, "_model": model.to_dict()}
        extra["pairs"] = pairing.check_pairs(reports, pack, settings, previous)
        if settings.rollup:
            from . import rollup

            extra["rollup"] = rollup.check_rollup(reports)
        for rep in reports:
            rep.pop("_model", None)
    if not skip_non_reports:
        return {**result_dict(reports), **extra}
    return {**result_dict([r for r in reports if not r.get("not_a_report")],
                          skipped=[r["path"] for r in reports if r.get("not_a_report")]), **extra}


def result_dict(reports: list[dict], skipped: list[str] = ()) -> dict:
    summary = {"reports": len(reports), "skipped": len(skipped), **{s: 0 for s in SEVERITIES},
               "not_assessable": 0, "pass": 0, "fail": 0}
    for rep in reports:
        for f in rep["findings"]:
            summary[f["severity"]] += 1
        for outcome in rep["outcomes"].values():
            summary[outcome] += 1
    return {"tool": {"name": "xxgk-audit", "version": __version__},
            "reports": reports, "summary": summary, "skipped": list(skipped)}


def exit_status(result: dict, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    worst = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    return 1 if any(result["summary"][s] for s in worst) else 0
