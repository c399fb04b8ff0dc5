"""K-fold cross-validation on the training documents: the signal rules and thresholds are tuned on.

Not a test (pytest skips it). The dev documents are never read. Each fold trains the
model on the other folds' documents, scores the held-out ones, and the pooled predictions
are evaluated as `stance evaluate` does (CODEBOOK §6).

Usage::

    python tests/crossval.py                                  # model and ensemble, 5 folds
    python tests/crossval.py --scorers lexicon model ensemble --folds 5 --seed 0
    python tests/crossval.py --predictions cv.csv             # also write the pooled rows
    python tests/crossval.py --by-writer                      # whole writing batches per fold

Two variants' pooled rows (``--predictions a.csv``, ``--predictions b.csv``) compare with
their paired bootstrap interval: ``stance evaluate --gold data/gold/train.csv data/train
--predictions b.csv --against a.csv``.

``--by-writer`` keeps each writer's batch (``data/gold/parts/E*.csv``, ``T*.csv``) inside one
fold, so every held-out document is by a writer the fold's model and rules never saw: the
situation of the dev documents and of unseen articles.  Random folds share writers between
training and held-out documents and overstate quality (README, *Quality*).
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
from stance.calibrate import document_folds as folds_of  # noqa: E402
from stance.evaluate import evaluate_stances  # noqa: E402
from stance.pipeline import Resources, score_documents  # noqa: E402
from stance.train import train_model  # noqa: E402


def batch_groups(doc_ids, parts_dir: Path) -> list[list[str]]:
    """The ids of `doc_ids` in each training writer's batch (``parts_dir/E*.csv``, ``T*.csv``,
    in file order; a batch with none of them gives an empty list)."""
    ids = set(doc_ids)
    return [sorted(set(pd.read_csv(f, keep_default_na=False)["doc_id"]) & ids)
            for f in sorted(parts_dir.glob("[ET]*.csv"))]


def writer_folds(doc_ids, k: int, seed: int, parts_dir: Path) -> list[list[str]]:
    """`k` folds of whole writing batches: batches shuffled with default_rng(seed), each put
    in the fold with the fewest documents so far; documents of no batch go last the same way."""
    ids = set(doc_ids)
    groups = batch_groups(ids, parts_dir)
    np.random.default_rng(seed).shuffle(groups)
    placed = {d for g in groups for d in g}
    groups += [[d] for d in sorted(ids - placed)]
    folds: list[list[str]] = [[] for _ in range(k)]
    for g in groups:
        min(folds, key=len).extend(g)
    return folds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scorers", nargs="+", default=["model", "ensemble"],
                    choices=["lexicon", "model", "ensemble"])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--by-writer", action="store_true",
                    help="folds of whole writing batches (held-out writers), not of documents")
    ap.add_argument("--predictions", type=Path, help="write the pooled stance rows of the last scorer")
    args = ap.parse_args(argv)

    docs, _ = stance.load_documents(ROOT / "data" / "train")
    gold = pd.read_csv(ROOT / "data" / "gold" / "train.csv", keep_default_na=False)
    actors, lexicon = stance.load_actors(), stance.load_lexicon()
    preds = {s: [] for s in args.scorers}
    folds = writer_folds(docs["doc_id"], args.folds, args.seed, ROOT / "data" / "gold" / "parts") \
        if args.by_writer else folds_of(docs["doc_id"], args.folds, args.seed)
    for fold in folds:
        train, test = docs[~docs["doc_id"].isin(fold)], docs[docs["doc_id"].isin(fold)]
        model = None
        if args.scorers != ["lexicon"]:
            model = train_model(train, gold[gold["doc_id"].isin(train["doc_id"])],
                                actors=actors, lexicon=lexicon)
        for s in args.scorers:
            preds[s].append(score_documents(test, Resources(actors, lexicon, s, model)))
    print(f"{len(docs)} training documents, {args.folds} folds of "
          f"{'writers' if args.by_writer else 'documents'} (seed {args.seed})")
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
