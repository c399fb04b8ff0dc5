"""The whole job, for the CLI and notebooks alike: documents → stances → trends → shifts.

`score_documents` runs the per-document stages on one frame of documents; `run` does the
bundled-corpus job of ``stance run``; `iter_scored_chunks` streams a large input in
chunks through a local process pool or Dask (parallel.py) with identical output.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .aggregate import aggregate_stances
from .errors import StanceError
from .io import FORMATS, read_frame
from .load import TEXT_SUFFIXES, load_documents
from .resources import load_actors, load_lexicon
from .schemas import DOCUMENTS, REJECTS, STANCES, check, empty
from .score import DEFAULT_SCORER, score_stances
from .sentences import split_sentences
from .shifts import detect_shifts
from .statements import extract_statements

log = logging.getLogger(__name__)

CORPUS_DIRS = ("data/train", "data/dev", "seeds")


@dataclass(frozen=True)
class Resources:
    """Everything the per-document stages need; picklable, so it travels to workers."""

    actors: object
    lexicon: pd.DataFrame
    scorer: str = DEFAULT_SCORER
    model: object = None

    @classmethod
    def load(cls, *, actors=None, lexicon=None, scorer=DEFAULT_SCORER, model=None):
        """Load the dictionaries (paths or None for the packaged defaults) and the model."""
        if scorer != "lexicon" and model is None:
            from .model import load_model
            model = load_model()
        elif isinstance(model, (str, Path)):
            from .model import load_model
            model = load_model(model)
        return cls(load_actors(actors) if not hasattr(actors, "find") else actors,
                   load_lexicon(lexicon) if not isinstance(lexicon, pd.DataFrame) else lexicon,
                   scorer, model)


def score_documents(documents: pd.DataFrame, resources: Resources | None = None) -> pd.DataFrame:
    """Stances (schema STANCES, plus ``source``) for a frame of documents."""
    documents = check(documents, DOCUMENTS, name="documents")
    res = resources or Resources.load()
    statements = extract_statements(split_sentences(documents), res.actors)
    stances = score_stances(statements, res.lexicon, scorer=res.scorer, model=res.model)
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
        default_date=None, model=None) -> dict:
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
    documents, rejects = load_documents(paths, default_date=default_date)
    res = Resources.load(actors=actors, lexicon=lexicon, scorer=scorer, model=model)
    stances = score_documents(documents, res) if len(documents) else empty(STANCES)
    trends = aggregate_stances(stances, freq=freq)
    shifts = detect_shifts(stances)
    return {"documents": documents, "rejects": rejects, "stances": stances, "trends": trends,
            "shifts": shifts}


def plan_chunks(paths, *, chunk_size: int = 200):
    """Split inputs into work units: ("files", [paths]) or ("frame", documents rows).

    Returns (chunks, rejects): unsupported files are rejected here, tables are read
    and cut into row chunks (their bad rows rejected by the loader).
    """
    files, chunks, rejects = [], [], []
    for p in ([paths] if isinstance(paths, (str, Path)) else paths):
        p = Path(p)
        if not p.exists():
            raise StanceError(f"{p}: no such file or folder")
        found = sorted(f for f in p.rglob("*") if f.is_file() and not any(
            part.startswith(".") for part in f.relative_to(p).parts)) if p.is_dir() else [p]
        for f in found:
            suffix = f.suffix.lower()
            if suffix in TEXT_SUFFIXES:
                files.append(f)
            elif suffix in FORMATS:
                docs, rej = load_documents(f)
                rejects.append(rej)
                for i in range(0, len(docs), chunk_size):
                    chunks.append(("frame", docs.iloc[i:i + chunk_size]))
            elif not (p.is_dir() and f.name.lower().startswith("readme")):
                rejects.append(pd.DataFrame([{"path": str(f), "reason": f"unsupported file type "
                                              f"'{suffix or f.name}' (use .md, .txt, .csv, .jsonl, .parquet)"}]))
    for i in range(0, len(files), chunk_size):
        chunks.insert(i // chunk_size, ("files", files[i:i + chunk_size]))
    rej = pd.concat(rejects, ignore_index=True) if rejects else empty(REJECTS)
    return chunks, check(rej, REJECTS, name="rejects")


def score_chunk(chunk, resources: Resources, default_date=None):
    """Load and score one work unit; returns (documents, rejects, stances)."""
    kind, payload = chunk
    if kind == "files":
        docs, rejects = load_documents(payload, default_date=default_date)
    else:
        docs, rejects = payload, empty(REJECTS)
    stances = score_documents(docs, resources) if len(docs) else empty(STANCES)
    return docs[["doc_id", "date"]].assign(n_chars=docs["text"].str.len()), rejects, stances
