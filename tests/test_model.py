import pandas as pd
import pytest

from stance.errors import StanceError
from stance.model import StanceModel, load_model


def _examples():
    rows = []
    for i in range(12):
        rows.append((f"Turkey held drills near the border {i}", "Turkey", "force", "favor", 0.5))
        rows.append((f"Washington urged calm and restraint {i}", "US", "force", "against", -0.5))
        rows.append((f"The weather was mild on day {i}", "Iraq", "force", "none", 0.0))
    ex = pd.DataFrame(rows, columns=["text", "actor", "target", "label", "lex"])
    return ex.assign(kind="reported")


def test_model_round_trips_through_skops(tmp_path):
    model = StanceModel.fit(_examples(), lexicon_columns=["lex"], data_hash="abc")
    path = model.save(tmp_path / "m.skops")
    loaded = load_model(path)
    assert loaded.meta["data_sha256"] == "abc" and "stance_version" in loaded.meta
    st = pd.DataFrame({"text": ["Turkey held drills near the border again"], "actor": ["Turkey"],
                       "kind": ["action"]})
    feats = pd.DataFrame({"lex": [0.5]})
    a = model.predict_proba(st, "force", lexicon_features=feats)
    b = loaded.predict_proba(st, "force", lexicon_features=feats)
    pd.testing.assert_frame_equal(a, b)
    assert a.iloc[0].idxmax() == "favor"


def test_model_refuses_untrusted_types(tmp_path):
    import skops.io as sio
    from collections import Counter
    path = tmp_path / "evil.skops"
    sio.dump({"pipelines": Counter(a=1), "meta": "{}"}, path)
    with pytest.raises(StanceError, match="untrusted"):
        load_model(path)


def test_model_packaged_model_loads():
    model = load_model()
    assert set(model.pipelines) == {"force", "referendum"}
    assert len(model.meta["data_sha256"]) == 64


def test_model_packaged_model_was_trained_on_the_current_training_data():
    """`stance train data/train --gold data/gold/train.csv` reproduces the packaged model's hash."""
    import stance
    from stance.io import read_frame
    from stance.schemas import GOLD
    from stance.train import training_data_hash
    from conftest import ROOT
    docs, _ = stance.load_documents(ROOT / "data" / "train")
    gold = read_frame(ROOT / "data" / "gold" / "train.csv", GOLD)
    assert load_model().meta["data_sha256"] == training_data_hash(docs, gold, stance.load_lexicon())


def test_model_shared_hashing_gives_the_pipelines_probabilities():
    # hashing distinct texts once for both targets must not change a single bit
    import numpy as np
    from stance.model import _predict_proba, actor_tokens
    model = load_model()
    texts = ["Turkey held drills near the border.", "Erbil said the vote would go ahead.",
             "Turkey held drills near the border.", "Baghdad rejected the referendum."]
    X = pd.DataFrame({"text": texts, "actor": ["Turkey", "KRG", "Iran", "Iraq"],
                      "kind": ["action", "reported", "action", "reported"],
                      "context": ["", "The vote is on Monday.", "", "The vote is on Monday."]})
    for c in model.meta["lexicon_columns"]:
        X[c] = np.linspace(-1, 1, len(X))
    X["actor_text"] = actor_tokens(X["text"], X["actor"])
    shared = {}
    for target, pipe in model.pipelines.items():
        assert np.array_equal(_predict_proba(pipe, X, shared), pipe.predict_proba(X))
    # word, character, context and holder-word hashing, computed for the first target only
    assert len(shared) == 4


def test_model_lowercasing_keeps_white_space_apart():
    # why char_wb n-grams may be built word by word (model._hash_per_word)
    import sys
    for c in map(chr, range(sys.maxunicode + 1)):
        low = c.lower()
        assert low and (all(x.isspace() for x in low) if c.isspace()
                        else not any(x.isspace() for x in low)), hex(ord(c))


def test_model_per_word_char_ngrams_hash_like_the_vectorizer(monkeypatch):
    import numpy as np
    import stance
    from conftest import ROOT
    from stance import model
    from stance.model import _hash_distinct
    docs, _ = stance.load_documents(ROOT / "data" / "dev")
    texts = list(stance.split_sentences(docs)["text"]) + ["Ünïcode  TEXT\twith\u00a0spaces İ ſ", ""]
    vec = load_model().pipelines["force"][0].transformers_[1][1][0]
    assert vec.analyzer == "char_wb"
    expected = vec.transform(texts)
    # words hashed afresh, then from the memo, then after the full memo was cleared
    for limit in (100_000, 100_000, 50):
        monkeypatch.setattr(model, "_WORD_COLUMNS_MAX", limit)
        hashed, rows = _hash_distinct(vec, pd.Series(texts))
        got = hashed[rows]
        assert type(got) is type(expected) and got.has_sorted_indices
        assert (got != expected).nnz == 0 and np.array_equal(got.indptr, expected.indptr) \
            and np.array_equal(got.indices, expected.indices) \
            and np.array_equal(got.data, expected.data)


def test_model_marks_the_holder_so_joint_holders_differ():
    from stance.model import HOLDER_TOKEN, mark_holder
    text = "Ankara backed the takeover, which Erbil condemned."
    got = mark_holder(pd.Series([text, text, "He said no.", text]), ["Ankara", "Erbil", "He", ""])
    assert got[0] == f"{HOLDER_TOKEN} backed the takeover, which Erbil condemned."
    assert got[1] == f"Ankara backed the takeover, which {HOLDER_TOKEN} condemned."
    assert got[2] == "He said no." and got[3] == text  # pronouns and no speaker: unchanged


def test_model_scores_statements_without_a_speaker_column():
    model = StanceModel.fit(_examples().assign(speaker="Turkey"), lexicon_columns=["lex"],
                            data_hash="abc")
    assert model.meta["holder_marked"]
    st = pd.DataFrame({"text": ["Turkey held drills near the border again"], "actor": ["Turkey"],
                       "kind": ["action"]})
    p = model.predict_proba(st, "force", lexicon_features=pd.DataFrame({"lex": [0.5]}))
    assert p.iloc[0].idxmax() == "favor"


def test_model_on_words_only_needs_no_lexicon_features():
    model = StanceModel.fit(_examples(), lexicon_columns=[], data_hash="abc")
    st = pd.DataFrame({"text": ["Washington urged calm and restraint again"], "actor": ["US"],
                       "kind": ["reported"]})
    proba = model.predict_proba(st, "force", lexicon_features=None)
    assert proba.iloc[0].idxmax() == "against"


def test_model_packaged_model_sees_words_not_lexicon_scores():
    # train.py: the lexicon was written from the training documents, so a classifier fed its
    # scores over-trusts them on new writers' text; the packaged model must not use them
    assert load_model().meta["lexicon_columns"] == []


def test_model_packaged_model_reads_the_previous_sentence():
    from stance.model import CONTEXT_WEIGHT
    model = load_model()
    assert model.meta["context_weight"] == CONTEXT_WEIGHT > 0
    st = pd.DataFrame({"text": ["Abadi dismissed the council's move."], "actor": ["Iraq"],
                       "kind": ["reported"], "speaker": ["Abadi"]})
    bare = model.predict_proba(st, "referendum", lexicon_features=None)
    told = model.predict_proba(st, "referendum", lexicon_features=None, context=[
        "The Kirkuk council voted to take part in the independence referendum."])
    assert not bare.round(6).equals(told.round(6))
    # no context is the same as an empty one
    empty = model.predict_proba(st, "referendum", lexicon_features=None, context=[""])
    assert bare.equals(empty)


def test_model_conjoins_words_with_the_holder():
    from stance.model import actor_tokens
    got = actor_tokens(pd.Series(["Erbil's vote, on time!", "Erbil's vote, on time!"]),
                       ["KRG", "Iraq"])
    assert got.tolist() == ["KRG=erbil KRG=vote KRG=on KRG=time",
                            "Iraq=erbil Iraq=vote Iraq=on Iraq=time"]


def test_model_packaged_model_weighs_words_per_holder():
    from stance.model import ACTOR_WORDS_WEIGHT
    model = load_model()
    assert model.meta["actor_words"] == ACTOR_WORDS_WEIGHT > 0
    names = [name for name, *_ in model.pipelines["referendum"][0].transformers_]
    assert "actor_words" in names
    # the same words for two holders are two different features, not just two priors
    st = pd.DataFrame({"text": ["He said the salaries would be paid."] * 2,
                       "actor": ["KRG", "Iraq"], "kind": ["reported"] * 2})
    p = model.predict_proba(st, "referendum", lexicon_features=None)
    assert (p["favor"] + p["against"] < 0.5).all()  # a sentence on salaries holds no stance


def test_model_context_weight_scales_the_previous_sentence():
    ex = _examples().assign(context="")
    ex.loc[ex["label"] == "favor", "context"] = "troops massed at the frontier"
    model = StanceModel.fit(ex, lexicon_columns=["lex"], data_hash="abc", context_weight=0.5)
    st = pd.DataFrame({"text": ["Officials met on day 99"], "actor": ["Iraq"],
                       "kind": ["reported"]})
    feats = pd.DataFrame({"lex": [0.0]})
    p0 = model.predict_proba(st, "force", lexicon_features=feats, context=[""])
    p1 = model.predict_proba(st, "force", lexicon_features=feats,
                             context=["troops massed at the frontier"])
    assert p1.loc[0, "favor"] > p0.loc[0, "favor"]
