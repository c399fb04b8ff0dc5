"""Load dated documents from folders of front-matter files and from tables.

Every candidate input ends up either in ``documents`` (schema DOCUMENTS) or in
``rejects`` (schema REJECTS: the path or ``path:row N`` and a reason a person
understands).  Policy for undecodable text: the file is rejected, never guessed.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pandas as pd
import yaml

from .errors import StanceError
from .io import FORMATS, read_frame
from .schemas import DOCUMENTS, REJECTS, check

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".md", ".txt")
_META_FIELDS = ("source", "url", "title")


def load_documents(paths, *, default_date=None) -> tuple[pd.DataFrame, pd.DataFrame]:
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
    for candidate in _candidates(paths, rejects):
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
        log.warning("rejected %s: %s", r["path"], r["reason"])
    return docs, check(pd.DataFrame(rejects, columns=list(REJECTS)), REJECTS, name="rejects")


def split_front_matter(raw: str) -> tuple[dict | None, str, str | None]:
    """Split ``raw`` (newlines already normalised) into (meta, body, problem).

    ``meta`` is None when the text has no front matter; ``problem`` names what is
    wrong with front matter that is present but unusable.
    """
    if not raw.startswith("---\n") and raw.rstrip("\n") != "---":
        return None, raw, None
    close = _closing_line(raw)
    if close is None:
        return None, raw, "front matter is never closed (add a line '---' after it)"
    head, body = raw[4:close[0]], raw[close[1]:]
    try:
        meta = yaml.safe_load(head) if head.strip() else {}
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem", None) or type(exc).__name__
        return None, body, f"front matter is not valid YAML ({where}); only plain YAML is read"
    if not isinstance(meta, dict):
        return None, body, "front matter is not a YAML mapping of key: value lines"
    return meta, body, None


def read_text_document(path: Path, *, default_date=None) -> tuple[dict | None, str | None]:
    """Read one text file into a document row, or return (None, reason)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, f"cannot read file ({exc.strerror})"
    if b"\x00" in data[:8192]:
        return None, "binary file (contains NUL bytes), not text"
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, (f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                      "re-save the file as UTF-8")
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    meta, body, problem = split_front_matter(raw)
    if problem:
        return None, problem
    if meta is None:
        if default_date is None:
            return None, ("no front matter, so no date: start the file with '---', "
                          "'date: YYYY-MM-DD', '---' or pass --date")
        meta = {"date": default_date}
    return _document_row(meta, body, default_id=path.stem, default_date=default_date)


def _document_row(meta: dict, body: str, *, default_id: str, default_date=None):
    raw_date = meta.get("date", default_date)
    if raw_date is None or raw_date == "":
        return None, "no date: add 'date: YYYY-MM-DD' to the front matter"
    date = _parse_date(raw_date)
    if date is None:
        return None, f"date {raw_date!s:.40} is not a real ISO date (YYYY-MM-DD)"
    if not body.strip():
        return None, "empty body: nothing after the front matter"
    doc_id = meta.get("id")
    doc_id = default_id if doc_id is None or str(doc_id).strip() == "" else str(doc_id).strip()
    row = {"doc_id": doc_id, "date": date, "text": body}
    for field in _META_FIELDS:
        value = meta.get(field)
        row[field] = "" if value is None else str(value)
    return row, None


def _closing_line(raw: str):
    """(start, end) of the line closing the front matter: '---' or '...'."""
    pos = 4
    while pos <= len(raw):
        nl = raw.find("\n", pos)
        line = raw[pos:] if nl == -1 else raw[pos:nl]
        if line.rstrip() in ("---", "..."):
            return pos, len(raw) if nl == -1 else nl + 1
        if nl == -1:
            return None
        pos = nl + 1
    return None


def _parse_date(value):
    if isinstance(value, dt.datetime):
        return pd.Timestamp(value.date())
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    text = str(value).strip()
    try:
        parsed = dt.date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        return None
    if parsed is None or text[10:].strip(" T:0Z") not in ("",):
        # accept a bare date or a date followed by a midnight time only
        try:
            return pd.Timestamp(dt.datetime.fromisoformat(text).date())
        except ValueError:
            return None
    return pd.Timestamp(parsed)


def _candidates(paths, rejects):
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
            suffix = f.suffix.lower()
            if suffix in TEXT_SUFFIXES or suffix in FORMATS:
                yield f
            elif p.is_dir() and f.name.lower().startswith("readme"):
                continue
            else:
                rejects.append({"path": str(f), "reason": f"unsupported file type "
                                f"'{suffix or f.name}' (use .md, .txt, .csv, .jsonl, .parquet)"})


def _load_table(path: Path, rows, rejects):
    try:
        table = read_frame(path)
    except StanceError as exc:
        rejects.append({"path": str(path), "reason": str(exc).split(": ", 1)[-1]})
        return
    cols = {c.lower(): c for c in table.columns}
    if "id" not in cols and "doc_id" in cols:
        cols["id"] = cols["doc_id"]
    missing = [c for c in ("id", "date", "text") if c not in cols]
    if missing:
        rejects.append({"path": str(path), "reason": f"table lacks column(s) {', '.join(missing)}"
                        " (needs id, date, text)"})
        return
    for i, rec in enumerate(table.to_dict("records"), start=1):
        meta = {k: rec.get(cols[k]) for k in ("id", "date", *_META_FIELDS) if k in cols}
        text = rec.get(cols["text"])
        text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        row, reason = _document_row(meta, text, default_id=f"{path.stem}-{i}")
        if reason:
            rejects.append({"path": f"{path}:row {i}", "reason": reason})
        else:
            rows.append({**row, "_path": f"{path}:row {i}"})


def _drop_duplicate_ids(rows, rejects):
    seen, kept = {}, []
    for row in rows:
        path = row.pop("_path")
        if row["doc_id"] in seen:
            rejects.append({"path": path, "reason": f"duplicate id {row['doc_id']!r}: "
                            f"already used by {seen[row['doc_id']]}"})
            continue
        seen[row["doc_id"]] = path
        kept.append(row)
    return kept
