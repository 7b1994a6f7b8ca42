"""When a claim applies: year and sub-year period, by the rules of DESIGN.md and rules/time.toml."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .rules import load_toml
from .text import Segments

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTH_SPAN = re.compile(r"(?<!\d)(1[0-2]|[1-9])\s*[~～\-—至到]\s*(1[0-2]|[1-9])\s*月")
_MONTH_SINCE = re.compile(r"(?<!\d)(1[0-2]|[1-9])\s*月份?以来")


@lru_cache(maxsize=None)
def _rules() -> dict:
    r = load_toml("time.toml")
    rel = r["relative_years"]
    words = sorted(rel, key=len, reverse=True)
    return {
        "relative": rel,
        "time": re.compile(r"(?P<year>(?:19|20)\d{2})\s*年(?!代)|(?P<rel>" + "|".join(words) + ")"),
        "comparison": tuple(r["comparison_before"]),
        "since": tuple(r["since_after"]),
        "periods": [(re.compile(k), v) for k, v in r["periods"].items()],
        "title": re.compile(r["look_back"]["title"]),
        "gov": r["look_back"]["government_report"],
        "review_starts": re.compile(r["look_back"]["review_starts"]),
        "review_ends": re.compile(r["look_back"]["review_ends"]),
    }


class TimeResolver:
    """Resolves (year, period) for positions in one document."""

    def __init__(self, text: str, seg: Segments, published_year: int | None, title: str = ""):
        r = _rules()
        self.text, self.seg, self.published = text, seg, published_year
        self.rel = r["relative"]
        self.marks = []  # (start, end, year or None) for explicit and relative year words
        for m in r["time"].finditer(text):
            if m["year"]:
                if text[max(0, m.start() - 2):m.start()].endswith(r["comparison"]):
                    continue
                if text[m.end():m.end() + 2].startswith(r["since"]):
                    continue
                self.marks.append((m.start(), m.end(), int(m["year"])))
            else:
                if text[max(0, m.start() - 2):m.start()].endswith(r["comparison"]):
                    continue
                offset = self.rel[m["rel"]]
                self.marks.append((m.start(), m.end(), None if published_year is None else published_year + offset))
        self._starts = [s for s, _, _ in self.marks]
        self.base = self._base_years(title)

    def _base_years(self, title: str) -> list[tuple[int, int | None, bool]]:
        """(from position, default year, looks ahead) triples.

        The publication year by default; the year a look-back report covers (a 2015年工作总结 published in
        2016); in a 政府工作报告 the review of the past year reports the year before publication and the
        plans after it look ahead.
        """
        r = _rules()
        head = title + "\n" + self.text[:300]
        if self.published and r["gov"] in head:
            start = r["review_starts"].search(self.text)
            if start:
                end = r["review_ends"].search(self.text, start.end())
                spans = [(0, self.published, False), (start.start(), self.published - 1, False)]
                if end:
                    spans.append((end.start(), self.published, True))
                return spans
        m = r["title"].search(head)
        if m and self.published and int(m.group(1)) < self.published:
            return [(0, int(m.group(1)), False)]
        return [(0, self.published, False)]

    def default_year(self, pos: int) -> int | None:
        return [year for start, year, _ in self.base if start <= pos][-1]

    def looks_ahead(self, pos: int) -> bool:
        """True in the part of a work report that sets out plans (今年工作安排, 主要预期目标)."""
        return [ahead for start, _, ahead in self.base if start <= pos][-1]

    def resolve(self, start: int, end: int) -> tuple[int | None, str | None]:
        c_start, c_end = self.seg.clause(start)
        s_start, s_end = self.seg.sentence(start)
        year = self._year_in(c_start, start, last=True)
        if year is None:
            year = self._year_in(end, c_end, last=False)
        if year is None:
            year = self._year_in(s_start, start, last=True)
        if year is None:
            year = self.default_year(start)
        period = self._period(c_start, end) or self._period(s_start, end)
        return year, period

    def _year_in(self, start: int, end: int, last: bool) -> int | None:
        i, j = bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end)
        found = [y for s, e, y in self.marks[i:j] if e <= end and y is not None]
        if not found:
            return None
        return found[-1] if last else found[0]

    def _period(self, start: int, end: int) -> str | None:
        """The period named last before ``end`` (the longer name wins: 前三季度 over 三季度)."""
        span = self.text[start:end]
        found: list[tuple[int, int, str]] = []  # (end, length, label)
        for pattern, label in _rules()["periods"]:
            found += [(m.end(), len(m.group()), label) for m in pattern.finditer(span)]
        for m in _MONTH_SPAN.finditer(span):
            a, b = int(m.group(1)), int(m.group(2))
            if a < b:
                found.append((m.end(), len(m.group()), f"{_MONTHS[a - 1]}-{_MONTHS[b - 1]}"))
        for m in _MONTH_SINCE.finditer(span):
            found.append((m.end(), len(m.group()), f"since {_MONTHS[int(m.group(1)) - 1]}"))
        return max(found)[2] if found else None
