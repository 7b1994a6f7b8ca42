"""Words: jieba's part-of-speech segmentation with the domain dictionary in rules/userdict.txt, loaded
once and lazily, and cached per phrase (the phrases around numbers repeat across reports)."""
from __future__ import annotations

from functools import lru_cache

import jieba
import jieba.posseg

from .rules import RULES_DIR


def _dictionary() -> list[tuple[str, int | None, str | None]]:
    out = []
    for line in (RULES_DIR / "userdict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            out.append((parts[0], int(parts[1]) if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None))
    return out


@lru_cache(maxsize=1)
def tokenizer() -> jieba.posseg.POSTokenizer:
    jieba.setLogLevel(60)
    tok = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    for word, freq, flag in _dictionary():
        tok.tokenizer.add_word(word, freq, flag)
    return tok


@lru_cache(maxsize=50000)
def cut(s: str) -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech flag) pairs of ``s``."""
    return tuple((w.word, w.flag) for w in tokenizer().cut(s))


@lru_cache(maxsize=1)
def domain_terms() -> tuple[str, ...]:
    """The nouns of the domain dictionary, longest first."""
    return tuple(sorted((w for w, _, flag in _dictionary() if flag == "n"), key=len, reverse=True))
