"""Split document bodies into sentences with exact character offsets.

Rules: a blank line (or a line holding only white space, such as a non-breaking
space) ends a paragraph and a sentence, and so does a line break before a Markdown
block marker (a list item "- ", "* ", "1. ", a quote "> ", a heading "# "), which is
left out of the sentence; inside a paragraph a sentence ends at
``.``, ``?`` or ``!`` (plus closing quotes/brackets) followed by white space and an
upper-case letter, a digit or an opening quote, unless the period closes a known
abbreviation or an initial.  Linear in the text length.
"""
from __future__ import annotations

import bisect
import re

import pandas as pd

from .resources import load_abbreviations
from .schemas import DOCUMENTS, SENTENCES, check

_MARKER = r"(?:[-*+•]|\d{1,3}[.)]|>|#{1,6})[^\S\n]+"
_PARA_BREAK = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*|\n(?=[^\S\n]*" + _MARKER + ")")
_LEADING_MARKER = re.compile(r"[^\S\n]*(?:" + _MARKER + r")+")
# the lookbehind makes a run of terminators match only from its start: linear time
_END = re.compile(r"(?<![.!?])[.!?]+[\"'”’»“)\]]*(?=\s)")  # "“" closes a „…“ quote
_NEXT_START = re.compile(r"\s+[\"'“‘«„(\[]?([^\W_])")  # upper case or a digit: checked in code ("Ç", "İ")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def split_sentences(documents: pd.DataFrame, *, abbreviations=None) -> pd.DataFrame:
    """Split each document's ``text`` into sentences.

    Parameters
    ----------
    documents : DataFrame (schema DOCUMENTS)
    abbreviations : set of str, optional
        Words that a period does not end; default: the packaged list.

    Returns
    -------
    DataFrame (schema SENTENCES): ``text == documents.text[start:end]`` for every row.

    Examples
    --------
    >>> sents = split_sentences(docs)
    """
    documents = check(documents, DOCUMENTS, name="documents")
    abbr = frozenset(load_abbreviations() if abbreviations is None else abbreviations)
    rows = []
    for doc in documents.itertuples(index=False):
        for i, (para, start, end) in enumerate(sentence_spans(doc.text, abbr)):
            rows.append((doc.doc_id, doc.date, i, para, start, end, doc.text[start:end]))
    return check(pd.DataFrame(rows, columns=list(SENTENCES)), SENTENCES, name="sentences")


def sentence_spans(text: str, abbreviations=frozenset()):
    """Yield (paragraph, start, end) for each sentence of `text`."""
    para_start = 0
    para = 0
    for brk in _PARA_BREAK.finditer(text):
        yield from ((para, s, e) for s, e in _split_paragraph(text, para_start, brk.start(),
                                                              abbreviations))
        para += 1
        para_start = brk.end()
    yield from ((para, s, e) for s, e in _split_paragraph(text, para_start, len(text),
                                                          abbreviations))


def _split_paragraph(text, lo, hi, abbreviations):
    marker = _LEADING_MARKER.match(text, lo, hi)
    seg_start = lo = marker.end() if marker else lo
    for m in _END.finditer(text, lo, hi):
        nxt = _NEXT_START.match(text, m.end(), hi)
        if not nxt or not (nxt.group(1).isupper() or nxt.group(1).isdigit()):
            continue
        if text.startswith(".", m.start()) and not text.startswith("..", m.start()):
            before = _WORD_BEFORE.search(text, max(seg_start, m.start() - 40), m.start())
            if before and _is_abbreviation(before.group(1), abbreviations):
                continue
        yield from _trimmed(text, seg_start, m.end())
        seg_start = m.end()
    yield from _trimmed(text, seg_start, hi)


def _is_abbreviation(word: str, abbreviations) -> bool:
    if word in abbreviations or word.rstrip(".") in abbreviations:
        return True
    # an initial ("George W. Bush") or a dotted acronym ("U.S.")
    return len(word) == 1 and word.isupper() or ("." in word and len(word) <= 6)


def _trimmed(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def previous_texts(sentences: pd.DataFrame, doc_ids, starts) -> list:
    """The text of the sentence before the one that holds each (doc_id, start) offset, or
    "" for a document's first sentence (or an offset in no sentence)."""
    by_doc: dict = {}
    for r in sentences[["doc_id", "start", "text"]].itertuples(index=False):
        by_doc.setdefault(r.doc_id, ([], []))
        by_doc[r.doc_id][0].append(r.start)
        by_doc[r.doc_id][1].append(r.text)
    out = []
    for d, at in zip(doc_ids, starts):
        spans = by_doc.get(d)
        if spans is None:
            out.append("")
            continue
        firsts, texts = spans
        i = bisect.bisect_right(firsts, at) - 1  # the sentence holding `at`
        out.append(texts[i - 1] if i >= 1 else "")
    return out
