import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.aggregate import aggregate_stances, dedupe_stances
from stance.schemas import STANCES, check


def make(rows):
    """rows: (date, actor, target, label, score, text)"""
    recs = []
    for i, (date, actor, target, label, score, text) in enumerate(rows):
        recs.append({"statement_id": f"d{i}:0-1:{actor}", "doc_id": f"d{i}", "date": date,
                     "start": 0, "end": len(text), "text": text, "actor": actor, "speaker": actor,
                     "kind": "reported", "target": target, "label": label, "score": score,
                     "confidence": 0.8, "evidence": "", "method": "test"})
    return check(pd.DataFrame(recs), STANCES)


def test_aggregate_gaps_are_not_zeros():
    s = make([("2017-09-10", "Iraq", "force", "favor", 1.0, "Iraq moved troops to the border"),
              ("2017-11-10", "Iraq", "force", "against", -0.5, "Iraq called for calm today")])
    t = aggregate_stances(s, freq="M")
    oct_ = t[t.period == pd.Timestamp("2017-10-01")].iloc[0]
    assert oct_.n == 0 and np.isnan(oct_["mean"])
    assert t[t.period == pd.Timestamp("2017-09-01")].iloc[0]["mean"] == 1.0


def test_aggregate_dedupes_near_duplicates_and_counts_reach():
    base = "Turkey said the referendum was illegitimate and must be cancelled at once"
    s = make([("2017-09-22", "Turkey", "referendum", "against", -1.0, base),
              ("2017-09-23", "Turkey", "referendum", "against", -1.0, base + ", officials said"),
              ("2017-10-20", "Turkey", "referendum", "against", -1.0, base)])
    d = dedupe_stances(s)
    assert len(d) == 2 and sorted(d["reach"]) == [1, 2]
    t = aggregate_stances(s)
    assert t["n"].sum() == 2 and t["reach"].sum() == 3


def test_aggregate_bootstrap_is_seeded():
    s = make([("2017-09-%02d" % (i + 1), "US", "force", "against", -0.25 * (1 + i % 4),
               f"statement number {i} about restraint") for i in range(12)])
    a = aggregate_stances(s, seed=3)
    b = aggregate_stances(s, seed=3)
    pd.testing.assert_frame_equal(a, b)
    row = a.iloc[0]
    assert row.ci_low <= row["mean"] <= row.ci_high


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.sampled_from(["US", "Iraq", "KRG"]),
                          st.sampled_from(["favor", "against", "none"])), min_size=1, max_size=40))
def test_aggregate_preserves_total_count(items):
    rows = []
    for i, (day, actor, label) in enumerate(items):
        score = {"favor": 0.5, "against": -0.5, "none": 0.0}[label]
        rows.append((pd.Timestamp("2017-06-01") + pd.Timedelta(days=day), actor, "force", label,
                     score, f"unique statement {i} " + "x" * i))
    s = make(rows)
    t = aggregate_stances(s, freq="W", dedupe=False)
    assert t["n"].sum() == sum(1 for _, _, label in items if label != "none")
