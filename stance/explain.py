"""Explain one piece of text: who holds it, and the labels, scores and cues per target."""
from __future__ import annotations

import pandas as pd

from .pipeline import Resources, score_documents
from .schemas import STANCES
from .score import DEFAULT_SCORER


def explain(text: str, *, actors=None, lexicon=None, scorer=DEFAULT_SCORER, model=None,
            embed=False, date="2000-01-01") -> pd.DataFrame:
    """Stance rows (schema STANCES) for `text` treated as a one-document corpus.

    Examples
    --------
    >>> explain("Ankara said the vote was illegitimate.")[["actor", "target", "label"]]
    """
    docs = pd.DataFrame([{"doc_id": "text", "date": date, "source": "", "url": "", "title": "",
                          "text": text}])
    res = Resources.load(actors=actors, lexicon=lexicon, scorer=scorer, model=model, embed=embed)
    stances = score_documents(docs, res)
    return stances[list(STANCES)].reset_index(drop=True)
