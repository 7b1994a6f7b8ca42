"""The stored claims table: writing it in every supported format, and loading it fresh."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .rules import RULES_DIR
from .schema import DTYPES, conform

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FORMATS = (".csv", ".parquet", ".xlsx", ".jsonl")


def default_data_path() -> Path:
    return Path(os.environ.get("LEDGER_DATA") or PROJECT_ROOT / "data" / "claims.parquet")


def default_corpus() -> Path:
    return Path(os.environ.get("LEDGER_CORPUS") or PROJECT_ROOT / "seeds")


def write_table(table: pd.DataFrame, out: str | Path) -> None:
    """Write any table (the checks, say) as .csv, .parquet or .jsonl; an .xlsx export of claims holds it too."""
    if Path(out).suffix.lower() == ".xlsx":
        raise ValueError(f"{out}: write the checks as .csv, .parquet or .jsonl; the .xlsx claims export has a Checks sheet")
    write_claims(table, out)


def write_partitioned(claims: pd.DataFrame, out: str | Path) -> None:
    """Write the claims as a Parquet dataset partitioned by district (a folder; read it with read_claims)."""
    import shutil

    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    claims.assign(district=claims["district"].fillna("未知")).to_parquet(tmp, index=False, partition_cols=["district"])
    if out.exists():
        shutil.rmtree(out) if out.is_dir() else out.unlink()
    os.replace(tmp, out)


def read_claims(path: str | Path) -> pd.DataFrame:
    """A stored claims table (a Parquet file or a partitioned dataset), in the schema's order and dtypes."""
    table = pd.read_parquet(path)
    if "district" in table:
        table["district"] = table["district"].astype("string").replace("未知", pd.NA)
    return conform(table)


def write_claims(claims: pd.DataFrame, out: str | Path, **excel_options) -> None:
    """Write the claims table; the suffix of ``out`` picks the format (.csv with BOM, .parquet, .xlsx, .jsonl)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{out}: unknown output format {suffix!r} (use one of {', '.join(FORMATS)})")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    if suffix == ".csv":
        claims.to_csv(tmp, index=False, encoding="utf-8-sig")
    elif suffix == ".parquet":
        claims.to_parquet(tmp, index=False)
    elif suffix == ".jsonl":
        claims.to_json(tmp, orient="records", lines=True, force_ascii=False)
    else:
        from .excel import write_workbook

        write_workbook(claims, tmp, **excel_options)
    os.replace(tmp, out)


def _newest_input(corpus: Path) -> float:
    times = [p.stat().st_mtime for p in corpus.glob("*") if p.is_file()]
    times += [p.stat().st_mtime for p in RULES_DIR.iterdir() if p.is_file()]
    return max(times, default=0.0)


def load_claims(path: str | Path | None = None, corpus: str | Path | None = None,
                rebuild: bool = False, columns: list[str] | None = None,
                filters: list[tuple] | None = None) -> pd.DataFrame:
    """The project's claims table, rebuilt from the corpus when missing or older than the corpus or rules.

    ``path`` defaults to data/claims.parquet (env LEDGER_DATA), ``corpus`` to seeds/ (env LEDGER_CORPUS).
    ``columns`` and ``filters`` (pyarrow filters, e.g. ``[("district", "==", "金水区")]``) read only what
    is needed from a large stored table; the full schema is returned when both are None.
    """
    path = Path(path) if path else default_data_path()
    corpus = Path(corpus) if corpus else default_corpus()
    if rebuild or not path.exists() or path.stat().st_mtime < _newest_input(corpus):
        from .runner import extract_corpus

        claims = extract_corpus(corpus)
        write_claims(claims, path)
    if columns is None and filters is None:
        return read_claims(path)
    table = pd.read_parquet(path, columns=columns, filters=filters)
    return table.astype({c: t for c, t in DTYPES.items() if c in table.columns})
