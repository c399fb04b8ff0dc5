"""Calibrated confidences: the maps, the correctness they are fitted on, the packaged models."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import stance
from stance.calibrate import MIN_ROWS, apply_map, fit_maps
from stance.evaluate import format_report, evaluate_stances, reliability, row_correct
from stance.model import load_model

ROOT = Path(__file__).resolve().parents[1]


def _uncalibrated(model):
    """A copy of `model` without its calibration maps (its raw probabilities as confidence)."""
    return type(model)(model.pipelines, {k: v for k, v in model.meta.items() if k != "calibration"})


def _rows(conf, correct, label="favor", target="force", scorer="ensemble"):
    return pd.DataFrame({"scorer": scorer, "target": target, "label": label,
                         "confidence": conf, "correct": correct})


def test_an_overconfident_scorer_is_mapped_to_its_hit_rate():
    # 100 rows said 0.95 and were right 60 times; 100 said 0.5 and were right 40 times
    rows = _rows([0.95] * 100 + [0.5] * 100, [1] * 60 + [0] * 40 + [1] * 40 + [0] * 60)
    maps = fit_maps(rows)
    out = apply_map(maps, "ensemble", "force", ["favor", "against"], [0.95, 0.5])
    assert out == [0.6, 0.4]


def test_maps_are_monotone_and_bounded_and_keep_kinds_apart():
    rng = np.random.default_rng(0)
    conf = rng.uniform(0, 1, 400)
    draw = rng.uniform(0, 1, 400)
    # sides right less often than said (conf²), nones more often (√conf)
    rows = pd.concat([_rows(conf, (draw < conf ** 2).astype(int)),
                      _rows(conf, (draw < conf ** 0.5).astype(int), label="none")])
    maps = fit_maps(rows)
    grid = np.linspace(0, 1, 21)
    stance_side = apply_map(maps, "ensemble", "force", ["favor"] * 21, grid)
    none_side = apply_map(maps, "ensemble", "force", ["none"] * 21, grid)
    assert all(0 <= c <= 1 for c in stance_side + none_side)
    assert stance_side == sorted(stance_side) and none_side == sorted(none_side)
    assert stance_side[10] < 0.4 < 0.6 < none_side[10]  # at 0.5: each kind its own map


def test_too_few_rows_or_no_map_leave_the_raw_confidence():
    maps = fit_maps(_rows([0.9] * (MIN_ROWS - 1), [0] * (MIN_ROWS - 1)))
    assert maps == {}
    assert apply_map(maps, "ensemble", "force", ["favor"], [0.9123]) == [0.912]
    assert apply_map(None, "model", "force", ["none"], [0.5]) == [0.5]


@pytest.fixture
def tiny():
    text = "Abadi rejected the vote. Erdogan spoke. Nothing happened."
    docs = pd.DataFrame([{"doc_id": "d", "date": "2017-10-01", "source": "", "url": "",
                          "title": "", "text": text}])
    gold = pd.DataFrame([{"doc_id": "d", "sentence": "Abadi rejected the vote.", "actor": "Iraq",
                          "force": "none", "force_score": 0.0, "referendum": "against",
                          "referendum_score": -1.0}])
    s1, s2 = (0, 24), (25, 39)
    preds = pd.DataFrame([
        ("Iraq", *s1, "referendum", "against", 0.9),   # gold's label: right
        ("Iraq", *s1, "force", "favor", 0.8),          # gold says none: wrong
        ("Turkey", *s2, "referendum", "none", 0.7),    # no gold row, none: right
        ("Turkey", *s2, "force", "against", 0.6),      # no gold row, a side: wrong
        ("other", *s2, "force", "favor", 0.9),         # not a scored actor: left out
    ], columns=["actor", "start", "end", "target", "label", "confidence"]).assign(
        doc_id="d", score=0.0)
    return docs, gold, preds


def test_row_correct_follows_the_codebook_matching(tiny):
    docs, gold, preds = tiny
    ok = row_correct(preds, gold, docs)
    assert ok.tolist() == [True, False, True, False]
    assert list(ok.index) == [0, 1, 2, 3]


def test_reliability_and_the_report(tiny):
    docs, gold, preds = tiny
    rel = reliability(preds, gold, docs)
    assert rel["referendum_stance"]["n"] == 1 and rel["referendum_stance"]["accuracy"] == 1.0
    assert rel["referendum_stance"]["ece"] == pytest.approx(0.1)
    assert rel["force_stance"]["n"] == 2 and rel["force_stance"]["accuracy"] == 0.0
    assert rel["force_stance"]["ece"] == pytest.approx(0.7)  # (0.8 + 0.6) / 2
    report = format_report(evaluate_stances(preds, gold, docs))
    assert "calibration error 0.700" in report


@pytest.mark.parametrize("embed", [False, True])
def test_the_packaged_models_carry_their_calibration(embed):
    if embed:
        pytest.importorskip("sentence_transformers")
    model = load_model(embed=embed)
    maps = model.meta["calibration"]
    for scorer in ("model", "ensemble"):
        for target in ("force", "referendum"):
            for kind in ("stance", "none"):
                xs, ys = maps[scorer][target][kind]
                assert xs == sorted(xs) and ys == sorted(ys) and 0 <= ys[0] <= ys[-1] <= 1


def test_calibration_changes_confidence_not_labels():
    from stance.score import score_stances
    from stance.sentences import split_sentences
    from stance.statements import extract_statements
    docs, _ = stance.load_documents(ROOT / "seeds")
    st = extract_statements(split_sentences(docs), stance.load_actors())
    model = load_model()
    calibrated = score_stances(st, model=model)
    raw = score_stances(st, model=_uncalibrated(model))
    assert calibrated["label"].tolist() == raw["label"].tolist()
    assert calibrated["score"].tolist() == raw["score"].tolist()
    assert (calibrated["confidence"] != raw["confidence"]).any()
    # the raw probability stays in the evidence
    assert raw["evidence"].tolist() == calibrated["evidence"].tolist()


def test_train_with_calibration_folds_stores_maps():
    from stance.train import train_model
    docs, _ = stance.load_documents(ROOT / "data/train")
    docs = docs.sort_values("doc_id").head(40)
    gold = pd.read_csv(ROOT / "data/gold/train.csv", keep_default_na=False)
    gold = gold[gold["doc_id"].isin(docs["doc_id"])]
    model = train_model(docs, gold, calibration_folds=2)
    assert model.meta["calibration_folds"] == 2 and model.meta["calibration_rows"] > 100
    xs, ys = model.meta["calibration"]["ensemble"]["referendum"]["none"]
    assert ys == sorted(ys)
    assert "calibration" not in train_model(docs, gold).meta


def test_reliability_does_not_depend_on_the_index(tiny):
    # frames glued together keep repeated index labels; every row still counts once
    docs, gold, preds = tiny
    glued = preds.set_axis([0, 0, 1, 1, 2])
    assert reliability(glued, gold, docs) == reliability(preds, gold, docs)


def test_the_packaged_lexicon_calibration_fits_the_packaged_lexicon():
    # after an edit of lexicon.csv this fails until `python tests/calibrate_lexicon.py` runs
    import json
    from stance.calibrate import LEXICON_FILE, lexicon_fingerprint
    data = json.loads((ROOT / "stance" / "data" / LEXICON_FILE).read_text(encoding="utf-8"))
    assert data["lexicon_sha256"] == lexicon_fingerprint(stance.load_lexicon())
    assert set(data["maps"]) == {"force", "referendum"}


def test_the_lexicon_scorer_calibrates_only_its_own_lexicon():
    from stance.rules import LexiconScorer
    from stance.score import score_stances
    from stance.sentences import split_sentences
    from stance.statements import extract_statements
    docs, _ = stance.load_documents(ROOT / "seeds")
    st = extract_statements(split_sentences(docs), stance.load_actors())
    lexicon = stance.load_lexicon()
    packaged = score_stances(st, LexiconScorer(lexicon), scorer="lexicon")
    extra = lexicon.iloc[[0]].assign(pattern="zzqx never matches")
    edited = pd.concat([lexicon, extra], ignore_index=True)  # another lexicon, same verdicts
    other = LexiconScorer(edited)
    assert other.calibration == {} and LexiconScorer(lexicon).calibration
    raw = score_stances(st, other, scorer="lexicon")
    assert packaged["label"].tolist() == raw["label"].tolist()
    none = raw["label"] == "none"
    assert (raw.loc[none, "confidence"] == 0.6).all()  # the rule of thumb
    assert (packaged.loc[none, "confidence"] != 0.6).all()


@pytest.mark.slow
def test_calibration_brings_confidence_closer_to_the_hit_rate_on_unseen_documents():
    # trained and calibrated on 120 training articles, scored on 80 others
    from stance.pipeline import Resources, score_documents
    from stance.train import train_model
    docs, _ = stance.load_documents(ROOT / "data/train")
    docs = docs.sort_values("doc_id")
    gold = pd.read_csv(ROOT / "data/gold/train.csv", keep_default_na=False)
    train, held = docs.iloc[::3].head(120), docs.iloc[1::3].head(80)
    model = train_model(train, gold[gold["doc_id"].isin(train["doc_id"])], calibration_folds=3)
    errors = {}
    for name, m in (("raw", _uncalibrated(model)), ("calibrated", model)):
        rel = reliability(score_documents(held, Resources.load(model=m)),
                          gold[gold["doc_id"].isin(held["doc_id"])], held)
        errors[name] = sum(r["ece"] * r["n"] for r in rel.values()) / sum(
            r["n"] for r in rel.values())
    assert errors["calibrated"] < 0.8 * errors["raw"], errors
