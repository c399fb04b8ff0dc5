import pandas as pd
import pytest

from stance.errors import StanceError
from stance.evaluate import evaluate_stances

TEXT = "Ankara rejected the vote. Washington urged calm. Tehran closed its airspace. Rain fell."


@pytest.fixture
def docs():
    return pd.DataFrame([{"doc_id": "d", "date": "2017-09-26", "source": "", "url": "", "title": "",
                          "text": TEXT}])


@pytest.fixture
def gold():
    return pd.DataFrame([
        ["d", "Ankara rejected the vote.", "Turkey", "none", 0, "against", -1],
        ["d", "Washington urged calm.", "US", "against", -0.5, "none", 0],
        ["d", "Tehran closed its airspace.", "Iran", "none", 0, "against", -0.5],
    ], columns=["doc_id", "sentence", "actor", "force", "force_score", "referendum", "referendum_score"])


def pred(start, end, actor, target, label, score):
    return {"doc_id": "d", "start": start, "end": end, "actor": actor, "target": target,
            "label": label, "score": score}


def test_evaluate_hand_computed(docs, gold):
    s1 = TEXT.index("Ankara")
    s2 = TEXT.index("Washington")
    s3 = TEXT.index("Tehran")
    s4 = TEXT.index("Rain")
    preds = pd.DataFrame([
        pred(s1, s1 + 25, "Turkey", "referendum", "against", -1.0),     # right
        pred(s1, s1 + 25, "Turkey", "force", "none", 0.0),
        pred(s2, s2 + 22, "Iraq", "force", "against", -0.5),            # wrong holder
        pred(s3, s3 + 14, "Iran", "referendum", "favor", 0.25),         # covers >= half, wrong label
        pred(s3, s3 + 14, "Iran", "referendum", "against", -0.5),       # larger |score| wins
        pred(s4, s4 + 11, "other", "force", "favor", 1.0),              # other: not scored
    ])
    scores = evaluate_stances(preds, gold, docs)
    h = scores["holder"]
    assert (h["tp"], h["fp"], h["fn"]) == (2, 1, 1)
    assert h["p"] == pytest.approx(2 / 3, abs=1e-4) and h["r"] == pytest.approx(2 / 3, abs=1e-4)
    ref = scores["stance"]["referendum"]
    assert ref["against"]["f1"] == 1.0 and ref["favor"]["f1"] == 0.0
    assert ref["f_avg"] == 0.5
    force = scores["stance"]["force"]
    # gold US against; predicted Iraq against on the same sentence: one fp, one fn
    assert (force["against"]["tp"], force["against"]["fp"], force["against"]["fn"]) == (0, 1, 1)


def test_evaluate_prediction_must_cover_half_the_sentence(docs, gold):
    s1 = TEXT.index("Ankara")
    preds = pd.DataFrame([pred(s1, s1 + 10, "Turkey", "referendum", "against", -1.0)])
    scores = evaluate_stances(preds, gold, docs)
    assert scores["holder"]["tp"] == 0 and scores["holder"]["fp"] == 1


def test_evaluate_trend_cells_need_three_gold_statements(docs):
    text = TEXT
    gold = pd.DataFrame([["d", s, "Turkey", "none", 0, "against", -1] for s in
                         ("Ankara rejected the vote.", "Washington urged calm.",
                          "Tehran closed its airspace.")],
                        columns=["doc_id", "sentence", "actor", "force", "force_score",
                                 "referendum", "referendum_score"])
    preds = pd.DataFrame([pred(text.index("Ankara"), text.index("Ankara") + 25, "Turkey",
                               "referendum", "against", -0.5)])
    tr = evaluate_stances(preds, gold, docs)["trend"]
    assert tr["referendum"]["cells"] == 1 and tr["referendum"]["sign_agreement"] == 1.0
    assert tr["force"]["cells"] == 0


def test_evaluate_gold_sentence_missing_is_a_user_error(docs, gold):
    bad = gold.copy()
    bad.loc[0, "sentence"] = "Not in the text."
    with pytest.raises(StanceError, match="sentence not found"):
        evaluate_stances(pd.DataFrame(columns=["doc_id", "start", "end", "actor", "target",
                                               "label", "score"]), bad, docs)


def _two_docs():
    """Two documents, one predicted right and one wrong, for the bootstrap tests."""
    texts = {"a": "Ankara rejected the vote. Rain fell.", "b": "Tehran backed the vote. Rain fell."}
    docs = pd.DataFrame([{"doc_id": d, "date": "2017-09-26", "source": "", "url": "", "title": "",
                          "text": t} for d, t in texts.items()])
    gold = pd.DataFrame([["a", "Ankara rejected the vote.", "Turkey", "none", 0, "against", -1],
                         ["b", "Tehran backed the vote.", "Iran", "none", 0, "favor", 1]],
                        columns=["doc_id", "sentence", "actor", "force", "force_score",
                                 "referendum", "referendum_score"])
    right = pd.DataFrame([{"doc_id": "a", "start": 0, "end": 25, "actor": "Turkey",
                           "target": "referendum", "label": "against", "score": -1.0}])
    wrong = pd.DataFrame([{"doc_id": "b", "start": 0, "end": 23, "actor": "Iraq",
                           "target": "referendum", "label": "favor", "score": 1.0}])
    return docs, gold, right, wrong


def test_bootstrap_intervals_bracket_the_score_and_are_zero_width_when_every_document_agrees():
    docs, gold, right, wrong = _two_docs()
    mixed = evaluate_stances(pd.concat([right, wrong]), gold, docs, n_boot=500)
    ci = mixed["intervals"]
    assert ci["n_boot"] == 500 and ci["documents"] == 2
    # one document right, one wrong: resamples give F1 anywhere from 0 to 1
    assert ci["holder_f1"][0] < mixed["holder"]["f1"] < ci["holder_f1"][1]
    assert ci["holder_f1"] == [0.0, 1.0]
    perfect = pd.concat([right, right.assign(doc_id="b", end=23, actor="Iran", label="favor",
                                             score=1.0)])
    ci = evaluate_stances(perfect, gold, docs, n_boot=200)["intervals"]
    assert ci["holder_f1"] == [1.0, 1.0]
    # a resample of document a alone has no favor pair: F1(favor) 0 by definition, F_avg 0.5
    assert ci["referendum_f_avg"] == [0.5, 1.0]
    assert "intervals" not in evaluate_stances(perfect, gold, docs)  # off by default


def test_bootstrap_counts_reproduce_the_point_scores(docs, gold):
    from stance.evaluate import _doc_counts, _gold_pairs, _measures, _scored_gold, _scored_pairs
    s1, s3 = TEXT.index("Ankara"), TEXT.index("Tehran")
    preds = pd.DataFrame([pred(s1, s1 + 25, "Turkey", "referendum", "against", -1.0),
                          pred(s3, s3 + 14, "Iran", "referendum", "favor", 0.25),
                          pred(s3, s3 + 14, "Iraq", "force", "favor", 0.5)])
    scores = evaluate_stances(preds, gold, docs)
    located, d = _scored_gold(gold, docs)
    g, p = _gold_pairs(located), _scored_pairs(preds, located, d)
    m = _measures(_doc_counts(g, p, ["d"]).sum(axis=0)[None])
    assert m["holder_f1"][0] == pytest.approx(scores["holder"]["f1"], abs=1e-4)
    assert m["referendum_f_avg"][0] == pytest.approx(scores["stance"]["referendum"]["f_avg"], abs=1e-4)
    assert m["force_f_avg"][0] == pytest.approx(scores["stance"]["force"]["f_avg"], abs=1e-4)


def test_compare_stances_is_paired():
    from stance.evaluate import compare_stances
    docs, gold, right, wrong = _two_docs()
    both = pd.concat([right, wrong])
    same = compare_stances(both, both, gold, docs, n_boot=200)
    assert all(v["diff"] == 0 and v["low"] == 0 == v["high"] for v in same.values())
    better = compare_stances(both, wrong, gold, docs, n_boot=200)
    # adding the right pair never lowers holder F1 on any resample that contains document a
    assert better["holder_f1"]["diff"] > 0 and better["holder_f1"]["low"] >= 0
    assert 0.5 < better["holder_f1"]["p_above_zero"] <= 1.0


def test_scores_by_actor_splits_the_pairs_by_holder(docs, gold):
    from stance.evaluate import format_by_actor, scores_by_actor
    s1, s2, s3 = TEXT.index("Ankara"), TEXT.index("Washington"), TEXT.index("Tehran")
    preds = pd.DataFrame([pred(s1, s1 + 25, "Turkey", "referendum", "against", -1.0),  # right
                          pred(s2, s2 + 22, "Iraq", "force", "against", -0.5),        # wrong holder
                          pred(s3, s3 + 14, "Iran", "referendum", "favor", 0.5)])      # wrong side
    table = scores_by_actor(preds, gold, docs, n_boot=100).set_index("actor")
    assert list(table.index) == ["US", "Iraq", "Turkey", "Iran", "KRG"]
    assert table.loc["Turkey", "holder_f1"] == 1.0 and table.loc["Turkey", "referendum_against_f1"] == 1.0
    assert table.loc["US", "gold_pairs"] == 1 and table.loc["US", "holder_r"] == 0.0
    assert table.loc["Iraq", "gold_pairs"] == 0 and table.loc["Iraq", "holder_p"] == 0.0
    # Iran is found as a holder, but on the wrong side of the referendum
    assert table.loc["Iran", "holder_f1"] == 1.0 and table.loc["Iran", "referendum_against_f1"] == 0.0
    assert table.loc["Iran", "referendum_against_n"] == 1 and table.loc["Iran", "referendum_favor_n"] == 0
    text = format_by_actor(table.reset_index())
    assert text.splitlines()[0].split()[:5] == ["actor", "pairs", "P", "R", "F1"]
    assert "1.000 (1)" in text and "–" in text
