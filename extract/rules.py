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
