"""The sentence-embedding feature (`stance.embed`, the [embed] extra).

Most tests swap the encoder for a small deterministic one, so they run without torch;
those marked `real` load all-MiniLM-L6-v2 and skip when the extra is not installed.
"""
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import stance.embed as E
from stance.cli import cli
from stance.errors import StanceError
from stance.model import StanceModel, load_model
from conftest import SEED

real = pytest.mark.skipif(not E.available(), reason="the [embed] extra is not installed")


class WordEncoder:
    """Bag-of-words unit vectors from word hashes; records what it was asked to encode."""

    def __init__(self):
        self.calls = []

    def encode(self, texts, **kw):
        self.calls.append(list(texts))
        out = np.zeros((len(texts), E.DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, sum(map(ord, w)) % E.DIM] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


@pytest.fixture
def fake(monkeypatch):
    enc = WordEncoder()
    monkeypatch.setattr(E, "_encoder", enc)
    return enc


def _examples():
    rows = []
    for i in range(12):
        rows.append((f"Turkey held drills near the border {i}", "Turkey", "force", "favor"))
        rows.append((f"Washington urged calm and restraint {i}", "US", "force", "against"))
        rows.append((f"The weather was mild on day {i}", "Iraq", "force", "none"))
    return pd.DataFrame(rows, columns=["text", "actor", "target", "label"]).assign(
        kind="reported", speaker="")


def test_encode_runs_each_distinct_text_once_and_keeps_the_order(fake):
    out = E.encode(["b c", "a", "b c"])
    assert fake.calls == [["b c", "a"]]
    assert out.shape == (3, E.DIM) and out.dtype == np.float32
    np.testing.assert_array_equal(out[0], out[2])
    assert not np.array_equal(out[0], out[1])
    assert E.encode([]).shape == (0, E.DIM) and len(fake.calls) == 1


def test_embedding_model_round_trips_and_reads_the_unmarked_text(fake, tmp_path):
    ex = _examples()
    ex.loc[0, "speaker"] = "Turkey"  # mark_holder would turn it into "holderx"
    model = StanceModel.fit(ex, lexicon_columns=[], data_hash="abc", embedding=1.0)
    assert model.meta["embedding"] == {"model": E.MODEL_NAME, "weight": 1.0}
    assert "Turkey held drills near the border 0" in fake.calls[0]
    # the classifier gives the embedding block weight: the coefficients past the n-grams
    coef = model.pipelines["force"][-1].coef_
    assert np.abs(coef[:, -E.DIM:]).sum() > 0
    loaded = load_model(model.save(tmp_path / "m.skops"))
    st = pd.DataFrame({"text": ["Turkey held drills near the border again"], "actor": ["Turkey"],
                       "kind": ["action"], "speaker": ["Turkey"]})
    fake.calls.clear()
    a = loaded.predict_proba(st, "force", lexicon_features=pd.DataFrame(index=st.index))
    assert fake.calls == [["Turkey held drills near the border again"]]
    assert a.iloc[0].idxmax() == "favor"


def test_embedding_changes_the_probabilities(fake):
    ex = _examples()
    words = StanceModel.fit(ex, lexicon_columns=[], data_hash="abc")
    both = StanceModel.fit(ex, lexicon_columns=[], data_hash="abc", embedding=1.0)
    assert words.meta["embedding"] is None
    st = pd.DataFrame({"text": ["Ankara urged restraint"], "actor": ["Turkey"], "kind": ["reported"]})
    none = pd.DataFrame(index=st.index)
    p0 = words.predict_proba(st, "force", lexicon_features=none)
    p1 = both.predict_proba(st, "force", lexicon_features=none)
    assert not np.allclose(p0.to_numpy(), p1.to_numpy())


def test_embedding_model_without_the_extra_is_one_clear_error(fake, tmp_path, monkeypatch):
    path = StanceModel.fit(_examples(), lexicon_columns=[], data_hash="abc",
                           embedding=1.0).save(tmp_path / "m.skops")
    monkeypatch.setattr(E, "available", lambda: False)
    monkeypatch.setattr(E, "_encoder", None)
    with pytest.raises(StanceError, match=r"pip install .*stance\[embed\]"):
        load_model(path)
    with pytest.raises(StanceError, match=r"\[embed\] extra"):
        E.encode(["a"])
    result = CliRunner().invoke(cli, ["explain", "--embed", "Ankara urged restraint."])
    assert result.exit_code != 0 and "stance[embed]" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["--embed", "--scorer", "lexicon"],
                                  ["--embed", "--model", str(SEED)]])
def test_embed_flag_conflicts_are_usage_errors(args, tmp_path):
    result = CliRunner().invoke(cli, ["score", str(SEED), "-o", str(tmp_path / "s.csv"), *args])
    assert result.exit_code == 2 and "--embed" in result.output
    assert not (tmp_path / "s.csv").exists()


@real
def test_real_encoder_puts_paraphrases_closer_than_other_news():
    v = E.encode(["Washington urged both sides to show restraint.",
                  "The United States called on the two sides to stay calm.",
                  "Oil exports through the Ceyhan pipeline rose in August."])
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, rtol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


@real
def test_packaged_embedding_model_was_trained_on_the_current_training_data():
    import stance
    from stance.io import read_frame
    from stance.schemas import GOLD
    from stance.train import training_data_hash
    from conftest import ROOT
    model = load_model(embed=True)
    assert model.meta["embedding"]["model"] == E.MODEL_NAME
    docs, _ = stance.load_documents(ROOT / "data" / "train")
    gold = read_frame(ROOT / "data" / "gold" / "train.csv", GOLD)
    assert model.meta["data_sha256"] == training_data_hash(docs, gold, stance.load_lexicon())


@real
def test_packaged_embedding_model_reads_the_seed_like_the_codebook():
    """The seed's US caution against force and Baghdad's rejection of the vote (codebook §1)."""
    from stance.load import load_documents
    from stance.pipeline import Resources, score_documents
    docs, _ = load_documents([SEED])
    st = score_documents(docs, Resources.load(embed=True))
    us = st[(st["actor"] == "US") & (st["target"] == "force")]
    iraq = st[(st["actor"] == "Iraq") & (st["target"] == "referendum")]
    assert (us["label"] == "against").any()
    assert (iraq["label"] == "against").any()


@real
def test_embed_jobs2_matches_jobs1_byte_for_byte(tmp_path):
    """Pool workers encode on one thread each; the stances must not change by a bit."""
    from conftest import ROOT
    docs = sorted((ROOT / "data" / "dev").glob("*.md"))[:12]
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / jobs / "stances.csv"
        res = CliRunner().invoke(cli, ["score", *map(str, docs), str(SEED), "-o", str(out), "-q",
                                       "--embed", "--jobs", jobs, "--chunk-size", "4"])
        assert res.exit_code == 0, res.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") > 50
