"""The stored claims table: writing it in every supported format, and loading it fresh.

Every write goes to a temporary file of a unique name in the target's folder, then replaces the target in
one step, so two runs writing one output never mix, and a failed write leaves the previous file as it was
and no temporary file behind.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable

import pandas as pd

from .rules import RULES_DIR
from .schema import DTYPES, conform

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FORMATS = (".csv", ".parquet", ".xlsx", ".jsonl")
#: Text a spreadsheet takes for a formula when it opens a CSV (OWASP, "CSV Injection"): such a cell
#: gets a leading apostrophe, shown as text. Numbers are not text and are never changed.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A signed number as written (-1.8, +5%, -2,300): a spreadsheet reads it as the number it is, so it is
# left as written.
SIGNED_NUMBER = re.compile(r"[-+]\d[\d,]*(?:\.\d+)?%?\Z")


def runs_as_formula(text: str) -> bool:
    """Text a spreadsheet would run as a formula: it starts with = + - @ (or a tab or CR) and is not a
    plain signed number."""
    return text.startswith(FORMULA_START) and not SIGNED_NUMBER.match(text)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Files made by mkstemp are private (0600); a written table gets the permissions of any new file.
_FILE_MODE = 0o666 & ~_umask()


def default_data_path() -> Path:
    return Path(os.environ.get("LEDGER_DATA") or PROJECT_ROOT / "data" / "claims.parquet")


def default_corpus() -> Path:
    return Path(os.environ.get("LEDGER_CORPUS") or PROJECT_ROOT / "seeds")


def unwritable(out: str | Path, folder_ok: bool = False) -> str | None:
    """Why ``out`` cannot be written (a short reason), or None when it looks writable.

    Checked before a run so a long extraction is not thrown away at the end; the write itself can
    still fail (a full disk) and says so then.
    """
    out = Path(out)
    if out.is_dir() and not folder_ok:
        return "it is a folder"
    parent = out.parent
    while not parent.exists():
        if parent.is_symlink() or parent == parent.parent:
            return f"{parent} cannot be made"
        parent = parent.parent
    if not parent.is_dir():
        return f"{parent} is not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"{parent} is not writable"
    return None


def guard_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell that starts like a formula prefixed by an apostrophe.

    >>> guard_formulas(pd.DataFrame({"t": ["=1+1", "-2+3", "-1.8", "培训"], "v": [-2.3, 1.0, 2.0, 3.0]})).values.tolist()
    [["'=1+1", -2.3], ["'-2+3", 1.0], ['-1.8', 2.0], ['培训', 3.0]]
    """
    out = table.copy(deep=False)
    for col in table.columns:
        series = table[col]
        if pd.api.types.is_string_dtype(series.dtype) and series.dtype != object:
            risky = (series.str.startswith(FORMULA_START) & ~series.str.match(SIGNED_NUMBER)).fillna(False).astype(bool)
            if risky.any():
                out[col] = series.where(~risky, "'" + series)
        elif series.dtype == object:
            out[col] = series.map(lambda v: "'" + v if isinstance(v, str) and runs_as_formula(v) else v)
    return out


def replace_atomically(out: str | Path, write: Callable[[Path], None]) -> None:
    """Run ``write(tmp)`` on a new temporary file beside ``out``, then put it in ``out``'s place.

    On any failure the temporary file is removed and ``out`` is left as it was.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=out.parent, prefix=out.name + ".", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_table(table: pd.DataFrame, out: str | Path, guard: bool = True) -> None:
    """Write any table (the checks, say) as .csv, .parquet or .jsonl; an .xlsx export of claims holds it too."""
    if Path(out).suffix.lower() == ".xlsx":
        raise ValueError(f"{out}: write the checks as .csv, .parquet or .jsonl; the .xlsx claims export has a Checks sheet")
    write_claims(table, out, guard=guard)


def write_partitioned(claims: pd.DataFrame, out: str | Path) -> None:
    """Write the claims as a Parquet dataset partitioned by district (a folder; read it with read_claims)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=out.name + ".", suffix=".tmp"))
    old = None
    try:
        dataset = tmp / "dataset"
        claims.assign(district=claims["district"].fillna("未知")).to_parquet(
            dataset, index=False, partition_cols=["district"])
        if out.exists() or out.is_symlink():
            old = tmp / "previous"
            os.replace(out, old)
        os.replace(dataset, out)
    except BaseException:
        if old is not None and not out.exists():
            os.replace(old, out)
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def read_claims(path: str | Path) -> pd.DataFrame:
    """A stored claims table (a Parquet file or a partitioned dataset), in the schema's order and dtypes."""
    table = pd.read_parquet(path)
    if "district" in table:
        table["district"] = table["district"].astype("string").replace("未知", pd.NA)
    return conform(table)


def write_claims(claims: pd.DataFrame, out: str | Path, guard: bool = True, **excel_options) -> None:
    """Write the claims table; the suffix of ``out`` picks the format (.csv with BOM, .parquet, .xlsx, .jsonl).

    In a CSV, text cells that a spreadsheet would take for a formula are guarded (see ``guard_formulas``)
    unless ``guard`` is False. Raises OSError when ``out`` cannot be written; ``out`` is then unchanged.
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{out}: unknown output format {suffix!r} (use one of {', '.join(FORMATS)})")
    if suffix == ".csv":
        table = guard_formulas(claims) if guard else claims
        replace_atomically(out, lambda tmp: table.to_csv(tmp, index=False, encoding="utf-8-sig"))
    elif suffix == ".parquet":
        replace_atomically(out, lambda tmp: claims.to_parquet(tmp, index=False))
    elif suffix == ".jsonl":
        replace_atomically(out, lambda tmp: claims.to_json(tmp, orient="records", lines=True, force_ascii=False))
    else:
        from .excel import write_workbook

        replace_atomically(out, lambda tmp: write_workbook(claims, tmp, **excel_options))


def _newest_input(corpus: Path) -> float:
    times = [p.stat().st_mtime for p in corpus.glob("*") if p.is_file()]
    times += [p.stat().st_mtime for p in RULES_DIR.iterdir() if p.is_file()]
    return max(times, default=0.0)


def _read_stored(path: Path, columns: list[str] | None, filters: list[tuple] | None) -> pd.DataFrame:
    if columns is None and filters is None:
        return read_claims(path)
    table = pd.read_parquet(path, columns=columns, filters=filters)
    return table.astype({c: t for c, t in DTYPES.items() if c in table.columns})


_OPS = {"==": "eq", "=": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}


def _select(table: pd.DataFrame, columns: list[str] | None, filters: list[tuple] | None) -> pd.DataFrame:
    """What ``_read_stored`` would give for a table in memory (filters in pyarrow's form, ANDed)."""
    keep = pd.Series(True, index=table.index)
    for column, op, value in filters or []:
        series = table[column]
        if op in _OPS:
            keep &= getattr(series, _OPS[op])(value).fillna(False).astype(bool)
        elif op in ("in", "not in"):
            inside = series.isin(list(value))
            keep &= ~inside if op == "not in" else inside
        else:
            raise ValueError(f"unknown filter operator {op!r}")
    table = table[keep].reset_index(drop=True)
    return table if columns is None else table[list(columns)]


def load_claims(path: str | Path | None = None, corpus: str | Path | None = None,
                rebuild: bool = False, columns: list[str] | None = None,
                filters: list[tuple] | None = None) -> pd.DataFrame:
    """The project's claims table, rebuilt from the corpus when missing, older than the corpus or rules, or damaged.

    ``path`` defaults to data/claims.parquet (env LEDGER_DATA), ``corpus`` to seeds/ (env LEDGER_CORPUS).
    ``columns`` and ``filters`` (pyarrow filters, e.g. ``[("district", "==", "金水区")]``) read only what
    is needed from a large stored table; the full schema is returned when both are None. A stored table
    that cannot be read is rebuilt with a warning on stderr; one that cannot be written is returned
    without being stored, with a warning.
    """
    path = Path(path) if path else default_data_path()
    corpus = Path(corpus) if corpus else default_corpus()
    if not (rebuild or not path.exists() or path.stat().st_mtime < _newest_input(corpus)):
        try:
            return _read_stored(path, columns, filters)
        except Exception as exc:  # noqa: BLE001 - a damaged file fails in many ways (pyarrow, OS, schema)
            print(f"warning: {path} cannot be read ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__}); "
                  f"rebuilt from {corpus}", file=sys.stderr)
    from .runner import extract_corpus

    claims = extract_corpus(corpus)
    try:
        write_claims(claims, path)
    except OSError as exc:
        print(f"warning: {path} cannot be written ({exc.strerror or exc}); the table is used without storing it",
              file=sys.stderr)
        return _select(claims, columns, filters)
    return _read_stored(path, columns, filters)
