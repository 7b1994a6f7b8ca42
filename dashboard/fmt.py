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
import re

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


def magnitude_zh(value: float | None) -> str:
    """A number in Chinese magnitudes for axes and compact labels: 5亿, 2.8万, 1,625 (below 万 as is).

    >>> magnitude_zh(500_000_000), magnitude_zh(28_000), magnitude_zh(1_625_583), magnitude_zh(9_999)
    ('5亿', '2.8万', '162.56万', '9,999')
    >>> magnitude_zh(-120_000), magnitude_zh(0)
    ('-12万', '0')
    """
    if value is None or pd.isna(value):
        return ""
    value = float(value)
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= size:
            scaled = round(value / size, 2)
            return (f"{scaled:,.0f}" if scaled.is_integer() else f"{scaled:,.2f}".rstrip("0").rstrip(".")) + word
    return number(value)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round tick values covering ``low``..``high`` (1, 2, 2.5 or 5 times a power of ten).

    >>> nice_ticks(0, 480_000_000)
    [0.0, 100000000.0, 200000000.0, 300000000.0, 400000000.0, 500000000.0]
    >>> nice_ticks(0, 0)
    [0.0, 1.0]
    """
    low, high = float(min(low, high)), float(max(low, high))
    if high - low <= 0:
        return [low, low + 1.0]
    raw = (high - low) / max(1, count)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks, at = [], first
    while at < high + step * 0.999:
        ticks.append(round(at, 10) + 0.0)
        at += step
    return ticks


def axis_label(value: float, lang: str) -> str:
    """A tick label: Chinese magnitudes in zh, thousands separators in en."""
    return magnitude_zh(value) if lang == "zh" else number(value)


_LONG_NUMBER = re.compile(r"(?<![\d.,])\d{5,}(?![\d])")


def grouped(text: str | None) -> str:
    """``text`` with thousands separators in every run of five or more digits (four-digit runs, which
    are mostly years, are left alone; decimals after a point too).

    >>> grouped("党员44984万名，超过金水区常住人口 1625583 的 30%（上限 487675）；2021 年")
    '党员44,984万名，超过金水区常住人口 1,625,583 的 30%（上限 487,675）；2021 年'
    >>> grouped("3.14159")
    '3.14159'
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return _LONG_NUMBER.sub(lambda m: f"{int(m.group()):,}", str(text))
