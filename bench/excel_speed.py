"""Excel export of 100,000 claims: extract.excel.write_workbook next to DataFrame.to_excel (openpyxl).

Run by hand: ``python bench/excel_speed.py [--rows 100000] [--seed 0]``. The rows are the seed claims
(``extract_corpus("seeds")``) sampled with replacement, with district, year and value perturbed and
claim ids made unique. Both writers get the same table, in the same run, into a temporary folder;
the ratio says how many times longer write_workbook takes. write_workbook does more than to_excel:
it also writes the district × year pivot of canonical metrics and the About sheet, guards text cells
against formulas and sets widths, filters and number formats.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import districts_and_places

from extract import extract_corpus
from extract.excel import write_workbook
from extract.schema import conform


def synthetic_claims(seed_claims: pd.DataFrame, rows: int, seed: int = 0) -> pd.DataFrame:
    """``rows`` claims drawn from ``seed_claims`` with district, year and value perturbed; ids unique."""
    rng = np.random.default_rng(seed)
    picked = seed_claims.sample(n=rows, replace=True, random_state=seed).reset_index(drop=True)
    districts = sorted(districts_and_places()[0])
    picked["district"] = rng.choice(districts, size=rows)
    years = picked["year"].astype("Float64").fillna(2021).to_numpy(float)
    picked["year"] = pd.array(np.clip(years + rng.integers(-3, 4, size=rows), 2016, 2024).astype(int),
                              dtype="Int64")
    factor = rng.uniform(0.6, 1.6, size=rows)
    picked["value"] = np.round(picked["value"].to_numpy(float) * factor, 2)
    picked["value_max"] = np.round(picked["value_max"].to_numpy(float) * factor, 2)
    picked["claim_id"] = [hashlib.sha1(f"{cid}:{i}".encode()).hexdigest()[:16]
                          for i, cid in enumerate(picked["claim_id"])]
    return conform(picked)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    claims = synthetic_claims(extract_corpus(ROOT / "seeds"), args.rows, args.seed)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        write_workbook(claims, Path(tmp) / "ledger.xlsx")
        t_ledger = time.perf_counter() - t0
        t0 = time.perf_counter()
        claims.to_excel(Path(tmp) / "plain.xlsx", index=False, engine="openpyxl")
        t_plain = time.perf_counter() - t0
        size_ledger = (Path(tmp) / "ledger.xlsx").stat().st_size
        size_plain = (Path(tmp) / "plain.xlsx").stat().st_size
    print(f"rows: {len(claims):,} claims × {claims.shape[1]} columns")
    print("load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f}".format(
        *load_before, *os.getloadavg()))
    print(f"write_workbook            : {t_ledger:6.1f} s ({size_ledger / 1e6:.1f} MB)")
    print(f"DataFrame.to_excel        : {t_plain:6.1f} s ({size_plain / 1e6:.1f} MB)")
    print(f"ratio write_workbook / to_excel: {t_ledger / t_plain:.2f}")


if __name__ == "__main__":
    main()
