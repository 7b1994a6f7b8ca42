"""Claim filters as a plain value, applied with pandas (no Streamlit, so notebooks and benches use it).

A ``Filters`` holds, for each facet, the values chosen (empty: no restriction), and a free text
searched in the sentence and the metric label. ``NONE`` chooses the rows where a facet is empty
(no sub-district, unknown year, no canonical metric, no flag).

>>> import pandas as pd
>>> table = pd.DataFrame({"district": ["金水区", "中原区"], "year": pd.array([2021, None], dtype="Int64"),
...                       "sentence": ["培训党员2.8万人次", "办复率98%"], "metric_label": ["培训党员", "办复率"]})
>>> apply(table, Filters(year=("none",)))["district"].tolist()
['中原区']
>>> apply(table, Filters(text="党员"))["district"].tolist()
['金水区']
>>> to_query(Filters(district=("金水区",), text="党员"))
{'district': ['金水区'], 'text': '党员'}
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

#: The value that picks rows where the facet is empty (NA).
NONE = "none"
#: Facets in the order the sidebar shows them; each is a column of the claims table.
FACETS: tuple[str, ...] = (
    "district", "subdistrict", "year", "category", "metric", "claim_type", "qualifier", "flags",
)
#: Columns the free text is searched in.
TEXT_COLUMNS: tuple[str, ...] = ("sentence", "metric_label")


@dataclass(frozen=True)
class Filters:
    """What a view shows: chosen values per facet (strings, as in a URL) and a free text."""

    district: tuple[str, ...] = ()
    subdistrict: tuple[str, ...] = ()
    year: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    metric: tuple[str, ...] = ()
    claim_type: tuple[str, ...] = ()
    qualifier: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    text: str = ""

    def is_empty(self) -> bool:
        return not self.text.strip() and not any(getattr(self, f) for f in FACETS)

    def with_values(self, **changes: Sequence[str] | str) -> Filters:
        clean = {k: (v.strip() if k == "text" else tuple(str(x) for x in v)) for k, v in changes.items()}
        return replace(self, **clean)


def apply(claims: pd.DataFrame, chosen: Filters) -> pd.DataFrame:
    """The rows of ``claims`` that ``chosen`` lets through, in their order."""
    mask = np.ones(len(claims), dtype=bool)
    for part in masks(claims, chosen).values():
        mask = mask & part
    return claims[mask]


def masks(claims: pd.DataFrame, chosen: Filters) -> dict[str, np.ndarray]:
    """One boolean mask per restriction in use (each facet chosen, and ``text``)."""
    out: dict[str, np.ndarray] = {}
    for facet in FACETS:
        values = getattr(chosen, facet)
        if values and facet in claims.columns:
            out[facet] = facet_mask(claims[facet], values, facet)
    words = chosen.text.split()
    if words:
        haystack = _search_text(claims)
        mask = np.ones(len(claims), dtype=bool)
        for word in words:
            mask = mask & np.asarray(haystack.str.contains(word, case=False, regex=False).fillna(False), dtype=bool)
        out["text"] = mask
    return out


def facet_counts(claims: pd.DataFrame, chosen: Filters) -> dict[str, list[tuple[str, int]]]:
    """For each facet, its values and counts within the current selection, as Datasette counts them:
    over the rows every *other* restriction lets through (a facet's own choice does not narrow its counts).

    >>> import pandas as pd
    >>> table = pd.DataFrame({"district": ["金水区", "中原区", "金水区"], "category": ["民生服务", "民生服务", "党员教育"]})
    >>> facet_counts(table, Filters(district=("中原区",)))["category"]
    [('民生服务', 1)]
    >>> facet_counts(table, Filters(district=("中原区",)))["district"]
    [('金水区', 2), ('中原区', 1)]
    """
    parts = masks(claims, chosen)
    everything = np.ones(len(claims), dtype=bool)
    out: dict[str, list[tuple[str, int]]] = {}
    for facet in FACETS:
        if facet not in claims.columns:
            continue
        mask = everything
        for name, part in parts.items():
            if name != facet:
                mask = mask & part
        out[facet] = facet_values(claims[mask] if mask is not everything else claims, facet)
    return out


def facet_mask(column: pd.Series, values: Sequence[str], facet: str = "") -> np.ndarray:
    """Rows of ``column`` matching any of ``values`` (``NONE`` matches NA and empty)."""
    wanted = [v for v in values if v != NONE]
    empty = np.asarray(column.isna(), dtype=bool)
    if facet == "flags":
        text = column.fillna("").astype(str)
        empty = np.asarray(text == "", dtype=bool)
        hit = np.zeros(len(column), dtype=bool)
        if wanted:
            pattern = r"(?:^|;)\s*(?:" + "|".join(re.escape(v) for v in wanted) + r")\s*(?:;|$)"
            hit = np.asarray(text.str.contains(pattern, regex=True), dtype=bool)
    elif pd.api.types.is_numeric_dtype(column):
        numbers = [int(v) for v in wanted if _is_int(v)]
        hit = np.asarray(column.isin(numbers).fillna(False), dtype=bool)
    else:
        empty = empty | np.asarray(column.fillna("") == "", dtype=bool)
        hit = np.asarray(column.isin(wanted).fillna(False), dtype=bool)
    return hit | empty if NONE in values else hit


def facet_values(claims: pd.DataFrame, facet: str) -> list[tuple[str, int]]:
    """(value, count) of a facet, most frequent first; ``NONE`` counts the empty rows."""
    if facet not in claims.columns:
        return []
    column = claims[facet]
    if facet == "flags":
        parts = column.dropna().astype(str).str.split(";").explode().str.strip()
        counts = parts[parts != ""].value_counts()
        empty = int((column.fillna("").astype(str).str.strip() == "").sum())
    else:
        present = column.dropna()
        if not pd.api.types.is_numeric_dtype(column):
            present = present[present != ""]
        counts = present.astype(str).value_counts()
        empty = len(column) - len(present)
    pairs = [(str(k), int(v)) for k, v in counts.items()]
    if facet == "year":
        pairs.sort(key=lambda p: p[0], reverse=True)
    else:
        pairs.sort(key=lambda p: (-p[1], p[0]))
    if empty:
        pairs.append((NONE, empty))
    return pairs


def from_query(params: Mapping[str, str | Sequence[str]]) -> Filters:
    """Filters from URL query parameters (repeated keys or one value per key)."""
    values: dict[str, object] = {}
    for f in fields(Filters):
        raw = params.get(f.name)
        if raw is None:
            continue
        items = [raw] if isinstance(raw, str) else list(raw)
        if f.name == "text":
            values["text"] = " ".join(str(i) for i in items).strip()
        else:
            values[f.name] = tuple(dict.fromkeys(str(i) for i in items if str(i)))
    return Filters(**values)


def to_query(chosen: Filters) -> dict[str, list[str] | str]:
    """URL query parameters for ``chosen`` (only the facets in use)."""
    out: dict[str, list[str] | str] = {f: list(getattr(chosen, f)) for f in FACETS if getattr(chosen, f)}
    if chosen.text.strip():
        out["text"] = chosen.text.strip()
    return out


def describe(chosen: Filters) -> dict[str, str]:
    """The filters in use, as ``{facet: "a、b"}`` (for the About sheet of an export)."""
    return {k: ("、".join(v) if isinstance(v, list) else v) for k, v in to_query(chosen).items()}


def _search_text(claims: pd.DataFrame) -> pd.Series:
    cols = [c for c in TEXT_COLUMNS if c in claims.columns]
    if not cols:
        return pd.Series([""] * len(claims), index=claims.index, dtype="string")
    text = claims[cols[0]].fillna("").astype("string")
    for col in cols[1:]:
        text = text + "\n" + claims[col].fillna("").astype("string")
    return text


def _is_int(value: str) -> bool:
    return value.lstrip("-").isdigit()
