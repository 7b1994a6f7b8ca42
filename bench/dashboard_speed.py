"""How fast the dashboard renders and re-filters, on the seeds and on a synthetic table of 200,000 claims.

Run by hand: ``python bench/dashboard_speed.py [--rows 200000] [--repeat 3]``. Prints, for each table,
the median time of

- first render of a page (AppTest run with an empty cache: loading the parquet + drawing the page),
- a warm rerun (cache filled),
- a re-filter in the claims explorer (one district; then the same plus a free-text search),

next to a plain pandas filter of the same table as a baseline, and their ratio. The synthetic table
samples the seed claims with replacement and perturbs them (district, year, value, claim id); its
doc_ids stay real, so report links still work. Work files go to a temporary folder.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # no "missing ScriptRunContext" chatter

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import filters
from extract import load_claims
from extract.schema import conform

APP = ROOT / "dashboard" / "app.py"

DISTRICTS = ["金水区", "中原区", "二七区", "管城回族区", "惠济区", "上街区", "郑东新区", "高新区", "经开区", "航空港区"]
WORD = "党员"


def synthetic(seed_table: pd.DataFrame, rows: int, rng: np.random.Generator) -> pd.DataFrame:
    """``rows`` claims sampled from the seeds with district, year and value perturbed."""
    picked = seed_table.sample(n=rows, replace=True, random_state=int(rng.integers(1 << 31))).reset_index(drop=True)
    picked["district"] = rng.choice(DISTRICTS, size=rows)
    years = picked["year"].astype("Float64").fillna(2021).to_numpy(float)
    picked["year"] = pd.array((years + rng.integers(-3, 4, size=rows)).astype(int), dtype="Int64")
    factor = rng.lognormal(0.0, 0.35, size=rows)
    picked["value"] = np.round(picked["value"].to_numpy(float) * factor, 2)
    has_max = picked["value_max"].notna()
    picked.loc[has_max, "value_max"] = np.round(picked.loc[has_max, "value_max"].to_numpy(float) * factor[has_max], 2)
    picked["claim_id"] = [f"syn{i:07d}" for i in range(rows)]
    return conform(picked)


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median(action, repeat: int) -> float:
    return statistics.median(timed(action) for _ in range(repeat))


def measure(label: str, table_path: Path, corpus: Path, table: pd.DataFrame, repeat: int) -> list[tuple]:
    os.environ["LEDGER_DATA"], os.environ["LEDGER_CORPUS"] = str(table_path), str(corpus)
    loaded = load_claims()
    if len(loaded) != len(table):
        raise SystemExit(f"{label}: the engine rebuilt the table instead of reading {table_path}")
    district = table["district"].value_counts().index[0]
    results = []

    for page in ("views/overview.py", "views/claims.py", "views/compare.py"):
        def first_render(page=page) -> float:
            at = AppTest.from_file(str(APP), default_timeout=600).run()  # navigation is known after a run
            at.switch_page(page)
            st.cache_data.clear()  # cold: the table is loaded again, as in a fresh server
            st.cache_resource.clear()
            seconds = timed(at.run)
            assert not at.exception, [e.value for e in at.exception]
            return seconds

        results.append((label, f"first render {page.split('/')[-1]}",
                        statistics.median(first_render() for _ in range(repeat)), None))

    at = AppTest.from_file(str(APP), default_timeout=600).run()
    at.switch_page("views/claims.py").run()
    check(at, len(table))
    results.append((label, "warm rerun claims.py", median(lambda: at.run(), repeat), None))

    def refilter_district() -> None:
        at.multiselect(key="filter.district").set_value([]).run()
        at.multiselect(key="filter.district").set_value([district]).run()

    def refilter_text() -> None:
        at.text_input(key="filter.text").set_value("").run()
        at.text_input(key="filter.text").set_value(WORD).run()

    def pandas_district() -> pd.DataFrame:
        return table[table["district"] == district]

    def pandas_text() -> pd.DataFrame:
        return table[(table["district"] == district) & table["sentence"].str.contains(WORD, regex=False)]

    # each re-filter action reruns twice (clear, then set): halve it for one re-filter
    app_district = median(refilter_district, repeat) / 2
    check(at, len(pandas_district()))
    base_district = median(pandas_district, max(repeat, 5))
    results.append((label, "re-filter: district", app_district, base_district))
    app_text = median(refilter_text, repeat) / 2
    check(at, len(pandas_text()))
    base_text = median(pandas_text, max(repeat, 5))
    results.append((label, "re-filter: district + text", app_text, base_text))
    chosen = filters.Filters(district=(district,), text=WORD)
    results.append((label, "filters.apply alone", median(lambda: filters.apply(table, chosen), max(repeat, 5)),
                    base_text))
    return results


def check(at: AppTest, expected: int) -> None:
    """The page ran without error and shows ``expected`` claims (a timing of a broken run means nothing)."""
    assert not at.exception, [e.value for e in at.exception]
    line = next(m.value for m in at.markdown if "/" in m.value)
    shown = int(line.strip("*").split("/")[0].replace(",", ""))
    assert shown == expected, (shown, expected)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000, help="claims in the synthetic table")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (the median is printed)")
    args = parser.parse_args()
    rng = np.random.default_rng(20240501)

    with tempfile.TemporaryDirectory(prefix="ledger-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        shutil.copytree(ROOT / "seeds", corpus)
        for path in [corpus, *corpus.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        seeds_path = work / "seeds.parquet"
        os.environ["LEDGER_DATA"], os.environ["LEDGER_CORPUS"] = str(seeds_path), str(corpus)
        started = time.perf_counter()
        seed_table = load_claims(rebuild=True)
        print(f"extraction of the seeds: {time.perf_counter() - started:.2f} s, {len(seed_table):,} claims")

        big = synthetic(seed_table, args.rows, rng)
        big_path = work / "synthetic.parquet"
        time.sleep(0.01)
        big.to_parquet(big_path, index=False)
        os.utime(big_path, None)  # newer than the corpus, so the engine reads it as it is

        rows = measure(f"seeds ({len(seed_table):,})", seeds_path, corpus, seed_table, args.repeat)
        rows += measure(f"synthetic ({len(big):,})", big_path, corpus, big, args.repeat)

    width = max(len(r[0]) for r in rows)
    print(f"\n{'table':<{width}}  {'step':<30} {'dashboard':>10} {'pandas':>10} {'ratio':>8}")
    for label, step, seconds, baseline in rows:
        base = f"{baseline * 1000:8.1f}ms" if baseline else " " * 10
        ratio = f"{seconds / baseline:7.1f}x" if baseline else ""
        print(f"{label:<{width}}  {step:<30} {seconds * 1000:8.1f}ms {base} {ratio:>8}")


if __name__ == "__main__":
    main()
