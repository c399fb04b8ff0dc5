"""Every gold file agrees with its documents (CODEBOOK §5) and the corpus meets its counts."""

import pandas as pd
import pytest

from stance.load import load_documents

from conftest import ROOT

ACTORS = {"US", "Iraq", "Turkey", "Iran", "KRG"}
MAGNITUDES = {0.0, 0.25, 0.5, 1.0}
GOLD = [("data/gold/train.csv", "data/train"), ("data/gold/dev.csv", "data/dev"),
        ("data/agreement/second_annotation.csv", "data"),
        ("data/agreement/second_annotation_2.csv", "data"), ("tests/golden/seed_gold.csv", "seeds"),
        *[(f"data/gold/parts/{p.stem}.csv", "data/dev" if p.stem.startswith("D") else "data/train")
          for p in sorted((ROOT / "data/gold/parts").glob("*.csv"))],
        *[(f"data/reserve/{p.name}/gold.csv", f"data/reserve/{p.name}/docs")
          for p in sorted((ROOT / "data/reserve").iterdir()) if p.is_dir()]]


def _bodies(folder):
    docs, rejects = load_documents(ROOT / folder)
    assert rejects.empty, rejects.to_string()
    return dict(zip(docs.doc_id, docs.text))


@pytest.mark.parametrize("gold_path, docs", GOLD)
def test_data_gold_file_is_valid(gold_path, docs):
    path = ROOT / gold_path
    if not path.exists():
        pytest.skip(f"{gold_path} not present")
    gold = pd.read_csv(path, keep_default_na=False)
    assert list(gold.columns) == ["doc_id", "sentence", "actor", "force", "force_score",
                                  "referendum", "referendum_score"]
    bodies = _bodies(docs) if docs != "data" else {**_bodies("data/train"), **_bodies("data/dev")}
    problems = []
    for i, r in enumerate(gold.itertuples(index=False), start=2):
        body = bodies.get(r.doc_id)
        if body is None:
            problems.append(f"line {i}: unknown document {r.doc_id}")
            continue
        if body.count(r.sentence) != 1:
            problems.append(f"line {i}: sentence found {body.count(r.sentence)} times")
        if r.actor not in ACTORS:
            problems.append(f"line {i}: actor {r.actor!r} is not canonical")
        for t in ("force", "referendum"):
            label, score = getattr(r, t), float(getattr(r, f"{t}_score"))
            if label not in ("favor", "against", "none") or abs(score) not in MAGNITUDES \
                    or (label == "favor") != (score > 0) or (label == "against") != (score < 0):
                problems.append(f"line {i}: {t} label {label} with score {score}")
        if r.force == "none" and r.referendum == "none":
            problems.append(f"line {i}: both targets none (such pairs are not listed)")
    dup = gold.duplicated(["doc_id", "sentence", "actor"])
    problems += [f"line {i + 2}: duplicate row" for i in gold.index[dup]]
    assert not problems, "\n".join(problems[:20])


def test_data_corpus_counts_and_split():
    train, dev = _bodies("data/train"), _bodies("data/dev")
    assert len(train) + len(dev) >= 60
    assert len(dev) >= (len(train) + len(dev)) / 4
    assert not set(train) & set(dev)
    gold = pd.concat([pd.read_csv(ROOT / "data/gold/train.csv", keep_default_na=False),
                      pd.read_csv(ROOT / "data/gold/dev.csv", keep_default_na=False)])
    assert len(gold) >= 400
    for t in ("force", "referendum"):
        for label in ("favor", "against"):
            assert (gold[t] == label).sum() >= 15, (t, label)
    counts = gold["actor"].value_counts()
    assert all(counts.get(a, 0) >= 20 for a in ACTORS), counts.to_dict()
    assert set(pd.read_csv(ROOT / "data/gold/dev.csv").doc_id) <= set(dev)


def test_data_events_table():
    ev = pd.read_csv(ROOT / "data/events.csv")
    assert list(ev.columns) == ["date", "label", "description", "url"]
    assert pd.to_datetime(ev["date"]).between("2017-06-01", "2018-03-31").all()
    assert ev["url"].str.startswith("http").all() and (ev["label"].str.len() <= 22).all()
