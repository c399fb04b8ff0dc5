"""Stream a corpus through the scorer in chunks and write the stances table as it goes.

Memory is bounded by the chunk size and the number of chunks in flight, not by the
corpus: the plan is lazy, and csv and jsonl rows are appended chunk by chunk (parquet,
a columnar format, is still assembled in memory).  The one thing kept per document is
a digest of its id with its input position (24 bytes), to reject an id seen before.
The table is written to a temporary file and renamed at the end, so an interrupted or
``--strict``-aborted run leaves no partial output.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import types
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import StanceError
from .io import atomic_write, table_format, write_frame
from .parallel import map_chunks
from .pipeline import Resources, plan_chunks, score_chunk
from .schemas import REJECTS, STANCES, check, empty


class _Aborted(Exception):
    """--strict and some input was rejected: write nothing."""


class _SeenIds:
    """Document ids seen so far, each with where it was first read, in ~25 bytes an id.

    A dict of 100k id strings costs about 20 MB, enough to make memory grow with the
    corpus.  This keeps a 120-bit BLAKE2 digest of each id (a collision among a billion
    ids has odds of about 1e-18) in sorted numpy arrays, and the latest ids in a small
    dict until they are merged in.  Where an id was first read is a file position (an
    int >= 0) or a name (a table path), the few names kept in a list.
    """

    MERGE_EVERY = 8192

    def __init__(self):
        self._keys = np.empty(0, dtype="S16")
        self._firsts = np.empty(0, dtype=np.int64)
        self._recent: dict = {}
        self._codes: dict = {}  # name -> negative code
        self._names: list = []

    @staticmethod
    def _digest(doc_id) -> bytes:
        # the last byte is never NUL: numpy drops trailing NULs from "S" values
        return hashlib.blake2b(str(doc_id).encode("utf-8", "surrogatepass"),
                               digest_size=15).digest() + b"\x01"

    def _code(self, key):
        code = self._recent.get(key)
        if code is None and len(self._keys):
            i = int(np.searchsorted(self._keys, key))
            if i < len(self._keys) and self._keys[i] == key:
                code = int(self._firsts[i])
        return code

    def __contains__(self, doc_id) -> bool:
        return self._code(self._digest(doc_id)) is not None

    def __getitem__(self, doc_id):
        code = self._code(self._digest(doc_id))
        if code is None:
            raise KeyError(doc_id)
        return code if code >= 0 else self._names[-code - 1]

    def update(self, pairs):
        for doc_id, first in pairs:
            if not isinstance(first, int):
                if first not in self._codes:
                    self._names.append(first)
                    self._codes[first] = -len(self._names)
                first = self._codes[first]
            self._recent[self._digest(doc_id)] = first
        if len(self._recent) >= self.MERGE_EVERY:
            keys = np.concatenate([self._keys, np.array(list(self._recent), dtype="S16")])
            firsts = np.concatenate([self._firsts, np.fromiter(
                self._recent.values(), dtype=np.int64, count=len(self._recent))])
            order = np.argsort(keys, kind="stable")
            self._keys, self._firsts, self._recent = keys[order], firsts[order], {}


def score_to_file(paths, out, rejects_out, *, actors=None, lexicon=None, scorer=None,
                  model=None, embed=False, default_date=None, jobs=None, engine="local",
                  scheduler=None, chunk_size=200, progress=False, strict=False,
                  on_reject=None) -> dict:
    """Score `paths` into the table `out`; list rejected inputs in `rejects_out`.

    `model` is a model file from `stance train` or a loaded model (default: the packaged
    one, or with `embed` the packaged one that reads sentence embeddings).

    Rows come in input order (files in the order of `paths`, folders in sorted path
    order, then table rows), and rejects too (unsupported files first); both are the
    same for any `jobs`, `engine` and `chunk_size`.  A document whose id was seen
    before is rejected as `load_documents` does it.

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
    res = Resources.load(actors=actors, lexicon=lexicon, model=model, embed=embed, **kwargs)
    chunks, plan_rejects, n_files = plan_chunks(paths, chunk_size=chunk_size)
    stats = {"documents": 0, "statements": 0, "rejected": 0, "chars": 0, "aborted": False}
    rejects = empty(REJECTS)

    def write(tmp):
        nonlocal rejects
        found = []  # (input position, path, reason) of rejects met while scoring
        seen = _SeenIds()  # doc_id -> where it was first read: file position or table path
        repeats = []  # (position, path, doc_id, first) of ids seen before
        parquet_parts = []
        n_rows = 0  # table rows so far: their positions follow the files'
        n_chunks = 0
        bar = _progress(progress, n_files)
        fh = None if fmt == "parquet" else open(tmp, "w", encoding="utf-8", newline="")
        try:
            if fmt == "csv":
                fh.write("".join(_csv_rows(_no_stances(), header=True)))
            results = map_chunks(chunks, res, jobs=jobs, engine=engine, scheduler=scheduler,
                                 default_date=default_date,
                                 task=functools.partial(_score_rendered, fmt=fmt))
            for chunk, (docs, rej, stances, rows) in results:
                ids, items = docs["doc_id"].tolist(), docs["item"].tolist()
                if chunk[0] == "files":
                    payload, first = chunk[1], chunk[2]
                    at = {p: first + i for i, p in enumerate(payload)}
                    found += [(at.get(p, first), p, r) for p, r in zip(rej["path"], rej["reason"])]
                    pos = [first + i if i >= 0 else first for i in items]
                    origin = [first + i if i >= 0 else d for i, d in zip(items, ids)]
                    where = [payload[i] if i >= 0 else d for i, d in zip(items, ids)]
                else:
                    pos = list(range(n_files + n_rows, n_files + n_rows + len(docs)))
                    origin = where = [chunk[2]] * len(docs)  # one shared string per table
                    n_rows += len(docs)
                    if bar is not None:
                        bar.total += len(docs)
                repeated = [i for i, d in enumerate(ids) if d in seen]
                if repeated:
                    repeats += [(pos[i], where[i], ids[i], seen[ids[i]]) for i in repeated]
                    kept = ~stances["doc_id"].isin({ids[i] for i in repeated}).to_numpy()
                    stances = stances[kept]
                    if rows is not None:
                        rows = [r for r, k in zip(rows, kept) if k]
                    dropped = set(repeated)
                    keep = [i for i in range(len(docs)) if i not in dropped]
                    docs, ids, origin = docs.iloc[keep], [ids[i] for i in keep], [origin[i] for i in keep]
                seen.update(zip(ids, origin))
                stats["documents"] += len(docs)
                stats["chars"] += int(docs["n_chars"].sum())
                stats["statements"] += stances["statement_id"].nunique()
                if fmt == "parquet":
                    parquet_parts.append(stances)
                else:
                    fh.write("".join(rows))
                n_chunks += 1
                if bar is not None:
                    bar.update(len(docs) + len(repeated) + len(rej))
            if bar is not None:
                bar.refresh()  # tqdm skips updates within 0.1 s of the last: show the total
        finally:
            if fh is not None:
                fh.close()
            if bar is not None:
                bar.close()
        found += _repeat_rejects(repeats, paths, chunk_size)
        found.sort(key=lambda r: r[0])  # input order, whatever the chunks were
        rejects = check(pd.concat(plan_rejects + [pd.DataFrame(
            [r[1:] for r in found], columns=list(REJECTS))], ignore_index=True), REJECTS,
            name="rejects")
        stats["rejected"] = len(rejects)
        if on_reject:
            for r in rejects.itertuples(index=False):
                on_reject(r.path, r.reason)
        if strict and len(rejects):
            raise _Aborted
        if fmt == "parquet":
            write_frame(pd.concat(parquet_parts, ignore_index=True) if parquet_parts
                        else _no_stances(), tmp)

    try:
        atomic_write(out, write)
    except _Aborted:
        stats["aborted"] = True
        return stats
    write_frame(rejects, rejects_out)
    return stats


def _repeat_rejects(repeats, paths, chunk_size) -> list:
    """(position, path, reason) for each repeated id, worded as load_documents does."""
    if not repeats:
        return []
    # the first reader of a repeated id is known by its position only (a per-document
    # path would cost memory on every document); walk the plan again to name it
    wanted = {first for *_, first in repeats if isinstance(first, int)}
    named = {}
    chunks, _, _ = plan_chunks(paths, chunk_size=chunk_size)
    for chunk in chunks:
        if chunk[0] != "files" or len(named) == len(wanted):
            break  # files come before tables: stop before any table is read
        named.update((chunk[2] + i, p) for i, p in enumerate(chunk[1]) if chunk[2] + i in wanted)
    return [(pos, path, f"duplicate id {_show(doc_id)}: already used by {named.get(first, first)}")
            for pos, path, doc_id, first in repeats]


def _no_stances() -> pd.DataFrame:
    return empty(STANCES).assign(source=pd.Series([], dtype=str))


def _show(value) -> str:
    # the quoting load.py uses for ids in its own duplicate-id reason
    text = str(value)
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _score_rendered(chunk, resources, default_date=None, *, fmt):
    """`score_chunk`, with the stances rendered as lines of a `fmt` table where they were scored.

    Rendering in the worker keeps the parent, which only writes, from competing with the
    workers for the cores.  Returns ``(documents, rejects, stances, rows)``: for csv and
    jsonl ``stances`` keeps only ``doc_id`` and ``statement_id`` and ``rows`` has one
    string per stance; for parquet ``stances`` is the whole table and ``rows`` None.
    """
    docs, rejects, stances = score_chunk(chunk, resources, default_date)
    if fmt == "parquet":
        return docs, rejects, stances, None
    rows = _csv_rows(stances, header=False) if fmt == "csv" else _jsonl_rows(stances)
    return docs, rejects, stances[["doc_id", "statement_id"]], rows


def _jsonl_rows(frame: pd.DataFrame) -> list:
    if not len(frame):
        return []
    frame = frame.copy()
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
    text = frame.to_json(orient="records", lines=True, force_ascii=False)
    # JSON escapes newlines inside strings, so each record is one "\n"-ended line
    return [line + "\n" for line in text.split("\n") if line]


def _csv_rows(frame: pd.DataFrame, *, header) -> list:
    """`frame` as pandas' ``to_csv(float_format="%.6g")`` writes it, one string per line,
    in about 3/4 of pandas' time.

    The stances table has few distinct dates and scores, so each distinct value is
    formatted once; the csv module then formats the rows.
    """
    columns = []
    for name in frame.columns:
        col = frame[name]
        if col.dtype.kind in "Mf":
            distinct = col.unique()
            if col.dtype.kind == "M":
                shown = pd.DatetimeIndex(distinct).strftime("%Y-%m-%d").fillna("")
            else:
                shown = ["" if v != v else "%.6g" % v for v in distinct]
            values = col
            col = col.map(dict(zip(distinct, shown)))
            if values.dtype.kind == "f":
                # 0.0 and -0.0 are one key of the mapping (formatted as whichever unique()
                # met first); pandas writes "0" for the one and "-0" for the other
                zero = (values == 0).to_numpy()
                if zero.any():
                    col = col.mask(zero, np.where(np.signbit(values), "-0", "0"))
        elif col.hasnans:
            col = col.where(col.notna(), "")
        columns.append(col.tolist())
    rows: list = []
    writer = csv.writer(types.SimpleNamespace(write=rows.append), lineterminator="\n")
    if header:
        writer.writerow(frame.columns)
    writer.writerows(zip(*columns))
    return rows


def _progress(enabled, total):
    """A tqdm bar over documents (rate and ETA included), or None."""
    if not enabled:
        return None
    import shutil
    import sys
    from tqdm import tqdm
    # a terminal that reports no width (some containers' ptys) would get an empty bar
    sized = shutil.get_terminal_size((0, 0)).columns > 0
    return tqdm(total=total, unit="doc", desc="scoring", leave=False, file=sys.stderr,
                dynamic_ncols=sized, **({} if sized else {"ncols": 80, "nrows": 24}))
