"""What the dashboard knows about districts beyond the claims: a fixed order, a colour each, English
names, population and area (``extract/rules/district_facts.csv``) with the source of each figure.

The order is the gazetteer's (``extract/rules/gazetteer.csv``), then the city; it never depends on which
districts a table happens to hold, so a district keeps its colour on every chart and every page.

>>> district_colour("金水区") == district_colours(["二七区", "金水区"])["金水区"] == district_colours(["金水区"])["金水区"]
True
"""
from __future__ import annotations

import zlib
from functools import lru_cache

import pandas as pd
from plotly.colors import qualitative

from extract.places import gazetteer
from extract.rules import load_csv

#: The whole city, for claims about Zhengzhou as a whole.
CITY = "郑州市"
#: One colour per place in ``order()``; distinct hues first.
PALETTE: tuple[str, ...] = tuple(qualitative.Plotly + qualitative.D3)
#: Colours for names the gazetteer lacks, picked by a digest of the name (so still fixed).
SPARE: tuple[str, ...] = ("#7f7f7f", "#a6761d", "#666666", "#1b9e77", "#e7298a")


@lru_cache(maxsize=1)
def order() -> tuple[str, ...]:
    """Every district of Zhengzhou in the gazetteer's order, then the city (districts from elsewhere
    take a spare colour)."""
    names = list(gazetteer().home)
    return tuple(names + ([CITY] if CITY not in names else []))


def district_colour(name: str) -> str:
    """The colour of ``name`` on every chart."""
    index = {d: i for i, d in enumerate(order())}.get(name)
    if index is not None and index < len(PALETTE):
        return PALETTE[index]
    return SPARE[zlib.crc32(str(name).encode("utf-8")) % len(SPARE)]


def district_colours(names) -> dict[str, str]:
    """``{name: colour}`` for the given names (each the colour :func:`district_colour` gives it)."""
    return {n: district_colour(n) for n in names}


def sort_districts(names) -> list[str]:
    """Names in the fixed order (the gazetteer's); unknown names after, alphabetically."""
    rank = {d: i for i, d in enumerate(order())}
    return sorted(set(names), key=lambda n: (rank.get(n, len(rank)), str(n)))


@lru_cache(maxsize=1)
def table() -> pd.DataFrame:
    """district_facts.csv as a table indexed by district (population and area as floats)."""
    rows = load_csv("district_facts.csv")
    frame = pd.DataFrame(list(rows)).set_index("district")
    for column in ("population", "area_km2"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    for column in ("population_estimate", "area_estimate"):
        frame[column] = frame[column].str.lower().isin(["yes", "true", "1"])
    return frame


def english_name(name: str) -> str | None:
    """The English name of a district, or None when the facts lack it."""
    facts = table()
    if name in facts.index and facts.at[name, "name_en"]:
        return str(facts.at[name, "name_en"])
    return None
