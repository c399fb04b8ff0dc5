"""Load dated documents from folders of front-matter files and from tables.

Every candidate input ends up either in ``documents`` (schema DOCUMENTS) or in
``rejects`` (schema REJECTS: the path or ``path:row N`` and a one-line reason a
person understands).  A candidate is a ``.md``/``.txt`` file, a table row, a
table that cannot be used as a whole (unreadable, a required column missing, no
rows), or a file of an unsupported type.  Bad input never raises; only a path
that does not exist or a bad ``default_date`` does.

Policies:

- undecodable text is rejected with the byte offset, never guessed;
- a UTF-8 BOM is dropped and newlines are normalised to ``\\n`` before anything
  else, so offsets index the body as DESIGN.md says;
- front matter is read with a safe YAML loader: tags (``!!python/...``) are
  rejected and nothing in an input is ever executed;
- the first document with an id wins; later ones are rejected as duplicates.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import pandas as pd
import yaml

from .errors import StanceError
from .io import FORMATS, decode_utf8, read_records
from .schemas import DOCUMENTS, REJECTS, check

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".md", ".txt")
_META_FIELDS = ("source", "url", "title")
# the dates pandas can hold (datetime64[ns]); anything outside is a typo
_YEARS = (1678, 2261)
_SHOWN = 40  # characters of a bad value quoted in a reason


def load_documents(paths, *, default_date=None, exclude=()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read documents from files, folders or tables.

    Parameters
    ----------
    paths : path or list of paths
        ``.md``/``.txt`` files with YAML front matter, folders of them (searched
        recursively), or ``.csv``/``.jsonl``/``.parquet`` tables with ``id, date, text``.
    default_date : date-like, optional
        Date for text files that have no front matter (CODEBOOK §1).

    Returns
    -------
    (documents, rejects) : frames with schemas DOCUMENTS and REJECTS.
        Each candidate (text file, table row, unusable table, unsupported file)
        is in exactly one of them.

    Raises
    ------
    StanceError
        If a given path does not exist, or `default_date` is not a date.

    Examples
    --------
    >>> docs, rejects = load_documents("seeds/")
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    default = _parse_date(default_date) if default_date is not None else None
    if default_date is not None and default is None:
        raise StanceError(f"--date {default_date!r} is not a valid ISO date (YYYY-MM-DD)")
    rows, rejects = [], []
    for candidate in _candidates(paths, rejects, exclude):
        if candidate.suffix.lower() in FORMATS:
            _load_table(candidate, rows, rejects)
        else:
            doc, reason = read_text_document(candidate, default_date=default)
            if reason:
                rejects.append({"path": str(candidate), "reason": reason})
            else:
                rows.append({**doc, "_path": str(candidate)})
    rows = _drop_duplicate_ids(rows, rejects)
    docs = check(pd.DataFrame(rows, columns=list(DOCUMENTS)), DOCUMENTS, name="documents")
    for r in rejects:
        log.info("rejected %s: %s", r["path"], r["reason"])
    return docs, check(pd.DataFrame(rejects, columns=list(REJECTS)), REJECTS, name="rejects")


def split_front_matter(raw: str) -> tuple[dict | None, str, str | None]:
    """Split ``raw`` (newlines already normalised) into (meta, body, problem).

    ``meta`` is None when the text has no front matter; ``problem`` names what is
    wrong with front matter that is present but unusable.  Never raises: any text
    gives a result.

    Examples
    --------
    >>> split_front_matter("---\\ndate: 2017-09-25\\n---\\nBody.\\n")
    ({'date': datetime.date(2017, 9, 25)}, 'Body.\\n', None)
    """
    first_nl = raw.find("\n")
    first_line = raw if first_nl == -1 else raw[:first_nl]
    if first_line.rstrip() != "---":
        return None, raw, None
    head_start = len(raw) if first_nl == -1 else first_nl + 1
    close = _closing_line(raw, head_start)
    if close is None:
        return None, raw, "front matter is never closed: add a line '---' after its last key"
    head, body = raw[head_start:close[0]], raw[close[1]:]
    try:
        # a SafeLoader subclass: only plain YAML types, tags raise; see _FrontMatterLoader
        meta = _load_yaml(head) if head.strip() else {}
    except yaml.YAMLError as exc:
        return None, body, _yaml_problem(exc)
    except RecursionError:
        return None, body, "front matter is not valid YAML (nested too deeply)"
    except Exception as exc:  # noqa: BLE001 -- untrusted input: any parser failure is a reject
        return None, body, f"front matter is not valid YAML ({_show_text(str(exc) or type(exc).__name__)})"
    if not isinstance(meta, dict):
        return None, body, "front matter is not a YAML mapping of 'key: value' lines"
    return meta, body, None


def read_text_document(path: Path, *, default_date=None) -> tuple[dict | None, str | None]:
    """Read one text file into a document row, or return (None, reason).

    The body is the text after the front matter, BOM dropped and newlines
    normalised to ``\\n``; offsets downstream index exactly this string.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, f"cannot read file ({exc.strerror or type(exc).__name__})"
    raw, problem = decode_utf8(data)
    if problem:
        return None, problem
    raw = _normalise_newlines(raw)
    if not raw.strip():
        return None, "empty file"
    meta, body, problem = split_front_matter(raw)
    if problem:
        return None, problem
    if meta is None:
        if default_date is None:
            return None, ("no front matter, so no date: put the lines '---', 'date: YYYY-MM-DD', "
                          "'---' at the top of the file, or pass --date YYYY-MM-DD")
        meta = {"date": default_date}
    return _document_row(meta, body, default_id=path.stem, default_date=default_date)


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible date (2017-02-30) as text instead of raising.

    Only the timestamp constructor changes; the SafeLoader's refusal of every tag
    outside plain YAML (``!!python/object``, ``!custom``) is what keeps loading inert.
    """


def _timestamp_or_text(loader, node):
    text = loader.construct_scalar(node)
    # an explicit '!!timestamp x' that is no timestamp crashes PyYAML itself: keep the text
    if loader.timestamp_regexp.match(text) is None:
        return text
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return text


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)

# libyaml parses ten times faster than PyYAML but accepts some text PyYAML rejects (a tab
# in a plain scalar), so it only reads front matter of plain one-line "key: value" pairs
# without tabs, backslashes, control characters or flow/anchor/tag/block indicators; the
# constructors (and so the values) are the same.  Anything else, or a libyaml error,
# goes to PyYAML, whose messages the rejects quote.
_SIMPLE_HEAD = re.compile(r"(?:[A-Za-z_][\w-]*:[ ]+(?![\[{&*!|>%@`?:#,-])"
                          r"[^\x00-\x1f\x7f-\x9f\\\u2028\u2029\ufeff]*\n)+\Z")
if getattr(yaml, "__with_libyaml__", False):
    class _FastFrontMatterLoader(yaml.CSafeLoader):
        """libyaml's parser with _FrontMatterLoader's timestamp rule."""

    _FastFrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
else:
    _FastFrontMatterLoader = None


def _load_yaml(head: str):
    if _FastFrontMatterLoader is not None and _SIMPLE_HEAD.match(head):
        try:
            return yaml.load(head, Loader=_FastFrontMatterLoader)
        except Exception:  # noqa: BLE001 -- PyYAML below gives the reject its reason
            pass
    return yaml.load(head, Loader=_FrontMatterLoader)

_TAG = re.compile(r"constructor for the tag '([^']*)'")


def _yaml_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0] or type(exc).__name__
    tag = _TAG.search(problem)
    if tag:
        name = tag.group(1).replace("tag:yaml.org,2002:", "!!")
        return (f"front matter uses the YAML tag {_show_text(name)}, which is refused: only plain "
                "'key: value' YAML is read and nothing in it is run")
    mark = getattr(exc, "problem_mark", None)
    # +2: the head starts on line 2 of the file, and marks count from 0
    where = f"line {mark.line + 2}: " if mark is not None else ""
    return f"front matter is not valid YAML ({where}{_show_text(problem)})"


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _document_row(meta: dict, body, *, default_id: str, default_date=None, table=False):
    """(row, None) for a usable document, else (None, reason)."""
    for field in ("id", "date", *_META_FIELDS):
        if isinstance(meta.get(field), (list, tuple, dict, set)):
            where = f"the '{field}' column" if table else f"front matter field '{field}'"
            return None, f"{where} must be a single value, not a {type(meta[field]).__name__}"
    raw_date = meta.get("date")
    if _missing(raw_date):
        raw_date = default_date
    if _missing(raw_date):
        return None, ("no date: the 'date' column is empty" if table
                      else "no date: add 'date: YYYY-MM-DD' to the front matter")
    day = _calendar_date(raw_date)
    if day is None:
        return None, f"date {_show(raw_date)} is not a real ISO date (YYYY-MM-DD)"
    if not _YEARS[0] <= day.year <= _YEARS[1]:
        return None, f"date {day.isoformat()} is out of range (years {_YEARS[0]}-{_YEARS[1]})"
    if not isinstance(body, str):
        return None, f"text must be a string, not {type(body).__name__}"
    if not body.strip():
        return None, ("empty text" if table
                      else "empty body: nothing but white space after the front matter")
    doc_id = meta.get("id")
    doc_id = default_id if _missing(doc_id) or str(doc_id).strip() == "" else str(doc_id).strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in doc_id):
        return None, f"id {_show(doc_id)} contains control characters (tabs, newlines)"
    row = {"doc_id": doc_id, "date": pd.Timestamp(day), "text": body}
    for field in _META_FIELDS:
        value = meta.get(field)
        row[field] = "" if _missing(value) else str(value)
    return row, None


def _missing(value) -> bool:
    if value is None or (isinstance(value, str) and value == ""):
        return True
    if isinstance(value, (list, tuple, dict, set, bytes)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other non-scalars
        return False


def _show(value) -> str:
    """A bad value quoted for a one-line reason: repr escapes newlines and control characters."""
    text = str(value)
    return repr(text if len(text) <= _SHOWN else text[:_SHOWN] + "…")


def _show_text(text: str) -> str:
    return _show(text)[1:-1]


def _closing_line(raw: str, pos: int):
    """(start, end) of the line closing the front matter: '---' or '...'."""
    while pos <= len(raw):
        nl = raw.find("\n", pos)
        line = raw[pos:] if nl == -1 else raw[pos:nl]
        if line.rstrip() in ("---", "..."):
            return pos, len(raw) if nl == -1 else nl + 1
        if nl == -1:
            return None
        pos = nl + 1
    return None


def _calendar_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None if _missing(value) else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (bool, float)):
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        # a date with a time ("2017-09-29T10:00:00Z"): the calendar day is kept
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _parse_date(value):
    """`value` as a Timestamp (midnight), or None if it is not a usable ISO date."""
    day = None if _missing(value) else _calendar_date(value)
    if day is None or not _YEARS[0] <= day.year <= _YEARS[1]:
        return None
    return pd.Timestamp(day)


def _candidates(paths, rejects, exclude=()):
    skip = [Path(e).resolve() for e in exclude]
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise StanceError(f"{p}: no such file or folder")
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file()
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
        else:
            files = [p]
        for f in files:
            if skip and any(f.resolve().is_relative_to(e) for e in skip):
                continue  # our own output folder inside an input folder is not input
            suffix = f.suffix.lower()
            if suffix in TEXT_SUFFIXES or suffix in FORMATS:
                yield f
            elif p.is_dir() and f.name.lower().startswith("readme"):
                continue
            else:
                # same wording as pipeline.plan_chunks, which lists files for `stance score`
                rejects.append({"path": str(f), "reason": f"unsupported file type "
                                f"'{suffix or f.name}' (use .md, .txt, .csv, .jsonl, .parquet)"})


def _load_table(path: Path, rows, rejects):
    """Add a table's rows to `rows`, and its bad rows (or the whole bad table) to `rejects`."""
    columns, records, problem = read_records(path)
    if problem is None:
        cols = {}
        for c in columns:
            cols.setdefault(str(c).strip().lower(), c)
        if "id" not in cols and "doc_id" in cols:
            cols["id"] = cols["doc_id"]
        missing = [c for c in ("id", "date", "text") if c not in cols]
        if missing and (not records or any(rec is not None for _, rec, _ in records)):
            problem = (f"table lacks column(s) {', '.join(missing)} (needs id, date, text; "
                       f"has {_show_text(', '.join(map(str, columns))) or 'none'})")
        elif not records:
            problem = "table has no rows"
    if problem:
        rejects.append({"path": str(path), "reason": problem})
        return
    for n, rec, bad in records:
        where = f"{path}:row {n}"
        if bad is None:
            meta = {k: rec.get(cols[k]) for k in ("id", "date", *_META_FIELDS) if k in cols}
            text = rec.get(cols["text"])
            text = "" if _missing(text) else text
            text = _normalise_newlines(text) if isinstance(text, str) else text
            row, bad = _document_row(meta, text, default_id=f"{path.stem}-{n}", table=True)
        if bad:
            rejects.append({"path": where, "reason": bad})
        else:
            rows.append({**row, "_path": where})


def _drop_duplicate_ids(rows, rejects):
    seen, kept = {}, []
    for row in rows:
        path = row.pop("_path")
        if row["doc_id"] in seen:
            rejects.append({"path": path, "reason": f"duplicate id {_show(row['doc_id'])}: "
                            f"already used by {seen[row['doc_id']]}"})
            continue
        seen[row["doc_id"]] = path
        kept.append(row)
    return kept
