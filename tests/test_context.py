"""The holder's stance elsewhere in its document, as features for the learned scorer."""
import numpy as np
import pandas as pd
import pytest

from stance.context import CONTEXT_COLUMNS, context_features


@pytest.fixture
def frame():
    # doc a: Iraq states against twice, then a cue-less follow-up; Turkey once; doc b: Iraq
    return pd.DataFrame({
        "doc_id": ["a", "a", "a", "a", "b"],
        "actor": ["Iraq", "Iraq", "Iraq", "Turkey", "Iraq"],
        "force_score": [0.0, 0.0, 0.0, 1.0, 0.0],
        "referendum_score": [-1.0, -0.5, 0.0, -1.0, 0.5],
    })


def test_context_counts_only_the_same_holder_in_the_same_document(frame):
    ctx = context_features(frame.doc_id, frame.actor, frame)
    assert list(ctx.columns) == list(CONTEXT_COLUMNS)
    # the follow-up (row 2) sees Iraq's two cues in doc a, not Turkey's or doc b's
    assert ctx.loc[2, "ctx_referendum_sum"] == pytest.approx(np.tanh(-1.5))
    assert ctx.loc[2, "ctx_referendum_n"] == pytest.approx(2 / 5)
    assert ctx.loc[2, "ctx_force_sum"] == 0.0
    # a statement never counts itself
    assert ctx.loc[0, "ctx_referendum_sum"] == pytest.approx(np.tanh(-0.5))
    assert ctx.loc[3, "ctx_referendum_n"] == 0.0
    assert ctx.loc[4, "ctx_referendum_n"] == 0.0


def test_context_for_rows_outside_the_statements(frame):
    extra = pd.DataFrame({"doc_id": ["a", "c"], "actor": ["Iraq", "Iran"]})
    ctx = context_features(frame.doc_id, frame.actor, frame, extra=extra)
    assert len(ctx) == len(frame) + 2
    assert ctx.loc[5, "ctx_referendum_sum"] == pytest.approx(np.tanh(-1.5))
    assert ctx.loc[6, "ctx_referendum_n"] == 0.0  # nothing known of Iran in doc c
