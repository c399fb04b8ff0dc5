"""Score predictions against gold annotations exactly as CODEBOOK.md §6 says.

- Only the five codebook actors are scored; ``other`` rows are left out on both sides.
- A prediction belongs to a gold sentence when its span covers at least half of it; for
  several predictions on one (sentence, actor, target) the largest |score| counts.
- Holder attribution: P/R/F1 of (sentence, actor) pairs with any non-none label.
- Stance per target: F_avg = mean of F1(favor) and F1(against) over all pairs in gold or
  prediction, a missing pair counting as none.
- Trend fidelity per target: cells (actor, calendar month) with at least three gold
  statements on that target (non-none rows); gold mean score against predicted mean
  score (predicted non-none pairs of that cell; 0 when there are none); Pearson r and the
  share of cells whose signs agree.
- Beyond the codebook: when the predictions carry ``confidence``, how well it matches the
  share of rows whose label is right (`reliability`).

Uncertainty: `evaluate_stances(..., n_boot=N)` adds 95% intervals of holder P/R/F1 and
each target's F_avg from N bootstrap resamples of the documents (a document's pairs move
together, since a writer's sentences are not independent); `compare_stances` gives the
same for the difference between two prediction sets on the same resamples.
"""
from __future__ import annotations


from collections import defaultdict

import numpy as np
import pandas as pd

from .errors import StanceError
from .schemas import DOCUMENTS, GOLD, PREDICTIONS, check

ACTORS = ("US", "Iraq", "Turkey", "Iran", "KRG")
TARGETS = ("force", "referendum")


def locate_gold(gold: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Gold rows with ``start``/``end`` offsets of their sentence in the document body.

    Raises StanceError naming the first rows whose document or sentence is not found.
    """
    gold = check(gold, GOLD, name="gold")
    texts = dict(zip(documents["doc_id"], documents["text"]))
    starts, problems = [], []
    for i, r in enumerate(gold.itertuples(index=False)):
        body = texts.get(r.doc_id)
        pos = -1 if body is None else body.find(r.sentence)
        if pos < 0:
            problems.append(f"row {i + 2} ({r.doc_id}): "
                            + ("document not given" if body is None else "sentence not found"))
        starts.append(pos)
    if problems:
        more = f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        raise StanceError("gold does not match the documents: " + "; ".join(problems[:3]) + more)
    out = gold.copy()
    out["start"] = starts
    out["end"] = out["start"] + out["sentence"].str.len()
    return out


def evaluate_stances(predictions: pd.DataFrame, gold: pd.DataFrame,
                     documents: pd.DataFrame, *, n_boot: int = 0, seed: int = 0) -> dict:
    """Codebook §6 scores of `predictions` (stances or PREDICTIONS rows) against `gold`.

    Returns
    -------
    dict with ``holder`` (p, r, f1, tp, fp, fn), ``stance`` per target (favor/against
    p, r, f1, support; f_avg) and ``trend`` per target (cells, pearson_r, sign_agreement);
    with ``n_boot`` > 0 also ``intervals``: 95% bootstrap intervals over documents of
    holder p/r/f1 and each target's f_avg (see `bootstrap_intervals`).

    Examples
    --------
    >>> evaluate_stances(stances, gold, docs)["stance"]["force"]["f_avg"]
    >>> evaluate_stances(stances, gold, docs, n_boot=1000)["intervals"]["holder_f1"]
    """
    gold, documents = _scored_gold(gold, documents)
    gold_pairs, pred_pairs = _gold_pairs(gold), _scored_pairs(predictions, gold, documents)
    months = {d: pd.Timestamp(t).to_period("M") for d, t in zip(documents["doc_id"], documents["date"])}
    doc_counts = _doc_counts(gold_pairs, pred_pairs, sorted(set(documents["doc_id"])))
    out = {
        **_point_scores(doc_counts.sum(axis=0)),
        "trend": {t: _trend_scores(gold_pairs, pred_pairs, t, months) for t in TARGETS},
        "counts": {"gold_pairs": len(gold_pairs), "predicted_pairs": sum(
            1 for v in pred_pairs.values() if any(l != "none" for l, _ in v.values())),
            # every document scored, those without a gold pair too (their pairs are false
            # positives)
            "documents": int(documents["doc_id"].nunique())},
    }
    if "confidence" in predictions:
        out["confidence"] = _reliability(predictions, gold, documents)
    if n_boot:
        out["intervals"] = bootstrap_intervals(doc_counts, n_boot=n_boot, seed=seed)
    return out


def row_correct(predictions: pd.DataFrame, gold: pd.DataFrame,
                documents: pd.DataFrame) -> pd.Series:
    """For each prediction row of a scored actor: whether its label is the gold label of
    its (sentence, actor) pair on its target (codebook §6 matching: the row covers at
    least half of the gold sentence; no gold row means ``none``).  Rows of other actors
    are left out; the index is the predictions'."""
    gold, documents = _scored_gold(gold, documents)
    return _row_correct(predictions, gold, documents)


def _row_correct(predictions, gold, documents) -> pd.Series:
    """`row_correct` with `gold` and `documents` from `_scored_gold`."""
    labels = defaultdict(list)  # (doc, actor) -> [(start, end, force, referendum)]
    for r in gold.itertuples(index=False):
        labels[(r.doc_id, r.actor)].append((r.start, r.end, r.force, r.referendum))
    preds = predictions[predictions["actor"].isin(ACTORS)
                        & predictions["doc_id"].isin(set(documents["doc_id"]))]
    out = []
    for r in preds[["doc_id", "actor", "start", "end", "target", "label"]].itertuples(index=False):
        want = "none"
        for gs, ge, force, referendum in labels.get((r.doc_id, r.actor), ()):
            if _overlap(r.start, r.end, gs, ge) * 2 >= (ge - gs):
                g = force if r.target == "force" else referendum
                if g != "none":
                    want = g
                    break
        out.append(r.label == want)
    return pd.Series(out, index=preds.index, dtype=bool)


def reliability(predictions: pd.DataFrame, gold: pd.DataFrame, documents: pd.DataFrame,
                *, bins: int = 10) -> dict:
    """How far ``confidence`` can be taken as the chance that a row's label is right.

    Per target and for the rows with a side (``stance``) and the ``none`` rows apart:
    ``n``, mean ``confidence``, ``accuracy`` (share of rows whose label is gold's, see
    `row_correct`) and the expected calibration error ``ece`` (the row-weighted gap
    between mean confidence and accuracy over `bins` equal-width bins); ``bins`` lists
    (low, n, mean confidence, accuracy) per non-empty bin.
    """
    gold, documents = _scored_gold(gold, documents)
    return _reliability(predictions, gold, documents, bins=bins)


def _reliability(predictions, gold, documents, *, bins: int = 10) -> dict:
    """`reliability` with `gold` and `documents` from `_scored_gold`."""
    predictions = predictions.reset_index(drop=True)  # rows are keyed by index
    correct = _row_correct(predictions, gold, documents)
    rows = predictions.loc[correct.index].assign(correct=correct)
    out = {}
    for target in TARGETS:
        for kind, sub in (("stance", rows[rows["label"] != "none"]),
                          ("none", rows[rows["label"] == "none"])):
            sub = sub[sub["target"] == target]
            conf = sub["confidence"].to_numpy(float)
            ok = sub["correct"].to_numpy(float)
            which = np.clip((conf * bins).astype(int), 0, bins - 1)
            table = [(b / bins, int((which == b).sum()), float(conf[which == b].mean()),
                      float(ok[which == b].mean())) for b in range(bins) if (which == b).any()]
            ece = sum(n * abs(c - a) for _, n, c, a in table) / len(sub) if len(sub) else None
            out[f"{target}_{kind}"] = {
                "n": int(len(sub)), "mean_confidence": float(conf.mean()) if len(sub) else None,
                "accuracy": float(ok.mean()) if len(sub) else None, "ece": ece, "bins": table}
    return out


def compare_stances(predictions: pd.DataFrame, baseline: pd.DataFrame, gold: pd.DataFrame,
                    documents: pd.DataFrame, *, n_boot: int = 1000, seed: int = 0) -> dict:
    """The difference `predictions` − `baseline` in holder p/r/f1 and each target's f_avg,
    with a 95% interval from the same `n_boot` document resamples for both (a paired
    bootstrap), and the share of resamples in which the difference is above zero.

    Returns
    -------
    dict: measure -> {"diff", "low", "high", "p_above_zero"}
    """
    gold, documents = _scored_gold(gold, documents)
    gold_pairs, doc_ids = _gold_pairs(gold), sorted(set(documents["doc_id"]))
    counts_new, counts_old = (_doc_counts(gold_pairs, _scored_pairs(p, gold, documents), doc_ids)
                              for p in (predictions, baseline))
    weights = _resample_weights(len(doc_ids), n_boot, seed)
    new, old = (_measures(c.sum(axis=0)[None]) for c in (counts_new, counts_old))
    boot_new, boot_old = (_resampled(c, weights) for c in (counts_new, counts_old))
    out = {}
    for name in MEASURES:
        d = boot_new[name] - boot_old[name]
        lo, hi = np.percentile(d, [2.5, 97.5])
        out[name] = {"diff": round(float(new[name][0] - old[name][0]), 4),
                     "low": round(float(lo), 4), "high": round(float(hi), 4),
                     "p_above_zero": round(float(np.mean(d > 0)), 4)}
    return out


def scores_by_actor(predictions: pd.DataFrame, gold: pd.DataFrame, documents: pd.DataFrame,
                    *, n_boot: int = 0, seed: int = 0) -> pd.DataFrame:
    """One row per codebook actor: its gold pairs, holder P/R/F1 (with ``n_boot``, the
    F1's 95% interval over document resamples), and per target the F1 and gold support of
    favor and against.  How far the tracker can be trusted for each actor's lines."""
    gold, documents = _scored_gold(gold, documents)
    gold_pairs, pred_pairs = _gold_pairs(gold), _scored_pairs(predictions, gold, documents)
    doc_ids = sorted(set(documents["doc_id"]))
    rows = []
    for actor in ACTORS:
        counts = _doc_counts({k: v for k, v in gold_pairs.items() if k[3] == actor},
                             {k: v for k, v in pred_pairs.items() if k[3] == actor}, doc_ids)
        summed = counts.sum(axis=0)
        p, r, f = _f1s(summed)
        row = {"actor": actor, "gold_pairs": int(summed[0, 0] + summed[0, 2]),
               "holder_p": round(float(p[0]), 3), "holder_r": round(float(r[0]), 3),
               "holder_f1": round(float(f[0]), 3)}
        if n_boot:
            row["holder_f1_low"], row["holder_f1_high"] = bootstrap_intervals(
                counts, n_boot=n_boot, seed=seed)["holder_f1"]
        for j, (target, label) in enumerate(_COUNTS[1:], start=1):
            row[f"{target}_{label}_f1"] = round(float(f[j]), 3)
            row[f"{target}_{label}_n"] = int(summed[j, 0] + summed[j, 2])
        rows.append(row)
    return pd.DataFrame(rows)


def format_by_actor(table: pd.DataFrame) -> str:
    """`scores_by_actor`'s table as plain text: each label's cell is "F1 (gold pairs)", or
    "–" where gold has no pair with that label."""
    labels = [f"{t}_{lab}" for t, lab in _COUNTS[1:]]
    has_ci = "holder_f1_low" in table
    lines = [f"{'actor':<8}{'pairs':>6}{'P':>7}{'R':>7}{'F1':>7}" + (f"{'95%':>16}" if has_ci else "")
             + "".join(f"{h:>15}" for h in ("force +", "force −", "referendum +", "referendum −"))]
    for r in table.to_dict(orient="records"):
        ci = f"  [{r['holder_f1_low']:.3f}, {r['holder_f1_high']:.3f}]" if has_ci else ""
        cells = "".join(f"{r[c + '_f1']:.3f} ({r[c + '_n']})".rjust(15) if r[c + "_n"] else "–".rjust(15)
                        for c in labels)
        lines.append(f"{r['actor']:<8}{r['gold_pairs']:>6}{r['holder_p']:>7.3f}{r['holder_r']:>7.3f}"
                     f"{r['holder_f1']:>7.3f}{ci}{cells}")
    return "\n".join(lines)


# the measures that get intervals, and the counts (tp, fp, fn) they are built from
MEASURES = ("holder_p", "holder_r", "holder_f1", "force_f_avg", "referendum_f_avg")
_COUNTS = (("holder", None), ("force", "favor"), ("force", "against"),
           ("referendum", "favor"), ("referendum", "against"))


def _scored_gold(gold, documents):
    """(gold rows of the scored actors, located in the documents; checked documents)."""
    documents = check(documents, DOCUMENTS, name="documents")
    gold = locate_gold(gold, documents)
    return gold[gold["actor"].isin(ACTORS)], documents


def _scored_pairs(predictions, gold, documents):
    """`predictions` of the scored actors in `documents` as pairs on `gold`'s sentences
    (`gold` from `_scored_gold`, whose documents are all in `documents`)."""
    preds = check(predictions, PREDICTIONS, name="predictions")
    preds = preds[preds["actor"].isin(ACTORS) & preds["doc_id"].isin(set(documents["doc_id"]))]
    return _pred_pairs(preds, gold)


def _point_scores(counts: np.ndarray) -> dict:
    """``holder`` and ``stance`` scores (as `evaluate_stances` returns them) from the
    (len(_COUNTS), 3) tp/fp/fn counts of all documents."""
    p, r, f = _f1s(counts)
    prf = [{"p": round(float(p[j]), 4), "r": round(float(r[j]), 4), "f1": round(float(f[j]), 4),
            "tp": int(tp), "fp": int(fp), "fn": int(fn)} for j, (tp, fp, fn) in enumerate(counts)]
    stance = {}
    for j, (target, label) in enumerate(_COUNTS[1:], start=1):
        stance.setdefault(target, {})[label] = {**prf[j], "support": prf[j]["tp"] + prf[j]["fn"]}
    for target, s in stance.items():
        s["f_avg"] = round((s["favor"]["f1"] + s["against"]["f1"]) / 2, 4)
    return {"holder": prf[0], "stance": stance}


def _doc_counts(gold_pairs, pred_pairs, doc_ids) -> np.ndarray:
    """(documents, len(_COUNTS), 3) array of tp, fp, fn per document: codebook §6's counts,
    a pair counted in its document (every pair's document is in `doc_ids`)."""
    row = {d: i for i, d in enumerate(doc_ids)}
    counts = np.zeros((len(doc_ids), len(_COUNTS), 3), dtype=np.int64)
    for k in set(gold_pairs) | set(pred_pairs):
        i = row[k[0]]
        g, p = gold_pairs.get(k, {}), pred_pairs.get(k, {})
        for j, (target, label) in enumerate(_COUNTS):
            if label is None:
                gi, pi = bool(g) and _nonnone(g), bool(p) and _nonnone(p)
            else:
                gi = g.get(target, ("none", 0.0))[0] == label
                pi = p.get(target, ("none", 0.0))[0] == label
            if gi or pi:
                counts[i, j, 0 if gi and pi else 1 if pi else 2] += 1
    return counts


def _f1s(c: np.ndarray):
    """Vectorised P, R, F1 of (..., 3) tp/fp/fn counts (0 where undefined)."""
    tp, fp, fn = c[..., 0].astype(float), c[..., 1].astype(float), c[..., 2].astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        r = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f = np.where(p + r > 0, 2 * p * r / (p + r), 0.0)
    return p, r, f


def _measures(summed: np.ndarray) -> dict:
    """MEASURES for each row of (resamples, len(_COUNTS), 3) summed counts."""
    p, r, f = _f1s(summed)
    return {"holder_p": p[:, 0], "holder_r": r[:, 0], "holder_f1": f[:, 0],
            "force_f_avg": (f[:, 1] + f[:, 2]) / 2, "referendum_f_avg": (f[:, 3] + f[:, 4]) / 2}


def _resampled(doc_counts: np.ndarray, weights: np.ndarray) -> dict:
    """MEASURES of each resample: `weights` (n_boot, documents) drawn over `_doc_counts`."""
    return _measures(np.tensordot(weights, doc_counts, axes=1))


def _resample_weights(n_docs: int, n_boot: int, seed: int) -> np.ndarray:
    """(n_boot, n_docs): how often each document is drawn in each resample."""
    rng = np.random.default_rng(seed)
    if n_docs == 0:
        return np.zeros((n_boot, 0))
    return rng.multinomial(n_docs, np.full(n_docs, 1.0 / n_docs), size=n_boot)


def bootstrap_intervals(doc_counts: np.ndarray, *, n_boot: int = 1000, seed: int = 0) -> dict:
    """95% percentile intervals of MEASURES over `n_boot` resamples of the documents.

    `doc_counts` is `_doc_counts`' array.  Returns measure -> [low, high], plus
    ``n_boot`` and ``documents``.
    """
    boot = _resampled(doc_counts, _resample_weights(len(doc_counts), n_boot, seed))
    out = {name: [round(float(x), 4) for x in np.percentile(boot[name], [2.5, 97.5])]
           for name in MEASURES}
    out.update(n_boot=int(n_boot), documents=int(len(doc_counts)))
    return out


def _gold_pairs(gold):
    pairs = {}
    for r in gold.itertuples(index=False):
        pairs[(r.doc_id, r.start, r.end, r.actor)] = {
            "force": (r.force, float(r.force_score)),
            "referendum": (r.referendum, float(r.referendum_score))}
    return pairs


def _pred_pairs(preds, gold):
    spans = defaultdict(set)
    for r in gold.itertuples(index=False):
        spans[r.doc_id].add((r.start, r.end))
    spans = {d: sorted(s) for d, s in spans.items()}
    best = {}
    for r in preds.itertuples(index=False):
        keys = [(r.doc_id, gs, ge) for gs, ge in spans.get(r.doc_id, ())
                if _overlap(r.start, r.end, gs, ge) * 2 >= (ge - gs)] or [(r.doc_id, r.start, r.end)]
        for k in keys:
            pair = k + (r.actor,)
            cur = best.setdefault(pair, {})
            old = cur.get(r.target)
            if old is None or abs(r.score) > abs(old[1]) or (old[0] == "none" and r.label != "none"):
                cur[r.target] = (r.label, float(r.score))
    return best


def _overlap(a0, a1, b0, b1):
    return max(0, min(a1, b1) - max(a0, b0))


def _nonnone(v):
    return any(l != "none" for l, _ in v.values())


def _trend_scores(gold_pairs, pred_pairs, target, months):
    cells_gold, cells_pred = defaultdict(list), defaultdict(list)
    for (doc, _, _, actor), v in gold_pairs.items():
        label, score = v[target]
        if label != "none":
            cells_gold[(actor, months.get(doc))].append(score)
    for (doc, _, _, actor), v in pred_pairs.items():
        label, score = v.get(target, ("none", 0.0))
        if label != "none":
            cells_pred[(actor, months.get(doc))].append(score)
    rows = [(k, float(np.mean(s)), float(np.mean(cells_pred[k])) if cells_pred.get(k) else 0.0)
            for k, s in sorted(cells_gold.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))
            if len(s) >= 3]
    if not rows:
        return {"cells": 0, "pearson_r": None, "sign_agreement": None}
    g = np.array([r[1] for r in rows])
    p = np.array([r[2] for r in rows])
    r = None
    if len(rows) >= 2 and g.std() > 0 and p.std() > 0:
        r = round(float(np.corrcoef(g, p)[0, 1]), 4)
    agree = float(np.mean(np.sign(g) == np.sign(p)))
    return {"cells": len(rows), "pearson_r": r, "sign_agreement": round(agree, 4),
            "table": [{"actor": k[0], "month": str(k[1]), "gold": round(gm, 3),
                       "predicted": round(pm, 3)} for k, gm, pm in rows]}


def format_report(scores: dict, comparison: dict | None = None) -> str:
    """A plain-text table of `scores` (from `evaluate_stances`), with their 95% intervals
    when `scores` has them, and `comparison` (from `compare_stances`) below."""
    h, ci = scores["holder"], scores.get("intervals", {})

    def band(name):
        return f"  95% [{ci[name][0]:.3f}, {ci[name][1]:.3f}]" if name in ci else ""

    lines = [f"documents {scores['counts']['documents']}  gold pairs {scores['counts']['gold_pairs']}"
             f"  predicted pairs {scores['counts']['predicted_pairs']}",
             "",
             f"holder attribution   P {h['p']:.3f}  R {h['r']:.3f}  F1 {h['f1']:.3f}"
             f"   (tp {h['tp']}, fp {h['fp']}, fn {h['fn']}){band('holder_f1')}",
             "",
             f"{'target':<11}{'label':<9}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}"]
    for t, s in scores["stance"].items():
        for label in ("favor", "against"):
            x = s[label]
            lines.append(f"{t:<11}{label:<9}{x['p']:>7.3f}{x['r']:>7.3f}{x['f1']:>7.3f}{x['support']:>9}")
        lines.append(f"{t:<11}{'F_avg':<9}{'':>14}{s['f_avg']:>7.3f}{'':>9}{band(t + '_f_avg')}")
    lines.append("")
    for t, tr in scores["trend"].items():
        r = "n/a" if tr["pearson_r"] is None else f"{tr['pearson_r']:.3f}"
        sa = "n/a" if tr["sign_agreement"] is None else f"{tr['sign_agreement']:.3f}"
        lines.append(f"trend {t:<11} cells {tr['cells']:>3}   Pearson r {r}   sign agreement {sa}")
    if scores.get("confidence"):
        lines.append("")
        for name, c in scores["confidence"].items():
            if c["n"]:
                t, kind = name.split("_")
                lines.append(f"confidence {t:<11} {kind + ' rows':<12}n {c['n']:>5}   mean "
                             f"{c['mean_confidence']:.3f}   right {c['accuracy']:.3f}"
                             f"   calibration error {c['ece']:.3f}")
    if ci:
        lines += ["", f"95% intervals: {ci['n_boot']} bootstrap resamples of the "
                      f"{ci['documents']} documents"]
    if comparison:
        lines += ["", "difference from the compared predictions (paired bootstrap, 95%):"]
        for name, d in comparison.items():
            lines.append(f"  {name:<17}{d['diff']:+.3f}  [{d['low']:+.3f}, {d['high']:+.3f}]"
                         f"  above zero in {d['p_above_zero']:.0%} of resamples")
    return "\n".join(lines)
