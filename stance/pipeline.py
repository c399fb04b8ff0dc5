"""The whole job, for the CLI and notebooks alike: documents → stances → trends → shifts.

`score_documents` runs the per-document stages on one frame of documents; `run` does the
bundled-corpus job of ``stance run``; `iter_scored_chunks` streams a large input in
chunks through a local process pool or Dask (parallel.py) with identical output.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .aggregate import aggregate_stances
from .errors import StanceError
from .io import FORMATS
from .load import TEXT_SUFFIXES, load_documents
from .resources import load_actors, load_lexicon
from .schemas import DOCUMENTS, REJECTS, STANCES, check, empty
from .score import DEFAULT_SCORER, score_stances
from .sentences import previous_texts, split_sentences
from .shifts import detect_shifts
from .rules import LexiconScorer
from .statements import AttributionRules, extract_statements

log = logging.getLogger(__name__)

CORPUS_DIRS = ("data/train", "data/dev", "seeds")


@dataclass(frozen=True)
class Resources:
    """Everything the per-document stages need; picklable, so it travels to workers."""

    actors: object
    lexicon: pd.DataFrame
    scorer: str = DEFAULT_SCORER
    model: object = None
    # compiled once by `load`, not for every chunk (None: compiled per call)
    attribution: AttributionRules | None = None
    rules: LexiconScorer | None = None

    @classmethod
    def load(cls, *, actors=None, lexicon=None, scorer=DEFAULT_SCORER, model=None,
             embed: bool = False):
        """Load the dictionaries (paths or None for the packaged defaults) and the model
        (a StanceModel, a path, or None for the packaged one: with ``embed=True`` the one
        that reads sentence embeddings, from the ``[embed]`` extra)."""
        if scorer != "lexicon" and model is None:
            from .model import load_model
            model = load_model(embed=embed)
        elif isinstance(model, (str, Path)):
            from .model import load_model
            model = load_model(model)
        actors = load_actors(actors) if not hasattr(actors, "find") else actors
        lexicon = load_lexicon(lexicon) if not isinstance(lexicon, pd.DataFrame) else lexicon
        return cls(actors, lexicon, scorer, model, AttributionRules.load(actors),
                   LexiconScorer(lexicon))


def score_documents(documents: pd.DataFrame, resources: Resources | None = None) -> pd.DataFrame:
    """Stances (schema STANCES, plus ``source``) for a frame of documents."""
    documents = check(documents, DOCUMENTS, name="documents")
    res = resources or Resources.load()
    sentences = split_sentences(documents)
    statements = extract_statements(sentences, res.actors, rules=res.attribution)
    stances = score_stances(statements, res.rules if res.rules is not None else res.lexicon,
                            scorer=res.scorer, model=res.model,
                            context=previous_texts(sentences, statements["doc_id"],
                                                   statements["start"]))
    stances["source"] = stances["doc_id"].map(dict(zip(documents["doc_id"], documents["source"])))
    return stances


def find_corpus(root=None) -> list[Path]:
    """The bundled corpus folders: under `root`, the working directory, or the checkout."""
    bases = [Path(root)] if root else [Path.cwd(), Path(__file__).resolve().parent.parent]
    for base in bases:
        dirs = [base / d for d in CORPUS_DIRS if (base / d).is_dir()]
        if dirs:
            return dirs
    raise StanceError("no bundled corpus found (data/train, data/dev, seeds/); "
                      "run from the project folder or pass PATH")


def run(paths=None, *, actors=None, lexicon=None, scorer=DEFAULT_SCORER, freq="M",
        default_date=None, model=None, embed=False, exclude=()) -> dict:
    """Score a corpus end to end.

    Returns
    -------
    dict of frames: ``documents``, ``rejects``, ``stances``, ``trends``, ``shifts``.

    Examples
    --------
    >>> frames = run()            # the bundled corpus
    >>> frames["trends"].head()
    """
    paths = find_corpus() if not paths else paths
    documents, rejects = load_documents(paths, default_date=default_date, exclude=exclude)
    res = Resources.load(actors=actors, lexicon=lexicon, scorer=scorer, model=model, embed=embed)
    stances = score_documents(documents, res) if len(documents) else empty(STANCES)
    trends = aggregate_stances(stances, freq=freq)
    shifts = detect_shifts(stances)
    return {"documents": documents, "rejects": rejects, "stances": stances, "trends": trends,
            "shifts": shifts}


def plan_chunks(paths, *, chunk_size: int = 200):
    """Split inputs into work units for `score_chunk`, lazily.

    Text files become ``("files", (path, ...), first)`` units of up to `chunk_size`
    paths, ``first`` being the input position of the unit's first file.  After all
    text files, each table is read (only when the iteration reaches it) and cut into
    ``("frame", documents, table_path)`` units of up to `chunk_size` rows.  Files come
    in the order of `paths` and, within a folder, in sorted path order (the order of
    ``sorted(folder.rglob("*"))``, hidden files and folders skipped).  Nothing is held
    per file, so planning a million files costs no memory.

    Returns
    -------
    (chunks, rejects, n_files) : an iterator over the work units; a list of frames
        (schema REJECTS) of unsupported files and bad table rows, which fills up as the
        units are drawn and is complete once they are exhausted; and the number of text
        files (counted up front, for a progress bar).

    Raises
    ------
    StanceError
        If a path does not exist or `chunk_size` is below 1.
    """
    def walk_sorted(root: str):
        # sorting each folder's entries by name and descending into subfolders in place
        # gives the order of sorting whole paths part by part, without holding them all
        try:
            entries = sorted(os.scandir(root), key=lambda e: e.name)
        except OSError as exc:
            raise StanceError(f"{root}: cannot list folder ({exc.strerror})") from None
        for e in entries:
            if e.name.startswith("."):
                continue  # hidden files and folders, as in load_documents
            if e.is_dir(follow_symlinks=False):
                yield from walk_sorted(e.path)
            elif e.is_file():
                yield e.path

    def inputs():
        for p in roots:
            for f in (walk_sorted(str(p)) if p.is_dir() else [str(p)]):
                yield p, f, os.path.splitext(f)[1].lower()

    def units():
        tables, batch, first = [], [], 0
        for p, f, suffix in inputs():
            if suffix in TEXT_SUFFIXES:
                batch.append(f)
                if len(batch) == chunk_size:
                    yield ("files", tuple(batch), first)
                    first += len(batch)
                    batch = []
            elif suffix in FORMATS:
                tables.append(f)
            elif not (p.is_dir() and os.path.basename(f).lower().startswith("readme")):
                rejects.append(pd.DataFrame([{"path": f, "reason": f"unsupported file type "
                               f"'{suffix or os.path.basename(f)}' (use .md, .txt, .csv, .jsonl, .parquet)"}]))
        if batch:
            yield ("files", tuple(batch), first)
        for f in tables:
            docs, rej = load_documents(f)
            rejects.append(rej)
            for i in range(0, len(docs), chunk_size):
                yield ("frame", docs.iloc[i:i + chunk_size], f)

    if chunk_size < 1:
        raise StanceError("--chunk-size must be at least 1")
    roots = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    for p in roots:
        if not p.exists():
            raise StanceError(f"{p}: no such file or folder")
    rejects: list = []
    n_files = sum(1 for _, _, suffix in inputs() if suffix in TEXT_SUFFIXES)
    return units(), rejects, n_files


def _score_one_by_one(docs, item, resources):
    """Score `docs` one at a time after a batch failed: (documents kept, their items,
    stances, {(doc_id, item): reason} of the documents that raised)."""
    frames, keep, failed = [], [], {}
    for i in range(len(docs)):
        one = docs.iloc[[i]]
        try:
            frames.append(score_documents(one, resources))
            keep.append(i)
        except Exception as exc:  # reported as a reject, with the error, not raised
            doc_id = str(one["doc_id"].iloc[0])
            log.warning("document %s could not be scored: %r", doc_id, exc)
            failed[(doc_id, item[i])] = (f"internal error while scoring ({type(exc).__name__}: "
                                         f"{exc}); the other documents were scored, please "
                                         "report this document")
    stances = pd.concat(frames, ignore_index=True) if frames else \
        empty(STANCES).assign(source=pd.Series([], dtype=str))
    return docs.iloc[keep].reset_index(drop=True), [item[i] for i in keep], stances, failed


def score_chunk(chunk, resources: Resources, default_date=None):
    """Load and score one work unit from `plan_chunks`.

    Returns
    -------
    (documents, rejects, stances) : ``documents`` has ``doc_id``, ``n_chars`` and
        ``item`` (the index in a "files" unit of the file each document came from, -1
        in a "frame" unit); ``rejects`` has schema REJECTS; ``stances`` has schema
        STANCES plus ``source``, ordered by document as the unit lists them (then by
        start, actor and target), so the output does not depend on how the input was cut.
    """
    kind, payload = chunk[0], chunk[1]
    if kind == "files":
        docs, rejects = load_documents(list(payload), default_date=default_date)
        # each file gives one document or one reject, in order (load_documents contract)
        rejected = set(rejects["path"])
        item = [i for i, p in enumerate(payload) if p not in rejected]
        if len(item) != len(docs):
            item = [-1] * len(docs)
    else:
        docs, rejects, item = payload, empty(REJECTS), [-1] * len(payload)
    if len(docs):
        try:
            stances = score_documents(docs, resources)
        except Exception:  # a fault on one document must not lose the others
            docs, item, stances, failed = _score_one_by_one(docs, item, resources)
            where = [str(payload[i]) if kind == "files" and i >= 0 else d for d, i in failed]
            rejects = pd.concat([rejects, pd.DataFrame(
                {"path": where, "reason": list(failed.values())})], ignore_index=True) \
                if failed else rejects
        position = dict(zip(docs["doc_id"], range(len(docs))))
        order = stances["doc_id"].map(position).to_numpy()
        stances = stances.iloc[order.argsort(kind="stable")].reset_index(drop=True)
    else:
        stances = empty(STANCES).assign(source=pd.Series([], dtype=str))
    summary = pd.DataFrame({"doc_id": docs["doc_id"].to_numpy(),
                            "n_chars": docs["text"].str.len().to_numpy(), "item": item})
    return summary, rejects, stances
