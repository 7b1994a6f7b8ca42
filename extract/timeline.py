"""Time words in a report: explicit years, relative years (今年, 去年 …), look-back words (全年, 过去一年)
and sub-year periods (上半年, 前三季度, 1—5月, 截至9月底), found in one pass each and kept with their
role. Which of them a claim takes is decided by ``extract.scopes``. The words are data in rules/time.toml.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .rules import load_toml

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}
_MONTH = r"(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
_MONTH_SPAN = re.compile(rf"(?<![\d年])(?:今年)?{_MONTH}\s*月?份?\s*[~～\-—–至到]\s*{_MONTH}\s*月(?!\d*日)")
_MONTH_SINCE = re.compile(rf"(?<!\d){_MONTH}\s*月份?(?:[^，。；]{{0,6}})?以来")
_MONTH_END = re.compile(rf"截[至止](?:今年|本年|(?:19|20)\d{{2}}\s*年)?{_MONTH}\s*月(?:底|末|份)")


def _month(s: str) -> int:
    return int(s) if s.isdigit() else _CN_MONTH[s]


@dataclass(frozen=True)
class Published:
    """A report's publication date, as far as it is known."""

    year: int | None = None
    month: int | None = None


@dataclass(frozen=True)
class YearMark:
    start: int
    end: int
    year: int | None  # None when a relative word has no publication date to resolve against
    # explicit (2023年), anchor (2018年的38万元: this number only), founded (成立于2002年: no number's),
    # relative (今年, 去年), look_back (全年, 年末: the year a section or report is about), look_back_noun
    # (全年目标)
    kind: str


@dataclass(frozen=True)
class PeriodMark:
    start: int
    end: int
    label: str  # Q1-Q3, H1, Jan-Sep, since Jun …


@lru_cache(maxsize=None)
def _rules() -> dict:
    r = load_toml("time.toml")
    rel = r["relative_years"]
    back = r["look_back"]
    words = sorted([*rel, *back["words"]], key=len, reverse=True)
    numerals = load_toml("numbers.toml")["chinese_numerals"]
    return {
        "numeral_chars": frozenset([*numerals["digits"], *numerals["small_units"], *numerals["big_units"]]),
        "relative": rel,
        "look_back_words": back["words"],
        "time": re.compile(r"(?P<year>(?:19|20)\d{2})\s*年(?!代)|(?P<rel>" + "|".join(map(re.escape, words)) + ")"),
        "comparison": tuple(r["comparison_before"]),
        "noun_after": re.compile(back["noun_after"]),
        "since_later": re.compile(r"[^，。；,;：:\d]{0,12}?以来"),
        "since": tuple(r["since_after"]),
        "founded_before": tuple(r["founded_before"]),
        "founded_after": re.compile(r["founded_after"]),
        "periods": re.compile("|".join(f"(?P<p{i}>{k})" for i, k in enumerate(r["periods"]))),
        "period_labels": list(r["periods"].values()),
        "genre": re.compile(back["review_genre"]),
        "genre_months": back["review_genre_months"],
        "any_months": back["any_report_months"],
        "gov": back["government_report"],
        "review_starts": re.compile(back["review_starts"]),
        "review_ends": re.compile(back["review_ends"]),
        "plan_heading": re.compile(r["modes"]["plan_heading"]),
        "review_heading": re.compile(r["modes"]["review_heading"]),
        "year_work_heading": re.compile(r["modes"]["year_work_heading"]),
        "year_work_plan_months": r["modes"]["year_work_plan_months"],
        "dateline": re.compile(r["dateline"]["line"]),
        "title_bare_year": re.compile(r["title"]["bare_year"]),
        "dateline_lines": r["dateline"]["lines"],
    }


def dateline(text: str) -> Published:
    """The date a report gives itself on a line near its top (2024年1月15日 under the title, 发布时间：
    2024-01-15), as a publication date; empty when no such line is there."""
    r = _rules()
    lines = text.lstrip("\ufeff").split("\n", r["dateline_lines"])[:r["dateline_lines"]]
    for line in lines:
        m = r["dateline"].match(line) if len(line) <= 80 else None
        if m:
            month = m["m1"] or m["m2"]
            if 1 <= int(month) <= 12:
                return Published(int(m["year"]), int(month))
    return Published()


def looks_back(title: str, published: Published) -> bool:
    """A report published early in a year that reviews the year before: an annual bulletin or work report
    in the first months, or any report in the first weeks (全年, 过去一年 then mean the year reviewed)."""
    r = _rules()
    if published.month is None:
        return False
    if published.month <= r["any_months"]:
        return True
    return published.month <= r["genre_months"] and bool(r["genre"].search(title))


class TimeMarks:
    """The year and period words of one text, with their positions."""

    def __init__(self, text: str, published: Published, look_back: bool):
        r = _rules()
        self.text = text
        self.years: list[YearMark] = []
        for m in r["time"].finditer(text):
            before = text[max(0, m.start() - 2):m.start()]
            base_value = bool(m["year"]) and text.startswith("的", m.end()) and m.end() + 1 < len(text) \
                and (text[m.end() + 1].isdigit() or text[m.end() + 1] in r["numeral_chars"])
            if before.endswith(r["comparison"]) and not base_value:
                continue  # 较2020年增长, 比去年多: a comparison base, not the claim's year (比2020年的23万元: the
                # base's own value is of its year)
            if m["year"]:
                if text.startswith(r["since"], m.end()) or r["since_later"].match(text, m.end()):
                    continue  # 2018年以来, 2021年换届以来: a span up to now; the claim takes the report's year
                kind = "anchor" if text.startswith("的", m.end()) else "explicit"
                if text.endswith(r["founded_before"], max(0, m.start() - 3), m.start()) or (
                        text.endswith("于", max(0, m.start() - 1), m.start()) and r["founded_after"].match(text, m.end())):
                    kind = "founded"  # 社区成立于2002年: the date of that event, not of the figures around it
                self.years.append(YearMark(m.start(), m.end(), int(m["year"]), kind))
                continue
            word = m["rel"]
            if word in r["look_back_words"]:
                offset, kind = (r["look_back_words"][word] if look_back else 0), "look_back"
                if r["noun_after"].match(text, m.end()):
                    kind = "look_back_noun"  # 完成全年目标的56.5%: the year's target, not a time said
            else:
                offset, kind = r["relative"][word], "relative"
            year = None if published.year is None else published.year + offset
            self.years.append(YearMark(m.start(), m.end(), year, kind))
        self._year_starts = [y.start for y in self.years]
        self.periods = self._find_periods(text)
        self._period_starts = [p.start for p in self.periods]

    @staticmethod
    def _find_periods(text: str) -> list[PeriodMark]:
        r = _rules()
        found = []
        for m in r["periods"].finditer(text):
            label = r["period_labels"][int(m.lastgroup[1:])]
            found.append(PeriodMark(m.start(), m.end(), label))
        for m in _MONTH_SPAN.finditer(text):
            a, b = _month(m.group(1)), _month(m.group(2))
            if a < b:
                found.append(PeriodMark(m.start(), m.end(), f"{_MONTHS[a - 1]}-{_MONTHS[b - 1]}"))
        for m in _MONTH_END.finditer(text):
            b = _month(m.group(1))
            if 1 < b < 12:  # 截至12月底 is the whole year: no period
                found.append(PeriodMark(m.start(), m.end(), f"Jan-{_MONTHS[b - 1]}"))
        for m in _MONTH_SINCE.finditer(text):
            found.append(PeriodMark(m.start(), m.end(), f"since {_MONTHS[_month(m.group(1)) - 1]}"))
        # Where two overlap, the longer name wins (前三季度 over 三季度).
        found.sort(key=lambda p: (p.start, -(p.end - p.start)))
        out: list[PeriodMark] = []
        for p in found:
            if out and p.start < out[-1].end:
                continue
            out.append(p)
        return out

    def years_in(self, start: int, end: int) -> list[YearMark]:
        i, j = bisect.bisect_left(self._year_starts, start), bisect.bisect_left(self._year_starts, end)
        return [y for y in self.years[i:j] if y.end <= end]

    def periods_in(self, start: int, end: int) -> list[PeriodMark]:
        i, j = bisect.bisect_left(self._period_starts, start), bisect.bisect_left(self._period_starts, end)
        return [p for p in self.periods[i:j] if p.end <= end]


def year_of_title(title: str) -> int | None:
    """The year a title states (2023年度党内统计公报, 管城回族区2022年疫情防控工作综述), if one."""
    r = _rules()
    for m in r["time"].finditer(title):
        comparison = title[max(0, m.start() - 2):m.start()].endswith(r["comparison"])
        if m["year"] and not comparison and not title.startswith(r["since"], m.end()):
            return int(m["year"])
    m = r["title_bare_year"].search(title)
    return int(m["year"] or m["edition"]) if m else None


def heading_mode(heading: str, year: int | None = None, published: Published | None = None) -> str | None:
    """plan for a heading that sets out work to come (2024年工作安排, 下一步工作打算), review for one that
    looks back (2023年工作回顾, 主要工作完成情况), else None. The work of a year (2024年主要工作) is a plan
    in a report published before that year is half over, a review after."""
    r = _rules()
    if r["review_heading"].search(heading):
        return "review"
    if r["plan_heading"].search(heading):
        return "plan"
    if year is not None and published is not None and published.year is not None \
            and r["year_work_heading"].search(heading):
        ahead = year > published.year or (year == published.year and (
            published.month is None or published.month <= r["year_work_plan_months"]))
        return "plan" if ahead else "review"
    return None


def government_report_parts(text: str, title: str, published: Published) -> list[tuple[int, int | None, bool]]:
    """In a 政府工作报告 without headings: (from position, year, is plan) for the review of the past year
    (the year before publication) and the plans after it (the publication year)."""
    r = _rules()
    head = title + "\n" + text[:300]
    if published.year is None or r["gov"] not in head:
        return []
    start = r["review_starts"].search(text)
    if not start:
        return []
    parts = [(start.start(), published.year - 1, False)]
    end = r["review_ends"].search(text, start.end())
    if end:
        parts.append((end.start(), published.year, True))
    return parts
