"""End to end on the seed article (Rudaw, 29 Sept 2017), against files a person checked.

- golden/seed_gold.csv: the seed annotated by hand from the codebook (holders, labels).
- golden/seed_statements.csv: the statements the tracker extracts, reviewed against the
  article; regenerate with ``pytest --update-golden`` and review the diff.
"""
import pandas as pd
import pytest

import stance
from stance.evaluate import evaluate_stances, locate_gold
from stance.pipeline import Resources, score_documents

from conftest import ROOT, SEED

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def seed():
    docs, rejects = stance.load_documents(SEED)
    assert rejects.empty
    return docs


@pytest.fixture(scope="module")
def stances(seed):
    return score_documents(seed, Resources.load())


def _rows(stances, needle, target):
    s = stances[stances.text.str.contains(needle, regex=False) & (stances.target == target)]
    return {r.actor: r.label for r in s.itertuples()}


def test_seed_statements_match_golden(seed, update_golden):
    statements = stance.extract_statements(stance.split_sentences(seed))
    got = statements[["doc_id", "start", "end", "actor", "kind"]].reset_index(drop=True)
    path = GOLDEN / "seed_statements.csv"
    if update_golden:
        got.to_csv(path, index=False, lineterminator="\n")
    expected = pd.read_csv(path, dtype={"doc_id": str, "actor": str, "kind": str})
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_seed_tillerson_is_us_against_force(stances):
    for needle in ("Rex Tillerson", "We call upon the central government", "Tillerson said"):
        assert _rows(stances, needle, "force") == {"US": "against"}, needle


def test_seed_joint_command_fully_ready_is_iraq_favor(stances):
    assert _rows(stances, "fully ready", "force") == {"Iraq": "favor"}


def test_seed_three_foreign_ministers_against_referendum(stances):
    assert _rows(stances, "coordinated measures", "referendum") == {
        "Iraq": "against", "Turkey": "against", "Iran": "against"}


def test_seed_no_stance_for_addressed_or_mentioned_actors(seed, stances):
    gold = locate_gold(pd.read_csv(GOLDEN / "seed_gold.csv"), seed)
    allowed = {(r.start, r.actor) for r in gold.itertuples()}
    taken = stances[(stances.label != "none") & (stances.actor != "other")]
    extra = {(r.start, r.actor) for r in taken.itertuples()} - allowed
    assert not extra, f"stance given to an actor that does not hold the sentence: {extra}"
    assert "KRG" not in set(taken.actor)  # the Region is only addressed in this article


def test_seed_evaluate_against_hand_annotation(seed, stances):
    scores = evaluate_stances(stances, pd.read_csv(GOLDEN / "seed_gold.csv"), seed)
    assert scores["holder"]["f1"] >= 0.9
    assert scores["stance"]["force"]["against"]["f1"] >= 0.8
    assert scores["stance"]["referendum"]["against"]["f1"] >= 0.7
