"""Read and write frames (csv, jsonl, parquet) atomically and deterministically.

`read_records` and `decode_utf8` are the loader's tolerant readers: they never raise
on bad input, and report it as one-line reasons instead.
"""
from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from .errors import StanceError
from .schemas import check

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}


def table_format(path) -> str:
    """The table format of `path` from its extension; `StanceError` if unsupported."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise StanceError(f"{path}: unsupported table type (use .csv, .jsonl or .parquet)")
    return fmt


def read_frame(path, spec=None, *, name: str | None = None) -> pd.DataFrame:
    """Read a csv/jsonl/parquet table; validate it against `spec` when given."""
    path = Path(path)
    if not path.is_file():
        raise StanceError(f"{path}: no such file")
    fmt = table_format(path)
    try:
        if fmt == "csv":
            df = pd.read_csv(path, keep_default_na=False, dtype=str, encoding="utf-8")
        elif fmt == "jsonl":
            df = pd.read_json(path, lines=True, dtype=False)
        else:
            df = pd.read_parquet(path)
    except ImportError as exc:
        raise StanceError(f"{path}: reading parquet needs pyarrow "
                          "(pip install 'stance[parquet]')") from exc
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        raise StanceError(f"{path}: cannot read {fmt} table ({_first_line(exc)})") from None
    except pd.errors.ParserError as exc:
        raise StanceError(f"{path}: cannot read {fmt} table ({_first_line(exc)})") from None
    return check(df, spec, name=str(name or path)) if spec is not None else df


def write_frame(df: pd.DataFrame, path) -> Path:
    """Write `df` to `path` (format from the extension) atomically; return the path."""
    path = Path(path)
    fmt = table_format(path)
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    def _write(tmp):
        if fmt == "csv":
            out.to_csv(tmp, index=False, lineterminator="\n", float_format="%.6g")
        elif fmt == "jsonl":
            out.to_json(tmp, orient="records", lines=True, force_ascii=False)
        else:
            out.to_parquet(tmp, index=False)
    return atomic_write(path, _write)


def atomic_write(path, writer) -> Path:
    """Call ``writer(tmp_path)`` then rename into `path`, so readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        writer(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def decode_utf8(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) for UTF-8 bytes, BOM dropped; (None, reason) otherwise.

    Policy: undecodable input is rejected with the byte offset, never guessed.
    Newlines are left as they are (csv needs them); callers normalise text.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, "UTF-16 text, not UTF-8: re-save the file as UTF-8"
    nul = data.find(b"\x00")
    if nul != -1:
        return None, f"binary file, not text (NUL byte at byte offset {nul})"
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8"), None
    except UnicodeDecodeError as exc:
        offset = skip + exc.start  # offsets count from the start of the file
        line = data.count(b"\n", 0, offset) + 1
        return None, (f"not UTF-8: byte 0x{data[offset]:02x} at byte offset {offset} (line {line}) "
                      "is not valid UTF-8; re-save the file as UTF-8 (encodings are never guessed)")


def read_records(path) -> tuple[list | None, list | None, str | None]:
    """Read a csv/jsonl/parquet table of documents row by row, tolerating bad rows.

    Returns (columns, records, problem): ``problem`` is a one-line reason when the
    table cannot be read at all (and then the others are None); otherwise each
    record is (row number, dict or None, reason or None), so one malformed row
    (a csv row with too many fields, a jsonl line that is not JSON) is rejected
    alone.  Text is UTF-8 only (see `decode_utf8`); jsonl rows are numbered by line.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            table = read_frame(path)
        except StanceError as exc:
            return None, None, str(exc).split(": ", 1)[-1]
        records = [(i, rec, None) for i, rec in enumerate(table.to_dict("records"), start=1)]
        return list(table.columns), records, None
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, None, f"cannot read file ({exc.strerror or type(exc).__name__})"
    text, problem = decode_utf8(data)
    if problem:
        return None, None, problem
    if not text.strip():
        return None, None, "empty file"
    return _read_jsonl(text) if suffix == ".jsonl" else _read_csv(text)


def _read_csv(text: str):
    # a row with too many fields is rejected alone, not the whole table as pandas would
    try:
        with _csv_field_limit(len(text) + 1):
            table = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
    except csv.Error as exc:
        return None, None, f"cannot read csv table ({_first_line(exc)})"
    if not table:
        return None, None, "empty file"
    header, records = table[0], []
    for n, fields in enumerate(table[1:], start=1):
        if len(fields) > len(header):
            records.append((n, None, f"row has {len(fields)} fields but the header has "
                               f"{len(header)} (quote text that contains commas)"))
        else:
            records.append((n, dict(zip(header, fields + [""] * (len(header) - len(fields)))),
                            None))
    return header, records, None


@contextlib.contextmanager
def _csv_field_limit(limit: int):
    """Let one csv field be as long as the file (the default limit is 128 KiB); restore after."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, limit))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _read_jsonl(text: str):
    """One JSON object per line; a bad line is one rejected row, numbered by its line."""
    columns, records = {}, []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            records.append((n, None, f"not valid JSON ({exc.msg}: column {exc.colno})"))
            continue
        except (ValueError, RecursionError) as exc:
            records.append((n, None, f"not valid JSON ({type(exc).__name__})"))
            continue
        if not isinstance(obj, dict):
            records.append((n, None, f"not a JSON object but a {type(obj).__name__}"))
            continue
        columns.update(dict.fromkeys(obj))
        records.append((n, obj, None))
    return list(columns), records, None


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
