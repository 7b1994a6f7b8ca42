"""Numbers as shown on screen: value with its qualifier mark, range and unit.

>>> amount(28000.0, None, "人次", "exact")
'28,000 人次'
>>> amount(22000.0, None, "名", "over")
'≥22,000 名'
>>> amount(2.0, 3.0, "件", "exact")
'2~3 件'
>>> amount(0.3333, None, "share", "about")
'≈0.3333 share'
"""
from __future__ import annotations

import math

import pandas as pd

from extract.excel import QUALIFIER_MARKS


def number(value: float | None) -> str:
    """A number with thousands separators; decimals only when it has them."""
    if value is None or pd.isna(value):
        return ""
    value = float(value)
    if math.isfinite(value) and value.is_integer():
        return f"{value:,.0f}"
    return f"{value:,.4g}" if abs(value) >= 1e6 else f"{value:,.4f}".rstrip("0").rstrip(".")


def mark(qualifier: str | None) -> str:
    """The sign shown before a number for its qualifier (≥ over/at least, ≈ about, ~ nearly)."""
    if qualifier is None or pd.isna(qualifier):
        return ""
    return QUALIFIER_MARKS.get(str(qualifier), "")


def amount(value: float | None, value_max: float | None, unit: str | None, qualifier: str | None) -> str:
    """``value`` (and ``value_max``) with qualifier mark and unit, e.g. ``≥22,000 名``, ``2~3 件``."""
    text = mark(qualifier) + number(value)
    if value_max is not None and not pd.isna(value_max):
        text += "~" + number(value_max)
    if unit is not None and not pd.isna(unit) and str(unit):
        text += " " + str(unit)
    return text


def amounts(table: pd.DataFrame) -> pd.Series:
    """:func:`amount` of every row of a claims table."""
    return pd.Series(
        [amount(v, m, u, q) for v, m, u, q in zip(table["value"], table["value_max"], table["unit"], table["qualifier"])],
        index=table.index, dtype="string",
    )
