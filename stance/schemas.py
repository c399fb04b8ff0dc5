"""Column specs for the frames passed between stages, and `check` to validate them.

Each spec maps a column to a dtype kind: ``str``, ``int``, ``float`` or ``date``.
`check` raises `StanceError` naming the missing columns, and returns a frame with
the columns in spec order (extra columns kept after them) and the dtypes coerced.
"""
from __future__ import annotations

from types import MappingProxyType

import pandas as pd

from .errors import StanceError

DOCUMENTS = MappingProxyType({
    "doc_id": "str", "date": "date", "source": "str", "url": "str", "title": "str", "text": "str",
})
SENTENCES = MappingProxyType({
    "doc_id": "str", "date": "date", "sent_id": "int", "paragraph": "int",
    "start": "int", "end": "int", "text": "str",
})
STATEMENTS = MappingProxyType({
    "statement_id": "str", "doc_id": "str", "date": "date", "start": "int", "end": "int",
    "text": "str", "actor": "str", "speaker": "str", "kind": "str",
})
STANCES = MappingProxyType({
    **STATEMENTS, "target": "str", "label": "str", "score": "float", "confidence": "float",
    "evidence": "str", "method": "str",
})
TRENDS = MappingProxyType({
    "actor": "str", "target": "str", "period": "date", "n": "int", "reach": "int",
    "mean": "float", "ci_low": "float", "ci_high": "float", "share_favor": "float",
    "share_against": "float", "smoothed": "float",
})
GOLD = MappingProxyType({
    "doc_id": "str", "sentence": "str", "actor": "str", "force": "str", "force_score": "float",
    "referendum": "str", "referendum_score": "float",
})
PREDICTIONS = MappingProxyType({
    "doc_id": "str", "start": "int", "end": "int", "actor": "str", "target": "str",
    "label": "str", "score": "float",
})
REJECTS = MappingProxyType({"path": "str", "reason": "str"})

LABELS = ("favor", "against", "none")


def empty(spec) -> pd.DataFrame:
    """An empty frame with the columns and dtypes of `spec`."""
    return check(pd.DataFrame({c: [] for c in spec}), spec)


def check(df: pd.DataFrame, spec, *, name: str = "table") -> pd.DataFrame:
    """Validate `df` against `spec`; return a copy with coerced dtypes, spec columns first."""
    missing = [c for c in spec if c not in df.columns]
    if missing:
        raise StanceError(f"{name} is missing column(s) {', '.join(missing)}; "
                          f"expected {', '.join(spec)}")
    out = df.copy()
    for col, kind in spec.items():
        try:
            out[col] = _coerce(out[col], kind)
        except (ValueError, TypeError) as exc:
            raise StanceError(f"{name}: column {col!r} is not {kind}: {exc}") from None
    extra = [c for c in out.columns if c not in spec]
    return out[list(spec) + extra].reset_index(drop=True)


def _coerce(s: pd.Series, kind: str) -> pd.Series:
    if kind == "str":
        return s.fillna("").astype(str).astype(object)
    if kind == "int":
        return pd.to_numeric(s, errors="raise").astype("int64")
    if kind == "float":
        if s.dtype == object:
            s = s.replace({"": None})
        return pd.to_numeric(s, errors="raise").astype("float64")
    if kind == "date":
        return pd.to_datetime(s, errors="raise").astype("datetime64[ns]").dt.normalize()
    raise ValueError(f"unknown kind {kind}")
