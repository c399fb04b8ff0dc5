"""Aggregate stances into trends by actor × target × period.

One statement is counted once: the same holder saying near-identical words within a
few days (several outlets carrying one statement, or one article repeating it) forms a
cluster; its first occurrence stands for it and ``reach`` counts the copies.
"""
from __future__ import annotations

import re
import zlib
from collections import defaultdict

import numpy as np
import pandas as pd

from .errors import StanceError
from .schemas import STANCES, TRENDS, check

FREQS = {"D": "D", "W": "W-MON", "M": "M"}
_TOKEN = re.compile(r"[a-z0-9]+")


def dedupe_stances(stances: pd.DataFrame, *, window_days: int = 3,
                   threshold: float = 0.6) -> pd.DataFrame:
    """Stances with near-duplicate statements collapsed; adds ``reach`` and ``cluster_id``.

    Two statements are duplicates when they have the same holder, dates at most
    `window_days` apart and a word-trigram Jaccard similarity of at least `threshold`.
    """
    stances = check(stances, STANCES, name="stances")
    stmts = stances.drop_duplicates("statement_id")[["statement_id", "actor", "date", "text"]]
    stmts = stmts.sort_values(["date", "statement_id"], kind="stable")
    cluster_of, reach = {}, defaultdict(int)
    buckets = defaultdict(list)   # (actor, minhash) -> [(date, shingles, cluster_id)]
    for s in stmts.itertuples(index=False):
        sh = _shingles(s.text)
        keys = {(s.actor, h) for h in _minhashes(sh)}
        found = None
        for key in keys:
            for date, other, cid in buckets[key]:
                if abs((s.date - date).days) <= window_days and _jaccard(sh, other) >= threshold:
                    found = cid
                    break
            if found:
                break
        cid = found or s.statement_id
        cluster_of[s.statement_id] = cid
        reach[cid] += 1
        if not found:
            for key in keys:
                buckets[key].append((s.date, sh, cid))
    out = stances.copy()
    out["cluster_id"] = out["statement_id"].map(cluster_of)
    out = out[out["statement_id"] == out["cluster_id"]].copy()
    out["reach"] = out["cluster_id"].map(reach).astype("int64")
    return out.reset_index(drop=True)


def aggregate_stances(stances: pd.DataFrame, *, freq: str = "M", actors=None, since=None,
                      until=None, n_boot: int = 1000, seed: int = 0, smooth: int = 3,
                      dedupe: bool = True) -> pd.DataFrame:
    """Trend table: one row per (actor, target, period).

    Parameters
    ----------
    stances : DataFrame (schema STANCES)
    freq : {"D", "W", "M"}  period length
    actors : list of str, optional  keep only these actors
    since, until : date-like, optional  keep statements in [since, until]
    n_boot : bootstrap resamples for the 95% interval (seeded by `seed`)
    smooth : window (periods) of the rolling mean in ``smoothed``

    Returns
    -------
    DataFrame (schema TRENDS).  ``n`` counts unique statements with a non-none label;
    ``mean`` is their confidence-weighted mean score; ``share_favor``/``share_against``
    are shares of all the actor's unique statements in the period; periods with no
    stance-bearing statement have ``n == 0`` and NaN means (gaps, not zeros); a period
    with a single statement has no interval (NaN bounds).

    Examples
    --------
    >>> trends = aggregate_stances(stances, freq="M")
    """
    if freq not in FREQS:
        raise StanceError(f"unknown period {freq!r}; use D, W or M")
    stances = check(stances, STANCES, name="stances")
    if actors:
        stances = stances[stances["actor"].isin(list(actors))]
    if since is not None:
        stances = stances[stances["date"] >= _date(since, "--since")]
    if until is not None:
        stances = stances[stances["date"] <= _date(until, "--until")]
    stances = stances[stances["actor"] != "?"]
    if stances.empty:
        return check(pd.DataFrame(columns=list(TRENDS)), TRENDS, name="trends")
    if dedupe:
        stances = dedupe_stances(stances)
    elif "reach" not in stances:
        stances = stances.assign(reach=1)
    stances = stances.assign(period=stances["date"].dt.to_period(FREQS[freq]).dt.start_time)
    all_periods = pd.period_range(stances["date"].min(), stances["date"].max(),
                                  freq=FREQS[freq]).start_time
    rng = np.random.default_rng(seed)
    rows = []
    for (actor, target), grp in stances.groupby(["actor", "target"], sort=True):
        by_period = {p: g for p, g in grp.groupby("period")}
        series = []
        for period in all_periods:
            g = by_period.get(period)
            rows.append(_cell(actor, target, period, g, rng, n_boot))
            series.append(rows[-1]["mean"])
        series = pd.Series(series, dtype=float)
        smoothed = series.rolling(smooth, min_periods=1).mean().where(series.notna())
        for i, value in enumerate(smoothed):
            rows[-len(series) + i]["smoothed"] = value
    return check(pd.DataFrame(rows, columns=list(TRENDS)), TRENDS, name="trends")


def _cell(actor, target, period, g, rng, n_boot):
    row = {"actor": actor, "target": target, "period": period, "n": 0, "reach": 0,
           "mean": np.nan, "ci_low": np.nan, "ci_high": np.nan, "share_favor": np.nan,
           "share_against": np.nan, "smoothed": np.nan}
    if g is None or g.empty:
        return row
    total = len(g)
    row["share_favor"] = float((g["label"] == "favor").sum() / total)
    row["share_against"] = float((g["label"] == "against").sum() / total)
    s = g[g["label"] != "none"]
    if s.empty:
        return row
    scores = s["score"].to_numpy(float)
    weights = np.clip(s["confidence"].to_numpy(float), 1e-6, None)
    row["n"] = len(s)
    row["reach"] = int(s["reach"].sum())
    row["mean"] = float(np.average(scores, weights=weights))
    if len(s) >= 2 and n_boot > 0:
        # a single statement has no interval (NaN): charts draw no band rather than a false certainty
        idx = rng.integers(0, len(s), size=(n_boot, len(s)))
        boots = (scores[idx] * weights[idx]).sum(1) / weights[idx].sum(1)
        row["ci_low"], row["ci_high"] = (float(x) for x in np.percentile(boots, [2.5, 97.5]))
    return row


def _date(value, name):
    try:
        return pd.Timestamp(value)
    except (ValueError, TypeError):
        raise StanceError(f"{name} {value!r} is not a date (YYYY-MM-DD)") from None


def _shingles(text: str) -> frozenset:
    toks = _TOKEN.findall(text.lower())
    if len(toks) < 3:
        return frozenset([" ".join(toks)])
    return frozenset(" ".join(toks[i:i + 3]) for i in range(len(toks) - 2))


def _minhashes(sh: frozenset, k: int = 4) -> list[int]:
    """The k smallest shingle hashes: near-duplicates share at least one (a cheap LSH)."""
    return sorted(zlib.crc32(s.encode()) for s in sh)[:k]


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0
