"""The scopes of a report and what each of them states.

A report is read as a tree — document (title, publication date), sections under their headings,
paragraphs, list items and table rows, sentences, clauses — and each scope carries what it says about the
numbers inside it: the year and period they refer to, whether they are plans (a plan heading, a list
introduced as plans, the plan column of a table, a sentence after 下一步), and the unit they are about (a
街道, 村 or 社区 named in the title or as the subject of a sentence, carried on until another is named).
A claim takes the nearest scope's value unless its own clause says otherwise; this module is the one
place that decides it. Every scope is computed once per document, in one pass; claims are looked up by
position. The cues are data in rules/scopes.toml, rules/time.toml and rules/places.toml.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .places import Unit, find_units, gazetteer
from .places import _role as _places_role
from .rules import city_names, load_toml
from .tables import header_year
from .text import Segments, is_marked
from .timeline import (Published, TimeMarks, YearMark, government_report_parts, heading_mode, looks_back,
                       year_of_title, _rules as _time_rules)

_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
_RESPECTIVELY = re.compile(r"分别|分列|依次")
_LIST_SEP = re.compile(r"[、，,和]")
# Year words that qualify one number or noun (2018年的38万元, 全年目标) rather than say when.
_NOT_TIMES = ("anchor", "look_back_noun", "founded")
_YEAR_WORD = re.compile(r"(?:19|20)\d{2}\s*年")
_DIGIT = re.compile(r"[0-9０-９]")
_FULL_DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


@dataclass(frozen=True)
class ClaimScope:
    """What the scopes around one number say about it."""

    year: int | None
    period: str | None
    plan: str | None  # the scope that makes it a plan (clause, sentence, paragraph, table, section, document)
    progress: bool  # it stands in a progress column of a table: done, whatever its words
    district: str | None
    subdistrict: str | None
    heading: str  # the heading of its section ("" before the first one)
    heading_span: tuple[int, int]  # where that heading stands ((0, 0) when none)


@dataclass(frozen=True)
class _Frame:
    """The year and period a sentence states in its opening clause, and those carried to it."""

    year: YearMark | None  # stated in the opening clause
    period: str | None
    carried_year: int | None  # from earlier sentences of its paragraph
    carried_period: str | None


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _rules() -> dict:
    r = load_toml("scopes.toml")
    places = load_toml("places.toml")
    refs = r["units"]["back_references"]
    return {
        "plan_sentence": re.compile("|".join(f"(?:{p})" for p in r["plan"]["sentence"])),
        "list_intro": re.compile("|".join(f"(?:{p})" for p in r["plan"]["list_intro"])),
        "announce": re.compile("|".join(f"(?:{p})" for p in r["plan"]["announce"])),
        "progress_column": re.compile(r["table"]["progress_column"]),
        "plan_column": re.compile(r["table"]["plan_column"]),
        "back_refs": refs,
        "back_ref": re.compile(rf"(?:^|(?<=[，,；;：:。！？\s]))(?:{_alt(refs)})"),
        "alike": r["units"]["kinds_alike"],
        "district_wide": re.compile(_alt(places["district_wide"])),
        "generic_before": tuple(places["generic_before"]),
        "lead_in": re.compile(r["opening"]["lead_in"]),
        "estimate": re.compile(r["plan"]["estimate"]),
        "estimate_months": r["plan"]["estimate_from_month"],
    }


class Scopes:
    """The scopes of one document, and the values a number at a position takes from them."""

    def __init__(self, text: str, seg: Segments, title: str, published: Published, district: str | None):
        self.text, self.seg, self.published = text, seg, published
        # Without a given title, the first line is the title when it reads as one (short, no sentence end).
        first = seg.headings[0] if seg.headings and seg.headings[0][0] == 0 else None
        if first and is_marked(text[first[0]:first[1]]):
            first = None  # 一、… is a section heading, not a title
        self.title = title or (text[first[0]:first[1]].strip().lstrip("#").strip() if first else "")
        self.look_back = looks_back(self.title, published)
        self.marks = TimeMarks(text, published, self.look_back)
        self.doc_year = self._document_year()
        self.gov_parts = [] if seg.headings[1:] and self._has_year_headings() else \
            government_report_parts(text, self.title, published)
        self._gov_starts = [p for p, _, _ in self.gov_parts]
        self._sections()
        self._frames()
        self._plans()
        self._tables()
        self.gaz = gazetteer()
        self.district = district or self._city_of_title() or self._most_named_district()
        self._units()

    # ----------------------------------------------------------------- document and sections
    def _document_year(self) -> int | None:
        """The title's year (2023年度党内统计公报), else the year an annual review looks back at, else the
        publication year."""
        stated = year_of_title(self.title)
        if stated is not None:
            return stated
        if self.published.year is None:
            return None
        genre = _time_rules()["genre"].search(self.title)
        if self.look_back and genre:
            return self.published.year - 1
        return self.published.year

    def _has_year_headings(self) -> bool:
        return any(heading_mode(self.text[s:e]) or year_of_title(self.text[s:e]) for s, e, _ in self.seg.headings[1:])

    def _sections(self) -> None:
        """Each heading's year, period and mode, inherited from the headings above it."""
        self._heading_starts: list[int] = []
        self._heading_attrs: list[tuple[int | None, str | None, str | None, str]] = []
        self._heading_spans: list[tuple[int, int]] = []
        stack: list[tuple[int, tuple]] = []
        for start, end, level in self.seg.headings:
            line = self.text[start:end].strip()
            if (start == 0 and not is_marked(line)) or line.startswith(("—", "－", "-")) or _FULL_DATE.search(line):
                continue  # the title, its subtitle, a dateline: the document's own scope
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else (None, None, None, "")
            periods = self.marks.periods_in(start, end)
            years = [m.year for m in self.marks.years_in(start, end) if m.kind in ("explicit", "relative")]
            attrs = (years[0] if years else parent[0], periods[0].label if periods else parent[1],
                     heading_mode(line, years[0] if years else None, self.published) or parent[2], line)
            stack.append((level, attrs))
            self._heading_starts.append(start)
            self._heading_attrs.append(attrs)
            self._heading_spans.append((start, end))

    def _section_attrs(self, pos: int) -> tuple[int | None, str | None, str | None, str]:
        i = bisect.bisect_right(self._heading_starts, pos) - 1
        return self._heading_attrs[i] if i >= 0 else (None, None, None, "")

    # ----------------------------------------------------------------- sentences and paragraphs
    def _opening_clause(self, s_start: int, s_end: int) -> tuple[int, int]:
        marks = self.seg.clause_marks
        i = bisect.bisect_left(marks, s_start)
        end = marks[i] if i < len(marks) and marks[i] < s_end else s_end
        if end < s_end and _rules()["lead_in"].match(self.text, s_start, end):
            # 会议指出，2023年全区…: the clause after the speaker opens the sentence.
            start = end + 1
            end = marks[i + 1] if i + 1 < len(marks) and marks[i + 1] < s_end else s_end
            return start, end
        return s_start, end

    def _frames(self) -> None:
        """For every sentence: the time its opening clause states, and the time carried from the
        sentences before it in its paragraph (an explicit year or a period, not 去年 or 今年)."""
        self.frames: list[_Frame] = []
        paragraph = -1
        year: int | None = None
        period: str | None = None
        for s_start, s_end in self.seg.sentences:
            p = self.seg.paragraph_index(s_start)
            if p != paragraph:
                paragraph, year, period = p, None, None
            o_start, o_end = self._opening_clause(s_start, s_end)
            marks = [m for m in self.marks.years_in(o_start, o_end) if m.kind not in _NOT_TIMES]
            periods = self.marks.periods_in(o_start, o_end)
            stated = marks[-1] if marks else None
            stated_period = periods[-1].label if periods else None
            if stated is None:
                # 围绕上述目标，2024年要重点抓好以下工作。: a sentence that states a year and counts nothing
                # frames the sentences after it.
                years = [m for m in self.marks.years_in(s_start, s_end) if m.kind == "explicit"]
                rest = _YEAR_WORD.sub("", self.text[s_start:s_end])
                if years and not _DIGIT.search(rest):
                    stated = years[-1]
            self.frames.append(_Frame(stated, stated_period, year, period))
            if stated is not None:
                if stated.kind == "explicit":
                    year = stated.year
                period = stated_period
            elif stated_period:
                period = stated_period

    def _frame(self, pos: int) -> _Frame:
        i = self.seg.sentence_index(pos)
        return self.frames[i] if 0 <= i < len(self.frames) else _Frame(None, None, None, None)

    def _year(self, start: int, end: int) -> tuple[int | None, str | None, str]:
        """(year, period, the scope that gave the year)."""
        c_start, c_end = self.seg.clause(start)
        s_start, s_end = self.seg.sentence(start)
        clause_period = self._period_before(c_start, s_start, end)
        # An anchor (2020年的23万元) dates the number right after it only, not the rest of its clause.
        before = [m for m in self.marks.years_in(c_start, start) if m.kind not in ("look_back_noun", "founded")
                  and not (m.kind == "anchor" and start - m.end > 1)]
        if len(before) > 1 and before[-1].kind == "look_back" and before[-2].end == before[-1].start:
            before.pop()  # 去年全年, 2022年全年: the year said before 全年 is the year
        listed = self._plan_list_year(start)
        if before and before[-1].kind == "look_back":
            # 全年, 年末: the year its paragraph speaks of (2023年全区…。全年投入…), or of the list of plans it
            # is in, else its section's (or the part of a work report's), else the report's.
            carried = self._frame(start).carried_year
            if carried is not None:
                return carried, clause_period, "paragraph"
            if listed is not None:
                return listed, clause_period, "paragraph"
            return self._scope_year(start, before[-1].year), clause_period, "clause"
        if before:
            return self._resolved(before[-1], s_start, start), clause_period, "clause"
        after = [m for m in self.marks.years_in(end, c_end) if m.kind in ("explicit", "anchor")]
        if after:
            return after[0].year, clause_period, "clause"
        frame = self._frame(start)
        # The time word said last before it in its sentence governs it (去年，…；今年前三季度…，实现…).
        in_sentence = [m for m in self.marks.years_in(s_start, start) if m.kind not in _NOT_TIMES]
        if in_sentence:
            mark = in_sentence[-1]
            if mark.kind == "look_back":
                year = frame.carried_year if frame.carried_year is not None else \
                    listed if listed is not None else self._scope_year(start, mark.year)
            else:
                year = self._resolved(mark, s_start, start)
            return year, clause_period, "sentence"
        horizon = [m for m in self.marks.years_in(end, s_end) if m.kind == "explicit"
                   and self.text.endswith("到", max(0, m.start - 1), m.start)]
        if horizon:
            return horizon[0].year, clause_period, "sentence"  # 计划用3年时间…，力争到2026年…
        if frame.carried_year is not None:
            return frame.carried_year, clause_period or frame.carried_period, "paragraph"
        if listed is not None:
            return listed, clause_period or frame.carried_period, "paragraph"
        heading_year, heading_period, _, _ = self._section_attrs(start)
        period = clause_period or frame.carried_period or heading_period
        if heading_year is not None:
            return heading_year, period, "section"
        i = bisect.bisect_right(self._gov_starts, start) - 1
        if i >= 0:
            return self.gov_parts[i][1], period, "document"
        return self.doc_year, period, "document"

    def _scope_year(self, pos: int, default: int | None) -> int | None:
        heading_year = self._section_attrs(pos)[0]
        if heading_year is not None:
            return heading_year
        i = bisect.bisect_right(self._gov_starts, pos) - 1
        if i >= 0:
            return self.gov_parts[i][1]
        stated = year_of_title(self.title)
        return stated if stated is not None else default

    def _resolved(self, mark: YearMark, s_start: int, pos: int) -> int | None:
        """A relative word without a publication date takes the latest explicit year of its sentence."""
        if mark.year is not None or mark.kind != "relative":
            return mark.year
        explicit = [m for m in self.marks.years_in(s_start, pos) if m.kind == "explicit"]
        return explicit[-1].year if explicit else None

    def _period_before(self, c_start: int, s_start: int, end: int) -> str | None:
        """The period named last before ``end`` in its clause, else in its sentence unless a time word
        said after it (年内, 全年) ends its reach."""
        periods = self.marks.periods_in(c_start, end)
        if periods:
            return periods[-1].label
        periods = self.marks.periods_in(s_start, end)
        if not periods:
            return None
        later = [m for m in self.marks.years_in(periods[-1].end, end) if m.kind not in _NOT_TIMES]
        return None if later else periods[-1].label

    # ----------------------------------------------------------------- plans
    def _plans(self) -> None:
        """Positions from which a sentence or a paragraph (and the list items after it) is a plan."""
        r = _rules()
        text, seg = self.text, self.seg
        # 预计全年… in a report of the year's last months estimates the year's result: not a plan.
        late = self.published.month is not None and self.published.month >= r["estimate_months"]
        self._plan_sentence = [m.end() for m in r["plan_sentence"].finditer(text)
                               if not (late and r["estimate"].match(m.group()))]
        self._announce = [m.end() for m in r["announce"].finditer(text)]
        # A list introduced as plans runs to the end of its paragraph and through the list items after it.
        spans: list[tuple[int, int, int | None]] = []
        # List items, and marked headings run into their paragraph ((一)扩大有效投资。全年…), which are
        # items of a list too.
        items = {s for s, _ in seg.list_items} | {
            h for h, e, _ in seg.headings if (p := seg.paragraph_index(h)) >= 0 and seg.paragraphs[p][0] == h
            and seg.paragraphs[p][1] > e and is_marked(text[h:e])}
        paragraphs = seg.paragraphs
        for m in r["list_intro"].finditer(text):
            p = seg.paragraph_index(m.start())
            if p < 0:
                continue
            end = paragraphs[p][1]
            q = p + 1
            while q < len(paragraphs) and paragraphs[q][0] in items:
                end = paragraphs[q][1]
                q += 1
            # The year the list is introduced with (2024年重点做好以下工作：) is its items' year.
            s_start, _ = seg.sentence(m.start())
            years = [y.year for y in self.marks.years_in(s_start, m.end()) if y.kind == "explicit"]
            spans.append((m.end(), end, years[-1] if years else None))
        self._plan_lists = sorted(spans)
        self._plan_list_starts = [s for s, _, _ in self._plan_lists]

    def _plan_list_year(self, pos: int) -> int | None:
        """The year a list of plans around ``pos`` is introduced with, if any."""
        i = bisect.bisect_right(self._plan_list_starts, pos) - 1
        if i >= 0 and self._plan_lists[i][0] <= pos < self._plan_lists[i][1]:
            return self._plan_lists[i][2]
        return None

    def _plan(self, start: int) -> str | None:
        seg = self.seg
        c_start, _ = seg.clause(start)
        s_start, _ = seg.sentence(start)
        if _any_between(self._announce, c_start, start):
            return "clause"
        if _any_between(self._plan_sentence, s_start, start):
            return "sentence"
        i = bisect.bisect_right(self._plan_list_starts, start) - 1
        if i >= 0 and self._plan_lists[i][0] <= start < self._plan_lists[i][1]:
            return "paragraph"
        cell = seg.cell(start)
        if cell is not None and self._column(cell.header) == "plan":
            return "table"
        if self._section_attrs(start)[2] == "plan":
            return "section"
        i = bisect.bisect_right(self._gov_starts, start) - 1
        if i >= 0 and self.gov_parts[i][2]:
            return "document"
        return None

    # ----------------------------------------------------------------- tables
    @staticmethod
    def _column(header: str) -> str | None:
        r = _rules()
        if r["progress_column"].search(header):
            return "progress"
        if r["plan_column"].search(header):
            return "plan"
        return None

    def _tables(self) -> None:
        """The period a table's progress is reported for: stated in the title (截至9月底) or in the text
        between the table and the heading before it."""
        self._table_period: dict[tuple[int, int], str | None] = {}
        title_periods = self.marks._find_periods(self.title)
        for start, end in self.seg.tables:
            section_start = self._heading_starts[bisect.bisect_right(self._heading_starts, start) - 1] \
                if self._heading_starts and self._heading_starts[0] <= start else 0
            periods = self.marks.periods_in(section_start, start) or title_periods
            self._table_period[start, end] = periods[-1].label if periods else None

    # ----------------------------------------------------------------- places
    def _city_of_title(self) -> str | None:
        """The city a title names when it names no district (郑州市2023年老旧小区改造工作通报): a report on the
        whole city, whose numbers belong to no one district unless their sentence names it."""
        city = next((c for c in city_names() if c in self.title), None)
        if city is None or any(p.is_district or p.district for m in self.gaz.mentions(self.title) for p in m.places):
            return None
        return city

    def _most_named_district(self) -> str | None:
        counts: dict[str, int] = {}
        for m in self.gaz.mentions(self.text):
            districts = {p.district for p in m.places}
            if len(districts) == 1:
                d = districts.pop()
                counts[d] = counts.get(d, 0) + 1
        return max(counts, key=counts.get) if counts else None

    def _units(self) -> None:
        """The unit each position is about: units named in clauses, and the one carried from the title, the
        section or the last sentence whose subject is a unit, until a district is the subject, a
        district-wide word is said or the paragraph ends."""
        r = _rules()
        text, seg = self.text, self.seg
        generic = r["generic_before"]
        self.mentions = [m for m in self.gaz.mentions(text)
                         if not text.endswith(generic, max(0, m.start - 3), m.start)]
        self._mention_starts = [m.start for m in self.mentions]
        quoted = lambda a, b: seg.quote_around(a, b) is not None  # noqa: E731
        units = [u for u in find_units(text, self.mentions, self.district, quoted) if u.role != "reference"]
        title_units = [u for u in find_units(self.title, self.gaz.mentions(self.title), self.district)
                       if u.role == "subject"]
        self.doc_unit = title_units[-1] if title_units else self._title_block_unit(units)
        self.units = [u for u in units if u.role in ("subject", "object")]
        self._unit_starts = [u.start for u in self.units]
        section_units = self._section_units()
        # Events in text order: (position, unit or None); a paragraph starts with its section's unit.
        events: list[tuple[int, int, object]] = []
        for s, _ in seg.paragraphs:
            events.append((s, 0, section_units.get(self._section_start(s), self.doc_unit)))
        for u in self.units:
            if u.role == "subject":
                events.append((u.end, 1, u))
        for m in r["district_wide"].finditer(text):
            events.append((m.end(), 1, None))
        for start, end in self._district_subjects(units):
            events.append((end, 1, None))
        for m in r["back_ref"].finditer(text):
            events.append((m.end(), 2, m.group()))  # resolved below, in order
        events.sort(key=lambda e: (e[0], e[1]))
        last_of_kind: dict[str, Unit] = {}
        if self.doc_unit:
            last_of_kind[self.doc_unit.kind] = self.doc_unit
        self._events: list[tuple[int, Unit | None]] = []
        for pos, order, item in events:
            if order == 2:
                item = self._back_reference(item, last_of_kind)
                if item is None:
                    continue
            elif isinstance(item, Unit):
                last_of_kind[item.kind] = item
            self._events.append((pos, item))
        self._event_starts = [p for p, _ in self._events]
        self._wide = [m.start() for m in r["district_wide"].finditer(text)]
        # Districts named, as (start, end, name), leaving out those named as a location or a source.
        spans = [(m.start, m.end, next(iter({p.district for p in m.places})))
                 for m in self.mentions if all(p.is_district for p in m.places)
                 and len({p.district for p in m.places}) == 1]
        if self.district and self.district not in self.gaz.districts:
            spans += [(m.start(), m.end(), self.district) for m in re.finditer(re.escape(self.district), text)]
        self._districts = sorted(d for d in spans if _places_role(text, d[0]) not in ("location", "reference"))
        self._district_starts = [d[0] for d in self._districts]

    def _section_start(self, pos: int) -> int:
        i = bisect.bisect_right(self._heading_starts, pos) - 1
        return self._heading_starts[i] if i >= 0 else -1

    def _section_units(self) -> dict[int, Unit]:
        """{heading start: unit} for a section under a heading that names one unit only, more than once,
        and never speaks of the whole district: its paragraphs are about that unit."""
        r = _rules()
        named: dict[int, list[Unit]] = {}
        for u in self.units:
            named.setdefault(self._section_start(u.start), []).append(u)
        out = {}
        for start, units in named.items():
            if start < 0 or len(units) < 2 or len({u.name for u in units}) != 1:
                continue
            i = self._heading_starts.index(start)
            end = self._heading_starts[i + 1] if i + 1 < len(self._heading_starts) else len(self.text)
            if not r["district_wide"].search(self.text, start, end):
                out[start] = units[0]
        return out

    def _district_subjects(self, units: list[Unit]) -> list[tuple[int, int]]:
        """Districts that begin a clause as its subject (龙亭区坚持…, 金水区已在全区…): the clause speaks of a
        district, not of the unit carried so far."""
        names = [m for m in self.mentions if any(p.is_district for p in m.places)]
        spans = [(m.start, m.end) for m in names]
        if self.district and self.district not in self.gaz.districts:
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(self.district), self.text)]
        unit_starts = {u.start for u in units}
        return [(s, e) for s, e in spans if e not in unit_starts and _places_role(self.text, s) == "subject"]

    def _title_block_unit(self, units: list[Unit]) -> Unit | None:
        """The unit a subtitle names (——巩义市紫荆路街道深化网格化基层治理见闻), when the title names none."""
        headings = self.seg.headings
        block_end = headings[1][1] if len(headings) > 1 and headings[0][0] == 0 else 0
        if block_end and self.text[headings[1][0]:headings[1][1]].lstrip().startswith(("—", "－")):
            named = [u for u in units if u.end <= block_end and u.role == "subject"]
            return named[-1] if named else None
        return None

    def _back_reference(self, word: str, last_of_kind: dict[str, Unit]) -> Unit | None:
        r = _rules()
        kind = r["back_refs"][word]
        for k in (kind, *r["alike"].get(kind, ())):
            if k in last_of_kind:
                return last_of_kind[k]
        return None

    def _place(self, pos: int) -> tuple[str | None, str | None]:
        seg = self.seg
        c_start, c_end = seg.clause(pos)
        s_start, s_end = seg.sentence(pos)
        i, j = bisect.bisect_left(self._unit_starts, c_start), bisect.bisect_left(self._unit_starts, pos)
        # A unit in a list that ends with 等 before the number (雅居社区…等首批10个) is one of those counted.
        in_clause = [u for u in self.units[i:j] if u.end <= pos and "等" not in self.text[u.end:pos]]
        unit: Unit | None
        if in_clause:
            unit = self._respectively(in_clause, c_start, c_end, pos) or in_clause[-1]
        elif _any_between(self._wide, c_start, pos, inclusive_end=False):
            unit = None
        else:
            k = bisect.bisect_right(self._event_starts, pos) - 1
            unit = self._events[k][1] if k >= 0 else self.doc_unit
        district = self._district_at(pos, c_start, c_end, s_start, in_clause[-1] if in_clause else None)
        if district is None:
            district = unit.district if unit is not None and unit.district else self.district
        return district, (unit.name if unit else None)

    def _district_at(self, pos: int, c_start: int, c_end: int, s_start: int, clause_unit: Unit | None) -> str | None:
        """The district a clause or its sentence names before the number: the unit named in the clause
        says where it is (高新区石佛街道); else the district the clause names (分别 lists one by one); else
        the last district the sentence names before it (…；同场签约的二七区签约项目15个，总投资98.2亿元)."""
        starts = self._district_starts
        if clause_unit is not None and clause_unit.district:
            return clause_unit.district
        i, j = bisect.bisect_left(starts, c_start), bisect.bisect_left(starts, pos)
        in_clause = [d for d in self._districts[i:j] if d[1] <= pos]
        if in_clause:
            names = [d[2] for d in in_clause]
            return self._respectively_named(names, c_start, c_end, pos) or names[-1]
        i = bisect.bisect_left(starts, s_start)
        in_sentence = [d for d in self._districts[i:j] if d[1] <= pos]
        return in_sentence[-1][2] if in_sentence else None

    def _respectively_named(self, names: list[str], c_start: int, c_end: int, pos: int) -> str | None:
        """洛龙区、西工区分列第二、第三: the n-th number after 分别/分列 belongs to the n-th name."""
        cue = _RESPECTIVELY.search(self.text, c_start, c_end)
        if cue is None or pos < cue.end() or len(names) < 2:
            return None
        index = len(_LIST_SEP.findall(self.text, cue.end(), pos))
        return names[index] if index < len(names) else None

    def _respectively(self, units: list[Unit], c_start: int, c_end: int, pos: int) -> Unit | None:
        """A、B分别新增2000户、1500户: the n-th number after 分别 belongs to the n-th unit named."""
        cue = _RESPECTIVELY.search(self.text, c_start, c_end)
        if cue is None or pos < cue.end() or len(units) < 2:
            return None
        index = len(_LIST_SEP.findall(self.text, cue.end(), pos))
        return units[index] if index < len(units) else None

    # ----------------------------------------------------------------- the claim's view
    def resolve(self, start: int, end: int) -> ClaimScope:
        year, period, source = self._year(start, end)
        cell = self.seg.cell(start)
        if cell is not None and source in ("paragraph", "section", "document"):
            year = header_year(cell.header) or year  # a column headed 2023年 states its cells' year
        progress = cell is not None and self._column(cell.header) == "progress"
        if progress and period is None:
            table = self.seg.table(start)
            period = self._table_period.get(table) if table else None
        plan = None if progress else self._plan(start)
        if cell is not None and self._column(cell.header) == "plan" and source in ("section", "document"):
            period = None  # a plan cell of a dated progress table has no period
        district, sub = self._place(start)
        i = bisect.bisect_right(self._heading_starts, start) - 1
        span = self._heading_spans[i] if i >= 0 else (0, 0)
        return ClaimScope(year, period, plan, progress, district, sub, self._section_attrs(start)[3], span)


def _any_between(positions: list[int], start: int, end: int, inclusive_end: bool = True) -> bool:
    i = bisect.bisect_left(positions, start)
    return i < len(positions) and (positions[i] <= end if inclusive_end else positions[i] < end)

