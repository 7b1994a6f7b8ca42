"""Words: part-of-speech segmentation with the domain dictionary in rules/userdict.txt, loaded once and
lazily, and cached per phrase (the phrases around numbers repeat across reports).

The segmenter is jieba's: rjieba (jieba-rs, the same dictionary and HMM compiled, about twenty times
faster than jieba's own part-of-speech tagger) when it is installed, else jieba itself. The domain
dictionary's words and their parts of speech take precedence in both.
"""
from __future__ import annotations

from functools import lru_cache

from .rules import RULES_DIR


def _dictionary() -> list[tuple[str, int | None, str | None]]:
    out = []
    for line in (RULES_DIR / "userdict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            out.append((parts[0], int(parts[1]) if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None))
    return out


@lru_cache(maxsize=1)
def _user_tags() -> dict[str, str]:
    return {word: flag for word, _, flag in _dictionary() if flag}


@lru_cache(maxsize=1)
def _tagger():
    """A function text → [(word, flag)], with the domain dictionary added."""
    try:
        import rjieba
    except ImportError:
        rjieba = None
    if rjieba is not None:
        segmenter = rjieba.Jieba()
        for word, freq, flag in _dictionary():
            segmenter.add_word(word, freq, flag)
        return segmenter.tag
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    for word, freq, flag in _dictionary():
        tokenizer.tokenizer.add_word(word, freq, flag)
    return lambda text: [(w.word, w.flag) for w in tokenizer.cut(text)]


@lru_cache(maxsize=50000)
def cut(s: str) -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech flag) pairs of ``s``; a word of the domain dictionary keeps its own flag."""
    tags = _user_tags()
    return tuple((w, tags.get(w, f)) for w, f in _tagger()(s))


@lru_cache(maxsize=1)
def domain_terms() -> tuple[str, ...]:
    """The nouns of the domain dictionary, longest first."""
    return tuple(sorted((w for w, _, flag in _dictionary() if flag == "n"), key=len, reverse=True))
