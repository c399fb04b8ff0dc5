"""Baselines for the README's quality table, scored by the same evaluator.

None of them attributes statements: every actor *named* in a sentence gets the
sentence's stance, which is what the tracker's holder rules are measured against.

- ``keyword``: the lexicon's favor/against cues counted per sentence, without frames,
  negation or hedges (the sign of the sum decides, the largest cue the magnitude).
- ``tfidf``: TF-IDF word n-grams and logistic regression per target, trained on the
  gold sentences of the training documents (the label of a sentence is its first gold
  row's label; sentences without gold rows are ``none``).
- ``vader``: sentiment as stance — VADER's compound score (optional extra ``vader``):
  ≥ 0.05 favor, ≤ −0.05 against, on both targets.
"""
from __future__ import annotations

import re

import pandas as pd

from .errors import StanceError
from .evaluate import locate_gold
from .resources import TARGETS, load_actors, load_lexicon
from .sentences import split_sentences

BASELINES = ("keyword", "tfidf", "vader")


def baseline_predictions(name: str, documents: pd.DataFrame, *, train_documents=None,
                         train_gold=None, actors=None, lexicon=None) -> pd.DataFrame:
    """Predictions (schema PREDICTIONS) of baseline `name` on `documents`."""
    if name not in BASELINES:
        raise StanceError(f"unknown baseline {name!r}; choose one of {', '.join(BASELINES)}")
    actors = load_actors() if actors is None else actors
    sents = split_sentences(documents)
    if name == "keyword":
        scores = _keyword_scores(sents["text"], load_lexicon() if lexicon is None else lexicon)
    elif name == "tfidf":
        if train_documents is None or train_gold is None:
            raise StanceError("the tfidf baseline needs training documents and their gold")
        scores = _tfidf_scores(sents["text"], train_documents, train_gold)
    else:
        scores = _vader_scores(sents["text"])
    rows = []
    for s, per_target in zip(sents.itertuples(index=False), scores):
        named = {m.actor for m in actors.find(s.text) if m.kind == "actor"}
        for actor in sorted(named):
            for target, score in per_target.items():
                label = "favor" if score > 0 else "against" if score < 0 else "none"
                rows.append((s.doc_id, s.start, s.end, actor, target, label, score))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "actor", "target", "label",
                                       "score"])


def _keyword_scores(texts, lexicon):
    cues = {t: [(re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % r.pattern.strip(), re.I),
                 1 if r.label == "favor" else -1, float(r.magnitude))
                for r in lexicon[(lexicon.target == t) & lexicon.label.isin(["favor", "against"])]
                .itertuples()] for t in TARGETS}
    out = []
    for text in texts:
        per = {}
        for t in TARGETS:
            hits = [(sign, mag) for rx, sign, mag in cues[t] if rx.search(text)]
            total = sum(sign for sign, _ in hits)
            mag = max((m for _, m in hits), default=0.0)
            per[t] = 0.0 if total == 0 else (mag if total > 0 else -mag)
        out.append(per)
    return out


def _tfidf_scores(texts, train_documents, train_gold):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    gold = locate_gold(train_gold, train_documents)
    sents = split_sentences(train_documents)
    X, y = list(sents["text"]), {t: [] for t in TARGETS}
    for s in sents.itertuples(index=False):
        g = gold[(gold.doc_id == s.doc_id) & (gold.start < s.end) & (gold.end > s.start)]
        for t in TARGETS:
            labels = [l for l in g[t] if l != "none"]
            y[t].append(labels[0] if labels else "none")
    out = [{} for _ in texts]
    for t in TARGETS:
        model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                              LogisticRegression(max_iter=2000, class_weight="balanced"))
        model.fit(X, y[t])
        for i, label in enumerate(model.predict(list(texts))):
            out[i][t] = {"favor": 0.5, "against": -0.5}.get(label, 0.0)
    return out


def _vader_scores(texts):
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        raise StanceError("the vader baseline needs vaderSentiment: pip install 'stance[vader]'") from None
    sia = SentimentIntensityAnalyzer()
    out = []
    for text in texts:
        c = sia.polarity_scores(text)["compound"]
        score = 0.0 if abs(c) < 0.05 else round(c, 3)
        out.append({t: score for t in TARGETS})
    return out
