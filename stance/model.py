"""The learned scorer: one scikit-learn classifier per target, persisted with skops.

Features: word 1–2-grams and character 3–5-grams of the statement (TF-IDF) with the
holder's words marked (`mark_holder`), the holder's actor id and the statement's kind,
the words conjoined with that actor id (`actor_tokens`), the previous sentence's words;
optionally the statement's sentence embedding (`embed`, the ``[embed]`` extra: the
packaged ``model-embed.skops``) and the lexicon scorer's features (off by default, see
`train.train_model`).  A logistic regression gives probabilities for favor / against /
none; ``confidence`` is the chance that the chosen label is right, mapped from them with
the out-of-fold calibration `stance train` stores in the file (`calibrate`).  The file is loaded
with an explicit list of trusted types (never pickle) and records the training data's
hash and the package version.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import zipfile
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from .embed import COLUMNS as EMBED_COLUMNS, MODEL_NAME as EMBED_MODEL
from .errors import StanceError

log = logging.getLogger(__name__)

LABELS = ("against", "favor", "none")
MODEL_FILE = "model.skops"
TRUSTED_TYPES = (
    "builtins.slice",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "numpy.ndarray",
    "scipy.sparse._csr.csr_matrix",
    "sklearn.compose._column_transformer.ColumnTransformer",
    "sklearn.feature_extraction.text.HashingVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._encoders.OneHotEncoder",
    "sklearn.preprocessing._function_transformer.FunctionTransformer",
    "collections.OrderedDict",
    "numpy.str_",
    "numpy.float32",
    "numpy.bool_",
    "builtins.tuple",
    "sklearn.utils._bunch.Bunch",
    "numpy.random.mtrand.RandomState",
    "numpy.random.mtrand._legacy_seeding",
    "numpy.random.mtrand.__RandomState_ctor",
    "numpy.random._mt19937.MT19937",
    "numpy.random._pickle.__randomstate_ctor",
    "numpy.random._pickle.__bit_generator_ctor",
    "numpy.random.MT19937",
    "builtins.getattr",
    "_operator.methodcaller",
    "builtins.str",
    "builtins.type",
    "numpy.int32",
)


# The previous sentence's words, at half the weight of the statement's own: a stance is
# often plain only from the sentence before ("Abadi dismissed the council's move" after a
# sentence on the Kirkuk council voting to join the referendum).  By-writer CV (weights
# 0.3 / 0.5 / 1.0) and dev both rose at 0.5 (README, *Quality*).
CONTEXT_WEIGHT = 0.5
# Each word again, prefixed with the holder's actor id ("KRG=vote"): the actor one-hot
# alone is a prior that says "the KRG favours the vote" whatever the KRG talks about;
# with holder-specific word weights the classifier can learn that a KRG sentence on
# salaries or airports holds no referendum stance.  By-writer CV (weights 0 / 0.5 / 1 / 2):
# ensemble force F_avg 0.708 / 0.714 / 0.715 / 0.708, referendum 0.779 / 0.780 / 0.777 /
# 0.774; on the 82 unseen reserve articles holder F1 0.734 -> 0.744, force 0.624 -> 0.640,
# referendum 0.644 -> 0.651 at weight 1 (README, *Quality*).
ACTOR_WORDS_WEIGHT = 1.0
# The sentence embedding's weight beside the n-gram blocks (`embed`, the [embed] extra).
# By-writer CV, ensemble, at 0 / 0.25 / 0.5 / 1: 0.816/0.716/0.790, 0.820/0.724/0.794,
# 0.821/0.727/0.797, 0.822/0.722/0.799 (README, *Quality*).
EMBED_WEIGHT = 0.5
EMBED_MODEL_FILE = "model-embed.skops"
_INPUTS = "inputs"  # the key of the built input frame in predict_proba's `shared`


def _make_pipeline(lexicon_columns, seed: int = 0, context_weight: float = 0.0,
                   actor_words: float = 0.0, embedding: float = 0.0):
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    features = ColumnTransformer([
        # hashed n-grams: no vocabulary to store, so the model file stays small
        ("words", Pipeline([("hash", HashingVectorizer(ngram_range=(1, 2), n_features=2**15,
                                                      alternate_sign=False, norm=None)),
                            ("tfidf", TfidfTransformer(sublinear_tf=True))]), "text"),
        ("chars", Pipeline([("hash", HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5),
                                                      n_features=2**15, alternate_sign=False,
                                                      norm=None)),
                            ("tfidf", TfidfTransformer(sublinear_tf=True))]), "text"),
        ("actor", OneHotEncoder(handle_unknown="ignore"), ["actor", "kind"]),
        ("lexicon", "passthrough", list(lexicon_columns)),
        *([("context", Pipeline([("hash", HashingVectorizer(n_features=2**14, alternate_sign=False,
                                                            norm=None)),
                                 ("tfidf", TfidfTransformer(sublinear_tf=True))]), "context")]
          if context_weight else []),
        *([("actor_words", Pipeline([("hash", HashingVectorizer(
            n_features=2**15, alternate_sign=False, norm=None, lowercase=False,
            token_pattern=r"\S+")), ("tfidf", TfidfTransformer(sublinear_tf=True))]),
            "actor_text")] if actor_words else []),
        *([("embedding", "passthrough", list(EMBED_COLUMNS))] if embedding else []),
    ], transformer_weights={name: w for name, w in (("context", context_weight),
                                                   ("actor_words", actor_words),
                                                   ("embedding", embedding)) if w} or None)
    clf = LogisticRegression(C=4.0, class_weight="balanced", max_iter=5000, random_state=seed)
    return Pipeline([("features", features), ("clf", clf)])


class StanceModel:
    """Per-target classifiers plus metadata (training hash, package version)."""

    def __init__(self, pipelines: dict, meta: dict):
        self.pipelines = pipelines
        self.meta = meta

    @classmethod
    def fit(cls, examples: pd.DataFrame, *, lexicon_columns, data_hash: str,
            seed: int = 0, context_weight: float = 0.0,
            actor_words: float = 0.0, embedding: float = 0.0) -> "StanceModel":
        """Fit one classifier per target on `examples`.

        `examples` has ``text, actor, kind, target, label``, the lexicon feature columns
        named in `lexicon_columns` (``LexiconScorer.feature_names()``) and, with a
        `context_weight`, ``context`` (the previous sentence).  A nonzero `embedding`
        adds the text's sentence embedding (`embed`, the ``[embed]`` extra) at that weight.
        """
        from . import __version__
        pipes, counts = {}, {}
        cols = ["text", "actor", "kind", *lexicon_columns, *(["context"] if context_weight else []),
                *(["actor_text"] if actor_words else []), *(EMBED_COLUMNS if embedding else [])]
        if embedding:
            from .embed import embedding_frame
            examples = examples.reset_index(drop=True)
            examples = pd.concat([examples, embedding_frame(examples["text"])], axis=1)
        examples = examples.assign(text=mark_holder(examples["text"], examples.get("speaker")))
        if actor_words:
            examples = examples.assign(actor_text=actor_tokens(examples["text"], examples["actor"]))
        for target, rows in examples.groupby("target"):
            pipe = _make_pipeline(lexicon_columns, seed, context_weight, actor_words, embedding)
            pipe.fit(rows[cols], rows["label"])
            pipes[target] = pipe
            counts[target] = {k: int(v) for k, v in rows["label"].value_counts().items()}
        meta = {"data_sha256": data_hash, "stance_version": __version__, "seed": seed,
                "holder_marked": True,
                "label_counts": counts, "lexicon_columns": list(lexicon_columns),
                "context_weight": context_weight, "actor_words": actor_words,
                "embedding": {"model": EMBED_MODEL, "weight": embedding} if embedding else None}
        return cls(pipes, meta)

    def predict_proba(self, statements: pd.DataFrame, target: str, *,
                      lexicon_features: pd.DataFrame, shared: dict | None = None,
                      context=None) -> pd.DataFrame:
        """Probabilities (columns favor, against, none) for each statement row.

        `lexicon_features` has one row per statement and the columns the model was
        trained with (``meta["lexicon_columns"]``).  `context`: the sentence before each
        statement as str (`sentences.previous_texts`), for a model trained with it; without it
        the model reads an empty context.  Pass the same `shared` dict when scoring the
        same statements for several targets: their inputs are built and hashed once.
        """
        if target not in self.pipelines:
            raise StanceError(f"the model has no classifier for target {target!r}")
        pipe = self.pipelines[target]
        shared = {} if shared is None else shared
        if _INPUTS not in shared:  # every target's classifier reads the same columns
            shared[_INPUTS] = self._inputs(statements, lexicon_features, context)
        proba = _predict_proba(pipe, shared[_INPUTS], shared)
        out = pd.DataFrame(proba, columns=list(pipe.classes_))
        for label in LABELS:
            if label not in out:
                out[label] = 0.0
        return out[["favor", "against", "none"]]

    def _inputs(self, statements, lexicon_features, context) -> pd.DataFrame:
        """The classifiers' input columns for `statements` (see `fit`)."""
        cols = self.meta.get("lexicon_columns", [])
        missing = [c for c in cols if c not in lexicon_features]
        if missing:
            raise StanceError(f"the model needs lexicon features {', '.join(missing[:3])}; "
                              "retrain it with `stance train` for this lexicon")
        text = statements["text"].astype(str)
        if self.meta.get("holder_marked") and "speaker" in statements:
            text = mark_holder(text, statements["speaker"].astype(str))
        X = pd.DataFrame({"text": text.to_numpy(),
                          "actor": statements["actor"].astype(str).to_numpy(),
                          "kind": statements["kind"].astype(str).to_numpy()})
        for c in cols:
            X[c] = np.asarray(lexicon_features[c], dtype=float)
        if self.meta.get("context_weight"):
            X["context"] = [""] * len(X) if context is None else list(context)
        if self.meta.get("actor_words"):
            X["actor_text"] = actor_tokens(X["text"], X["actor"]).to_numpy()
        if self.meta.get("embedding"):
            from .embed import embedding_frame
            # of the text as written, holder unmarked
            X = pd.concat([X, embedding_frame(statements["text"].set_axis(X.index))], axis=1)
        return X

    def calibrated(self, scorer: str, target: str, labels, confidences) -> list:
        """`confidences` of rows labelled `labels` by `scorer` on `target`, mapped to the
        out-of-fold chance that such a label is right (`calibrate`); unchanged for a model
        trained without calibration."""
        from .calibrate import apply_map
        return apply_map(self.meta.get("calibration"), scorer, target, labels, confidences)

    def save(self, path) -> Path:
        """Write the model with skops (atomically)."""
        import skops.io as sio
        from .io import atomic_write
        payload = {"pipelines": self.pipelines, "meta": json.dumps(self.meta, sort_keys=True)}
        return atomic_write(path, lambda tmp: sio.dump(payload, tmp,
                                                       compression=zipfile.ZIP_DEFLATED))


HOLDER_TOKEN = "holderx"


def mark_holder(texts: pd.Series, speakers) -> pd.Series:
    """Each text with its holder's words (the speaker's surface form) replaced by
    HOLDER_TOKEN, so that n-grams tell "holderx condemned" from "… condemned holderx"
    when one sentence has several holders.  Pronouns and empty speakers stay as they are.
    """
    if speakers is None:
        return texts
    out = []
    for t, sp in zip(texts, speakers):
        sp = str(sp)
        if len(sp) > 3 and sp in t:
            t = t.replace(sp, HOLDER_TOKEN, 1)
        out.append(t)
    return pd.Series(out, index=texts.index)


_WORD = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern


def actor_tokens(texts: pd.Series, actors) -> pd.Series:
    """Each text's lower-cased words prefixed with the holder's actor id ("KRG=vote"), so
    that the classifier can weigh a word differently for each holder."""
    return pd.Series([" ".join(f"{a}={w}" for w in _WORD.findall(t.lower()))
                      for t, a in zip(texts, actors)], index=texts.index)


def _predict_proba(pipe, X: pd.DataFrame, shared: dict):
    """``pipe.predict_proba(X)``, hashing each distinct text once for all targets.

    Mirrors Pipeline and ColumnTransformer.transform (sparse output): the hashing
    vectorizers are stateless, so their output for these rows is kept in `shared` and
    reused by every target's pipeline; only the fitted TF-IDF and later steps differ.
    """
    from scipy import sparse
    from sklearn.utils import check_array
    ct = pipe[0]
    if len(pipe) != 2 or not getattr(ct, "sparse_output_", False):
        return pipe.predict_proba(X)
    weights = ct.transformer_weights or {}
    blocks = []
    for name, trans, cols in ct.transformers_:
        if isinstance(trans, str):
            continue  # the "drop" remainder
        if _is_text_hashing(trans, cols):
            key = (cols, type(trans[0]).__name__, repr(sorted(trans[0].get_params().items())))
            if key not in shared:
                shared[key] = _hash_distinct(trans[0], X[cols])
            hashed, rows = shared[key]
            block = trans[1:].transform(hashed)[rows]
        else:
            block = trans.transform(X[cols])
        weight = weights.get(name, 1)
        blocks.append(block if weight == 1 else block * weight)
    # ColumnTransformer._hstack for a sparse output
    Xt = sparse.hstack([check_array(b, accept_sparse=True, ensure_all_finite=False)
                        for b in blocks]).tocsr()
    return pipe[-1].predict_proba(Xt)


def _is_text_hashing(trans, cols) -> bool:
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.pipeline import Pipeline
    return isinstance(cols, str) and isinstance(trans, Pipeline) and len(trans) > 1 \
        and isinstance(trans[0], HashingVectorizer)


def _hash_distinct(vectorizer, texts: pd.Series):
    """(hashed distinct texts, row of each input text): joint holders share a sentence."""
    at: dict = {}
    rows = [at.setdefault(t, len(at)) for t in texts]
    if vectorizer.analyzer == "char_wb" and vectorizer.preprocessor is None \
            and vectorizer.strip_accents is None \
            and not (vectorizer.binary or vectorizer.alternate_sign or vectorizer.norm):
        # (NFKD accent stripping can turn a character into a space)
        hashed = _hash_per_word(vectorizer, list(at))
    else:
        hashed = vectorizer.transform(list(at))
    return hashed, np.asarray(rows, dtype=np.intp)


# each word's char_wb n-gram columns (int32 bytes, a column once per occurrence), per
# vectorizer configuration: a per-process memo of single words, cleared when full
_WORD_COLUMNS: dict = {}
_WORD_COLUMNS_MAX = 100_000


def _hash_per_word(vectorizer, texts: list):
    """``vectorizer.transform(texts)`` for char_wb n-grams, hashing each distinct word once.

    char_wb n-grams never cross white space, so a text's are its words' in order; its
    lower-casing maps no character to or from white space (tested), so lower-casing
    each word splits the text the same way as lower-casing it whole.  A text's counts
    are then its words' summed: (text x word counts) @ (word x n-gram counts).
    """
    col: dict = {}
    indices, indptr = [], [0]
    for t in texts:
        indices += [col.setdefault(w, len(col)) for w in vectorizer.decode(t).split()]
        indptr.append(len(indices))
    if not col:
        return vectorizer.transform(texts)
    memo, kind = _word_columns(vectorizer, list(col))
    grams = [memo[w] for w in col]
    ends = np.cumsum([0] + [len(g) // 4 for g in grams])
    dtype = vectorizer.dtype
    words = kind((np.ones(ends[-1], dtype=dtype), np.frombuffer(b"".join(grams), dtype=np.int32),
                  ends), shape=(len(col), vectorizer.n_features))
    counts = kind((np.ones(len(indices), dtype=dtype), indices, indptr),
                  shape=(len(texts), len(col)))
    out = counts @ words  # sums repeated columns, as the hasher does
    out.sort_indices()
    return out


def _word_columns(vectorizer, words: list):
    """(memo of `vectorizer`'s configuration holding every word in `words`, sparse type)."""
    memo = _WORD_COLUMNS.setdefault(repr(sorted(vectorizer.get_params().items())), {})
    new = [w for w in words if w not in memo]
    if len(memo) + len(new) > _WORD_COLUMNS_MAX:
        memo.clear()
        new = words
    hashed = vectorizer.transform(new or words[:1])
    # a word's columns, each repeated as often as its n-grams hash to it
    cols = np.repeat(hashed.indices, hashed.data.astype(np.intp)).astype(np.int32)
    ends = np.concatenate([[0], np.cumsum(hashed.data.astype(np.intp))])[hashed.indptr]
    for w, a, b in zip(new, ends[:-1].tolist(), ends[1:].tolist()):
        memo[w] = cols[a:b].tobytes()
    return memo, type(hashed)


def load_model(path=None, *, embed: bool = False) -> StanceModel:
    """Load a model file, trusting only TRUSTED_TYPES.

    Without a `path`, the packaged model: the words-only one, or with ``embed=True`` the
    one that also reads sentence embeddings (needs the ``[embed]`` extra).
    """
    import skops.io as sio
    if path is None:
        ref = resources.files("stance").joinpath("data", EMBED_MODEL_FILE if embed else MODEL_FILE)
        if not ref.is_file():
            raise StanceError("no trained model is packaged; run `stance train` or use "
                              "--scorer lexicon")
        with resources.as_file(ref) as p:
            return load_model(p)
    path = Path(path)
    if not path.is_file():
        raise StanceError(f"{path}: no such model file")
    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:  # skops raises several types for a damaged file
        raise StanceError(f"{path}: not a readable skops model ({exc})") from None
    unknown = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unknown:
        raise StanceError(f"{path}: refuses to load untrusted type(s) {', '.join(unknown[:5])}")
    payload = sio.load(path, trusted=sorted(set(untrusted)))
    model = StanceModel(payload["pipelines"], json.loads(payload["meta"]))
    if model.meta.get("embedding"):
        from .embed import require
        try:
            require()
        except StanceError as exc:
            raise StanceError(f"{path}: {exc}") from None
    return model


def data_hash(*frames: pd.DataFrame) -> str:
    """SHA-256 of the frames' CSV text: identifies the training data."""
    h = hashlib.sha256()
    for f in frames:
        h.update(f.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return h.hexdigest()
