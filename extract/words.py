"""Words: part-of-speech segmentation with the domain dictionary, loaded once and lazily, and cached per
phrase (the phrases around numbers repeat across reports).

The domain dictionary is rules/userdict.txt and the counted things of the category lexicon
(rules/categories.toml, ``[counted]``) that are nouns: 养老服务站, 村集体经济收入 and 安全隐患 stay whole
words, tagged as nouns, however jieba's own dictionary would cut or tag them; the gazetteers' district
names stay whole, tagged as places. A verb phrase of the
lexicon (培训党员: a verb, then its object) is left to the segmenter.

The segmenter is jieba's: rjieba (jieba-rs, the same dictionary and HMM compiled, about twenty times
faster than jieba's own part-of-speech tagger) when it is installed, else jieba itself. The domain
dictionary's parts of speech take precedence in both.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

from .rules import RULES_DIR, district_names, load_csv, load_toml

Tagger = Callable[[str], list]

#: Frequency given to the counted things of the lexicon, so that they stay whole.
LEXICON_FREQUENCY = 20000


def _userdict() -> list[tuple[str, int | None, str | None]]:
    out = []
    for line in (RULES_DIR / "userdict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            out.append((parts[0], int(parts[1]) if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None))
    return out


def _base() -> tuple[Tagger, Callable[[str, int | None, str | None], None]]:
    """(tag, add_word) of a segmenter with jieba's dictionary only."""
    try:
        import rjieba
    except ImportError:
        rjieba = None
    if rjieba is not None:
        segmenter = rjieba.Jieba()
        return segmenter.tag, segmenter.add_word
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    return (lambda text: [(w.word, w.flag) for w in tokenizer.cut(text)]), tokenizer.tokenizer.add_word


def _verb_phrase(tokens: list) -> bool:
    """A verb and its object (培训党员, 流转土地): it begins with a verb and goes on."""
    return len(tokens) > 1 and tokens[0][1].startswith("v") and tokens[0][1] != "vn"


@lru_cache(maxsize=1)
def _segmenter() -> tuple[Tagger, dict[str, str]]:
    """(tag, the domain dictionary's parts of speech)."""
    tag, add_word = _base()
    entries = _userdict()
    own = {word for word, _, _ in entries}
    lexicon = sorted({w for ws in load_toml("categories.toml")["counted"].values() for w in ws} - own)
    flags = {word: flag for word, _, flag in entries if flag}
    entries += [(w, LEXICON_FREQUENCY, "n") for w in lexicon
                if not _verb_phrase([(t, flags.get(t, f)) for t, f in tag(w)])]
    # The things of the metric lexicon (特困人员供养金, 适老化改造 …) stay whole too; not its occasions, which
    # a report writes as a doer and a deed (书记讲党课: the lecture is what is counted).
    known = own | set(lexicon)
    concepts = sorted({w for row in load_csv("concepts.csv") if row["kind"] != "activity"
                       for w in [row["zh"], *row["words"].split(";")] if len(w) >= 3} - known)
    entries += [(w, LEXICON_FREQUENCY, "n") for w in concepts
                if not _verb_phrase([(t, flags.get(t, f)) for t, f in tag(w)])]
    # District names stay whole and are tagged as places (管城回族区, 郑东新区): never what is counted.
    entries += [(name, LEXICON_FREQUENCY, "ns") for name in sorted(district_names() - own)]
    for word, freq, flag in entries:
        add_word(word, freq, flag)
    return tag, {word: flag for word, _, flag in entries if flag}


@lru_cache(maxsize=50000)
def cut(s: str) -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech flag) pairs of ``s``; a word of the domain dictionary keeps its own flag."""
    tag, flags = _segmenter()
    return tuple((w, flags.get(w, f)) for w, f in tag(s))


@lru_cache(maxsize=1)
def domain_terms() -> tuple[str, ...]:
    """The nouns of the domain dictionary, longest first."""
    _, flags = _segmenter()
    return tuple(sorted((w for w, flag in flags.items() if flag == "n"), key=len, reverse=True))
