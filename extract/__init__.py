"""The district ledger's extraction engine: Chinese district reports in, a tidy claims table out.

>>> from extract import extract_text
>>> extract_text("1363名各级网格长分包干", district="金水区", published="2022")["value"].tolist()
[1363.0]
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["extract_text", "extract_corpus", "load_claims"]
# Where each public name lives; a module is imported when its name is first used, so a run that takes
# every document from the cache never loads the segmenter.
_HOMES = {"extract_text": "pipeline", "extract_corpus": "runner", "load_claims": "store"}

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import extract_text
    from .runner import extract_corpus
    from .store import load_claims


def __getattr__(name: str):
    if name in _HOMES:
        from importlib import import_module

        value = getattr(import_module(f".{_HOMES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
