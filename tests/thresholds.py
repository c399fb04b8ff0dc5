"""The ensemble's thresholds over a grid, from one by-writer cross-validation.

Not a test (pytest collects only ``test_*.py``). Runs `crossval.py`'s by-writer folds once
with the `ensemble` scorer, keeps each pair's classifier probabilities and lexicon verdict,
then re-decides every pair for each (force bar, referendum bar, LEXICON_MIN) with
`score._combine` itself and prints holder F1 and both F_avg (CODEBOOK §6), best mean first.
A threshold idea costs seconds here instead of a cross-validation each.

Usage::

    python tests/thresholds.py                       # default grid
    python tests/thresholds.py --force 0.6 0.7 --referendum 0.6 --lexicon-min 0.2
    python tests/thresholds.py --save cv.csv         # also keep the rows (with p_favor …)
    python tests/thresholds.py --load cv.csv         # re-decide saved rows, no training
"""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import stance  # noqa: E402
from stance import score  # noqa: E402
from stance.evaluate import evaluate_stances  # noqa: E402

_PROBA = ["p_favor", "p_against", "p_none", "lex_label", "lex_score"]
_SEP = " ||proba "


def cross_validated_rows(path: Path) -> pd.DataFrame:
    """The by-writer CV's pooled `ensemble` rows with the classifier's probabilities and
    the lexicon's verdict (columns `_PROBA`); also written to `path`."""
    import crossval
    combine = score._combine

    def recording(scorer, proba, lex_labels, lex_scores, lex_evidence, target=None):
        labels, scores, confs, evidence = combine(scorer, proba, lex_labels, lex_scores,
                                                  lex_evidence, target)
        # carried in the evidence, which stays aligned with its row through sorting
        evidence = [f"{e}{_SEP}{p.favor!r},{p.against!r},{p.none!r},{ll},{ls!r}"
                    for e, p, ll, ls in zip(evidence, proba.itertuples(index=False),
                                            lex_labels, lex_scores)]
        return labels, scores, confs, evidence

    score._combine = recording
    try:
        crossval.main(["--by-writer", "--scorers", "ensemble", "--predictions", str(path)])
    finally:
        score._combine = combine
    rows = pd.read_csv(path, keep_default_na=False)
    parts = rows["evidence"].str.rsplit(_SEP, n=1)
    rows["evidence"] = parts.str[0]
    extra = parts.str[1].str.split(",", expand=True)
    for i, col in enumerate(_PROBA):
        rows[col] = extra[i] if col == "lex_label" else extra[i].astype(float)
    rows.to_csv(path, index=False)
    return rows


def decide(rows: pd.DataFrame, force: float, referendum: float,
           lexicon_min: float) -> pd.DataFrame:
    """`rows` re-labelled by `score._combine` with these thresholds."""
    bars = {"force": force, "referendum": referendum}
    out = []
    for target, block in rows.groupby("target", sort=False):
        proba = block[["p_favor", "p_against", "p_none"]].set_axis(
            ["favor", "against", "none"], axis=1)
        labels, scores, _, _ = score._combine("ensemble", proba, block["lex_label"].tolist(),
                                              block["lex_score"].tolist(), [""] * len(block),
                                              target, stance_min=bars[target],
                                              lexicon_min=lexicon_min)
        out.append(block[["doc_id", "start", "end", "actor", "target"]].assign(
            label=labels, score=scores))
    return pd.concat(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", type=float, nargs="+", default=[0.6, 0.65, 0.7, 0.75, 0.8])
    ap.add_argument("--referendum", type=float, nargs="+", default=[0.5, 0.55, 0.6, 0.65, 0.7])
    ap.add_argument("--lexicon-min", type=float, nargs="+", default=[0.1, 0.2, 0.3])
    ap.add_argument("--save", type=Path, default=Path("thresholds-cv.csv"),
                    help="where the cross-validated rows go (default: %(default)s)")
    ap.add_argument("--load", type=Path, help="re-decide these saved rows; no training")
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args(argv)

    rows = pd.read_csv(args.load, keep_default_na=False) if args.load \
        else cross_validated_rows(args.save)
    docs, _ = stance.load_documents(ROOT / "data" / "train")
    gold = pd.read_csv(ROOT / "data" / "gold" / "train.csv", keep_default_na=False)
    current = (score.TARGET_STANCE_MIN.get("force", score.STANCE_MIN),
               score.TARGET_STANCE_MIN.get("referendum", score.STANCE_MIN), score.LEXICON_MIN)
    results = []
    for cell in sorted(set(itertools.product(args.force, args.referendum, args.lexicon_min))
                       | {current}):
        sc = evaluate_stances(decide(rows, *cell), gold, docs)
        f, r = sc["stance"]["force"]["f_avg"], sc["stance"]["referendum"]["f_avg"]
        results.append((0.5 * (f + r), sc["holder"]["f1"], f, r, cell))
    results.sort(key=lambda x: -x[0])
    print(f"{len(rows)} rows; current (force, referendum, LEXICON_MIN) = {current}")
    print("force  refer  lexmin   holder F1  force F_avg  refer F_avg  mean F_avg")
    shown = results[:args.top] + [x for x in results if x[4] == current and x not in results[:args.top]]
    for mean, h, f, r, (bf, br, lm) in shown:
        mark = "  <- current" if (bf, br, lm) == current else ""
        print(f"{bf:5.2f}  {br:5.2f}  {lm:6.2f}   {h:9.4f}  {f:11.4f}  {r:11.4f}  {mean:10.4f}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
