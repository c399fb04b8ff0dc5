"""Learning curve: the default tracker trained on growing shares of the training writers.

Not a test (pytest collects only ``test_*.py``). For each fraction, whole writing batches
(``data/gold/parts/E*.csv``, ``T*.csv``; an article with no gold row is a batch of its
own) are drawn in a shuffled order (numpy default_rng(seed)) until that fraction of the
training documents is reached; the classifier is trained on them alone and the tracker
(default scorer, packaged rules and lexicon) scores the documents given with ``--eval``. Prints holder F1 and both F_avg per fraction
(CODEBOOK §6), to tell whether more annotated text would still help.

Usage::

    python tests/learning_curve.py                                # dev, 1/4 .. all
    python tests/learning_curve.py --fractions 0.5 1 --seed 2
    python tests/learning_curve.py --eval data/dev data/gold/dev.csv --eval DOCS GOLD.csv

The rules and the lexicon stay as they are (they were written from all training
documents), so only the classifier's share of the curve is measured.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import stance  # noqa: E402
from crossval import batch_groups  # noqa: E402
from stance.evaluate import evaluate_stances  # noqa: E402
from stance.pipeline import Resources, score_documents  # noqa: E402
from stance.score import DEFAULT_SCORER  # noqa: E402
from stance.train import train_model  # noqa: E402


def batch_subset(doc_ids, fraction: float, seed: int, parts_dir: Path) -> set:
    """Ids of whole batches (an article of no batch is a batch of its own), drawn in a
    shuffled order until `fraction` of `doc_ids`."""
    ids = set(doc_ids)
    groups = [g for g in batch_groups(ids, parts_dir) if g]
    placed = {d for g in groups for d in g}
    groups += [[d] for d in sorted(ids - placed)]  # articles with no gold row (negatives)
    np.random.default_rng(seed).shuffle(groups)
    chosen: set = set()
    for g in groups:
        if len(chosen) >= fraction * len(ids):
            break
        chosen.update(g)
    return chosen


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fractions", type=float, nargs="+", default=[0.25, 0.5, 0.75, 1.0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--eval", nargs=2, action="append", metavar=("DOCS", "GOLD"),
                    help="documents and their gold to score (default: data/dev)")
    args = ap.parse_args(argv)
    sets = args.eval or [(str(ROOT / "data" / "dev"), str(ROOT / "data" / "gold" / "dev.csv"))]

    docs, _ = stance.load_documents(ROOT / "data" / "train")
    gold = pd.read_csv(ROOT / "data" / "gold" / "train.csv", keep_default_na=False)
    actors, lexicon = stance.load_actors(), stance.load_lexicon()
    held = [(d, stance.load_documents(d)[0], pd.read_csv(g, keep_default_na=False))
            for d, g in sets]
    print("fraction  documents  set                                holder F1  force F_avg  referendum F_avg")
    for fraction in args.fractions:
        ids = batch_subset(docs["doc_id"], fraction, args.seed, ROOT / "data" / "gold" / "parts")
        train = docs[docs["doc_id"].isin(ids)]
        model = train_model(train, gold[gold["doc_id"].isin(ids)], actors=actors, lexicon=lexicon)
        resources = Resources(actors, lexicon, DEFAULT_SCORER, model)
        for name, d, g in held:
            sc = evaluate_stances(score_documents(d, resources), g, d)
            print(f"{fraction:8.2f}  {len(train):9d}  {name[-34:]:34s} {sc['holder']['f1']:9.3f}"
                  f"  {sc['stance']['force']['f_avg']:11.3f}"
                  f"  {sc['stance']['referendum']['f_avg']:16.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
