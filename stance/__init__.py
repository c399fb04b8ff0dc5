"""stance: a diplomatic statement stance tracker.

Pipeline (one entry function per stage; DataFrames with the schemas of `stance.schemas`
between them)::

    docs, rejects = stance.load_documents("seeds/")
    sentences = stance.split_sentences(docs)
    statements = stance.extract_statements(sentences, stance.load_actors())
    stances = stance.score_stances(statements, stance.load_lexicon(), context=stance.previous_texts(
        sentences, statements["doc_id"], statements["start"]))
    trends = stance.aggregate_stances(stances)
    fig = stance.plot_trends(trends)

or ``stances = stance.score_documents(docs)`` for the middle three steps.
"""
__version__ = "0.1.0"

from .aggregate import aggregate_stances, dedupe_stances
from .errors import StanceError
from .evaluate import (compare_stances, evaluate_stances, format_by_actor, format_report,
                       scores_by_actor)
from .explain import explain
from .load import load_documents
from .pipeline import run, score_documents
from .resources import load_actors, load_cues, load_events, load_lexicon
from .score import score_stances
from .sentences import previous_texts, split_sentences
from .shifts import detect_shifts
from .statements import extract_statements

__all__ = [
    "StanceError", "aggregate_stances", "compare_stances", "dedupe_stances", "detect_shifts",
    "evaluate_stances", "explain", "extract_statements", "format_by_actor", "format_report",
    "load_actors", "load_cues", "load_documents", "load_events", "load_lexicon", "plot_heatmap",
    "plot_stance_map", "plot_trends", "plot_volume", "previous_texts", "run", "save_figure",
    "score_documents", "score_stances", "scores_by_actor", "split_sentences",
]

# charts import matplotlib (a third of the start-up time): only when first used
_PLOTS = frozenset({"plot_heatmap", "plot_stance_map", "plot_trends", "plot_volume", "save_figure"})


def __getattr__(name):
    if name in _PLOTS:
        from . import plots
        return getattr(plots, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
