"""The data behind the Compare page: one canonical metric by district and year (no Streamlit).

``cells`` picks, for each unit, claim type, district and year, the claim the chart shows: the largest
value stated, mentions flagged ``repeat`` and values the checks flag left aside when another claim is
there. Nothing is ever summed, and values in different units or of different claim types never share a
cell, so a target is never joined to an achievement. Values the checks flag (``FLAGGED``) are left out
by default and counted; asked to, they are kept and marked.

Per-capita (per 10,000 residents) and per-area (per km²) values divide by the figures of
``extract/rules/district_facts.csv``; each cell carries the denominator, its source and whether it is
an estimate. Only quantities that can be divided (counts, money, areas …) get them, never a rate, a
share or a rank.

>>> import pandas as pd
>>> claims = pd.DataFrame({
...     "claim_id": ["a", "b", "c"], "doc_id": ["x.txt"] * 3, "district": ["金水区"] * 3,
...     "year": pd.array([2021, 2021, 2021], dtype="Int64"), "metric": ["m"] * 3, "unit": ["名"] * 3,
...     "claim_type": ["achievement", "achievement", "target"], "value": [300.0, 9e8, 500.0],
...     "value_max": [None] * 3, "qualifier": ["exact"] * 3, "raw": ["300名", "9亿名", "500名"],
...     "sentence": ["s"] * 3, "start": [0, 5, 9], "end": [4, 8, 12], "flags": ["", "implausible", ""]})
>>> result = cells(claims, "m")
>>> result.table[["claim_id", "value"]].values.tolist(), result.omitted_flagged
([['a', 300.0]], 1)
>>> sorted(cells(claims, "m", claim_types=("achievement", "target"), flagged="mark").table["claim_id"])
['a', 'c']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import facts
from extract.numbers import unit_dimension

#: Flags the checks set on a claim whose value does not add up (``extract.checks``).
FLAGGED: tuple[str, ...] = ("implausible", "rate_mismatch", "part_exceeds_total", "conflict", "jump")
#: Measures: the value as stated, per 10,000 residents, per km².
MEASURES: tuple[str, ...] = ("value", "capita", "area")
PER_RESIDENTS = 10_000
#: Dimensions of units that can be divided by population or area (``extract.numbers.unit_dimension``).
DIVISIBLE: frozenset[str] = frozenset({"people", "items", "events", "money", "area", "length", "mass", "volume",
                                       "energy", "power", "time"})
COLUMNS = ["unit", "claim_type", "district", "year", "value", "value_max", "qualifier", "raw", "n",
           "flagged", "flags", "shown", "shown_max", "denominator", "denominator_source",
           "denominator_estimate", "claim_id", "doc_id", "sentence", "start", "end", "claim_ids"]

_FLAGGED = re.compile(r"(?:^|;)\s*(?:" + "|".join(FLAGGED) + r")\s*(?:;|$)")
_REPEAT = re.compile(r"(?:^|;)\s*repeat\s*(?:;|$)")


@dataclass
class Comparison:
    """The cells to show, and how many claims of the selection were left out and why."""

    table: pd.DataFrame
    omitted_flagged: int = 0
    omitted_types: int = 0
    no_denominator: int = 0


def divisible(unit: str | None) -> bool:
    """Whether a per-capita or per-area value of ``unit`` means something (counts yes, rates no)."""
    return bool(unit) and unit_dimension(unit) in DIVISIBLE


def is_flagged(flags: pd.Series) -> np.ndarray:
    """Rows whose flags name a check finding."""
    return np.asarray(flags.fillna("").astype(str).str.contains(_FLAGGED), dtype=bool)


def selection(claims: pd.DataFrame, metric: str, *, districts=(), years: tuple[int, int] | None = None,
              unknown_years: bool = True) -> pd.DataFrame:
    """The claims of ``metric`` in the chosen districts and year range (all claim types)."""
    rows = claims[claims["metric"] == metric]
    if districts:
        rows = rows[rows["district"].isin(list(districts))]
    if years is not None:
        year = rows["year"].astype("Float64")
        inside = (year >= years[0]) & (year <= years[1])
        keep = inside.fillna(False) | (year.isna() if unknown_years else False)
        rows = rows[np.asarray(keep, dtype=bool)]
    return rows


def cells(claims: pd.DataFrame, metric: str, *, districts=(), years: tuple[int, int] | None = None,
          unknown_years: bool = True, claim_types=("achievement",), flagged: str = "omit",
          measure: str = "value") -> Comparison:
    """One row per (unit, claim type, district, year) of ``metric``: the claim shown, and its measure."""
    rows = selection(claims, metric, districts=districts, years=years, unknown_years=unknown_years)
    typed = rows[rows["claim_type"].isin(list(claim_types))] if claim_types else rows
    result = Comparison(pd.DataFrame(columns=COLUMNS), omitted_types=len(rows) - len(typed))
    bad = is_flagged(typed["flags"])
    if flagged != "mark":
        result.omitted_flagged = int(bad.sum())
        typed, bad = typed[~bad], bad[~bad]
    if typed.empty:
        return result
    work = typed.assign(
        unit=typed["unit"].fillna(""), claim_type=typed["claim_type"].fillna(""),
        _bad=bad, _repeat=np.asarray(typed["flags"].fillna("").astype(str).str.contains(_REPEAT), dtype=bool),
        _year=typed["year"].astype("Float64").fillna(-1),
    )
    keys = ["unit", "claim_type", "district", "_year"]
    work = work.sort_values(keys + ["_bad", "_repeat", "value"], ascending=[True] * 4 + [True, True, False],
                            kind="stable")
    grouped = work.groupby(keys, sort=False, dropna=False)
    ids = grouped["claim_id"].agg(lambda s: ";".join(s.astype(str)))
    table = work.drop_duplicates(keys).reset_index(drop=True)
    table["n"] = grouped.size().to_numpy()
    table["claim_ids"] = ids.to_numpy()
    table["flagged"] = table["_bad"].astype(bool)
    table["flags"] = table["flags"].fillna("")
    table = _measured(table, measure, result)
    result.table = table.reindex(columns=COLUMNS).reset_index(drop=True)
    return result


def _measured(table: pd.DataFrame, measure: str, result: Comparison) -> pd.DataFrame:
    table = table.copy()
    if measure not in ("capita", "area"):
        table["shown"], table["shown_max"] = table["value"], table["value_max"]
        table["denominator"], table["denominator_source"], table["denominator_estimate"] = np.nan, "", False
        return table
    known = facts.table()
    column = "population" if measure == "capita" else "area_km2"
    source = "population_source" if measure == "capita" else "area_source"
    estimate = "population_estimate" if measure == "capita" else "area_estimate"
    denominator = table["district"].map(known[column]).astype(float)
    denominator = denominator.where(denominator > 0)
    usable = denominator.notna() & table["unit"].map(divisible).astype(bool)
    result.no_denominator = int((~usable).sum())
    table = table[usable.to_numpy()].copy()
    denominator = denominator[usable]
    scale = (PER_RESIDENTS / denominator) if measure == "capita" else (1.0 / denominator)
    table["shown"] = table["value"] * scale
    table["shown_max"] = table["value_max"] * scale
    table["denominator"] = denominator
    table["denominator_source"] = table["district"].map(known[source]).fillna("")
    table["denominator_estimate"] = table["district"].map(known[estimate]).fillna(False).astype(bool)
    return table
