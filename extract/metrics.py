"""Canonical metrics: what is counted × what happened to it × how it is measured.

A claim's metric is composed from three readings of its clause:

- the **concept** counted, from the lexicon in ``rules/concepts.csv`` (synonyms and parents: 党员 ⊃ 女党员;
  学校 ⊃ 中小学, 幼儿园; 学位 is a concept of its own);
- the **event** or stage, from the cue words of ``rules/events.toml`` (新增 → new, 培训 → trained, 办结 →
  resolved, 增长 → growth, 占 → share …), admitted or not by the concept's kind;
- the **dimension** of the claim's unit (``extract.numbers.unit_dimension``): people, items, area, money …

The key and the Chinese and English labels follow from the three, so two reports that count the same thing
meet in one key without a rule written for either; ``rules/metrics.toml`` names the indicators analysts look
for first (and keeps their established keys). Guards in ``rules/metrics.toml`` keep a number out of a metric
it does not measure (rules per unit, thresholds, subsets, a share of a higher-level total …): a claim without
a fitting metric gets None, never a guess.

``python -m extract.coverage PATH...`` prints how much of a corpus the metrics cover.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import pandas as pd

from .numbers import unit_dimension
from .rules import RULES_DIR, district_names, load_toml
from .schema import CATEGORIES


@dataclass(frozen=True)
class ClaimContext:
    """What the metric matcher may read about one claim: its words, its text around and its number."""

    subject: str  # the head noun counted (党员)
    label: str  # verb + phrase (培训党员)
    phrase: str  # the full noun phrase whose head is the subject
    before: str  # its clause's text before the number (back to the previous number)
    after: str  # its clause's text after the number (up to the next number)
    clause: str
    sentence: str
    unit: str | None  # canonical unit (元, %, share, 名次, 人次 …)
    unit_raw: str | None  # the measure word as written
    kind: str  # count, percent, share, rank
    value: float
    qualifier: str
    claim_type: str  # achievement, target, policy, context
    clause_before: str = ""  # its clause's text from the clause's start to the number
    sentence_before: str = ""  # its sentence's text from the sentence's start to the number
    previous_sentence: str = ""  # the sentence before it in its paragraph ("" for the first)


@dataclass(frozen=True)
class Concept:
    """A counted thing of the lexicon (rules/concepts.csv)."""

    key: str
    zh: str
    en: str
    parent: str
    kind: str
    category: str
    dims: tuple[str, ...]  # dimensions it is stated in; the first is its own (a count of it)
    units: tuple[str, ...]  # measure words it is counted in (empty: any of its dimensions)
    words: tuple[str, ...]


@dataclass(frozen=True)
class Metric:
    """A canonical metric: concept × event × unit dimension, with its labels and category."""

    key: str
    zh: str
    en: str
    concept: str
    event: str
    dimension: str
    category: str


# ------------------------------------------------------------------------------------------- the lexicon

_NORMALISE = str.maketrans({"（": "(", "）": ")", "“": None, "”": None, "‘": None, "’": None, "\"": None,
                            "《": None, "》": None, "「": None, "」": None, "【": None, "】": None,
                            "〈": None, "〉": None, "　": " "})
_PLACE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,5}(市|县|旗)$")
_ORDINAL = re.compile(r"^(第[一二三四五六七八九十百\d]+|首)[届期批次轮]$")
_DELIMITER = re.compile(r"[，,、；;：:()（）|｜/\s。！？!?—\-~～+＋·•\d０-９.%．]+")


@dataclass(frozen=True)
class Token:
    cls: str  # C concept, E event cue, A attribute, S share, P progress, B higher base, L link, N neutral,
    #          K list connector, D delimiter or number, R residue (words outside the lexicon)
    key: str
    start: int
    end: int
    text: str = ""


def _trie_pattern(words: list[str]) -> str:
    """One regex alternation for many literal words, as a trie (longest word first at each position)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        if len(branches) == 1 and not ends:
            return body
        return body + ("?" if ends else "")

    return build(trie)


class Lexicon:
    """Concepts, events, kinds and word classes, compiled once into one automaton-like regex."""

    def __init__(self) -> None:
        rules = load_toml("metrics.toml")
        ev = load_toml("events.toml")
        self.concepts: dict[str, Concept] = {}
        words: dict[str, tuple[str, str]] = {}
        for row in _concept_rows():
            c = Concept(row["concept"], row["zh"], row["en"], row["parent"], row["kind"], row["category"],
                        tuple(x for x in row["dims"].split(";") if x),
                        tuple(x for x in row["units"].split(";") if x),
                        tuple(dict.fromkeys([row["zh"], *(w for w in row["words"].split(";") if w)])))
            if c.key in self.concepts:
                raise ValueError(f"concepts.csv: concept {c.key} is listed twice")
            self.concepts[c.key] = c
        self.events: dict[str, dict] = ev["event"]
        self.kinds: dict[str, dict] = ev["kind"]
        self.attributes: dict[str, dict] = ev["attribute"]
        self.dimensions: dict[str, dict] = ev["dimension"]
        # Word classes, lowest priority first: a word listed in two classes keeps the later one.
        w = rules["words"]
        for name in district_names():
            words[name] = ("N", "place")  # 其中，金水区改造186个: where, not what is counted
        for cls, key in (("N", "neutral"), ("L", "link"), ("K", "list"), ("B", "higher_base")):
            for word in w[key]:
                words[word] = (cls, key)
        for word in w["share"]:
            words[word] = ("S", "share")
        self.subsets: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in rules["subset_words"].items()}
        for word in self.subsets:
            words[word] = ("M", word)
        for word in w["progress"]:
            words[word] = ("P", "progress")
        for key, e in self.events.items():
            for word in e.get("cues", []):
                words[word] = ("E", key)
        for key, a in self.attributes.items():
            for word in a.get("words", []):
                words[word] = ("A", key)
        for c in self.concepts.values():
            for word in c.words:
                words[word] = ("C", c.key)
        self.word_class = words
        self.token_re = re.compile(_trie_pattern(sorted(words)))
        self.place_kinds = set(w["place_kinds"])
        g = rules["guards"]
        self.per_unit = re.compile(g["per_unit"])
        self.yearly = re.compile(g["yearly"])
        self.whole_place = re.compile(g["whole_place"])
        self.task_words = set(w["task_words"])
        self.giving_cues = set(w["giving_cues"])
        self.built_stock_markers = set(w["built_stock_markers"])
        self.threshold_after = re.compile(g["threshold_after"])
        self.threshold_before = re.compile(g["threshold_before"])
        self.threshold_start = re.compile(g["threshold_start"])
        self.each_threshold = re.compile(g["each_threshold"])
        self.manner = re.compile(g["manner"])
        self.size_threshold = re.compile(g["size_threshold"])
        self.subset_before = re.compile(g["subset_before"])
        self.not_metric = re.compile(g["not_metric"])
        self.jurisdiction = re.compile(g["jurisdiction"])
        self.firm_own = re.compile(g["firm_own"])
        self.residue_ok = set(w["residue_ok"])
        self.recipient_words = frozenset(w["recipient_words"])
        self.recipient_measures = frozenset(w["recipient_measures"])
        self.people_kinds = frozenset(w["people_kinds"])
        self.age_band_end = re.compile(w["age_band_end"])
        nums = load_toml("numbers.toml")
        self.numerals = set("".join(nums["chinese_numerals"]["digits"]) + "".join(nums["chinese_numerals"]["small_units"])
                            + "".join(nums["chinese_numerals"]["big_units"]) + "0123456789")
        units = load_toml("units.toml")["units"]
        self.quantity_chars = self.numerals | set("".join(u for group in units.values() for u in group)) | set("余多近约超逾之分")
        self.level_links = set(w["level"])
        self.stock_markers = set(w["stock_markers"])
        self.passive_cues = set(w["passive_cues"])
        self.after_bare_kinds = set(w["after_bare_kinds"])
        self.size_thresholds = tuple(g["size_thresholds"])
        self.stock_events = {"built", "new"}
        self.work_events = {"built", "renovated", "opened"}
        self.flow_share_events = {"recruited", "attracted", "trained", "promoted", "new"}
        self.comparison_links = set(w["comparison"])
        self.unit_concepts: dict[str, str] = dict(rules["unit_concepts"])
        self.anchored: dict[str, str] = {k: e["anchor"] for k, e in self.events.items() if e.get("anchor")}

    # ----------------------------------------------------------------------------------------- tokens

    def tokens(self, text: str) -> list[Token]:
        """The text as tokens of the word classes; stretches outside the lexicon are R (or D) tokens."""
        return list(self._tokens(text))

    @lru_cache(maxsize=16384)
    def _tokens(self, text: str) -> tuple[Token, ...]:
        # The same short stretches (，, 累计完成, 其中) recur around most numbers: read each once.
        return tuple(self._read_tokens(text))

    def _read_tokens(self, text: str) -> list[Token]:
        out: list[Token] = []
        pos = 0
        for m in self.token_re.finditer(text):
            if m.start() == m.end():
                continue
            if m.start() > pos:
                out.extend(self._gap(text, pos, m.start()))
            cls, key = self.word_class[m.group()]
            out.append(Token(cls, key, m.start(), m.end(), m.group()))
            pos = m.end()
        if pos < len(text):
            out.extend(self._gap(text, pos, len(text)))
        return out

    def _gap(self, text: str, start: int, end: int) -> list[Token]:
        out, pos = [], start
        for m in _DELIMITER.finditer(text, start, end):
            if m.start() > pos:
                out.append(self._residue(text, pos, m.start()))
            out.append(Token("D", m.group(), m.start(), m.end(), m.group()))
            pos = m.end()
        if pos < end:
            out.append(self._residue(text, pos, end))
        return out

    def _residue(self, text: str, start: int, end: int) -> Token:
        piece = text[start:end]
        if all(ch in self.residue_ok for ch in piece):
            return Token("L", piece, start, end, piece)
        if _ORDINAL.match(piece):
            return Token("N", "ordinal", start, end, piece)  # 第十届: which one, not what
        if _PLACE_NAME.match(piece):
            return Token("N", "place", start, end, piece)  # 登封市, 中原区: where, not what
        after_digit = start > 0 and (text[start - 1].isdigit() or text[start - 1] in "余多")
        if all(ch in self.quantity_chars for ch in piece) and (after_digit or any(ch in self.numerals for ch in piece)):
            return Token("D", "#", start, end, piece)  # the rest of another number (843.2亿元, 两千余名)
        return Token("R", piece, start, end, piece)

    # ------------------------------------------------------------------------------------ relations

    def ancestors(self, key: str) -> list[str]:
        out, seen = [], {key}
        parent = self.concepts[key].parent if key in self.concepts else ""
        while parent and parent not in seen and parent in self.concepts:
            out.append(parent)
            seen.add(parent)
            parent = self.concepts[parent].parent
        return out

    def common_ancestor(self, keys: list[str]) -> str | None:
        """The most specific concept that contains all of ``keys`` (itself included), or None."""
        chains = [[k, *self.ancestors(k)] for k in keys]
        for candidate in chains[0]:
            if all(candidate in chain for chain in chains[1:]):
                return candidate
        return None


def _concept_rows() -> list[dict]:
    """The rows of rules/concepts.csv; a row with a wrong number of fields is an error naming it."""
    path = RULES_DIR / "concepts.csv"
    with open(path, encoding="utf-8", newline="") as f:
        lines = [(n, line) for n, line in enumerate(f, 1) if not line.startswith("#")]
    reader = csv.reader(line for _, line in lines)
    header = next(reader)
    rows = []
    for (n, _), fields in zip(lines[1:], reader):
        if not fields:
            continue
        if len(fields) != len(header):
            raise ValueError(f"{path}: line {n} has {len(fields)} fields, the header {len(header)} "
                             f"(a comma inside a field?)")
        rows.append({k: v.strip() for k, v in zip(header, fields)})
    return rows


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()


# ----------------------------------------------------------------------------------------- the metrics

def _suffix(lex: Lexicon, concept: Concept, event: str, dim: str) -> tuple[str, str, str]:
    """(key, zh, en) of concept × event × dimension, composed from the lexicon's labels."""
    e = lex.events[event]
    kind = lex.kinds[concept.kind]
    key = concept.key + (f"_{e['suffix']}" if e.get("suffix") else "")
    zh = e["zh"].format(c=concept.zh)
    en = e["en"].format(c=concept.en)
    if dim != concept.dims[0] and dim not in e.get("dims", []) and not (concept.kind == "rate"):
        name = kind["dim_attribute"].get(dim)
        attr = lex.attributes[name] if name else lex.dimensions[dim]
        key += f"_{attr['suffix']}"
        zh = attr["zh"].format(m=zh)
        en = attr["en"].format(m=en)
    return key, zh, en[:1].upper() + en[1:]


@lru_cache(maxsize=1)
def catalogue() -> dict[tuple[str, str, str], Metric]:
    """The curated metrics of rules/metrics.toml, by (concept, event, dimension)."""
    lex = lexicon()
    out = {}
    for m in load_toml("metrics.toml")["metric"]:
        metric = Metric(m["key"], m["zh"], m["en"], m["concept"], m["event"], m["dimension"], m["category"])
        out[(metric.concept, metric.event, metric.dimension)] = metric
    del lex
    return out


def _events_of(lex: Lexicon, concept: Concept) -> list[str]:
    return list(lex.kinds[concept.kind]["events"])


def _dims_of(lex: Lexicon, concept: Concept, event: str) -> list[str]:
    e = lex.events[event]
    if e.get("dims"):
        return list(e["dims"])
    return list(dict.fromkeys([*concept.dims, *lex.kinds[concept.kind].get("dim_attribute", {})]))


def compose(concept_key: str, event: str, dim: str) -> Metric:
    """The metric of a concept, an event and a dimension: the catalogue's when it names it, else composed."""
    curated = catalogue().get((concept_key, event, dim))
    if curated is not None:
        return curated
    lex = lexicon()
    concept = lex.concepts[concept_key]
    key, zh, en = _suffix(lex, concept, event, dim)
    category = lex.events[event].get("category", {}).get(concept.kind) or concept.category
    return Metric(key, zh, en, concept_key, event, dim, category)


def sized(base: Metric, n: int) -> Metric:
    """A count of facilities defined by a size threshold (74个党群服务中心达到1000平方米以上)."""
    return Metric(f"{base.key}_over_{n}sqm", f"{base.zh}({n}平方米以上)", f"{base.en} over {n} m²",
                  base.concept, base.event, base.dimension, base.category)


def share_of(base: Metric) -> Metric:
    """The share a part has of a flow (新发展党员中女性占38.9%): of those recruited, not of all."""
    return Metric(f"{base.key}_share", f"{base.zh}占比", f"{base.en}, share", base.concept, base.event, "percent",
                  base.category)


def flow_change(base: Metric) -> Metric:
    """The change of a year's flow on the year before (全年发展党员1132名，比上年增加58名)."""
    return Metric(f"{base.key}_change", f"{base.zh}比上年增减", f"{base.en}, change on the year before",
                  base.concept, base.event, base.dimension, base.category)


def progress(base: Metric) -> Metric:
    """The share of the year's target reached (新增就业6890人，完成全年目标的86.1%)."""
    return Metric(f"{base.key}_progress", f"{base.zh}目标完成进度", f"{base.en}, share of the annual target",
                  base.concept, base.event, "percent", base.category)


@lru_cache(maxsize=1)
def all_metrics() -> dict[str, Metric]:
    """Every metric the lexicon can compose (and the catalogue's), by key."""
    lex = lexicon()
    out: dict[str, Metric] = {}
    for m in catalogue().values():
        out[m.key] = m
    for c in lex.concepts.values():
        for event in _events_of(lex, c):
            for dim in _dims_of(lex, c, event):
                m = compose(c.key, event, dim)
                out.setdefault(m.key, m)
                if dim == c.dims[0] and event not in ("growth", "decline", "share", "share_change", "change"):
                    if c.kind in ("facility", "org"):
                        for n in lex.size_thresholds:
                            out.setdefault(sized(m, n).key, sized(m, n))
                    if c.kind not in ("rate",):
                        out.setdefault(progress(m).key, progress(m))
                    if c.parent and event in lex.flow_share_events:
                        out.setdefault(share_of(m).key, share_of(m))
                    if event in lex.flow_share_events:
                        out.setdefault(flow_change(m).key, flow_change(m))
    return out


def units_of(metric: Metric) -> set[str | None]:
    """The unit dimensions a metric's claims may be stated in (its own, and its concept's measure words)."""
    lex = lexicon()
    concept = lex.concepts[metric.concept]
    dims = {metric.dimension}
    if metric.dimension in ("percent", "share"):
        dims |= {"percent", "share"}
    if metric.dimension == concept.dims[0]:
        units = concept.units or tuple(lex.kinds[concept.kind].get("units", ()))
        dims |= {unit_dimension(u) for u in units}
    return dims


def taxonomy() -> tuple[Metric, ...]:
    """The curated catalogue (rules/metrics.toml), in file order."""
    return tuple(catalogue().values())


def metric_labels() -> Mapping[str, tuple[str, str]]:
    """{metric key: (Chinese label, English label)} for every canonical metric (read-only, built once)."""
    return _metric_labels()


@lru_cache(maxsize=1)
def _metric_labels() -> Mapping[str, tuple[str, str]]:
    return MappingProxyType({k: (m.zh, m.en) for k, m in all_metrics().items()})


# ----------------------------------------------------------------------------------------- the matcher

@dataclass
class _Reading:
    concept: str
    event: str | None  # the event cue read, None when none
    side: str  # before, after, inherited
    base: str | None = None  # the concept after 占 (a share of what)
    share: bool = False
    progress: bool = False
    attribute: str | None = None
    higher_base: bool = False
    after_share: bool = False  # inherited from a clause that gave a share (比上年提高1.3个百分点)
    prior_event: str | None = None  # the event of the clause inherited from
    word: str = ""  # the concept's word as written
    level: bool = False  # the clause states the level reached (市场主体总数达到11.2万户), whatever was done


_BOUNDARY = {"D", "E", "L", "S", "P", "K", "B", "M"}
_THINGS = {"facility", "renewal", "project", "task"}
_PARENS = re.compile(r"^[()（）]+$")
_ACTORS = {"person", "org", "public", "place", "entity", "staff"}
_YEAR = re.compile(r"(?:19|20)\d{2}年(?:底|末|初|度)?(?:的)?")
_CLAUSE_END = re.compile(r"[，,；;：:]")


def _norm(text: str) -> str:
    return _YEAR.sub(" ", text.translate(_NORMALISE))


def _recipient_start(lex: Lexicon, toks: list[Token], i: int) -> int | None:
    """The index of 为 (给, 向) when the words between it and the concept at toks[i] only say whom it is for
    (为农民工, 为困难群众): no cue, delimiter or other counted thing between."""
    j = i - 1
    while j >= 0 and i - j <= 6:
        t = toks[j]
        if t.cls == "L" and t.text in lex.recipient_words:
            return j if j < i - 1 else None
        if t.cls in ("M", "R") or (t.cls == "D" and _NUMBERISH.match(t.key)) \
                or (t.cls == "L" and t.text in lex.recipient_measures):
            j -= 1
            continue
        return None
    return None


def _in_place(toks: list[Token], k: int, markers: set[str] | frozenset[str]) -> bool:
    """Whether the word or the two words before the cue at toks[k] mark what is in place (已, 累计, 全区已)."""
    pair = toks[k - 2].text + toks[k - 1].text if k > 1 else ""
    return k > 0 and (toks[k - 1].text in markers or pair in markers)


def _modifier_ok(lex: Lexicon, head: Concept, mod: Concept) -> bool:
    """Whether a concept may stand before another in one noun phrase without making it a part."""
    if mod.kind in lex.place_kinds:
        return head.kind not in ("person", "staff", "rate", "public")
    if head.kind in ("request", "renewal") and mod.kind == "public":
        return True  # 群众信访事项, 困难老年人家庭适老化改造: whose requests or homes they are
    # 书记讲党课, 为老年人免费体检: who gives or receives an activity does not make it a part.
    return head.kind == "activity" and mod.kind in _ACTORS


def _chunk(lex: Lexicon, toks: list[Token], i: int) -> tuple[bool, str, int]:
    """Whether the concept at toks[i] stands unmodified in its chunk, the concept it stands for, and the
    index of the token before the chunk (-1 at the start).

    The chunk runs back to the nearest delimiter, cue or link word. Neutral words may stand in it; place
    words may modify things that are not people; a list of sibling concepts (中小学、幼儿园) stands for their
    common parent; any other word makes the concept a part the lexicon does not name, so it does not fit.
    """
    head = lex.concepts[toks[i].key]
    whom = _recipient_start(lex, toks, i)
    if whom is not None and head.kind not in lex.people_kinds:
        return True, head.key, whom - 1  # 为农民工追讨欠薪: whom it is for, not a part of it
    j = i - 1
    relative = False
    while j >= 0 and (toks[j].cls not in _BOUNDARY or _PARENS.match(toks[j].text)):
        t = toks[j]
        if t.cls == "C" and lex.concepts[t.key].kind in lex.place_kinds and j > 0 and toks[j - 1].cls == "R" \
                and toks[j - 1].end == t.start and _modifier_ok(lex, head, lex.concepts[t.key]):
            j -= 2  # 月湖社区, 长江路街道: a named place
            continue
        if t.cls == "C" and not _modifier_ok(lex, head, lex.concepts[t.key]) and j > 0 \
                and toks[j - 1].cls == "L" and toks[j - 1].text in ("为", "给", "向"):
            j -= 1  # 为经营主体减税降费: whom it is for, not a part of it
            break
        if t.cls == "R" or (t.cls == "C" and not _modifier_ok(lex, head, lex.concepts[t.key])):
            return False, head.key, j
        relative = relative or t.text == "的"
        j -= 1
    grade = j >= 0 and toks[j].cls == "D" and toks[j].key == "#" and toks[j].text.endswith(("星", "星级", "A", "A级")) \
        and not (j > 0 and toks[j - 1].cls == "D" and toks[j - 1].end == toks[j].start
                 and _NUMBERISH.match(toks[j - 1].key))
    if j >= 0 and toks[j].end == toks[j + 1].start and (toks[j].cls == "M" or grade):
        # 省级重点实验室 (a part the modifier names, when the lexicon knows it); 五星支部 (a grade: a part it
        # does not name)
        part = _subset_of(lex, toks[j].key, head.key) if toks[j].cls == "M" else None
        return part is not None, part or head.key, j
    if relative and j >= 0 and toks[j].cls in ("E", "L"):
        return False, head.key, j  # 纳入规划的项目: a relative clause restricts what is counted
    if j >= 1 and j == i - 1 and toks[j].cls == "E" and toks[j - 1].cls == "C" and toks[j - 1].end == toks[j].start \
            and head.kind in _THINGS and lex.concepts[toks[j - 1].key].kind in _THINGS:
        return False, head.key, j  # 无主管楼院整治提升示范点: the verb and its object name a kind of the head
    members = [head.key]
    while j >= 1 and (toks[j].cls == "K" or (toks[j].cls == "D" and toks[j].key == "、")):
        if toks[j - 1].cls != "C":
            return False, head.key, j  # 党员干部、民兵和志愿者: a list of which not every item is named
        members.append(toks[j - 1].key)
        j -= 2
    if len(members) > 1:
        common = lex.common_ancestor(members)
        return (common is not None), (common or head.key), j
    return True, head.key, j


def _last(toks: list[Token], cls: str) -> Token | None:
    return next((t for t in reversed(toks) if t.cls == cls), None)


def _event(toks: list[Token]) -> str | None:
    t = _last(toks, "E")
    return t.key if t else None


_NUMBERISH = re.compile(r"^\s*(?:[\d#][\d.,%#\s~～\-]*|[\-~～])\s*$")


def _content(t: Token) -> bool:
    """A token that ends what a later number may refer back to: a word outside the lexicon, or a delimiter
    other than 、 (numbers and their units are not)."""
    return t.cls == "R" or (t.cls == "D" and t.key.strip() not in ("", "、") and not _NUMBERISH.match(t.key))


def _marks(r: _Reading, toks: list[Token]) -> None:
    for t in toks:
        if t.cls == "A":
            r.attribute = t.key
        elif t.cls == "S":
            r.share = True
        elif t.cls == "P":
            r.progress = True
        elif t.cls == "B":
            r.higher_base = True


def _list_head_event(toks: list[Token], stock_markers: frozenset[str] | set[str] = frozenset()) -> str | None:
    """The cue heading a list the claim is an item of (表彰先进基层党组织38个、优秀共产党员126名): the last cue
    in the clause before it, when an earlier item's number follows that cue; none when the cue describes what
    is in place (全区已建成街道党群服务中心10个、社区党群服务中心103个)."""
    k = max((i for i, t in enumerate(toks) if t.cls == "E"), default=-1)
    if k < 0 or not any(t.cls == "D" and _NUMBERISH.match(t.key) for t in toks[k + 1:]):
        return None
    if toks[k].key == "built" and _in_place(toks, k, stock_markers):
        return None
    return toks[k].key


def _bare_item(toks: list[Token]) -> bool:
    """Whether the text before a number is a thing named and nothing else (健身步道|7.5公里): no verb, no link
    word, no word outside the lexicon."""
    return any(t.cls == "C" for t in toks) and all(t.cls in ("C", "N") or (t.cls == "D" and not _content(t))
                                                   for t in toks)


def _carried_event(lex: Lexicon, sentence_prefix: str, concept: str) -> str | None:
    """The cue of the clause a verbless item continues (建成口袋公园6个，健身步道7.5公里: the paths were built
    too): walking back over clauses that are items too, the first clause whose cue governs a count of a thing
    of the same kind as ``concept`` (立案查处案件37起，罚没款64万元: the fines were not investigated)."""
    clauses = _OWN_CLAUSE.split(sentence_prefix)
    if clauses and not clauses[-1].strip():
        clauses.pop()
    kind = lex.concepts[concept].kind
    for clause in reversed(clauses[-4:]):
        toks = lex.tokens(clause)
        cue = _list_head_event(toks, lex.built_stock_markers)
        if cue is not None:
            k = max(i for i, t in enumerate(toks) if t.cls == "E")
            governed = next((t for t in toks[k + 1:] if t.cls == "C"), None)
            return cue if governed is not None and lex.concepts[governed.key].kind == kind else None
        k = next((i for i, t in enumerate(toks) if t.cls == "D" and _NUMBERISH.match(t.key)), None)
        if k is None or not _bare_item(toks[:k]):
            return None
    return None


def _enumeration_event(toks: list[Token], i: int) -> str | None:
    """For 收到疏通下水道、消除隐患等群众诉求: the cue before the list of examples, not one inside it."""
    start = max((k for k in range(i) if toks[k].cls == "D" and _content(toks[k]) and toks[k].key != "、"),
                default=-1)
    first_item = next((k for k in range(start + 1, i) if toks[k].key == "、"), i)
    return _event(toks[start + 1:first_item])


def _read_before(lex: Lexicon, toks: list[Token]) -> tuple[_Reading | None, bool, list[Token]]:
    """The concept the text before the number counts (None if none), whether the text after the last
    delimiter is clean (no word outside the lexicon), and the tokens between that concept and the number."""
    trail: list[Token] = []
    for i in range(len(toks) - 1, -1, -1):
        t = toks[i]
        if t.cls == "C":
            ok, concept, j = _chunk(lex, toks, i)
            trail.reverse()
            if not ok:
                return None, False, trail
            if any(u.cls == "K" for u in trail):
                return None, True, trail  # 46名机关干部与152名科级干部: the noun before 与 is another count's
            if any(a.text == "的" and b.cls == "L" and b.text in ("有", "为", "是") for a, b in zip(trail, trail[1:])):
                return None, False, trail  # 已建立党组织的有892家: what is counted is not named
            if i > 0 and toks[i - 1].text == "等":
                cue = _event(trail) or _enumeration_event(toks, i)
            else:
                cue = _event(trail) or _event(toks[:i])
            r = _Reading(concept, cue, "before", word=t.text)
            if i > 0 and toks[i - 1].cls == "A" and toks[i - 1].key == "participants" and toks[i - 1].end == t.start \
                    and lex.concepts[concept].kind in ("person", "staff"):
                # 参训党员8600余人次, 参与志愿者: those who took part, not all of them.
                r.event = "trained" if toks[i - 1].text == "参训" else "participated"
            if r.event in lex.stock_events and lex.concepts[concept].kind in ("org", "facility"):
                k = next((k for k in range(i - 1, -1, -1) if toks[k].cls == "E"), None)
                markers = lex.stock_markers if lex.concepts[concept].kind == "org" else lex.built_stock_markers
                if k is not None and _in_place(toks, k, markers):
                    r.event = None  # 已建立党组织68个, 全区共建成养老服务站72个: those in place
            _marks(r, trail)
            if any(u.cls == "L" and u.text in ("总量", "总规模", "规模", "总数") for u in trail):
                # 安置房建设总量260万平方米: the whole programme, not what was built; 市场主体总数达到11.2万户
                r.event, r.level = None, True
            elif r.event in lex.stock_events and any(u.cls == "L" and u.text.startswith("累计达") for u in trail):
                r.event, r.level = None, True  # 建成高标准农田累计达到58.4万亩: all there are, built over the years
            if not r.event and any(u.cls == "L" and u.text == "完成" for u in trail):
                r.event = "completed"  # 地区生产总值完成843亿元, 健身步道完成12.6公里
            if j >= 0 and toks[j].cls == "S":
                # 占党员总数的31.4%, 民生支出占一般公共预算支出的: the concept after 占 is the base.
                r.share, r.base = True, concept
                part = next((k for k in range(j - 1, -1, -1) if toks[k].cls == "C"), None)
                r.concept = ""
                if part is not None and not any(_content(u) for u in toks[part + 1:j]):
                    ok, concept, _ = _chunk(lex, toks, part)
                    r.concept = concept if ok else ""
                elif part is None and not any(_content(u) for u in toks[:j]):
                    r.concept = "?"  # the part is named before this clause
            return r, True, trail
        if t.cls == "R":
            trail.reverse()
            return None, False, trail
        if _content(t) or (t.cls == "D" and t.key == "、"):
            break
        trail.append(t)
    trail.reverse()
    return None, True, trail


def _named_list(toks: list[Token]) -> bool:
    """Whether the text before a number ends with a cue and a list of two or more names outside the lexicon
    (组建了综合协调、问题攻坚、督察督办|3个工作专班): the names of the things the number counts."""
    k = max((i for i, t in enumerate(toks) if t.cls == "E"), default=-1)
    rest = toks[k + 1:]
    if k < 0 or not rest or rest[-1].cls != "R":
        return False
    rest = [t for t in rest if not (t.cls == "L" and t.text == "了")]
    return all(t.cls in ("R", "C", "N") or t.key == "、" for t in rest) and sum(t.key == "、" for t in rest) >= 1 \
        and rest[0].cls in ("R", "C") and sum(t.cls == "R" for t in rest) >= 2


def _read_after(lex: Lexicon, toks: list[Token], whole: bool = False,
                recipient: bool = False) -> tuple[_Reading | None, bool]:
    """A concept right after the number (1363名各级网格长) with the cue that follows it in its chunk, and
    whether the number is followed by a list (党员和村民代表) that no concept names. ``whole``: a word of the
    whole jurisdiction stands right before the number (全区17个街道共成立…: the places may act); ``recipient``:
    为 stands right before it (为420名青年人才提供…: the people are served, not acting)."""
    i = 0
    while i < len(toks) and (toks[i].cls == "N" or (toks[i].cls == "D" and not toks[i].key.strip())):
        i += 1
    if i >= len(toks) or toks[i].cls != "C":
        return None, False
    # 街道党政正职: the last of adjacent concepts is the head.
    while i + 1 < len(toks) and toks[i + 1].cls in ("C", "N") and toks[i + 1].start == toks[i].end \
            and any(u.cls == "C" for u in toks[i + 1:i + 3]):
        i += 1
        while toks[i].cls != "C":
            i += 1
    t = toks[i]
    ok, concept, _ = _chunk(lex, toks, i)
    if not ok:
        return None, False
    if i + 1 < len(toks) and toks[i + 1].cls == "R" and toks[i + 1].start == t.end and len(toks[i + 1].text) == 1:
        return None, False  # 桥涵: the noun goes on past the word
    rest: list[Token] = []
    for u in toks[i + 1:]:
        if _content(u):
            break
        rest.append(u)
    if rest and rest[0].text == "的" and len(rest) == 2 and rest[1].cls == "E":
        tail = "".join(u.text for u in toks[i + 3:] if not (u.cls == "D" and _content(u)))[:4]
        if next((u for u in toks[i + 3:] if u.cls == "D" and _content(u)), None) is not None or not tail:
            tail = "".join(u.text for u in toks[i + 3:next((k for k in range(i + 3, len(toks))
                                                         if toks[k].cls == "D" and _content(toks[k])), len(toks))])
        if tail in lex.task_words:
            # 完成4个软弱涣散村的整改任务: what happened to the things counted is the task's verb.
            return _Reading(concept, rest[1].key, "after", word=t.text), False
    if rest and rest[0].text.startswith("的"):
        return None, False  # 43个社区党群服务中心的规范化创建: counted by what the rest says
    if rest and rest[0].text.startswith("中"):
        rest = []  # 10件民生实事中已完成2件: the 10 is the whole the part is of
    if rest and (rest[0].cls == "K" or rest[0].key == "、"):
        nxt = rest[1] if len(rest) > 1 else None
        if nxt is not None and nxt.cls == "C":
            # 党员和村民代表, 小学、幼儿园: the number counts the whole list.
            common = lex.common_ancestor([concept, nxt.key])
            if common is None:
                return None, True
            concept, rest = common, rest[2:]
        elif nxt is not None and nxt.cls == "D" and _NUMBERISH.match(nxt.key):
            rest = []  # 5个专项工作组和10个巡回指导组: a list of counts
        elif nxt is None:
            rest = []  # the text after stops at the next number: 组建5个专项工作组和|10个巡回指导组
        elif rest[0].cls == "K":
            return None, True
        else:
            rest = []
    if any(u.text == "的" for u in rest):
        return None, False  # 29个区直相关部门组成的中心: the noun phrase goes on
    cue = next((u for u in rest if u.cls == "E"), None)  # 干部分包联系企业: its own verb first
    first = cue.key if cue else None
    kind = lex.kinds[lex.concepts[concept].kind]
    if recipient and cue is not None and lex.concepts[concept].kind in ("person", "public", "staff"):
        # 为3.9万名老年人提供免费体检, 为1.1万名残疾人发放补贴: those the service or the grant reached.
        given = next((u for u in rest[rest.index(cue) + 1:] if u.cls == "C"), None)
        if given is not None:
            g = lex.concepts[given.key]
            if g.kind == "activity" and "people" in g.dims:
                return _Reading(g.key, None, "after", word=given.text), False
            if g.kind == "money":
                return _Reading(g.key, cue.key, "after", word=given.text), False
            return None, False
        if cue.key == "served" or cue.text in lex.giving_cues:
            return _Reading(concept, "served", "after", word=t.text), False
        return None, False  # 为近300名独居老人建立关爱台账: what was done for them is not a service counted
    if whole and lex.concepts[concept].kind == "place":
        first = None  # all the district's places, whatever they did
    elif "agent_alias" in kind:
        first = kind["agent_alias"].get(first, first)
    elif cue is not None and cue.text not in lex.passive_cues:
        return None, False  # 22家社区卫生服务中心打造中医馆: what the thing does is not what happened to it
    return _Reading(concept, first, "after", word=t.text), False


def _inherit(lex: Lexicon, toks: list[Token]) -> _Reading | None:
    """The concept named last before this number in the sentence, with the event read around it; None when
    an unknown word of a clause with a number stands between (another thing was counted last)."""
    share_after = False
    subset: Token | None = None
    for i in range(len(toks) - 1, -1, -1):
        t = toks[i]
        if t.cls == "R" and _segment_has_number(toks, i):
            return None
        if t.cls == "S":
            share_after = True
        if t.cls == "M" and subset is None and not share_after:
            subset = t  # 其中女性487名，占43.0%: the part named by a modifier of what was counted before
            if i >= 2 and (toks[i - 1].cls == "K" or toks[i - 1].key == "、") and toks[i - 2].cls in ("M", "C"):
                return None  # 从农民和工人中发展的638名: a part made of two parts the lexicon names apart
        if t.cls != "C":
            continue
        ok, concept, j = _chunk(lex, toks, i)
        if not ok:
            return None
        if j >= 0 and toks[j].cls == "S":
            continue  # the base of a share is not what the next number counts
        if subset is not None:
            part = _subset_of(lex, subset.key, concept)
            if part is None and t.text in lex.subsets:
                continue  # 学生652名，离退休人员13602名: a sibling part named by a word of its own
            if part is None:
                return None
            concept = part
        start = max((k for k in range(i) if _content(toks[k])), default=-1)
        seg = toks[start + 1:]
        end = next((k for k, u in enumerate(seg) if k > i - start - 1 and _content(u)), len(seg))
        if lex.not_metric.search(_masked(seg[:end])):
            return None  # 涉及辖区4条道路，总长度12607米: what the thing before was is not a metric either
        r = _Reading(concept, _event(seg[:end]), "inherited", word=t.text)
        if r.event in lex.stock_events and lex.concepts[concept].kind == "org":
            k = next((k for k in range(end - 1, -1, -1) if seg[k].cls == "E"), None)
            if k is not None and k > 0 and seg[k - 1].text in lex.stock_markers:
                r.event = None  # 315个村(社区)全部建立党组织，其中村党组织268个: those in place
        r.after_share = share_after
        r.prior_event = r.event
        return r
    return None


def _whole_of(lex: Lexicon, toks: list[Token], part: str) -> _Reading | None:
    """The last thing counted in ``toks`` that ``part`` is (a part of), read with its event: the whole of a
    list after 其中 (新引进各类人才4380人，其中博士32人、硕士416人: the masters were attracted too)."""
    for i in range(len(toks) - 1, -1, -1):
        t = toks[i]
        if t.cls != "C" or not (t.key == part or t.key in lex.ancestors(part)):
            continue
        end = next((k for k in range(i + 1, len(toks)) if _content(toks[k]) and toks[k].key != "、"), len(toks))
        whole = _inherit(lex, toks[:end])
        return whole if whole is not None and (whole.concept == part or whole.concept in lex.ancestors(part)) else None
    return None


def _subset_of(lex: Lexicon, word: str, parent: str) -> str | None:
    """The part a modifier word names of ``parent`` (女性 of 党员 → 女党员) or, after a sibling part, of the
    whole both belong to (…具有大专及以上学历的党员28427名。从职业看，工人3265名: workers among the members)."""
    for whole in (parent, *lex.ancestors(parent)):
        part = next((c for c in lex.subsets.get(word, ()) if c in lex.concepts
                     and (whole == c or whole in lex.ancestors(c))), None)
        if part is not None:
            return part
    return None


def _segment_has_number(toks: list[Token], i: int) -> bool:
    """Whether the clause around toks[i] holds a number, or is the last clause (the claim's own)."""
    lo = i
    while lo > 0 and not (_content(toks[lo - 1]) and toks[lo - 1].cls == "D"):
        lo -= 1
    hi = i
    while hi < len(toks) - 1 and not (_content(toks[hi + 1]) and toks[hi + 1].cls == "D"):
        hi += 1
    if hi >= len(toks) - 1:
        return True
    return any(u.cls == "D" and _NUMBERISH.match(u.key) and u.key.strip() for u in toks[lo:hi + 1])


def _anaphora(lex: Lexicon, r: _Reading, context) -> None:
    """小区 after 老旧小区 in one sentence is the old compound: a thing's parent word written bare takes the
    specific child named before it (never for people: 干部 after 党政正职 are other cadres). ``context`` gives
    the tokens before the number, read only when needed."""
    concept = lex.concepts[r.concept]
    if r.word != concept.zh or concept.kind not in ("facility", "renewal") or r.event in (None, "total"):
        return  # 辖12个小区 counts compounds, old or not; 36个小区全部开工 is the renovation's progress
    for t in reversed(context()):
        if t.cls == "C" and t.key != r.concept and r.concept in lex.ancestors(t.key):
            r.concept = t.key
            return


def _event_for(lex: Lexicon, concept: Concept, cue: str | None) -> str | None:
    kind = lex.kinds[concept.kind]
    if cue is not None:
        cue = kind.get("alias", {}).get(cue, cue)
    if cue is None or cue in kind.get("ignore", []):
        cue = kind["default"]
    return cue if cue in kind["events"] else None


_OWN_CLAUSE = re.compile(r"[，；;：:]|(?<!\d),|,(?!\d)|\s\|\s")
_QUALIFIED_AMOUNT = re.compile(r"(超过|超|逾|以上|及以上|不低于|不少于)[^，,；;。、]{0,10}$")


def _split_prefix(claim: ClaimContext) -> tuple[str, str]:
    """(sentence text before this claim's `before`, the part of it in the claim's own clause)."""
    sentence, clause = claim.sentence_before, claim.clause_before
    if claim.before and sentence.endswith(claim.before):
        sentence, clause = sentence[:-len(claim.before)], clause[:-len(claim.before)]
    elif not claim.before:
        # 96期360余条: the number follows another right away; the other's figure is not a word before it.
        quantity = lexicon().quantity_chars
        while sentence and (sentence[-1] in quantity or sentence[-1] in ".,~～-"):
            sentence = sentence[:-1]
        clause = clause[:max(0, len(clause) - (len(claim.sentence_before) - len(sentence)))]
    cut = max((m.end() for m in _OWN_CLAUSE.finditer(clause)), default=0)
    return sentence, clause[cut:]


def _masked(toks: list[Token]) -> str:
    """The text of the tokens with every concept word blanked out (so guards read only the words around)."""
    return "".join("□" * len(t.text) if t.cls == "C" else t.text for t in toks)


def _until_delimiter(toks: list[Token]) -> list[Token]:
    """The tokens up to the first delimiter other than 、 (the rest of the number's phrase)."""
    out = []
    for t in toks:
        if t.cls == "D" and _content(t):
            break
        out.append(t)
    return out


def _until_item(toks: list[Token]) -> list[Token]:
    """The tokens up to the first delimiter, 、 included (the rest of the number's own item of a list)."""
    out = []
    for t in toks:
        if t.cls == "D" and (_content(t) or t.key == "、"):
            break
        out.append(t)
    return out


def _head_of(toks: list[Token]) -> list[Token]:
    """The tokens of the text after the number up to its first delimiter."""
    out = []
    for t in toks:
        if _content(t):
            break
        out.append(t)
    return out


def match_metric(claim: ClaimContext) -> Metric | None:
    """The canonical metric of a claim, or None when none fits: never forced."""
    lex = lexicon()
    if claim.kind == "rank":
        return None
    dim = unit_dimension(claim.unit)
    if dim is None:
        return None
    before, after = _norm(claim.before), _norm(claim.after)
    sprefix, cprefix = (_norm(x) for x in _split_prefix(claim))
    tfull = lex.tokens(cprefix + before)
    span = next((t for t in tfull if t.cls == "C" and t.start < len(cprefix) < t.end), None)
    if span is not None:
        # 为65岁及以上老年人免费健康体检6.8万人: the number before is part of a word of the lexicon (the age that
        # defines 65岁及以上老年人), not a threshold on what this number counts.
        cprefix, before = "", cprefix + before
    tb, ta = lex.tokens(before), lex.tokens(after)
    if span is None and tb and tb[0].cls == "C" and tb[0].start == 0 and lex.age_band_end.search(cprefix):
        # 36岁至60岁党员17,594名: an age band the lexicon does not name makes the concept a part of it
        return None
    # Guards on the words around the number (concept words blanked: 人均可支配收入 is not a rule per head).
    rule = lex.per_unit.search(_masked(tfull))
    if rule and claim.qualifier == "exact" and claim.claim_type == "target" and lex.yearly.match(rule.group()):
        rule = None  # 明确每年新吸引4万名青年人才: a plan stated per year is the year's figure
    if rule or lex.not_metric.search(_masked(tb)) \
            or lex.not_metric.search(_masked(_until_item(ta))) or lex.threshold_after.match(after) \
            or lex.threshold_start.match(before) \
            or lex.subset_before.search(cprefix + before) or lex.manner.search(cprefix + before):
        return None
    if claim.qualifier != "exact" and lex.threshold_before.search(before) and dim in ("area", "length", "time"):
        return None
    head = next((t for t in ta if t.cls != "N"), None)
    if claim.qualifier != "exact" and dim in ("money", "area") and head is not None and head.cls == "C" \
            and head.start <= 1 and lex.concepts[head.key].kind in ("entity", "project", "facility"):
        return None  # 培育营业收入超10亿元企业5家: the amount defines the firms counted after it
    if dim in ("percent", "share", "points") and re.search(r"分别[^，,；;。]*$", cprefix + before):
        return None  # 同比分别下降25%和18.2%: which rate goes with which named thing is the order's business
    if claim.qualifier != "exact" and lex.each_threshold.search(before):
        return None  # 所有行政村集体经济收入均达到50万元以上: a floor for each, not a total
    reading = _read(lex, claim, dim, tb, ta, before, sprefix, cprefix)
    metric = _resolve(lex, claim, reading, dim, before, tb) if reading is not None and reading.concept else None
    if metric is None and claim.previous_sentence:
        metric = _from_previous(lex, claim, dim, tb, ta, before, sprefix)
    return metric


_LIST_ITEM = re.compile(r"[\d.]+[^\d，,；;。、]{1,10}、$")


def _whole_place(lex: Lexicon, cprefix: str, before: str) -> bool:
    """Whether a word of the whole jurisdiction stands right before the number, or before the list it is an
    item of (全区86个城市社区、112个行政村: all of the district's villages too)."""
    if lex.whole_place.search(before):
        return True
    head = cprefix + before
    if not head.endswith("、"):
        return False
    for _ in range(8):
        m = _LIST_ITEM.search(head)
        if m is None:
            break
        head = head[:m.start()]
        if lex.whole_place.search(head):
            return True
    return False


def _after_cue(toks: list[Token]) -> str | None:
    """The cue right after a number, past link words (４所已竣工, 36个全部开工): what happened to what it counts."""
    for t in toks:
        if t.cls in ("L", "N") or (t.cls == "D" and not t.key.strip()):
            continue
        return t.key if t.cls == "E" else None
    return None


def _from_previous(lex: Lexicon, claim: ClaimContext, dim: str, tb: list[Token], ta: list[Token], before: str,
                   sprefix: str) -> Metric | None:
    """A number whose sentence names nothing it counts, with a word of what happened (上半年已开工51个; a
    table's 已培训4312人次): the first thing of the sentence before that this can have happened to, in this
    unit (计划改造老旧小区53个，涉及楼栋412栋…。上半年已开工51个: the old compounds, not the buildings)."""
    if any(t.cls in ("C", "R", "S", "P", "M", "B") for t in tb) or _after_noun(ta):
        return None
    if any(t.cls == "C" and t.text not in lex.subsets for t in _prefix_tokens(lex, claim.sentence, sprefix)):
        return None
    own = _event(tb) or _after_cue(ta)
    if own is None or own in lex.anchored or dim in ("percent", "share", "points"):
        return None
    toks = list(_sentence_tokens(claim.previous_sentence))
    for i, t in enumerate(toks):
        if t.cls != "C":
            continue
        ok, concept, j = _chunk(lex, toks, i)
        if not ok or (j >= 0 and toks[j].cls == "S"):
            continue
        r = _Reading(concept, own, "inherited", word=t.text)
        _marks(r, tb)
        if _event_for(lex, lex.concepts[concept], own) in (None, "total") and not r.attribute:
            continue  # nothing of its own happened to it
        if not r.attribute and dim != lex.concepts[concept].dims[0]:
            continue  # 完工81户 after 争取上级救灾资金1.42亿元: not a measure of the funds
        if not _has_attribute(lex, concept, r.attribute):
            continue
        metric = _resolve(lex, claim, r, dim, before, tb)
        if metric is not None:
            return metric
    return None


def _has_attribute(lex: Lexicon, concept: str, attribute: str | None) -> bool:
    """Whether a thing named before can carry the attribute a number's own words name (the investment in
    old compounds, yes; 投入资金320万元 after 人均可支配收入2.1万元: an income has no investment of its own)."""
    return attribute is None or attribute in lex.kinds[lex.concepts[concept].kind].get("dim_attribute", {}).values()


def _after_noun(toks: list[Token]) -> bool:
    """Whether a noun (of the lexicon or not) stands right after the number."""
    return next((t.cls for t in toks if t.cls != "N" and t.key.strip()), "D") in ("C", "R")


@lru_cache(maxsize=256)
def _sentence_read(text: str) -> tuple[str, tuple[Token, ...]]:
    """A whole sentence normalised and its tokens (a claim's or the one before it: read once for all its
    claims)."""
    normed = _norm(text)
    return normed, tuple(lexicon().tokens(normed))


def _sentence_tokens(text: str) -> tuple[Token, ...]:
    return _sentence_read(text)[1]


def _prefix_tokens(lex: Lexicon, sentence: str, prefix: str) -> list[Token]:
    """The tokens of ``prefix`` (the normalised start of ``sentence``), cut from the sentence's tokens, which
    are read once for all its claims; the token the cut falls in, and the one before it, are read again."""
    full, toks = _sentence_read(sentence)
    if not full.startswith(prefix):
        return lex.tokens(prefix)  # a year cut in two, say: read the prefix itself
    cut = len(prefix)
    k = next((i for i, t in enumerate(toks) if t.end > cut), len(toks))
    if k == len(toks) or toks[k].start == cut:
        return list(toks[:k])
    k = max(0, k - 1)
    start = toks[k].start
    return [*toks[:k], *(Token(t.cls, t.key, t.start + start, t.end + start, t.text)
                         for t in lex.tokens(prefix[start:]))]


def _context(lex: Lexicon, claim: ClaimContext, stoks: list[Token]) -> list[Token]:
    """The tokens a number may refer back to: its sentence's before it and, when those name nothing counted,
    the previous sentence's of its paragraph (其中，女性487名 after 全年发展党员1132名; a table's 已建成2136个
    after the cell that names the work)."""
    if not claim.previous_sentence or any(t.cls == "C" and t.text not in lex.subsets for t in stoks):
        return stoks
    prev = _sentence_tokens(claim.previous_sentence)
    if not prev:
        return stoks
    shift = prev[-1].end + 1
    return [*prev, Token("D", "。", shift - 1, shift, "。"),
            *(Token(t.cls, t.key, t.start + shift, t.end + shift, t.text) for t in stoks)]


def _read(lex: Lexicon, claim: ClaimContext, dim: str, tb: list[Token], ta: list[Token], before: str,
          sprefix: str, cprefix: str) -> _Reading | None:
    """What the number counts: the concept before it, after it, or named earlier in the sentence (or in the
    sentence before, when its own names nothing before it)."""
    memo: list[list[Token]] = []

    def ctx() -> list[Token]:  # read only when the number refers back
        if not memo:
            memo.append(_context(lex, claim, _prefix_tokens(lex, claim.sentence, sprefix)))
        return memo[0]

    reading, clean, trail = _read_before(lex, tb)
    if reading is not None and reading.word in lex.subsets and not reading.event \
            and [t.cls for t in tb if t.cls != "D"] == ["C"]:
        # 离退休人员13602名，学生652名: a word that names a part of what was counted before as well as a
        # thing of its own is the part, when something it is a part of was counted before.
        c = next(t for t in tb if t.cls == "C")
        part = _inherit(lex, ctx() + [Token("M", c.text, c.start, c.end, c.text)])
        if part is not None and part.concept in lex.subsets[c.text]:
            reading = part
    last = next((t for t in reversed(tb) if t.cls != "D" or t.key.strip()), None)
    if reading is None or trail:
        # 社区把辖区划分为9个网格, 换届办下设5个工作组: a verb before the number, its noun after it; or a verb and
        # the names of what it made (组建了综合协调、问题攻坚、督察督办3个工作专班).
        if last is None or last.cls in ("L", "E", "N", "K", "S", "D") or _named_list(tb):
            recipient = last is not None and last.cls == "L" and last.text in ("为", "给")
            whole = _whole_place(lex, cprefix, before)
            r_after, listed = _read_after(lex, ta, whole, recipient)
            if listed:
                return None
            agent = reading.concept if reading is not None and reading.concept in lex.concepts else None
            if r_after is not None and agent and lex.concepts[agent].kind in ("person", "staff") \
                    and lex.concepts[r_after.concept].kind not in ("person", "staff", "public"):
                return None  # 由区级党政领导领办14件实事项目: the part one group does, not the whole
            if r_after is not None:
                concept = lex.concepts[r_after.concept]
                if r_after.event is None:
                    r_after.event = _event(tb)
                if r_after.event is None:
                    cue = _list_head_event(lex.tokens(cprefix))  # 组建5个专项工作组和10个巡回指导组
                    if cue and _event_for(lex, concept, cue) not in (None, "total"):
                        r_after.event = cue
                if concept.kind == "place" and whole:
                    r_after.event = None  # 联系指导全区14个街道: all of the district's, whatever was done in them
                elif r_after.event is None and concept.kind not in lex.after_bare_kinds \
                        and not lex.jurisdiction.search(cprefix + before) \
                        and not lex.size_threshold.search(_norm(claim.clause)):
                    return None  # 郑州市外国语学校等7所中小学…建设顺利推进: what happened is not read
                reading = r_after
    if reading is None and clean and not any(t.cls == "C" for t in tb) \
            and not any(t.cls in ("C", "R") for t in _head_of(ta)) \
            and next((t.cls for t in ta if t.cls != "N" and t.key.strip()), "D") != "R":  # 改造1个薄弱点: its own noun
        parts = [u for u in tb if u.cls == "M"]
        # 从农民和工人中发展的638名: a group made of two parts the lexicon names apart is neither.
        inherited = _inherit(lex, ctx() + parts) if len(parts) < 2 else None
        if inherited is not None:
            own = _event(tb)
            _marks(inherited, tb)
            if not _has_attribute(lex, inherited.concept, inherited.attribute):
                return None
            level = any(t.cls == "L" and t.text in lex.level_links for t in tb + _head_of(ta))
            if own in lex.anchored:
                # 新铺设供水管网85千米，惠及群众3.6万人: those benefiting from the work named before.
                kind = lex.kinds[lex.concepts[inherited.concept].kind]
                inherited.attribute = kind.get("dim_attribute", {}).get(dim)
                if inherited.attribute is None:
                    return None
            elif own is not None and not (own == "completed" and inherited.event in lex.work_events):
                inherited.event = own  # 已完工: the row's own work (改造提升农村公路) is what was completed
            elif own is None and (level or any(t.cls == "L" and t.text in ("总数", "总量") for t in tb)):
                inherited.event = None  # 总数达到612家: the level reached, whatever the clause before did
            # 推送党建信息96期360余条: a second measure right after the first, of the same thing
            # 共有城市低保对象2860户、4310人: the same thing in another unit
            right_after = before.strip() in ("", "、") \
                and re.search(r"\d[^\d，,；;。、]{0,3}、?$", claim.clause_before) \
                and not (claim.unit in lex.unit_concepts and lex.jurisdiction.search(cprefix))
            named_part = any(u.cls == "M" for u in tb)
            if own is None and not (inherited.attribute or level or right_after or named_part
                                    or dim in ("percent", "share", "points")):
                inherited = None  # a bare number after a named thing, with no word of its own
            reading = inherited
        if reading is None and claim.unit in lex.unit_concepts and lex.jurisdiction.search(cprefix + before):
            reading = _Reading(lex.unit_concepts[claim.unit], None, "unit")  # 全村共有412户、1536人
    if reading is None:
        return None
    if reading.concept == "?":
        parent = _inherit(lex, ctx())
        if parent is None:
            return None
        reading.concept = parent.concept
    if not reading.concept:
        return None
    sized = lex.size_threshold.search(_norm(claim.clause))
    if "其中" in before and reading.side in ("after", "inherited") and not sized \
            and not any(t.cls == "M" or (t.cls == "N" and t.key == "place") for t in tb):
        return None  # 其中6个项目…: a part the lexicon does not name (其中金水区新增6200个 names a district's)
    if reading.side == "before" and tb and tb[0].cls == "C" and _QUALIFIED_AMOUNT.search(cprefix):
        return None  # 超10亿元项目4个: the amount before the noun is the threshold that defines it
    if reading.side in ("before", "inherited") and not reading.event and not reading.level \
            and "其中" in claim.sentence_before:
        # 新引进各类人才3460名，其中博士68名; 全年共发展党员1046名。其中，女党员417名，具有大专及以上学历的712名:
        # the part shares what happened to the whole.
        toks = ctx()
        k = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].text == "其中"), None)
        whole = None
        if "其中" in cprefix + before:
            whole = _whole_of(lex, toks, reading.concept)
        elif k is not None:
            head = toks[:k]
            if not any(t.cls == "C" for t in head) and claim.previous_sentence:
                head = list(_sentence_tokens(claim.previous_sentence))  # the sentence opens with 其中
            whole = _whole_of(lex, head, reading.concept)
        if whole is not None:
            reading.event = whole.event
    if reading.side in ("before", "after") and not reading.event and not reading.level and not _event(tb):
        # 表彰先进基层党组织38个、优秀共产党员126名: a cue at the head of a list governs its items.
        cue = _list_head_event(lex.tokens(cprefix), lex.built_stock_markers)
        if cue is None and reading.side == "before" and claim.qualifier != "over" and _bare_item(tb) \
                and not cprefix.strip():
            cue = _carried_event(lex, sprefix, reading.concept)
        if cue and _event_for(lex, lex.concepts[reading.concept], cue) not in (None, "total"):
            reading.event = cue
    if lex.concepts[reading.concept].kind == "public" \
            and _event_for(lex, lex.concepts[reading.concept], reading.event) in lex.anchored:
        # 完成老旧小区改造93个，惠及居民2.1万户: those benefiting belong to the thing counted before; with
        # nothing counted before they measure nothing named.
        own = []
        if reading.side == "before":
            k = max((i for i, t in enumerate(tb) if t.cls == "C"), default=0)
            own = tb[:k] if any(t.cls == "C" for t in tb[:k]) else []
            own = own[:max(i for i, t in enumerate(own) if t.cls == "C") + 1] if own else own
            # “两癌”筛查惠及适龄妇女1.2万人: the thing is named in the number's own clause
        anchor = _inherit(lex, ctx() + own)
        kind = lex.concepts[anchor.concept].kind if anchor else ""
        attr = lex.kinds[kind].get("dim_attribute", {}).get(dim) if anchor else None
        if anchor is None or attr is None:
            return None
        anchor.attribute = attr
        anchor.side = "anchored"
        reading = anchor
    if reading.side in ("after", "inherited", "anchored"):
        _anaphora(lex, reading, ctx)
    if lex.concepts[reading.concept].kind == "public" and reading.event is None \
            and claim.unit in lex.unit_concepts and lex.jurisdiction.search(cprefix + before):
        reading = _Reading(lex.unit_concepts[claim.unit], None, "unit")  # 辖区有居民3860户、11200余人
    return reading


def _resolve(lex: Lexicon, claim: ClaimContext, r: _Reading, dim: str, before: str,
             tb: list[Token]) -> Metric | None:
    concept = lex.concepts[r.concept]
    if r.higher_base:
        return None
    units = concept.units or tuple(lex.kinds[concept.kind].get("units", ()))
    if claim.unit in units and dim not in concept.dims and dim not in ("percent", "share", "points"):
        dim = concept.dims[0]  # 市场主体 in 户, 1067个楼栋长: still a count of them
    rate_dim = dim in ("percent", "share", "points")
    events = lex.kinds[concept.kind]["events"]
    compared = any(t.cls in ("L", "E") and t.text.startswith(tuple(lex.comparison_links)) for t in tb)
    if concept.kind == "rate":
        if not rate_dim or r.progress:
            return None
        if dim == "points":
            return compose(concept.key, "change", dim) if r.event in ("growth", "decline", "net_increase") else None
        if r.event in ("growth", "decline") and r.side == "inherited":
            return None
        return compose(concept.key, "total", dim)
    if rate_dim:
        if r.progress:
            # 完成全年目标的86.1%, 完成率84.4%: the progress of what was counted before, against its target.
            if r.side != "inherited" or dim == "points":
                return None
            event = _event_for(lex, concept, r.event)
            if event is None or event in ("growth", "decline", "share", "change", "share_change"):
                return None
            return progress(compose(concept.key, event, concept.dims[0]))
        if dim == "points":
            if r.side == "inherited" and r.after_share and "share_change" in events \
                    and r.event in ("growth", "decline", "net_increase"):
                return compose(concept.key, "share_change", dim)
            return None
        if r.share:
            if "share" not in events:
                return None
            if r.base is None or r.base == concept.key:
                # 女党员…占31.1%: a part of its parent; a share of nothing named is not a metric.
                if not concept.parent:
                    return None
            elif r.base not in lex.ancestors(concept.key) and lex.concepts[r.base].kind != "indicator":
                return None
            flow = _event_for(lex, concept, r.prior_event) if r.side == "inherited" else None
            if flow not in (None, "total"):
                # 新发展党员中，女性412名，占38.9%: a share of those recruited, not of all members
                if flow not in lex.flow_share_events:
                    return None
                return share_of(compose(concept.key, flow, concept.dims[0]))
            return compose(concept.key, "share", "percent")
        event = {"net_increase": "growth", "new": "growth"}.get(r.event or "", r.event)
        if event in ("growth", "decline") and event in events:
            return compose(concept.key, event, "percent")
        return None
    if compared:
        # 比上年净增865名 is a change of the members; 发展党员1132名，比上年增加58名 (or 比上年多发展12名) is the
        # change of what was recruited, a metric of its own.
        flow = _event_for(lex, concept, r.prior_event) if r.side == "inherited" else None
        if flow not in (None, "total"):
            if flow in lex.flow_share_events and r.event in ("new", "net_increase", r.prior_event) \
                    and dim == concept.dims[0]:
                return flow_change(compose(concept.key, flow, dim))
            return None
        if r.event not in ("new", "net_increase") or "net_increase" not in events:
            return None
        event = "net_increase"
    else:
        event = _event_for(lex, concept, r.event)
    if event is None or event in ("growth", "decline", "share", "change", "share_change"):
        return None
    if r.attribute and event == "started" and lex.kinds[concept.kind].get("work"):
        event = lex.kinds[concept.kind]["work"]
    if r.attribute:
        attr = lex.attributes[r.attribute]
        if dim not in attr["dims"]:
            return None
        if dim != concept.dims[0] and lex.kinds[concept.kind].get("dim_attribute", {}).get(dim) != r.attribute \
                and dim not in concept.dims:
            return None
    elif concept.kind == "money" and dim in lex.kinds["money"].get("dim_attribute", {}):
        pass  # 发放困难残疾人生活补贴1.12万人次、960万元: people counted with a grant are those it reached
    elif dim != concept.dims[0] and dim not in concept.dims:
        return None
    if dim not in _dims_of(lex, concept, event):
        return None
    units = concept.units or tuple(lex.kinds[concept.kind].get("units", ()))
    if dim == concept.dims[0] and units and claim.unit not in units and claim.unit_raw not in units:
        return None
    if dim == "money" and lex.firm_own.search(before):
        return None
    if concept.kind == "place" and not lex.jurisdiction.search(before) \
            and not _whole_place(lex, _norm(_split_prefix(claim)[1]), before):
        return None
    if dim == concept.dims[0] and concept.kind in ("facility", "org") and dim == "items":
        size = lex.size_threshold.search(_norm(claim.clause))
        if size:
            n = int(size.group("n") or size.group("m"))
            # 建成200平方米以上的驿站8个: a count of the sized group, at a threshold reports use
            return sized(compose(concept.key, event, dim), n) if n in lex.size_thresholds else None
    if dim in ("area", "length", "time") and claim.qualifier in ("over", "at_least") and event == "total" \
            and concept.kind in ("facility", "org") \
            and (not r.attribute or lex.size_threshold.search(_norm(claim.clause))):
        return None  # 面积超1000平方米: the size that defines a group of centres, not a measure of them
    return compose(concept.key, event, dim)


# ----------------------------------------------------------------------------------------- coverage

def coverage(claims: pd.DataFrame, top: int = 30) -> dict:
    """How much of a claims table the canonical metrics cover.

    Keys: ``claims`` and ``with_metric`` (share of all claims with a metric); ``achievement_claims`` and
    ``achievement_with_metric``; ``metrics`` ({key: number of claims}, most used first);
    ``comparable_metrics`` (stated by two or more districts, or by one district in two or more years);
    ``unmatched_subjects`` and ``unmatched_labels`` ([(word, claims)], the most frequent left without one:
    the list a maintainer extends the lexicon from).
    """
    n = len(claims)
    has = claims["metric"].notna()
    achieved = claims[claims["claim_type"] == "achievement"]
    with_metric = achieved["metric"].notna().mean() if len(achieved) else 0.0
    measured = claims[has]
    spread = measured.groupby("metric")["district"].nunique()
    by_district = measured.groupby(["metric", "district"])["year"].nunique()
    multi_year = set(by_district[by_district >= 2].index.get_level_values(0))
    comparable = sorted(set(spread.index[spread >= 2]) | multi_year)
    left = claims[~has]
    return {
        "claims": n, "with_metric": float(has.mean()) if n else 0.0,
        "achievement_claims": len(achieved), "achievement_with_metric": float(with_metric),
        "metrics": dict(Counter(measured["metric"]).most_common()),
        "comparable_metrics": comparable,
        "unmatched_subjects": Counter(s for s in left["subject"].fillna("") if s).most_common(top),
        "unmatched_labels": Counter(s for s in left["metric_label"].fillna("") if s).most_common(top),
    }


def check_lexicon() -> list[str]:
    """Problems of the lexicon and the catalogue: unknown parents, cycles, kinds, categories, labels."""
    lex = lexicon()
    problems = []
    for c in lex.concepts.values():
        if c.parent and c.parent not in lex.concepts:
            problems.append(f"{c.key}: parent {c.parent} is not a concept")
        if c.kind not in lex.kinds:
            problems.append(f"{c.key}: kind {c.kind} is not in events.toml")
        if c.category not in CATEGORIES:
            problems.append(f"{c.key}: category {c.category} is not one of the categories")
        if not c.dims:
            problems.append(f"{c.key}: no dimension")
        seen, p = {c.key}, c.parent
        while p and p in lex.concepts:
            if p in seen:
                problems.append(f"{c.key}: its parents make a cycle through {p}")
                break
            seen.add(p)
            p = lex.concepts[p].parent
    for (concept, event, dim), m in catalogue().items():
        if concept not in lex.concepts:
            problems.append(f"metric {m.key}: concept {concept} is not in the lexicon")
            continue
        if event not in lex.events:
            problems.append(f"metric {m.key}: event {event} is not in events.toml")
        elif event not in _events_of(lex, lex.concepts[concept]):
            problems.append(f"metric {m.key}: a {lex.concepts[concept].kind} admits no event {event}")
        elif dim not in _dims_of(lex, lex.concepts[concept], event):
            problems.append(f"metric {m.key}: {concept} × {event} is not stated in {dim}")
        if m.category not in CATEGORIES:
            problems.append(f"metric {m.key}: category {m.category} is not one of the categories")
        if not (m.zh and m.en):
            problems.append(f"metric {m.key}: a label is missing")
    keys = Counter(m.key for m in catalogue().values())
    problems += [f"metric {k} is listed {n} times" for k, n in keys.items() if n > 1]
    return problems
