"""Stream a corpus through the scorer in chunks and write the stances table as it goes.

Memory is bounded by the chunk size and the number of chunks in flight, not by the
corpus: csv and jsonl rows are appended chunk by chunk (parquet, a columnar format, is
still assembled in memory).  What does grow with the corpus is small: the plan (one
path string per file) and the document ids seen so far, to reject repeated ids.  The
table is written to a temporary file and renamed at the end, so an interrupted or
``--strict``-aborted run leaves no partial output.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import StanceError
from .io import atomic_write, table_format, write_frame
from .parallel import map_chunks
from .pipeline import Resources, plan_chunks
from .schemas import REJECTS, STANCES, check, empty


class _Aborted(Exception):
    """--strict and some input was rejected: write nothing."""


def score_to_file(paths, out, rejects_out, *, actors=None, lexicon=None, scorer=None,
                  default_date=None, jobs=None, engine="local", scheduler=None,
                  chunk_size=200, progress=False, strict=False, on_reject=None) -> dict:
    """Score `paths` into the table `out`; list rejected inputs in `rejects_out`.

    Rows come in input order (files in the order of `paths`, folders in sorted path
    order, then table rows), the same for any `jobs`, `engine` and `chunk_size`.

    Returns
    -------
    dict of counts: ``documents``, ``statements``, ``rejected``, ``chars``, and
        ``aborted`` (True when `strict` stopped before writing).

    Raises
    ------
    StanceError
        For a bad option or unreadable input; nothing is written then.

    Examples
    --------
    >>> stats = score_to_file(["seeds/"], "stances.csv", "rejects.csv", jobs=2)
    """
    out = Path(out)
    fmt = table_format(out)
    if default_date is not None:
        from .load import _parse_date
        if _parse_date(default_date) is None:
            raise StanceError(f"--date {default_date!r} is not a valid ISO date (YYYY-MM-DD)")
    kwargs = {} if scorer is None else {"scorer": scorer}
    res = Resources.load(actors=actors, lexicon=lexicon, **kwargs)
    chunks, rejects = plan_chunks(paths, chunk_size=chunk_size)
    stats = {"documents": 0, "statements": 0, "rejected": 0, "chars": 0, "aborted": False}

    def write(tmp):
        nonlocal rejects
        reject_frames = [rejects]
        seen: dict = {}  # doc_id -> where it was first read (a string the plan already holds)
        parquet_parts = []
        bar = _progress(progress, chunks)
        try:
            results = map_chunks(chunks, res, jobs=jobs, engine=engine, scheduler=scheduler,
                                 default_date=default_date)
            for n, (chunk, (docs, rej, stances)) in enumerate(zip(chunks, results)):
                where = _origins(chunk, docs)
                repeated = [i for i, d in enumerate(docs["doc_id"]) if d in seen]
                if repeated:
                    # as load_documents does within one call: the first file read keeps the id
                    ids = docs["doc_id"].iloc[repeated]
                    rej = pd.concat([rej, pd.DataFrame({
                        "path": [where[i] for i in repeated],
                        "reason": [f"duplicate id {_show(d)}: already used by {seen[d]}"
                                   for d in ids]})], ignore_index=True)
                    stances = stances[~stances["doc_id"].isin(set(ids))]
                    docs = docs.drop(docs.index[repeated])
                    where = [w for i, w in enumerate(where) if i not in repeated]
                seen.update(zip(docs["doc_id"], where))
                if len(rej):
                    reject_frames.append(rej)
                stats["documents"] += len(docs)
                stats["chars"] += int(docs["n_chars"].sum())
                stats["statements"] += stances["statement_id"].nunique()
                if fmt == "parquet":
                    parquet_parts.append(stances)
                else:
                    _append(stances, tmp, fmt, header=n == 0)
                if bar is not None:
                    bar.update(len(docs) + len(rej))
        finally:
            if bar is not None:
                bar.close()
        if not chunks and fmt == "csv":
            _append(empty(STANCES).assign(source=pd.Series([], dtype=str)), tmp, fmt, header=True)
        rejects = check(pd.concat(reject_frames, ignore_index=True), REJECTS, name="rejects")
        stats["rejected"] = len(rejects)
        if on_reject:
            for r in rejects.itertuples(index=False):
                on_reject(r.path, r.reason)
        if strict and len(rejects):
            raise _Aborted
        if fmt == "parquet":
            frame = (pd.concat(parquet_parts, ignore_index=True) if parquet_parts
                     else empty(STANCES).assign(source=pd.Series([], dtype=str)))
            write_frame(frame, tmp)

    try:
        atomic_write(out, write)
    except _Aborted:
        stats["aborted"] = True
        return stats
    write_frame(rejects, rejects_out)
    return stats


def _origins(chunk, docs) -> list:
    """Where each document of a scored chunk was read: its file, or its table."""
    if chunk[0] == "files":
        return [chunk[1][i] if i >= 0 else d for i, d in zip(docs["item"], docs["doc_id"])]
    return [chunk[2]] * len(docs)


def _show(value) -> str:
    # the quoting load.py uses for ids in its own duplicate-id reason
    text = str(value)
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _append(stances: pd.DataFrame, path, fmt, *, header):
    frame = stances.copy()
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
    with open(path, "a", encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            frame.to_csv(fh, index=False, header=header, lineterminator="\n", float_format="%.6g")
        elif len(frame):
            frame.to_json(fh, orient="records", lines=True, force_ascii=False)


def _progress(enabled, chunks):
    """A tqdm bar over documents (rate and ETA included), or None."""
    if not enabled:
        return None
    import shutil
    import sys
    from tqdm import tqdm
    total = sum(len(c[1]) for c in chunks)
    # a terminal that reports no width (some containers' ptys) would get an empty bar
    sized = shutil.get_terminal_size((0, 0)).columns > 0
    return tqdm(total=total, unit="doc", desc="scoring", leave=False, file=sys.stderr,
                dynamic_ncols=sized, **({} if sized else {"ncols": 80, "nrows": 24}))
