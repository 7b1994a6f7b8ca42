"""Canonical metrics: the taxonomy in rules/metrics.toml that makes districts comparable.

``python -m extract.coverage seeds`` prints how much of a corpus the taxonomy covers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .rules import load_toml


@dataclass(frozen=True)
class ClaimContext:
    """What the metric matcher may read about one claim: its words, its text around and its number."""

    subject: str  # the head noun counted (党员)
    label: str  # verb + phrase (培训党员)
    phrase: str  # the full noun phrase whose head is the subject
    before: str  # its clause's text before the number (back to the previous number)
    after: str  # its clause's text after the number (up to the next number)
    clause: str
    sentence: str
    unit: str | None  # canonical unit (元, %, share, 名次, 人次 …)
    unit_raw: str | None  # the measure word as written
    kind: str  # count, percent, share, rank
    value: float
    qualifier: str
    claim_type: str  # achievement, target, policy, context


@dataclass(frozen=True)
class Metric:
    key: str
    zh: str
    en: str
    category: str
    units: tuple[str, ...]
    what: re.Pattern
    context: re.Pattern | None
    exclude: re.Pattern | None

    def matches(self, what: str, clause: str, unit: str | None) -> bool:
        if self.units and unit not in self.units:
            return False
        if not self.what.search(what):
            return False
        if self.context is not None and not self.context.search(clause):
            return False
        return not (self.exclude is not None and self.exclude.search(what + " " + clause))


@lru_cache(maxsize=1)
def taxonomy() -> tuple[Metric, ...]:
    out = []
    for m in load_toml("metrics.toml")["metric"]:
        out.append(Metric(m["key"], m["zh"], m["en"], m["category"], tuple(m.get("units", ())),
                          re.compile(m["what"]), re.compile(m["context"]) if m.get("context") else None,
                          re.compile(m["not"]) if m.get("not") else None))
    return tuple(out)


def metric_labels() -> dict[str, tuple[str, str]]:
    """{metric key: (Chinese label, English label)} for every canonical metric."""
    return {m.key: (m.zh, m.en) for m in taxonomy()}


def match_metric(claim: ClaimContext) -> Metric | None:
    """The first canonical metric whose rules hold for a claim, or None: never forced."""
    what = f"{claim.subject} {claim.label}"
    return next((m for m in taxonomy() if m.matches(what, claim.clause, claim.unit)), None)


def coverage(claims: pd.DataFrame) -> dict:
    """Share of achievement claims with a canonical metric, and the metrics comparable across districts or years."""
    achieved = claims[claims["claim_type"] == "achievement"]
    with_metric = achieved["metric"].notna().mean() if len(achieved) else 0.0
    spread = claims.dropna(subset=["metric"]).groupby("metric").agg(
        districts=("district", "nunique"), years=("year", "nunique"),
        district_years=("district", lambda s: s.index.size))
    by_district = claims.dropna(subset=["metric"]).groupby(["metric", "district"])["year"].nunique()
    multi_year = set(by_district[by_district >= 2].index.get_level_values(0))
    comparable = sorted(set(spread.index[spread["districts"] >= 2]) | multi_year)
    return {"achievement_claims": len(achieved), "achievement_with_metric": float(with_metric),
            "comparable_metrics": comparable}
