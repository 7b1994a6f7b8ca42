"""The claims table's contract: column order, dtypes, and the closed vocabularies."""
from __future__ import annotations

import numpy as np
import pandas as pd

#: Column order of every claims table the package returns or writes.
COLUMNS: list[str] = [
    "claim_id", "doc_id", "district", "subdistrict", "year", "period", "metric", "metric_label",
    "subject", "category", "claim_type", "value", "value_max", "unit", "qualifier", "raw",
    "sentence", "start", "end", "flags",
]

DTYPES: dict[str, str] = {
    "claim_id": "string", "doc_id": "string", "district": "string", "subdistrict": "string",
    "year": "Int64", "period": "string", "metric": "string", "metric_label": "string",
    "subject": "string", "category": "string", "claim_type": "string", "value": "float64",
    "value_max": "float64", "unit": "string", "qualifier": "string", "raw": "string",
    "sentence": "string", "start": "int64", "end": "int64", "flags": "string",
}

CATEGORIES: tuple[str, ...] = (
    "党建组织", "党员教育", "干部队伍", "人才工作", "基层治理", "民生服务",
    "经济发展", "营商环境", "疫情防控", "宣传文化", "城市建设",
)
CLAIM_TYPES: tuple[str, ...] = ("achievement", "target", "policy", "context")
QUALIFIERS: tuple[str, ...] = ("exact", "over", "nearly", "about", "at_least")


def empty_claims() -> pd.DataFrame:
    """A claims table with no rows and the right columns and dtypes."""
    return conform(pd.DataFrame({c: [] for c in COLUMNS}))


def from_columns(columns: dict[str, list]) -> pd.DataFrame:
    """A claims table built directly from one list of values per column (None for missing), each column
    made once in its final dtype: far cheaper than building a frame and casting it."""
    data = {}
    for col, dtype in DTYPES.items():
        values = columns.get(col) or []
        if dtype == "float64":
            data[col] = np.array([np.nan if v is None else v for v in values], dtype=float)
        elif dtype == "int64":
            data[col] = np.array(values, dtype=np.int64)
        else:
            data[col] = pd.array(values, dtype=dtype)
    return pd.DataFrame(data, columns=COLUMNS)


def conform(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with exactly the schema's columns, in order, with the schema's dtypes."""
    out = df.reindex(columns=COLUMNS)
    for col, dtype in DTYPES.items():
        out[col] = out[col].astype(dtype)
    return out.reset_index(drop=True)
