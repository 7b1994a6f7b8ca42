"""Where a claim is: the district and sub-district, from the gazetteer in rules/gazetteer.csv."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .rules import load_csv, load_toml
from .text import Segments

_DISTRICT_KINDS = {"区", "市", "县", "开发区"}
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
# Words that put a clause at district level, whatever sub-district the paragraph is about (rules/places.toml).
_DISTRICT_WIDE = re.compile("|".join(map(re.escape, load_toml("places.toml")["district_wide"])))


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
    start: int
    end: int
    places: tuple[Place, ...]  # more than one when a name is shared by several districts


class Gazetteer:
    """All place names with their aliases; finds mentions in a text, longest name first."""

    def __init__(self, rows: tuple[dict, ...]):
        self.by_name: dict[str, list[Place]] = {}
        self.districts: dict[str, Place] = {}
        for row in rows:
            place = Place(row["name"], row["kind"], row["district"])
            if place.is_district:
                self.districts[place.name] = place
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
    return Gazetteer(load_csv("gazetteer.csv"))


class PlaceResolver:
    """Resolves district and sub-district for positions in one document."""

    def __init__(self, text: str, seg: Segments, district: str | None):
        self.text, self.seg = text, seg
        self.gaz = gazetteer()
        self.mentions = self.gaz.mentions(text)
        self._starts = [m.start for m in self.mentions]
        self._dominant: dict[tuple[int, int], Place | None] = {}
        self.district = district or self.most_named_district()

    def most_named_district(self) -> str | None:
        counts = Counter(self._district_of(m) for m in self.mentions)
        counts.pop(None, None)
        return counts.most_common(1)[0][0] if counts else None

    def _pick(self, m: Mention) -> Place:
        for place in m.places:
            if place.district == self.district:
                return place
        return m.places[0]

    def _district_of(self, m: Mention) -> str | None:
        districts = {p.district for p in m.places}
        return next(iter(districts)) if len(districts) == 1 else None

    def _within(self, start: int, end: int) -> list[Mention]:
        i, j = bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[i:j] if m.end <= end]

    def _subs(self, mentions: list[Mention]) -> list[Place]:
        return [p for p in (self._pick(m) for m in mentions) if not p.is_district]

    def resolve(self, pos: int) -> tuple[str | None, str | None]:
        """(district, sub-district) of a claim at ``pos``."""
        c_start, c_end = self.seg.clause(pos)
        s_start, s_end = self.seg.sentence(pos)
        clause = self._within(c_start, c_end)
        wide = bool(_DISTRICT_WIDE.search(self.text, c_start, c_end))
        sub = None
        subs = self._subs(clause)
        if subs:
            before = [p for m, p in zip(clause, subs) if m.start < pos] or subs
            sub = self._respectively(before, c_start, c_end, pos) or before[-1]
        elif not wide:
            sentence_subs = {p for p in self._subs(self._within(s_start, pos))}
            if len(sentence_subs) == 1:
                sub = sentence_subs.pop()
            elif not sentence_subs:
                sub = self._dominant_sub(*self.seg.paragraph(pos)) or self._dominant_sub(*self.seg.section(pos))
        district = sub.district if sub else self._named_district(clause, s_start, s_end)
        return district, (sub.name if sub else None)

    def _respectively(self, subs: list[Place], c_start: int, c_end: int, pos: int) -> Place | None:
        """A、B分别新增2000户、1500户: the n-th number after 分别 belongs to the n-th place named."""
        i = self.text.find("分别", c_start, c_end)
        if i < 0 or pos < i or len(subs) < 2:
            return None
        index = sum(1 for _ in _NUMBER.finditer(self.text, i, pos))
        return subs[index] if index < len(subs) else None

    def _dominant_sub(self, start: int, end: int) -> Place | None:
        """The one sub-district a paragraph or section is about: the only one it names, without 全区."""
        if (start, end) not in self._dominant:
            subs = set(self._subs(self._within(start, end)))
            one = len(subs) == 1 and not _DISTRICT_WIDE.search(self.text, start, end)
            self._dominant[start, end] = subs.pop() if one else None
        return self._dominant[start, end]

    def _named_district(self, clause: list[Mention], s_start: int, s_end: int) -> str | None:
        for scope in (clause, self._within(s_start, s_end)):
            named = {self._district_of(m) for m in scope if any(p.is_district for p in m.places)}
            named.discard(None)
            if self.district in named or not named:
                continue
            if len(named) == 1:
                return named.pop()
        return self.district
