"""Read and write frames (csv, jsonl, parquet) atomically and deterministically."""
from __future__ import annotations

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


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
