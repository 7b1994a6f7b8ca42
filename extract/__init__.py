"""The district ledger's extraction engine: Chinese district reports in, a tidy claims table out.

>>> from extract import extract_text
>>> extract_text("1363名各级网格长分包干", district="金水区", published="2022")["value"].tolist()
[1363.0]
"""
from .pipeline import extract_text
from .runner import extract_corpus
from .store import load_claims

__all__ = ["extract_text", "extract_corpus", "load_claims"]
