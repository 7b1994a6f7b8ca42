"""The extraction cache: a document already extracted with the same text, metadata and engine is not redone.

Entries are small JSON files under data/cache (or a folder of the caller's choice), keyed by a hash of
the document's text, the manifest fields the engine reads (district, published, title) and the engine
version (every rule file and engine source file). The file's name and place are not in the key, so a
renamed or moved copy is found in the cache; changing any rule re-extracts everything. JSON keeps the
entries readable by any process without Parquet, and keeps a run from the cache from loading more than
pandas.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .rules import RULES_DIR
from .schema import COLUMNS

#: The manifest fields the engine reads; the others (source, url, note) do not change the claims.
KEY_FIELDS = ("district", "published", "title")
# Bumped when the layout of an entry changes, so old entries are extracted again, never misread.
_ENTRY_FORMAT = 2


@lru_cache(maxsize=1)
def engine_version() -> str:
    """A digest of every rule file and every engine source file."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted([*RULES_DIR.iterdir(), *package.glob("*.py")]):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(text: str, meta: dict) -> str:
    """The key of a document: its text, its manifest fields the engine reads, the engine version."""
    digest = hashlib.sha256()
    for part in (str(_ENTRY_FORMAT), engine_version(), *(str(meta.get(k) or "") for k in KEY_FIELDS), text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


@dataclass
class Entry:
    """A cached extraction: the claims as columns of plain values, the doc_id they were made for, and
    the count of numbers the engine left unread."""

    columns: dict[str, list]
    doc_id: str
    unread: int = 0

    def __len__(self) -> int:
        return len(self.columns.get("claim_id", ()))


def unusable(folder: str | Path) -> str | None:
    """Why entries cannot be written under ``folder`` (one short reason), or None when they can."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


class ClaimsCache:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Entry | None:
        """The entry under ``key``; None when there is none or it is damaged (it is then redone)."""
        try:
            data = json.loads(self._path(key).read_bytes())
            columns = data["columns"]
            if data.get("format") != _ENTRY_FORMAT or list(columns) != COLUMNS:
                return None
            if len({len(values) for values in columns.values()}) > 1:
                return None
            return Entry(columns, str(data["doc_id"]), int(data.get("unread") or 0))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, claims: pd.DataFrame | dict[str, list], doc_id: str, unread: int = 0) -> None:
        """Store ``claims`` (a table, or its columns of plain values); raises OSError when the entry
        cannot be written (no temporary file is left)."""
        path = self._path(key)
        columns = ({c: list(claims[c]) for c in COLUMNS} if isinstance(claims, dict)
                   else {c: _plain(claims[c]) for c in COLUMNS})
        payload = {"format": _ENTRY_FORMAT, "doc_id": doc_id, "unread": int(unread), "columns": columns}
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


def _plain(series: pd.Series) -> list:
    """The values of a column as JSON values: missing ones (NA, NaN) as null."""
    return [None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else _scalar(v)
            for v in series.astype(object).tolist()]


def _scalar(value):
    return value.item() if hasattr(value, "item") else value
