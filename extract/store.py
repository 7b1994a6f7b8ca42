"""The stored claims table: writing it in every supported format, and loading it fresh."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .rules import RULES_DIR
from .schema import conform

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
                rebuild: bool = False) -> pd.DataFrame:
    """The project's claims table, rebuilt from the corpus when missing or older than the corpus or rules.

    ``path`` defaults to data/claims.parquet (env LEDGER_DATA), ``corpus`` to seeds/ (env LEDGER_CORPUS).
    """
    path = Path(path) if path else default_data_path()
    corpus = Path(corpus) if corpus else default_corpus()
    if rebuild or not path.exists() or path.stat().st_mtime < _newest_input(corpus):
        from .pipeline import extract_corpus

        claims = extract_corpus(corpus)
        write_claims(claims, path)
        return claims
    return conform(pd.read_parquet(path))
