"""What a claim counts: its subject, a short label, its category, its claim type and canonical metric.

The subject is found from the words around the number, segmented by jieba with the domain dictionary
in ``rules/userdict.txt``: the noun phrase right after the measure word (设置771个核酸采样小屋), else the one
right before the number (在孵企业近3500家, 办复率98%), else the one shared with the claim before it in a
list (组建楼院党支部135个,楼栋党小组867个), else the nearest domain term in the sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import words
from .rules import load_toml
from .schema import CATEGORIES

_QUOTE_MARKS = str.maketrans("", "", "“”‘’\"「」『』《》【】")
_NOUNISH = ("n", "vn", "j", "nz", "nt", "ns", "ng", "an", "l", "eng", "nr")
_WORDS = load_toml("subjects.toml")  # word lists of the subject finder (rules/subjects.toml)
_LINKS = frozenset(_WORDS["links"])
_STOP_WORDS = frozenset(_WORDS["stop_words"])
_PERSON_UNITS = frozenset(_WORDS["person_units"])
_MAX_LABEL = _WORDS["max_label"]


@dataclass
class Sense:
    subject: str
    label: str
    phrase: str  # the full noun phrase (subject is its head)


def _cut(s: str) -> tuple[tuple[str, str], ...]:
    return words.cut(s)


def _domain_terms() -> tuple[str, ...]:
    return words.domain_terms()


def _nounish(word: str, flag: str) -> bool:
    return flag.startswith(_NOUNISH) or word in ("(社区)", "（社区）")


def _head(tokens: list[tuple[str, str]], strict: bool = True) -> str:
    """The head noun of a phrase: its last noun, with the one before when the last is a single character.

    Strictly, a phrase of verbal nouns alone (建设, 活动) has no head: the subject is then looked for
    elsewhere first.
    """
    nouns = [w for w, f in tokens if _nounish(w, f)]
    if not nouns or (strict and not any(_is_noun(w, f) for w, f in tokens)):
        return ""
    head = nouns[-1]
    if len(head) == 1 and len(nouns) > 1:
        head = nouns[-2] + head
    if head in ("(社区)", "（社区）") and len(nouns) > 1:
        head = nouns[-2] + head
    return head


def _prepare(s: str) -> str:
    return s.translate(_QUOTE_MARKS).replace("村(社区)", "村社区").replace("村（社区）", "村社区")


def _restore(s: str) -> str:
    return s.replace("村社区", "村(社区)")


def phrase_after(after: str) -> tuple[list[tuple[str, str]], str]:
    """The noun phrase right after a measure word, and the verb that governs it when it follows a verb."""
    tokens = list(_cut(_prepare(after)[:18]))
    verb = ""
    if tokens and tokens[0][1].startswith("v") and not _nounish(*tokens[0]):
        verb, tokens = tokens[0][0], tokens[1:]  # 11次召开专题会议
    words = [w for w, _ in tokens]
    # 表现突出的优秀干部, 素质高、能力强的年轻大学生: a modifier (no noun, or nouns described by adjectives),
    # then 的, then the counted thing; 43个社区党群服务中心的规范化创建 and 100名年轻干部组成的队伍 keep
    # the noun before 的.
    if "的" in words[:8]:
        modifier = tokens[:words.index("的")]
        described = any(f in ("a", "ad") for _, f in modifier) and not any(f == "v" for _, f in modifier)
        if not any(_is_noun(*t) for t in modifier) or described:
            tokens = tokens[words.index("的") + 1:]
    phrase: list[tuple[str, str]] = []
    for i, (w, f) in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if w in _STOP_WORDS:
            break
        if _nounish(w, f):
            phrase.append((w, f))
        elif f in ("b", "a") and len(w) <= 3 and nxt and _is_noun(*nxt) and not phrase:
            phrase.append((w, f))  # 国家级平台, 优秀干部
        elif phrase or f not in ("r", "m", "q", "b", "a", "d"):
            break
    return phrase, verb


def _is_noun(word: str, flag: str) -> bool:
    """A noun proper: verbal nouns (建设, 培训) do not head a phrase on their own."""
    return _nounish(word, flag) and flag not in ("vn", "an")


def phrase_before(before: str) -> tuple[list[tuple[str, str]], str]:
    """The noun phrase right before a number, and the verb before that phrase."""
    tokens = list(_cut(_prepare(before)[-20:]))
    while tokens and (tokens[-1][0] in _LINKS or re.match(r"^\s+$", tokens[-1][0]) or (
            tokens[-1][1] in ("v", "d", "p", "t", "f", "u", "ul", "uj", "c", "r", "m", "q") and not _nounish(*tokens[-1]))):
        tokens.pop()
    phrase: list[tuple[str, str]] = []
    while tokens:
        w, f = tokens[-1]
        if w in _STOP_WORDS or f in ("ns", "nr"):
            break  # 全部, 所有; place and person names are not part of what is counted
        if _nounish(w, f) or (w == "、" and phrase) or (f in ("b", "a") and phrase and len(phrase) < 3
                                                         and tokens[:-1] and _nounish(*tokens[-2])):
            phrase.insert(0, tokens.pop())
        else:
            break
    while phrase and phrase[0][0] == "、":
        phrase.pop(0)
    verb = ""
    for w, f in reversed(tokens[-3:]):
        if f.startswith("v") and w not in _LINKS:
            verb = w
            break
    return phrase, verb


def nearest_term(text: str) -> str:
    """The domain term (from the user dictionary) standing last in ``text``."""
    best, pos = "", -1
    for term in _domain_terms():
        i = text.rfind(term)
        if i >= 0 and (i > pos or (i == pos and len(term) > len(best))):
            best, pos = term, i
    return best


def find_subject(before: str, after: str, sentence_before: str, previous: Sense | None, kind: str,
                 unit: str | None = None) -> Sense:
    """Subject and label of a claim from the text around it (see the module docstring)."""
    after_tokens, after_verb = phrase_after(after)
    if after_verb and unit in _PERSON_UNITS:
        after_tokens = []  # 组织党员志愿者上千人次开展环境整治: people counted, then what they did
    before_tokens, before_verb = phrase_before(before)
    if kind not in ("percent", "share", "rank") and _head(after_tokens):
        return _owner_of_attribute(after_tokens, _sense(after_tokens, before_verb or after_verb), previous)
    if _head(before_tokens) and kind != "rank":
        return _owner_of_attribute(before_tokens, _sense(before_tokens, before_verb), previous)
    if kind == "percent" and _head(after_tokens):
        return _sense(after_tokens, after_verb)
    if previous is not None and previous.subject:
        modifier = "".join(w for w, _ in before_tokens)
        return Sense(previous.subject, (modifier + previous.phrase)[:_MAX_LABEL] or previous.label, previous.phrase)
    for tokens, verb in ((before_tokens, before_verb), (after_tokens, after_verb)):
        if kind != "rank" and _head(tokens, strict=False):
            return _sense(tokens, verb, strict=False)
    term = nearest_term(sentence_before) or nearest_term(after)
    if not term and _head(before_tokens, strict=False):
        return _sense(before_tokens, before_verb, strict=False)  # 全区GDP增速位居全市第3位
    return Sense(term, ((before_verb or "") + term)[:_MAX_LABEL], term)


def _owner_of_attribute(tokens: list[tuple[str, str]], sense: Sense, previous: Sense | None) -> Sense:
    """面积, 总长度 … measure a thing: the noun before them in the phrase (社区党群服务中心面积), else the
    thing counted just before in the sentence (4条道路,总长度12607米)."""
    if sense.subject not in _attributes():
        return sense
    owner = tokens[:-1]
    if _head(owner):
        return Sense(_restore(_head(owner)), sense.label, sense.phrase)
    if previous is not None and previous.subject:
        return Sense(previous.subject, _fit(previous.phrase + sense.subject), previous.phrase)
    return sense


@lru_cache(maxsize=1)
def _attributes() -> frozenset[str]:
    """Nouns that measure the thing counted before them (4条道路,总长度12607米): the subject stays that thing."""
    return frozenset(load_toml("claim_types.toml").get("attributes", {}).get("words", ()))


def _sense(tokens: list[tuple[str, str]], verb: str, strict: bool = True) -> Sense:
    phrase = _restore("".join(w for w, _ in tokens if w != "、"))
    head = _restore(_head(tokens, strict))
    label = phrase if head.endswith("率") else (verb + phrase)
    return Sense(head, _fit(label, verb), phrase)


def _fit(label: str, verb: str = "") -> str:
    """A label of at most _MAX_LABEL characters: the verb and the end of the phrase (where its head is)."""
    if len(label) <= _MAX_LABEL:
        return label
    return verb + label[len(verb):][-(_MAX_LABEL - len(verb)):]


@lru_cache(maxsize=1)
def _category_rules() -> tuple[dict, dict]:
    r = load_toml("categories.toml")
    return r["weights"], r["keywords"]


def categorize(scopes: dict[str, str]) -> str | None:
    """The category whose keywords weigh most in the claim's scopes (subject, clause, sentence, heading…)."""
    weights, keywords = _category_rules()
    scores = {}
    for category in CATEGORIES:
        score = weights["metric"] if scopes.get("metric") == category else 0.0
        for scope, text in scopes.items():
            if scope == "metric":
                continue
            if text:
                score += weights.get(scope, 0) * sum(1 for k in keywords.get(category, ()) if k in text)
        scores[category] = score
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else None
