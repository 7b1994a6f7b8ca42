"""The extraction cache: a document already extracted with the same text, metadata and engine is not redone.

Entries are Parquet files under data/cache (or a folder of the caller's choice), keyed by a hash of the
document's text, its manifest fields and the engine version (every rule file and engine source file), so
changing any rule re-extracts everything.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .rules import RULES_DIR
from .schema import conform

_KEY_FIELDS = ("district", "published", "title")


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


def cache_key(doc_id: str, text: str, meta: dict) -> str:
    digest = hashlib.sha256()
    for part in (engine_version(), doc_id, *(str(meta.get(k) or "") for k in _KEY_FIELDS), text):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


class ClaimsCache:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.parquet"

    def get(self, key: str) -> pd.DataFrame | None:
        path = self._path(key)
        if not path.exists():
            return None
        try:
            return conform(pd.read_parquet(path))
        except (OSError, ValueError):
            return None  # a damaged entry is extracted again and overwritten

    def put(self, key: str, claims: pd.DataFrame) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        claims.to_parquet(tmp, index=False)
        os.replace(tmp, path)
