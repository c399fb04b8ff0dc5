"""Build training examples from gold annotations and fit the learned scorer.

Examples are the pipeline's own statements on the training documents, labelled from
the gold pairs they cover (codebook §6 matching), plus every gold pair the statement
extractor missed, so the classifier learns stance even where attribution fails.
"""
from __future__ import annotations

import pandas as pd

from .context import CONTEXT_COLUMNS, context_features
from .evaluate import locate_gold
from .model import ACTOR_WORDS_WEIGHT, CONTEXT_WEIGHT, EMBED_WEIGHT, StanceModel, data_hash
from .resources import TARGETS, load_actors, load_lexicon
from .rules import LexiconScorer
from .sentences import previous_texts, split_sentences
from .statements import extract_statements


def build_examples(documents: pd.DataFrame, gold: pd.DataFrame, *, actors=None,
                   lexicon=None, lexicon_features: bool = True) -> pd.DataFrame:
    """Rows ``text, actor, kind, target, label, speaker, context`` (``context``: the
    previous sentence) per statement and gold pair, plus the lexicon and document-context
    features unless ``lexicon_features=False`` (the words-only model needs none).
    `lexicon` is a frame or a LexiconScorer built from one."""
    gold = locate_gold(gold, documents)
    sentences = split_sentences(documents)
    statements = extract_statements(sentences, load_actors() if actors is None else actors)
    statements = statements[statements["actor"] != "?"]
    lex = lexicon if isinstance(lexicon, LexiconScorer) else LexiconScorer(
        load_lexicon() if lexicon is None else lexicon)
    by_doc = {d: g for d, g in gold.groupby("doc_id")}
    rows, covered, extra = [], set(), []
    for s in statements.itertuples(index=False):
        match = None
        for g in by_doc.get(s.doc_id, pd.DataFrame()).itertuples(index=False) \
                if s.doc_id in by_doc else ():
            if g.actor == s.actor and 2 * max(0, min(s.end, g.end) - max(s.start, g.start)) >= g.end - g.start:
                match = g
                covered.add((g.doc_id, g.start, g.actor))
                break
        for t in TARGETS:
            label = getattr(match, t) if match is not None else "none"
            rows.append((s.text, s.actor, s.kind, t, label, s.speaker, s.doc_id, s.start))
    for g in gold.itertuples(index=False):
        if (g.doc_id, g.start, g.actor) not in covered:
            extra.append((g.doc_id, g.actor))
            for t in TARGETS:
                rows.append((g.sentence, g.actor, "reported", t, getattr(g, t), "", g.doc_id,
                             g.start))
    ex = pd.DataFrame(rows, columns=["text", "actor", "kind", "target", "label", "speaker",
                                     "doc_id", "start"])
    ex["context"] = previous_texts(sentences, ex["doc_id"], ex["start"])
    ex = ex.drop(columns=["doc_id", "start"])
    if not lexicon_features:
        return ex
    per_text = {t: lex.features(t) for t in dict.fromkeys(ex["text"])}  # once per sentence
    feats = pd.DataFrame([per_text[t] for t in ex["text"]], columns=lex.feature_names())
    # the holder's stance elsewhere in its document, from the statements' lexicon scores;
    # every statement (and missed gold pair) gives one example row per target, in order
    first = feats.iloc[::len(TARGETS)].reset_index(drop=True)
    n_st = len(statements)
    ctx = context_features(statements["doc_id"], statements["actor"], first.iloc[:n_st],
                           extra=pd.DataFrame(extra, columns=["doc_id", "actor"]))
    ctx = ctx.loc[ctx.index.repeat(len(TARGETS))].reset_index(drop=True)
    return pd.concat([ex, feats, ctx], axis=1)


def train_model(documents: pd.DataFrame, gold: pd.DataFrame, *, actors=None, lexicon=None,
                seed: int = 0, lexicon_features: bool = False,
                embed: bool = False, calibration_folds: int = 0) -> StanceModel:
    """Fit the per-target classifiers on `documents` annotated by `gold`.

    The classifiers see the statement's words (n-grams, holder marked), its holder and its
    kind, the previous sentence's words at weight `model.CONTEXT_WEIGHT`, and the
    statement's words conjoined with its holder (`model.actor_tokens`).
    ``lexicon_features=True`` adds the lexicon scorer's features and the document context
    built from them, as models before 2026-11-27 had.  They are off because the
    lexicon was written by reading the training documents' errors: on those documents its
    cues are nearly as good as the labels, so the classifier learns to trust them more than
    they deserve on new writers' text (train CV force F_avg 0.66 -> 0.73 with them, dev
    0.597 -> 0.567; README, *Quality*).  The lexicon still decides explicit cues and
    magnitudes in the ``ensemble`` scorer.  ``embed=True`` adds each statement's sentence
    embedding at weight `model.EMBED_WEIGHT` (the ``[embed]`` extra).
    ``calibration_folds`` > 1 also scores the documents out of fold that many times and
    stores the maps that turn the classifier's probabilities into calibrated confidences
    (`calibrate`); `stance train` uses 5.

    Examples
    --------
    >>> model = train_model(train_docs, train_gold); model.save("model.skops")
    """
    lex_frame = load_lexicon() if lexicon is None else lexicon
    lex = LexiconScorer(lex_frame)
    examples = build_examples(documents, gold, actors=actors, lexicon=lex,
                              lexicon_features=lexicon_features)
    digest = training_data_hash(documents, gold, lex_frame)
    columns = [*lex.feature_names(), *CONTEXT_COLUMNS] if lexicon_features else []
    from .embed import caching
    with caching(embed and calibration_folds > 1):  # the folds re-read the same sentences
        model = StanceModel.fit(examples, lexicon_columns=columns, data_hash=digest, seed=seed,
                                context_weight=CONTEXT_WEIGHT, actor_words=ACTOR_WORDS_WEIGHT,
                                embedding=EMBED_WEIGHT if embed else 0.0)
        if calibration_folds > 1:
            from .calibrate import fit_maps, out_of_fold_rows

            def fit(train_docs, train_gold):
                return train_model(train_docs, train_gold, actors=actors, lexicon=lex_frame,
                                   seed=seed, lexicon_features=lexicon_features, embed=embed)

            rows = out_of_fold_rows(documents, gold, fit,
                                    actors=load_actors() if actors is None else actors,
                                    lexicon=lex_frame, folds=calibration_folds, seed=seed)
            model.meta["calibration"] = fit_maps(rows)
            model.meta["calibration_rows"] = int(len(rows))
            model.meta["calibration_folds"] = calibration_folds
    return model


def training_data_hash(documents: pd.DataFrame, gold: pd.DataFrame, lexicon: pd.DataFrame) -> str:
    """SHA-256 identifying a training run's inputs (documents, gold rows, lexicon)."""
    return data_hash(documents[["doc_id", "text"]].sort_values("doc_id"),
                     gold.sort_values(list(gold.columns)), lexicon)
