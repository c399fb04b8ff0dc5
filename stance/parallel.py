"""Run `score_chunk` over work units: in-process, in a local process pool, or on Dask.

All engines yield results in input order, so the output does not depend on the engine
or the number of workers.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from .errors import StanceError
from .pipeline import score_chunk

ENGINES = ("local", "dask")


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def map_chunks(chunks, resources, *, jobs: int | None = None, engine: str = "local",
               scheduler: str | None = None, default_date=None):
    """Yield ``score_chunk(chunk)`` results in order."""
    func = partial(score_chunk, resources=resources, default_date=default_date)
    if engine == "dask":
        yield from _dask_map(func, chunks, scheduler, jobs)
        return
    if engine != "local":
        raise StanceError(f"unknown engine {engine!r}; use local or dask")
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise StanceError("--jobs must be at least 1")
    if jobs == 1 or len(chunks) <= 1:
        for c in chunks:
            yield func(c)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # a bounded window of chunks in flight keeps memory flat however long the input
        pending = []
        for c in chunks:
            pending.append(pool.submit(func, c))
            if len(pending) >= 2 * jobs:
                yield pending.pop(0).result()
        for f in pending:
            yield f.result()


def _dask_map(func, chunks, scheduler, jobs):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise StanceError("the dask engine needs dask.distributed: pip install 'stance[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=jobs or default_jobs(), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        window = []
        width = 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
        for c in chunks:
            window.append(client.submit(func, c, pure=False))
            if len(window) >= width:
                yield window.pop(0).result()
        for f in window:
            yield f.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
