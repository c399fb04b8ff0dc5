"""Stream a corpus through the scorer in chunks and write the stances table as it goes.

Memory is bounded by the chunk size and the number of chunks in flight, not by the
corpus.  The table is written to a temporary file and renamed at the end, so an
interrupted or ``--strict``-aborted run leaves no partial output.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from .errors import StanceError
from .io import table_format, write_frame
from .parallel import map_chunks
from .pipeline import Resources, plan_chunks
from .schemas import REJECTS, check


def score_to_file(paths, out, rejects_out, *, actors=None, lexicon=None, scorer=None,
                  default_date=None, jobs=None, engine="local", scheduler=None,
                  chunk_size=200, progress=False, strict=False, on_reject=None) -> dict:
    """Score `paths` into the table `out`; list rejects in `rejects_out`.

    Returns a dict of counts: documents, statements, rejected, chars, sentences, aborted.
    """
    out = Path(out)
    fmt = table_format(out)
    kwargs = {} if scorer is None else {"scorer": scorer}
    res = Resources.load(actors=actors, lexicon=lexicon, **kwargs)
    if default_date is not None:
        from .load import _parse_date
        if _parse_date(default_date) is None:
            raise StanceError(f"--date {default_date!r} is not a valid ISO date (YYYY-MM-DD)")
    chunks, rejects = plan_chunks(paths, chunk_size=chunk_size)
    reject_frames = [rejects]
    seen_ids: set = set()
    stats = {"documents": 0, "statements": 0, "rejected": 0, "chars": 0, "aborted": False}
    bar = _progress(progress, chunks, chunk_size)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=out.suffix, dir=out.parent)
    os.close(fd)
    parquet_parts = []
    try:
        first = True
        for docs, rej, stances in map_chunks(chunks, res, jobs=jobs, engine=engine,
                                             scheduler=scheduler, default_date=default_date):
            dup = docs["doc_id"].isin(seen_ids) | docs["doc_id"].duplicated()
            if dup.any():
                rej = pd.concat([rej, pd.DataFrame({"path": docs.loc[dup, "doc_id"],
                                                    "reason": "duplicate id: an earlier document has it"})])
                stances = stances[~stances["doc_id"].isin(set(docs.loc[dup, "doc_id"]))]
                docs = docs[~dup]
            seen_ids.update(docs["doc_id"])
            reject_frames.append(rej)
            stats["documents"] += len(docs)
            stats["chars"] += int(docs["n_chars"].sum())
            stats["statements"] += stances["statement_id"].nunique()
            if fmt == "parquet":
                parquet_parts.append(stances)
            else:
                _append(stances, tmp, fmt, header=first)
            first = False
            if bar is not None:
                bar.update(len(docs) + len(rej))
        if first and fmt != "parquet":
            from .schemas import STANCES, empty
            _append(empty(STANCES).assign(source=""), tmp, fmt, header=True)
        rejects = check(pd.concat(reject_frames, ignore_index=True), REJECTS, name="rejects")
        stats["rejected"] = len(rejects)
        if on_reject:
            for r in rejects.itertuples(index=False):
                on_reject(r.path, r.reason)
        if strict and len(rejects):
            stats["aborted"] = True
            return stats
        if fmt == "parquet":
            from .schemas import STANCES, empty
            write_frame(pd.concat(parquet_parts, ignore_index=True) if parquet_parts
                        else empty(STANCES), tmp)
        os.replace(tmp, out)
        write_frame(rejects, rejects_out)
        return stats
    finally:
        if bar is not None:
            bar.close()
        if os.path.exists(tmp):
            os.unlink(tmp)


def _append(stances: pd.DataFrame, path, fmt, *, header):
    frame = stances.copy()
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
    with open(path, "a", encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            frame.to_csv(fh, index=False, header=header, lineterminator="\n", float_format="%.6g")
        else:
            if len(frame):
                frame.to_json(fh, orient="records", lines=True, force_ascii=False)


def _progress(enabled, chunks, chunk_size):
    if not enabled:
        return None
    from tqdm import tqdm
    total = sum(len(p) if k == "files" else len(p) for k, p in chunks)
    return tqdm(total=total, unit="doc", desc="scoring", leave=False, dynamic_ncols=True)
