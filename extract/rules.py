"""Loading the rule files under extract/rules/ (TOML and CSV data a domain expert can edit)."""
from __future__ import annotations

import csv
import tomllib
from functools import lru_cache
from pathlib import Path

RULES_DIR = Path(__file__).with_name("rules")


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict:
    with open(RULES_DIR / name, "rb") as f:
        return tomllib.load(f)


@lru_cache(maxsize=None)
def load_csv(name: str) -> tuple[dict, ...]:
    with open(RULES_DIR / name, encoding="utf-8", newline="") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return tuple({k: (v or "").strip() for k, v in row.items()} for row in rows)


@lru_cache(maxsize=1)
def district_names() -> frozenset[str]:
    """The full names of the districts, counties and cities the gazetteers hold (金水区, 中牟县, 龙亭区)."""
    names = {r["name"] for r in load_csv("gazetteer.csv") if r["name"] == r["district"]}
    names |= {r["name"] for r in load_csv("districts_elsewhere.csv")}
    return frozenset(n for n in names if len(n) >= 3)


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """The prefecture-level cities the gazetteers' districts lie in (郑州市, 开封市 …)."""
    return frozenset({"郑州市"} | {r["city"] for r in load_csv("districts_elsewhere.csv") if r.get("city")})
