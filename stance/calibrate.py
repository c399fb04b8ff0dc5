"""Calibrated confidences: the chance, estimated on held-out training documents, that a
row's label is right.

The classifier's probabilities are not that chance: its classes are weighted to balance
them, and the ensemble gives a side on the lexicon's word while the classifier doubts it.
`stance train` therefore scores its own training documents out of fold (each fold by a
model that did not see it), marks which rows carry gold's label (`evaluate.row_correct`)
and fits, per scorer, target and kind of row (a side, or ``none``), an isotonic map from
the raw confidence to that share.  The maps are stored as knots in the model file and
applied in `score.score_stances`; labels never change, only ``confidence`` (the raw
probability stays in ``evidence``).

The lexicon scorer's confidence is a rule of thumb (`rules.py`); its maps are fitted on the
training documents by ``python tests/calibrate_lexicon.py`` and packaged as
``data/lexicon-calibration.json`` with the lexicon's fingerprint, so that they apply to the
packaged lexicon only (another lexicon keeps the rule of thumb).
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

KINDS = ("stance", "none")
LEXICON_FILE = "lexicon-calibration.json"
_LEXICON_COLUMNS = ["target", "label", "magnitude", "pattern", "scope"]
MIN_ROWS = 30  # fewer rows of a kind than this: that kind keeps its raw confidence


def fit_maps(rows: pd.DataFrame) -> dict:
    """Knots ``{scorer: {target: {kind: [xs, ys]}}}`` from rows with columns ``scorer,
    target, label, confidence, correct`` (out-of-fold)."""
    from sklearn.isotonic import IsotonicRegression
    maps: dict = {}
    for (scorer, target), block in rows.groupby(["scorer", "target"]):
        for kind in KINDS:
            sub = block[(block["label"] == "none") == (kind == "none")]
            if len(sub) < MIN_ROWS:
                continue
            iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
            iso.fit(sub["confidence"].to_numpy(float), sub["correct"].to_numpy(float))
            maps.setdefault(scorer, {}).setdefault(target, {})[kind] = [
                [round(float(x), 4) for x in iso.X_thresholds_],
                [round(float(y), 4) for y in iso.y_thresholds_]]
    return maps


def apply_map(maps: dict, scorer: str, target: str, labels, confidences) -> list:
    """`confidences` mapped through the knots for `scorer` and `target` (unchanged where
    there are none), rounded to 3 places."""
    knots = (maps or {}).get(scorer, {}).get(target, {})
    conf = np.asarray(confidences, dtype=float)
    if not knots or not len(conf):
        return [round(float(c), 3) for c in conf]
    is_none = np.asarray([lab == "none" for lab in labels])
    out = conf.copy()
    for kind, mask in (("stance", ~is_none), ("none", is_none)):
        if kind in knots and mask.any():
            xs, ys = knots[kind]
            out[mask] = np.interp(conf[mask], xs, ys)
    return [round(float(c), 3) for c in out]


def document_folds(doc_ids, k: int, seed: int = 0) -> list[list[str]]:
    """`k` folds of the sorted ids, shuffled with numpy's default_rng(seed)."""
    ids = sorted(doc_ids)
    np.random.default_rng(seed).shuffle(ids)
    return [ids[i::k] for i in range(k)]


def out_of_fold_rows(documents: pd.DataFrame, gold: pd.DataFrame, fit, *, actors, lexicon,
                     folds: int = 5, seed: int = 0, scorers=("model", "ensemble")) -> pd.DataFrame:
    """Rows ``scorer, target, label, confidence, correct`` of `documents` scored fold by
    fold: `fit(train_docs, train_gold)` returns a model trained without the fold."""
    from .evaluate import row_correct
    from .pipeline import Resources, score_documents
    frames = []
    for held in map(set, document_folds(documents["doc_id"], folds, seed)):
        train = documents[~documents["doc_id"].isin(held)]
        test = documents[documents["doc_id"].isin(held)]
        model = fit(train, gold[gold["doc_id"].isin(set(train["doc_id"]))])
        fold_gold = gold[gold["doc_id"].isin(held)]
        for scorer in scorers:
            st = score_documents(test, Resources(actors, lexicon, scorer, model)).reset_index(
                drop=True)
            correct = row_correct(st, fold_gold, test)
            frames.append(st.loc[correct.index, ["target", "label", "confidence"]].assign(
                scorer=scorer, correct=correct.to_numpy()))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["target", "label", "confidence", "scorer", "correct"])



def lexicon_fingerprint(lexicon: pd.DataFrame) -> str:
    """SHA-256 of the lexicon's rules (target, label, magnitude, pattern, scope)."""
    text = lexicon[_LEXICON_COLUMNS].astype(str).to_csv(index=False, lineterminator="\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=8)
def lexicon_maps(fingerprint: str) -> dict:
    """The packaged lexicon maps ``{"lexicon": {target: {kind: [xs, ys]}}}`` if they were
    fitted for the lexicon with this fingerprint, else ``{}``."""
    ref = resources.files("stance").joinpath("data", LEXICON_FILE)
    if not ref.is_file():
        return {}
    data = json.loads(ref.read_text(encoding="utf-8"))
    return {"lexicon": data["maps"]} if data.get("lexicon_sha256") == fingerprint else {}
