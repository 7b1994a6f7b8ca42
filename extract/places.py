"""Places named in a report: districts and sub-districts from the gazetteer (rules/gazetteer.csv), and
named units the gazetteer does not hold (柿园村, 华贸大厦楼宇社区, 城东办事处), recognised by their form
(rules/places.toml). Which place a claim belongs to is decided by ``extract.scopes``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from . import words
from .rules import load_csv, load_toml

_DISTRICT_KINDS = {"区", "市", "县", "开发区"}


@dataclass(frozen=True)
class Place:
    name: str  # canonical
    kind: str
    district: str  # the district it lies in (itself for a district)

    @property
    def is_district(self) -> bool:
        return self.kind in _DISTRICT_KINDS


@dataclass(frozen=True)
class Mention:
    """A gazetteer name found in a text."""

    start: int
    end: int
    places: tuple[Place, ...]  # more than one when a name is shared by several districts


@dataclass(frozen=True)
class Unit:
    """A named sub-district unit mentioned in a text: a 街道, 乡镇, 村, 社区, 办事处 or 园区."""

    start: int
    end: int
    name: str  # as written when the text writes a full unit name, else the gazetteer's canonical name
    kind: str  # the unit word it ends with (街道, 镇, 村, 社区 …), or the gazetteer's kind
    district: str | None  # the district the gazetteer puts it in; None for a unit it does not know
    role: str  # subject (the passage is about it), location (位于…), reference (借鉴…经验)


class Gazetteer:
    """All place names with their aliases; finds mentions in a text, longest name first."""

    def __init__(self, rows: tuple[dict, ...]):
        self.by_name: dict[str, list[Place]] = {}
        self.districts: dict[str, Place] = {}
        self.home_districts: set[str] = set()  # the districts whose sub-districts the gazetteer holds
        self.home: list[str] = []  # Zhengzhou's districts, in the gazetteer's order
        for row in rows:
            place = Place(row["name"], row["kind"], row["district"])
            if place.is_district:
                self.districts[place.name] = place
                if not row.get("elsewhere"):
                    self.home.append(place.name)
            else:
                self.home_districts.add(place.district)
            for name in [row["name"], *filter(None, row["aliases"].split(";"))]:
                self.by_name.setdefault(name, []).append(place)
        names = sorted(self.by_name, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(n) for n in names))

    def canonical_district(self, name: str | None) -> str | None:
        """金水 → 金水区, 管城区 → 管城回族区; unknown names are returned as given."""
        if not name:
            return None
        for place in self.by_name.get(name.strip(), []):
            if place.is_district:
                return place.name
        return name.strip()

    def mentions(self, text: str) -> list[Mention]:
        return [Mention(m.start(), m.end(), tuple(self.by_name[m.group()])) for m in self._pattern.finditer(text)]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Zhengzhou's districts and sub-districts, and the county-level divisions of the rest of Henan."""
    elsewhere = tuple({"name": r["name"], "kind": r["kind"], "district": r["name"], "aliases": "", "elsewhere": "1"}
                      for r in load_csv("districts_elsewhere.csv"))
    return Gazetteer(load_csv("gazetteer.csv") + elsewhere)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _unit_rules() -> dict:
    r = load_toml("places.toml")
    units = r["units"]
    suffixes = units["suffixes"]
    function = units["function_chars"]
    return {
        "suffix": re.compile(rf"(?:{_alt(suffixes)})"),
        "suffixes": sorted(suffixes, key=len, reverse=True),
        "stem_max": units["stem_max"],
        "stem_char": re.compile(rf"(?![{function}]){units['stem_chars']}"),
        "function": frozenset(function),
        "left_words": tuple(sorted(units["left_words"], key=len, reverse=True)),
        "verbs_before": tuple(sorted(units["verbs_before"], key=len, reverse=True)),
        # Where a name may begin inside a stem: after the last introducing word or governing verb (all their
        # occurrences, overlapping ones too).
        "cut_words": re.compile(rf"(?=({_alt([*units['left_words'], *units['verbs_before']])}))"),
        "not_in_stem": re.compile(_alt(units["not_in_stem"])),
        "not_after": {k: frozenset(v) for k, v in units["not_after"].items()},
        "not_words": tuple(sorted(units["not_words"], key=len, reverse=True)),
        "name_endings": tuple(units["name_endings"]),
        "generic_stems": frozenset(units["generic_stems"]),
        "kind_endings": tuple(units["kind_endings"]),
        "not_first": tuple(units["stem_cannot_start_with"]),
        "subject_lead": re.compile(rf"^(?:{r['roles']['subject_lead']})*$"),
        "location_before": re.compile(rf"(?:{_alt(r['roles']['location_before'])})$"),
        "reference_before": re.compile(rf"(?:{_alt(r['roles']['reference_before'])})[^，。；,;]{{0,12}}$"),
    }


def _kind_of(name: str) -> str:
    return next((suffix for suffix in _unit_rules()["suffixes"] if name.endswith(suffix)), "")


def find_units(text: str, mentions: list[Mention], district: str | None, quoted=None) -> list[Unit]:
    """Every sub-district unit named in ``text``, in text order: gazetteer mentions, and names the
    gazetteer does not know written as <name><unit word> (柿园村, 城东办事处). ``quoted(start, end)``
    tells quoted spans, whose nicknames (“上访村”) are not units."""
    r = _unit_rules()
    gaz = gazetteer()
    # The gazetteer's sub-districts are Zhengzhou's: in a report from elsewhere a name it holds is a
    # namesake, unless a district it lies in is named right before it.
    known_district = district in gaz.home_districts
    out: list[Unit] = []
    boundaries = {0}
    taken: list[tuple[int, int]] = []
    chained: str | None = None  # the district named right before, in a chain of names
    last_end = -1
    for m in mentions:
        taken.append((m.start, m.end))
        boundaries.add(m.end)
        if m.start != last_end:
            chained = None
        last_end = m.end
        if all(p.is_district for p in m.places):
            chained = m.places[0].district
            continue
        place = next((p for p in m.places if p.district == (chained or district)), m.places[0])
        if place.is_district:
            continue
        written = text[m.start:m.end]
        kind = _kind_of(written)
        # A Zhengzhou name in a report from elsewhere is a namesake: the report's own district holds it.
        owner = place.district if known_district or district is None or chained == place.district else None
        out.append(Unit(m.start, m.end, written if kind else place.name, kind or place.kind, owner, "subject"))
    for m in r["suffix"].finditer(text):
        start, end = m.start(), m.end()
        if start == 0 or not r["stem_char"].match(text[start - 1]):
            boundaries.add(end)  # 该街道|清风社区: a bare unit word ends where a name may begin
        if _overlaps(taken, start, end):
            continue
        if text[end:end + 1] in r["not_after"].get(m.group(), ()):
            continue
        ending = next((w for w in r["name_endings"] if text.startswith(w, end - len(w))), None)
        if ending is None and text.endswith(r["not_words"], max(0, end - 3), end) \
                and _ends_with_word(text, end, r["not_words"]):
            continue
        stem_start = _stem_start(text, start, boundaries)
        if stem_start is None:
            continue
        stem = text[stem_start:start]
        if ending is not None:
            rest = text[stem_start:end - len(ending)]
            if not rest or rest in r["generic_stems"] or r["function"].intersection(rest):
                continue  # 偏远山村, 这个山村: a kind of village, not a name
        if len(stem) < 2 or stem in r["generic_stems"] or stem.endswith(r["kind_endings"]) \
                or r["not_in_stem"].search(stem):
            continue
        first = words.cut(stem)[0][1]
        if first.startswith(r["not_first"]):
            continue  # 建成街道…, 过去找社区…: a verb, a time or a number does not begin a name
        if stem_start > 0 and text[stem_start - 1] == "的" and "是" in text[max(0, stem_start - 12):stem_start]:
            continue  # 是远近闻名的草莓村: a description, not a name
        if quoted is not None and quoted(stem_start, end):
            continue
        out.append(Unit(stem_start, end, text[stem_start:end], m.group(), None, "subject"))
        bisect.insort(taken, (stem_start, end))
        boundaries.add(end)
    out.sort(key=lambda u: u.start)
    # A chain of names (中原区须水街道) takes the role of the words before its first name.
    spans = sorted(taken)
    chain_start = {}
    for s_, e_ in spans:
        chain_start[e_] = chain_start.get(s_, s_)
    return [Unit(u.start, u.end, u.name, u.kind, u.district, _role(text, chain_start.get(u.end, u.start)))
            for u in out]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, non-overlapping ``spans``."""
    i = bisect.bisect_left(spans, (end,))
    return i > 0 and spans[i - 1][1] > start


def _ends_with_word(text: str, end: int, words: tuple[str, ...]) -> bool:
    return any(text.startswith(w, end - len(w)) for w in words if end >= len(w))


def _stem_start(text: str, suffix_start: int, boundaries: set[int]) -> int | None:
    """Where the name before a unit word begins, or None when no name stands there. A name begins after
    punctuation or at the start of a line, right after a place already named (新郑市|孟庄镇|枣香湾村) or a
    bare unit word (该街道|清风社区), or after a word that introduces a place (走进, 家住, 在 …); a stem that
    ends in a verb taking the unit as its object (指导街道) is not a name."""
    r = _unit_rules()
    start = suffix_start
    while suffix_start - start < r["stem_max"] and start > 0 and start not in boundaries \
            and r["stem_char"].match(text[start - 1]):
        start -= 1
    stem = text[start:suffix_start]
    cut = max((m.end(1) for m in r["cut_words"].finditer(stem)), default=-1)
    if cut >= 0:
        # 家住槐西社区, 指导东园社区: the name begins after the word; 指导街道: no name is left.
        return start + cut if cut < len(stem) else None
    if text.endswith(r["left_words"], max(0, start - 3), start):
        return start
    at_boundary = start == 0 or start in boundaries or not _is_text_char(text[start - 1])
    return start if at_boundary else None


def _is_text_char(ch: str) -> bool:
    """A character that continues a clause: a Chinese character or a digit (not punctuation or space)."""
    return ch.isalnum()


_CLAUSE_START = re.compile(r"[，,；;：:。！？!?\n“”\"（(）)]")


def _role(text: str, start: int) -> str:
    """location (位于须水街道…), reference (借鉴济源路街道的经验), subject (the clause begins with it, after
    at most a time, a preposition or a link word) or object (a verb governs it: 指导汝河路街道…)."""
    r = _unit_rules()
    before = text[max(0, start - 40):start]
    if r["location_before"].search(before[-16:]):
        return "location"
    if r["reference_before"].search(before[-16:]):
        return "reference"
    marks = list(_CLAUSE_START.finditer(before))
    lead = before[marks[-1].end():] if marks else (before if start <= 40 else "")
    return "subject" if r["subject_lead"].match(lead) else "object"
