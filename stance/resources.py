"""Load the packaged data files (actors, cues, lexicon, abbreviations) or a user's own.

Nothing is loaded at import; each call reads the file it is given (or the packaged
default through `importlib.resources`) and returns a fresh, read-only object.
"""
from __future__ import annotations

import io
import re
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from .errors import StanceError
from .mentions import ActorDictionary

TARGETS = ("force", "referendum")
_LEXICON_COLUMNS = ("target", "label", "magnitude", "pattern", "scope", "note")
CUE_LABELS = ("favor", "against", "topic", "flip", "endorse", "hedge", "block")
CUE_SCOPES = ("any", "topic", "outcome")  # lexicon.csv's header comment says what each means


def _read_text(path, default_name: str) -> str:
    if path is None:
        return resources.files("stance").joinpath("data", default_name).read_text("utf-8")
    path = Path(path)
    if not path.is_file():
        raise StanceError(f"{path}: no such file")
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StanceError(f"{path}: cannot read ({exc})") from None


# libyaml parses the packaged dictionaries in a tenth of PyYAML's 0.3 s (start-up of every
# command and of the serial part of a parallel run); the values are the same
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path, default_name: str) -> dict:
    text = _read_text(path, default_name)
    try:
        try:
            data = yaml.load(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            data = yaml.safe_load(text)  # PyYAML's reading, and its clearer message
    except yaml.YAMLError as exc:
        raise StanceError(f"{path or default_name}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise StanceError(f"{path or default_name}: expected a YAML mapping at the top level")
    return data


def load_actors(path=None) -> ActorDictionary:
    """Actor dictionary from `path` (YAML, format of ``stance/data/actors.yaml``) or the default."""
    data = _read_yaml(path, "actors.yaml")
    if not isinstance(data.get("actors"), dict) or not data["actors"]:
        raise StanceError(f"{path or 'actors.yaml'}: needs an 'actors:' mapping of id -> aliases")
    shared = data.get("shared") or {}
    bad = [name for name, cands in shared.items()
           if not isinstance(cands, list) or not cands
           or any(str(a) not in data["actors"] for a in cands)] \
        if isinstance(shared, dict) else ["shared"]
    if bad:
        raise StanceError(f"{path or 'actors.yaml'}: 'shared:' maps an alias to a list of "
                          f"actor ids, its possible holders (bad entry: {bad[0]!r})")
    return ActorDictionary.from_mapping(data)


CUE_KINDS = ("speech", "action", "trailing", "inverting", "content")


def load_cues(path=None) -> dict[str, tuple[str, ...]]:
    """Attribution cues: ``{"speech", "action", "trailing", "inverting", "content": (...)}``.

    A user's file without the last three lists (verbs closing a sentence, verbs before
    their subject, verbs whose object is what was said) takes the packaged ones.
    """
    data = _read_yaml(path, "cues.yaml")
    if path is not None and any(k not in data for k in CUE_KINDS[2:]):
        default = _read_yaml(None, "cues.yaml")
        data = {**{k: default.get(k) for k in CUE_KINDS[2:]}, **data}
    return {kind: tuple(w for entry in data.get(kind) or () for w in _alternatives(str(entry)))
            for kind in CUE_KINDS}


_BRACES = re.compile(r"\{([^{}]*)\}")


def _alternatives(entry: str) -> list[str]:
    """A cue entry with its ``{a|b}`` alternatives spelled out, leftmost first:
    ``"{stood|stands} {behind|with}"`` → stood behind, stood with, stands behind, stands with."""
    m = _BRACES.search(entry)
    if m is None:
        return [entry]
    return [w for choice in m.group(1).split("|")
            for w in _alternatives(entry[:m.start()] + choice + entry[m.end():])]


def load_titles(path=None) -> tuple[frozenset, tuple, dict]:
    """Title words, referring heads and other names of heads ("chamber" → "parliament")
    (``stance/data/titles.yaml``)."""
    data = _read_yaml(path, "titles.yaml")
    words = frozenset(str(w).lower() for w in data.get("words") or ())
    heads = tuple(sorted((str(h).lower() for h in data.get("heads") or ()), key=len, reverse=True))
    synonyms = {str(k).lower(): str(v).lower() for k, v in (data.get("synonyms") or {}).items()}
    return words, heads, synonyms


def load_lexicon(path=None) -> pd.DataFrame:
    """Cue lexicon: columns ``target, label, magnitude, pattern, scope, note`` (``#`` lines are comments)."""
    text = _read_text(path, "lexicon.csv")
    try:
        lex = pd.read_csv(io.StringIO(text), comment="#", dtype=str, keep_default_na=False,
                          skipinitialspace=True)
    except pd.errors.ParserError as exc:
        raise StanceError(f"{path or 'lexicon.csv'}: not a valid CSV ({exc})") from None
    for optional, default in (("scope", "any"), ("note", "")):
        if optional not in lex.columns:
            lex[optional] = default
    missing = [c for c in _LEXICON_COLUMNS if c not in lex.columns]
    if missing:
        raise StanceError(f"{path or 'lexicon.csv'}: missing column(s) {', '.join(missing)}")
    lex["magnitude"] = pd.to_numeric(lex["magnitude"], errors="coerce")
    bad = lex[lex["magnitude"].isna() | ~lex["label"].isin(CUE_LABELS)
              | ~lex["scope"].isin(CUE_SCOPES)]
    if len(bad):
        raise StanceError(f"{path or 'lexicon.csv'}: bad row(s) {list(bad.index[:3] + 2)}: "
                          f"label must be one of {'/'.join(CUE_LABELS)}, scope one of {'/'.join(CUE_SCOPES)}, "
                          "magnitude a number")
    return lex[list(_LEXICON_COLUMNS)].reset_index(drop=True)


def load_abbreviations(path=None) -> frozenset[str]:
    """Words after which a period does not end a sentence."""
    lines = _read_text(path, "abbreviations.txt").splitlines()
    return frozenset(l.strip() for l in lines if l.strip() and not l.startswith("#"))


def load_events(path) -> pd.DataFrame:
    """Key events for chart marks: columns ``date, label`` (``description, url`` optional)."""
    path = Path(path)
    if not path.is_file():
        raise StanceError(f"{path}: no such file")
    ev = pd.read_csv(path, dtype=str, keep_default_na=False)
    if not {"date", "label"} <= set(ev.columns):
        raise StanceError(f"{path}: an events table needs the columns date and label")
    ev["date"] = pd.to_datetime(ev["date"], errors="coerce")
    if ev["date"].isna().any():
        raise StanceError(f"{path}: row {int(ev['date'].isna().idxmax()) + 2} has no valid date")
    return ev
