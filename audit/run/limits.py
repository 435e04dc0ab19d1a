"""What a worker process sets up for itself before its first file: a memory ceiling, and death
with its parent.

Memory: ``resource.setrlimit(RLIMIT_AS)`` caps the worker's address space, so a decompression
bomb or a huge table raises MemoryError inside the worker (reported as E901 "内存超限") instead
of driving the machine into swap or the OOM killer. The limit is on virtual memory, which is
larger than RSS; the default (1 GiB) leaves the interpreter, lxml and pdfminer ample room.

Orphans: a worker stuck in a parse never reaches its loop's parent check. On Linux the kernel
kills it when its parent dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``); elsewhere a daemon thread
watches the parent's pid and ends the process. SIGTERM to the main process is handled like
Ctrl-C (``terminate_as_interrupt``), so its ``finally`` stops and reaps the workers.
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
DEFAULT_MAX_MEMORY = 1024 ** 3
DEFAULT_TIMEOUT = 120  # seconds: the slowest real report reads in a few; 120 is a hung parse
_MIN_MEMORY = 64 * 1024 ** 2  # below this the interpreter itself cannot start a parse


def parse_size(text) -> int:
    """Bytes from ``1G``, ``512M``, ``800MiB``, ``2000000000`` or ``0`` (no limit); ValueError
    with a plain message otherwise."""
    s = str(text).strip().upper().removesuffix("B").removesuffix("I")
    units = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3, "T": 1024 ** 4}
    mult = units.get(s[-1:], 1)
    digits = s[:-1] if s[-1:] in units else s
    try:
        value = float(digits)
    except ValueError:
        raise ValueError(f"{text!r} is not a size (e.g. 1G, 512M, 0 for no limit)") from None
    if value != value or value in (float("inf"), float("-inf")) or value < 0:
        raise ValueError(f"{text!r} is not a size (e.g. 1G, 512M, 0 for no limit)")
    size = int(value * mult)
    if 0 < size < _MIN_MEMORY:
        raise ValueError(f"{text!r} is too small: a worker needs at least 64M")
    if size > 1024 ** 5:
        raise ValueError(f"{text!r} is too large (at most 1P; 0 for no limit)")
    return size


def limit_memory(max_bytes: int | None) -> None:
    if not max_bytes:
        return
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the time limit still bounds the file
        return
    with contextlib.suppress(ValueError, OSError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        # On top of what the worker already maps when it starts: a worker forked from a large
        # process (a library caller, a test runner with Dask loaded) inherits its address space,
        # and a bare cap could then refuse the first allocation of every file.
        limit = _mapped() + max_bytes
        limit = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _mapped() -> int:
    """This process's address space in bytes (0 where /proc does not say)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def die_with_parent(parent: int) -> None:
    """End this process when ``parent`` goes away, even while busy in C code."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # it died before the prctl took effect
                    os._exit(1)
                return
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="parent-watch").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


class Terminated(KeyboardInterrupt):
    """SIGTERM, delivered as an interrupt so that every ``finally`` runs (workers reaped)."""


@contextlib.contextmanager
def terminate_as_interrupt():
    """Within the block, SIGTERM raises ``Terminated`` (a KeyboardInterrupt) in the main
    thread; the previous handler is restored afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise Terminated()

    old = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)
