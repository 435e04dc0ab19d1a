"""Worker processes for ``runner.run``, each file with its own time limit.

Why not ``multiprocessing.Pool.imap_unordered`` (style.md §7.12)? It hands results back as they
come, which is what we keep, but it cannot stop *one* task: a parse that hangs (a pathological
PDF, a regular expression that backtracks for ever) would hang the whole batch, and a worker
killed by the kernel (out of memory, a crash in a C library) loses its task so that the pool
waits for ever. Here each worker has its own pipe; the parent sends one file at a time, waits on
all pipes and process sentinels with the nearest deadline as timeout, and when a file runs past
its limit or its worker dies, that worker is killed and reaped, the file gets an E901 entry, and
a fresh worker takes its place. Every file gets exactly one result, never an exception.

Workers ignore SIGINT: Ctrl-C reaches the whole process group, and the parent alone decides to
stop; its ``finally`` terminates and joins every worker, so none is left running or a zombie.
A worker whose parent was killed outright dies with it, even mid-parse (``limits``: the kernel's
parent-death signal on Linux, a watcher thread elsewhere).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from multiprocessing.connection import wait

from ..read import MEMORY_REASON

_ORPHAN_CHECK = 1.0  # seconds between checks that the parent is still there
_current = None  # in a worker: (conn, job index) while a job runs, for ``note``


def note(**facts) -> None:
    """From inside ``func`` in a worker: tell the parent facts about the current file before
    the result (the sha256 of the bytes read), so that the parent has them even when the file
    then times out or kills its worker. Outside a worker, nothing."""
    if _current is not None:
        conn, i = _current
        try:
            conn.send((i, "note", facts))
        except (OSError, ValueError):
            pass


def _context():
    # fork: workers start in milliseconds and inherit what the parent imported. macOS cannot
    # fork safely, and Python 3.14 no longer forks by default; elsewhere use the default.
    if sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _serve(conn, func, args, parent: int, max_memory: int | None = None) -> None:
    """Worker loop: receive (index, path, extra), answer (index, "ok", result) or
    (index, "error", message); None or a closed pipe ends it."""
    from .limits import die_with_parent, limit_memory

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's SIGTERM handler is not ours
    die_with_parent(parent)
    limit_memory(max_memory)
    while True:
        try:
            if not conn.poll(_ORPHAN_CHECK):
                if os.getppid() != parent:
                    return
                continue
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        i, path, extra = job
        global _current
        _current = (conn, i)
        try:
            answer = (i, "ok", func(path, *args, extra))
        except MemoryError:
            answer = (i, "memory", MEMORY_REASON)
        except BaseException as err:  # noqa: BLE001 - the parent turns it into E901
            answer = (i, "error", f"{type(err).__name__}: {err}")
        try:
            conn.send(answer)
        except (EOFError, OSError):
            return
        except Exception as err:  # the result could not be pickled
            conn.send((i, "error", f"结果无法传回（{type(err).__name__}: {err}）"))


class _Worker:
    def __init__(self, ctx, func, args, max_memory=None):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, func, args, os.getpid(), max_memory),
                                daemon=True)
        self.proc.start()
        child.close()  # the parent keeps only its own end, so a dead worker reads as EOF
        self.job = None
        self.deadline = None
        self.notes: dict = {}

    def stop(self, now: bool = False) -> None:
        """End the worker and reap it (no zombie). ``now``: do not ask, terminate."""
        if not now and self.proc.is_alive():
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                pass
            self.proc.join(2)
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def supervise(items, workers: int, timeout: float | None, func, args, on_fail, *,
              max_memory: int | None = None, on_start=None, on_done=None) -> list:
    """Run ``func(path, *args, extra)`` for each ``(path, extra)`` of ``items`` in up to
    ``workers`` processes; the results in input order. A file past ``timeout`` seconds, whose
    worker dies, or whose ``func`` raises gets ``on_fail(path, extra, reason, notes)`` instead
    (``notes``: what the worker said about the file before it failed, see ``note``).
    ``max_memory``: each worker's address-space limit in bytes (``limits.limit_memory``)."""
    ctx = _context()
    # Objects alive now (modules, the pack) are shared with forked workers copy-on-write; a
    # collection in a worker would touch, hence copy, every page they sit on. Frozen, they are
    # left alone: less memory and less start-up work per worker.
    gc.freeze()
    pending = deque(enumerate(items))
    results: list = [None] * len(items)
    done = 0
    new = lambda: _Worker(ctx, func, args, max_memory)  # noqa: E731
    pool = [new() for _ in range(min(workers, len(items)))]

    def finish(w, value, replace: bool) -> None:
        nonlocal done
        i = w.job[0]
        results[i] = value
        done += 1
        w.job = w.deadline = None
        w.notes = {}
        if replace:
            w.stop(now=True)
            pool[pool.index(w)] = new()
        if on_done:
            on_done(value)

    try:
        while done < len(items):
            for w in pool:
                if w.job is None and pending:
                    i, (path, extra) = pending.popleft()
                    w.job = (i, path, extra)
                    w.deadline = time.monotonic() + timeout if timeout else None
                    if on_start:
                        on_start(path)
                    try:
                        w.conn.send(w.job)
                    except OSError:  # died while idle: the sentinel check below reports it
                        pass
            busy = [w for w in pool if w.job is not None]
            deadlines = [w.deadline for w in busy if w.deadline is not None]
            wait_for = None if not deadlines else max(0.0, min(deadlines) - time.monotonic())
            ready = set(wait([x for w in busy for x in (w.conn, w.proc.sentinel)], wait_for))
            for w in busy:
                _, path, extra = w.job
                if w.conn in ready:
                    try:
                        i, status, value = w.conn.recv()
                    except (EOFError, OSError):
                        finish(w, on_fail(path, extra, _died(w), w.notes), replace=True)
                        continue
                    if status == "note":
                        w.notes.update(value)
                    elif status == "ok":
                        finish(w, value, replace=False)
                    elif status == "memory":  # a fresh worker: this one may be in a bad state
                        finish(w, on_fail(path, extra, value, w.notes), replace=True)
                    else:
                        finish(w, on_fail(path, extra, f"检查时出错（{value}）", w.notes), replace=False)
                elif w.proc.sentinel in ready:
                    finish(w, on_fail(path, extra, _died(w), w.notes), replace=True)
                elif w.deadline is not None and time.monotonic() >= w.deadline:
                    finish(w, on_fail(path, extra, f"读取超时（超过 {_secs(timeout)} 秒）", w.notes),
                           replace=True)
    finally:
        # Normal end: ask each worker to leave. Ctrl-C or any other exception: terminate now.
        interrupted = done < len(items)
        for w in pool:
            w.stop(now=interrupted)
        gc.unfreeze()  # a long-lived caller's objects are collectable again
    return results


def _died(w: _Worker) -> str:
    w.proc.join(1)
    code = w.proc.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return f"检查进程意外终止（信号 {name}）"
    return f"检查进程意外退出（退出码 {code}）"


def _secs(t: float) -> str:
    return str(int(t)) if float(t).is_integer() else f"{t:g}"


def preload(items) -> None:
    """Import the readers this batch needs before the workers are forked, so that they inherit
    them instead of each importing lxml or the PDF engine on its first file."""
    suffixes = {os.path.splitext(str(p))[1].lower() for p, _ in items}
    from ..model import build  # noqa: F401

    if suffixes & {".html", ".htm"}:
        from lxml import etree  # noqa: F401

        from ..read import html  # noqa: F401
    if ".pdf" in suffixes:
        from ..read.pdf import check, page  # noqa: F401
        from ..read.pdf.engine import pdfium  # noqa: F401
