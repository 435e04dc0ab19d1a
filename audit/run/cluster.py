"""Check on a Dask cluster (``check --scheduler tcp://host:port`` or ``local:N``).

One machine checks a county's reports; a province or the whole country (several hundred
thousand reports a year) wants many. Dask distributed is the executor: a scheduler that any
number of ``dask worker`` processes join, on one machine or many. Each file is one task running
the same ``check_file`` as a local run, and the results are put back into input order, so the
output is byte for byte the output of a local run.

Workers read the files by path. The alternative, sending each file's bytes from this process,
makes this one machine's disk and network the bottleneck of the whole cluster and keeps the
files in the scheduler's memory while they wait; reading by path lets every worker read from
the shared storage a cluster has anyway (NFS, a mounted bucket), and keeps each report's
``path``, ``sha256`` and "file not found" exactly as in a local run. Paths must therefore be
valid on the workers: absolute paths on storage mounted at the same place everywhere (relative
paths are resolved against this process's working directory). Workers need the same version of
xxgk-audit installed (checked before the run) and the ``dask`` extra. With ``--cache DIR``
the workers read and write the cache, so DIR too must be shared storage.

Time limit: Dask cannot stop a running task, so the time a file has been *executing* on a
worker is watched from here (each worker is asked what it runs, once a second); past ``timeout`` the file gets its E901 entry as in a local run and
that worker is restarted by its nanny (a hung parse would otherwise hold it for ever).
"""
from __future__ import annotations

import logging
import os
import time

from .runner import RunError

_POLL = 1.0  # seconds between looks at what the workers are processing (time limit)


def _version() -> str:
    from .. import __version__

    return __version__


def _task(func, args, path, cwd, entry):
    """One file on a worker. A relative path is read from the client's working directory, but
    reported as given, so that the output is the local run's."""
    if not os.path.isabs(path) and os.path.abspath(cwd) != os.getcwd():
        rep = func(os.path.join(cwd, path), *args, entry)
        rep["path"] = path
        return rep
    return func(path, *args, entry)


def connect(address: str):
    """A ``distributed.Client`` for ``tcp://…`` (or any Dask address) or ``local:N``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise RunError("--scheduler needs Dask: pip install 'xxgk-audit[dask]'") from None
    if address.startswith("local:"):
        try:
            n = int(address[6:])
        except ValueError:
            raise RunError(f"--scheduler {address}: write local:N (N worker processes)") from None
        if n < 1:
            raise RunError(f"--scheduler {address}: N must be at least 1")
        # one thread per worker: the readers are pure Python, threads would only share the GIL;
        # every server (scheduler, dashboard) on loopback only
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address="127.0.0.1:0",
                               silence_logs=logging.ERROR)
        return Client(cluster)
    try:
        return Client(address, timeout=15)
    except (OSError, TimeoutError, ValueError) as err:
        raise RunError(f"--scheduler {address}: cannot connect ({err})") from None


def run_on_cluster(address, items, func, args, timeout, on_fail, progress=None) -> list:
    """``func(path, *args, extra)`` for each ``(path, extra)``, on the cluster; the results in
    input order, ``on_fail(path, extra, reason)`` for a file that failed or ran past ``timeout``."""
    from distributed import as_completed

    client = connect(address)
    try:
        mismatch = {w: v for w, v in client.run(_version).items() if v != _version()}
        if mismatch:
            raise RunError(f"--scheduler {address}: workers run another xxgk-audit version "
                           f"({', '.join(sorted(set(mismatch.values())))}, here {_version()})")
        shared = client.scatter(list(args), broadcast=True)  # the pack once per worker, not per file
        cwd = os.getcwd()
        futures = []
        for path, entry in items:
            if progress:
                progress.start(path)
            futures.append(client.submit(_task, func, shared, path, cwd, entry, pure=False))
        index = {f.key: i for i, f in enumerate(futures)}
        results: list = [None] * len(items)
        pending = as_completed(futures, with_results=False)
        started: dict = {}
        while not pending.is_empty():
            batch = pending.next_batch(block=not timeout)
            for fut in batch:
                i = index[fut.key]
                if results[i] is None:  # not already given up on (time limit)
                    results[i] = _outcome(fut, items[i], on_fail)
                    _done(progress, results[i])
            if timeout:
                if not batch:
                    time.sleep(0.05)
                _expire(client, futures, index, started, timeout, items, results, on_fail,
                        progress)
        return results
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()


def _done(progress, report) -> None:
    if progress:
        progress.done(report)


def _outcome(fut, item, on_fail):
    path, entry = item
    if fut.status == "finished":
        return fut.result()
    try:
        err = fut.exception()
    except Exception as exc:  # cancelled
        err = exc
    name = type(err).__name__
    if name == "KilledWorker":
        return on_fail(path, entry, "检查进程意外终止（Dask 工作进程退出）")
    return on_fail(path, entry, f"检查时出错（{name}: {err}）")


def _executing(dask_worker) -> list:
    """The keys a worker is running now. Not the scheduler's ``processing``: that also lists
    tasks assigned to a worker and waiting behind the one it runs, which have not started."""
    state = getattr(dask_worker, "state", dask_worker)
    return [ts.key for ts in getattr(state, "executing", ())]


def _expire(client, futures, index, started, timeout, items, results, on_fail, progress) -> None:
    """Files processing for longer than ``timeout``: E901, their worker restarted."""
    now = time.monotonic()
    if now - started.get("_polled", 0.0) < _POLL:
        return
    started["_polled"] = now
    by_key = {f.key: f for f in futures}
    for worker, keys in client.run(_executing).items():
        for key in keys:
            if key not in by_key or results[index[key]] is not None:
                continue
            t0 = started.setdefault(key, now)
            if now - t0 < timeout:
                continue
            i = index[key]
            path, entry = items[i]
            results[i] = on_fail(path, entry, f"读取超时（超过 {timeout:g} 秒）")
            _done(progress, results[i])
            by_key[key].cancel()  # it still comes out of as_completed: ignored there
            try:
                client.restart_workers([worker])
            except Exception:  # noqa: BLE001 - no nanny (threads): the thread ends in its own time
                pass
