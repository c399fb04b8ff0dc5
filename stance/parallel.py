"""Run `score_chunk` over work units: in-process, in a local process pool, or on Dask.

All engines yield results in input order, so the output does not depend on the engine
or the number of workers.  At most ``2 × workers`` chunks are in flight, and chunks are
drawn from the (lazy) plan only as results are taken, so memory is bounded by the chunk
size, not by the corpus.  The resources (dictionaries, lexicon, model: about 4 MB
pickled) go to each worker once, not with every chunk: through the pool's initializer
locally, and ``client.scatter(..., broadcast=True)`` on Dask.
"""
from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import multiprocessing
import os
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .errors import StanceError
from .pipeline import score_chunk

log = logging.getLogger(__name__)

ENGINES = ("local", "dask")
WINDOW_PER_WORKER = 2  # chunks in flight per worker: one running, one queued


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def map_chunks(chunks, resources, *, jobs: int | None = None, engine: str = "local",
               scheduler: str | None = None, default_date=None, task=score_chunk):
    """Yield ``(chunk, task(chunk, resources, default_date))`` for each chunk, in order.

    Parameters
    ----------
    chunks : iterable of work units from `pipeline.plan_chunks`, drawn only as the
        window of chunks in flight has room
    resources : pipeline.Resources
    jobs : int, optional
        Worker processes (default: all cores); 1 scores in this process, as does any
        number for a single chunk.  With Dask and no `scheduler`, the size of the
        LocalCluster.
    engine : {"local", "dask"}
    scheduler : str, optional
        Address of a running Dask scheduler; its workers must be able to import
        ``stance`` and read the input paths.
    task : callable, optional
        `pipeline.score_chunk` or a module-level function (picklable) with its
        signature, run where the chunk is scored.

    Raises
    ------
    StanceError
        For a bad engine or job count, a missing dask, or a worker process that died.
    """
    if jobs is not None and jobs < 1:
        raise StanceError("--jobs must be at least 1")
    if engine not in ENGINES:
        raise StanceError(f"unknown engine {engine!r}; use local or dask")
    chunks = iter(chunks)
    head = list(itertools.islice(chunks, 2))
    chunks = itertools.chain(head, chunks)
    if engine == "dask":
        yield from _dask_map(chunks, resources, default_date, scheduler, jobs, task)
        return
    jobs = default_jobs() if jobs is None else jobs
    with _frozen_heap():
        if jobs == 1 or len(head) < 2:
            for c in chunks:
                yield c, task(c, resources, default_date)
        else:
            yield from _pool_map(chunks, resources, default_date, jobs, task)


@contextlib.contextmanager
def _frozen_heap():
    """Keep the objects alive now (modules, resources) out of the garbage collector's scans.

    The resources live for the whole run, so scanning them is wasted work; and a forked
    worker that scans them writes to every inherited page (reference counts, GC links),
    copying the parent's memory page by page: 2 s of CPU over the workers of a 10k-document
    run.  Unfrozen afterwards, so a notebook's heap is collected as before.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# Set once in each pool worker by `_init_worker`, never in the parent process: the pool's
# documented way to give every task the same large, read-only object without pickling it
# per task.
_WORKER_STATE: dict = {}


def _init_worker(resources, default_date, task):
    _WORKER_STATE.update(resources=resources, default_date=default_date, task=task)


def _score_in_worker(chunk):
    state = _WORKER_STATE
    return state["task"](chunk, state["resources"], state["default_date"])


def _pool_map(chunks, resources, default_date, jobs, task):
    # A forked child of a process whose torch (the [embed] encoder) has run its thread
    # pool hangs at its first use of torch; spawned workers start clean.  Forking stays
    # the rule otherwise: it is faster to start and shares the resources' pages.
    context = multiprocessing.get_context("spawn") if "torch" in sys.modules else None
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                               initargs=(resources, default_date, task))
    window: deque = deque()  # (chunk, future), oldest first
    try:
        for c in chunks:
            window.append((c, pool.submit(_score_in_worker, c)))
            if len(window) >= WINDOW_PER_WORKER * jobs:
                c0, f0 = window.popleft()
                yield c0, f0.result()
        while window:
            c0, f0 = window.popleft()
            yield c0, f0.result()
    except BrokenProcessPool:
        raise StanceError("a worker process died (out of memory? try a smaller --chunk-size "
                          "or fewer --jobs)") from None
    finally:
        # on an error or an early stop, drop the queued chunks instead of scoring them
        pool.shutdown(wait=True, cancel_futures=True)


def _dask_map(chunks, resources, default_date, scheduler, jobs, task):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise StanceError("the dask engine needs dask.distributed: pip install 'stance[dask]'") from None
    with _quiet_distributed(), contextlib.ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler))
            except (OSError, TimeoutError) as exc:
                raise StanceError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        else:
            cluster = stack.enter_context(LocalCluster(
                n_workers=jobs or default_jobs(), threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=_distributed_level()))
            client = stack.enter_context(Client(cluster))
        shared = client.scatter(resources, broadcast=True, hash=False)
        width = WINDOW_PER_WORKER * max(1, sum(client.nthreads().values()))
        window: deque = deque()  # (chunk, future), oldest first
        for c in chunks:
            window.append((c, client.submit(task, c, shared, default_date, pure=False)))
            if len(window) >= width:
                c0, f0 = window.popleft()
                yield c0, f0.result()
        while window:
            c0, f0 = window.popleft()
            yield c0, f0.result()


def _distributed_level() -> int:
    # distributed logs its cluster start and stop at INFO; show that only with `stance -v`
    return logging.INFO if log.isEnabledFor(logging.INFO) else logging.WARNING


@contextlib.contextmanager
def _quiet_distributed():
    logger = logging.getLogger("distributed")
    before = logger.level
    logger.setLevel(max(before, _distributed_level()))
    try:
        yield
    finally:
        logger.setLevel(before)
