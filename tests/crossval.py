"""K-fold cross-validation on the training documents: the signal rules and thresholds are tuned on.

Not a test (pytest skips it). The dev documents are never read. Each fold trains the
model on the other folds' documents, scores the held-out ones, and the pooled predictions
are evaluated as `stance evaluate` does (CODEBOOK §6).

Usage::

    python tests/crossval.py                                  # model and ensemble, 5 folds
    python tests/crossval.py --scorers lexicon model ensemble --folds 5 --seed 0
    python tests/crossval.py --predictions cv.csv             # also write the pooled rows
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import stance  # noqa: E402
from stance.evaluate import evaluate_stances  # noqa: E402
from stance.pipeline import Resources, score_documents  # noqa: E402
from stance.train import train_model  # noqa: E402


def folds_of(doc_ids, k: int, seed: int) -> list[list[str]]:
    """`k` folds of the sorted ids, shuffled with numpy's default_rng(seed)."""
    ids = sorted(doc_ids)
    np.random.default_rng(seed).shuffle(ids)
    return [ids[i::k] for i in range(k)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scorers", nargs="+", default=["model", "ensemble"],
                    choices=["lexicon", "model", "ensemble"])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--predictions", type=Path, help="write the pooled stance rows of the last scorer")
    args = ap.parse_args(argv)

    docs, _ = stance.load_documents(ROOT / "data" / "train")
    gold = pd.read_csv(ROOT / "data" / "gold" / "train.csv", keep_default_na=False)
    actors, lexicon = stance.load_actors(), stance.load_lexicon()
    preds = {s: [] for s in args.scorers}
    for fold in folds_of(docs["doc_id"], args.folds, args.seed):
        train, test = docs[~docs["doc_id"].isin(fold)], docs[docs["doc_id"].isin(fold)]
        model = None
        if args.scorers != ["lexicon"]:
            model = train_model(train, gold[gold["doc_id"].isin(train["doc_id"])],
                                actors=actors, lexicon=lexicon)
        for s in args.scorers:
            preds[s].append(score_documents(test, Resources(actors, lexicon, s, model)))
    print(f"{len(docs)} training documents, {args.folds} folds (seed {args.seed})")
    for s in args.scorers:
        pooled = pd.concat(preds[s], ignore_index=True)
        sc = evaluate_stances(pooled, gold, docs)
        h = sc["holder"]
        print(f"{s:9s} holder F1 {h['f1']:.3f} (P {h['p']:.3f} R {h['r']:.3f})  "
              f"force F_avg {sc['stance']['force']['f_avg']:.3f}  "
              f"referendum F_avg {sc['stance']['referendum']['f_avg']:.3f}")
        if args.predictions:
            pooled.to_csv(args.predictions, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
