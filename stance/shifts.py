"""Change points in each actor × target stance series (ruptures), with the statements behind them.

The series is the actor's stance-bearing statements in date order (one point per
unique statement); PELT with an L2 cost finds where the mean moves.  Each shift
reports the date of the first statement after the break, the means before and after,
and the statements after the break that pulled the mean furthest.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .aggregate import dedupe_stances
from .schemas import STANCES, check

SHIFTS_COLUMNS = ("actor", "target", "date", "mean_before", "mean_after", "delta", "n_before",
                  "n_after", "statement_ids", "texts", "sources")


def detect_shifts(stances: pd.DataFrame, *, min_size: int = 3, penalty: float | None = None,
                  top: int = 3, min_delta: float = 0.3) -> pd.DataFrame:
    """Shifts per actor × target.

    Parameters
    ----------
    stances : DataFrame (schema STANCES); a ``source`` column is used when present
    min_size : fewest statements in a segment
    penalty : PELT penalty; default ``2 · var · log n`` of the series (BIC-like)
    top : how many driving statements to list per shift
    min_delta : smallest change in mean worth reporting

    Returns
    -------
    DataFrame with columns SHIFTS_COLUMNS, sorted by actor, target, date.
    """
    import ruptures as rpt
    stances = check(stances, STANCES, name="stances")
    stances = dedupe_stances(stances[stances["actor"] != "?"])
    stances = stances[stances["label"] != "none"]
    rows = []
    for (actor, target), g in stances.groupby(["actor", "target"], sort=True):
        g = g.sort_values(["date", "start"], kind="stable").reset_index(drop=True)
        y = g["score"].to_numpy(float)
        if len(y) < 2 * min_size:
            continue
        pen = penalty if penalty is not None else 2 * max(np.var(y), 0.05) * np.log(len(y))
        bkps = rpt.Pelt(model="l2", min_size=min_size, jump=1).fit(y.reshape(-1, 1)).predict(pen=pen)
        edges = [0] + bkps
        for a, b, c in zip(edges, edges[1:], edges[2:]):
            before, after = y[a:b], y[b:c]
            delta = after.mean() - before.mean()
            if abs(delta) < min_delta:
                continue
            seg = g.iloc[b:c]
            pull = (seg["score"] - before.mean()).abs().sort_values(ascending=False).index[:top]
            drivers = g.loc[pull]
            rows.append({
                "actor": actor, "target": target, "date": g.loc[b, "date"],
                "mean_before": round(float(before.mean()), 4),
                "mean_after": round(float(after.mean()), 4), "delta": round(float(delta), 4),
                "n_before": len(before), "n_after": len(after),
                "statement_ids": " | ".join(drivers["statement_id"]),
                "texts": " | ".join(drivers["text"]),
                "sources": " | ".join(drivers["source"].astype(str)) if "source" in drivers
                else " | ".join(drivers["doc_id"]),
            })
    out = pd.DataFrame(rows, columns=list(SHIFTS_COLUMNS))
    return out.sort_values(["actor", "target", "date"], kind="stable").reset_index(drop=True)
