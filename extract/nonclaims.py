"""Telling claims from other numbers: dates, codes, names, slogans, ordinals, structures, rule frequencies.

``reason_not_claim`` returns why a quantity is not a claim (a short reason naming the rule), or None
when it is one. The rules are data in ``rules/nonclaims.toml``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .numbers import Quantity, unit_dimension
from .rules import load_toml
from .text import Segments

_SENTENCE_PUNCT = re.compile(r"[。！？!?，,；;]")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _rules() -> dict:
    r = load_toml("nonclaims.toml")
    return {
        "before": {k: re.compile(v) for k, v in r["before"].items() if k != "window"},
        "before_window": r["before"].get("window", 12),
        "after": {k: re.compile(v) for k, v in r["after"].items()},
        # One pass tells whether any of them matches; only then is the rule that did named.
        "any_before": re.compile("|".join(f"(?:{v})" for k, v in r["before"].items() if k != "window")),
        "any_after": re.compile("|".join(f"(?:{v})" for v in r["after"].values())),
        "frequency": re.compile(r["frequency"]["pattern"]),
        "session_before": re.compile(r["session"]["before"]),
        "session_after": re.compile(r["session"]["after"]),
        "phase_units": frozenset(r["phase"]["units"]),
        "phase_before": re.compile(r["phase"]["before"]),
        "phase_not_after": re.compile(r["phase"]["not_after"]),
        "span_units": set(r["time_span"]["units"]),
        "span_after": re.compile(r["time_span"]["after"]),
        "group_units": set(r["group_definition"]["units"]),
        "group_after": re.compile(r["group_definition"]["after"]),
        "vague_claims": r["vague"]["claims"],
        "lexical": re.compile(rf"(?:{_alt(r['lexical']['words'])})(?!之)"),
        "clutter_start": re.compile(rf"\s*(?:{_alt(r['page_clutter']['line_starts'])})"),
        "clutter_end": re.compile(r["page_clutter"]["line_ends"]),
        "clutter_max": r["page_clutter"]["max_line_length"],
        "one_measured": set(r["chinese"]["one_counts_in"]),
        "bare_cue": re.compile(rf"(?:{_alt(r['bare']['cues'])})(?:{_alt(r['bare']['verbs'])})?$"),
        "point": r["chinese"]["decimal_point"],
        "frequency_units": set(r["frequency"]["units"]),
        "year_min": r["year_like"]["min"], "year_max": r["year_like"]["max"],
        "quote_max": r["quotes"]["max_name_length"],
        "quote_names": set(r["quotes"]["always_names"]),
        "cn_max": r["chinese"]["max_value_needing_noun_check"],
        "cn_nouns": tuple(sorted(r["chinese"]["structure_nouns"], key=len, reverse=True)),
        "cn_units": set(r["chinese"]["structure_units"]),
        "cn_idiom_before": r["chinese"]["idiom_before"],
        "enum_units": set(r["enumeration"]["arabic_units"]),
        "enum_sep": r["enumeration"]["separators"],
        "enum_joiners": tuple(r["enumeration"]["last_joiners"]),
        "rank_cue": re.compile(rf"(?:{_alt(r['rank']['cues'])})[^，。；,;]{{0,{r['rank']['max_cue_distance']}}}$"),
        "ordinal_after": re.compile(rf"^[\u4e00-\u9fff]?(?:{_alt(r['rank']['ordinal_nouns'])})"),
    }


def reason_not_claim(q: Quantity, text: str, seg: Segments) -> str | None:
    r = _rules()
    before = text[max(0, q.start - r["before_window"]):q.start]
    after = text[q.end:q.end + 8]
    unit_start = q.end - len(q.unit_raw) if q.unit_raw and text.endswith(q.unit_raw, 0, q.end) else q.end
    # Seen from the start of the measure word too (100周年 is 100 + 周年), unless the unit is written in
    # Latin letters (168cm), which the letter rules would take for a name.
    ascii_unit = bool(q.unit_raw) and q.unit_raw.isascii()
    after_number = after if ascii_unit else text[unit_start:unit_start + 8]
    if r["any_before"].search(before):
        return next(name for name, pattern in r["before"].items() if pattern.search(before))
    if r["any_after"].search(after) or r["any_after"].search(after_number):
        # Letters right after a Chinese measure word (21家A级景区) begin the next word, not a name the number is
        # part of (5G, 4A级).
        letters_after_unit = bool(q.unit_raw) and not ascii_unit and unit_start < q.end
        found = next((name for name, pattern in r["after"].items()
                      if (pattern.search(after) and not (name == "ascii_name" and letters_after_unit))
                      or pattern.search(after_number)), None)
        if found:
            return found
    if r["lexical"].match(text, q.start):
        return "lexical"  # 十分重要, 三门峡
    if _page_clutter(q, text, seg):
        return "page_clutter"
    if q.kind == "rank":
        return _rank_reason(q, text)
    quote = seg.quote_around(q.start, q.end)
    if quote and _is_name_quote(text, quote):
        return "name_or_slogan"
    if q.kind == "count" and q.unit is None and not q.multiplied and not r["bare_cue"].search(before):
        return "bare_number"
    if q.unit in ("年", "年度") and q.value == q.value.to_integral() and r["year_min"] <= q.value <= r["year_max"]:
        return "date"
    if q.unit in r["group_units"] and r["group_after"].search(after):
        return "group_definition"
    if q.unit in r["span_units"] and r["span_after"].search(after):
        return "time_span"
    if q.vague and (not r["vague_claims"] or unit_dimension(q.unit) == "time"):
        return "vague_amount"  # 数百名, 几十万; 数十年如一日 is rhetoric in any case
    if r["session_after"].match(after_number) and r["session_before"].search(before):
        return "session"
    if q.unit_raw in r["phase_units"] and q.value <= 9 and r["phase_before"].search(before) \
            and not r["phase_not_after"].match(after_number[len(q.unit_raw or ""):] if after_number.startswith(q.unit_raw or "") else after_number):
        return "project_phase"  # 家居产业园二期, 安置房项目三期: which phase of a work, not how many
    if q.unit in r["frequency_units"]:
        clause_start, _ = seg.clause(q.start)
        if r["frequency"].search(text[clause_start:q.start]):
            return "rule_frequency"
    if _counts_preceding_list(q, text):
        return "structural_enumeration"
    if q.chinese and q.kind == "count":
        return _chinese_reason(q, text)
    return None


def _page_clutter(q: Quantity, text: str, seg: Segments) -> bool:
    """Lists of other headlines and navigation (· 标题　06-02, 下一篇：…) around an article."""
    r = _rules()
    start, end = seg.paragraph(q.start)
    if end - start > r["clutter_max"] or seg.cell(q.start) is not None:  # a table's row (… | 5.2) is data
        return False
    if r["clutter_start"].match(text, start):
        return True
    return "。" not in text[start:end] and bool(r["clutter_end"].search(text, start, end))


def _rank_reason(q: Quantity, text: str) -> str | None:
    """第N名 / 第N位 / 排名第N are ranks; other 第N (第十六届, 第一季度, 第三支) are ordinals."""
    if q.unit_raw:  # 第二名, 第22位
        return None
    clause_before = re.split(r"[，。；,;！？]", text[max(0, q.start - 20):q.start])[-1]
    r = _rules()
    if r["rank_cue"].search(clause_before) and not r["ordinal_after"].search(text[q.end:q.end + 3]):
        return None
    return "ordinal"


def _is_name_quote(text: str, quote: tuple[int, int, str]) -> bool:
    r = _rules()
    start, end, opener = quote
    if opener in r["quote_names"]:
        return True
    inner = text[start + 1:end - 1]
    return len(inner) <= r["quote_max"] and not _SENTENCE_PUNCT.search(inner)


def _counts_preceding_list(q: Quantity, text: str) -> bool:
    """A、B、C和D4类: the number counts the items listed just before it."""
    r = _rules()
    if q.kind != "count" or (not q.chinese and q.unit_raw not in r["enum_units"]):
        return False
    clause = re.split(r"[，。；,;：:！？\n]", text[max(0, q.start - 120):q.start])[-1]
    for joiner in r["enum_joiners"]:
        if joiner in clause:
            head, _, last = clause.rpartition(joiner)
            clause = head + r["enum_sep"] + last
            break
    items = [i for i in clause.split(r["enum_sep"]) if i.strip()]
    return len(items) >= 2 and q.value == len(items)


def _chinese_reason(q: Quantity, text: str) -> str | None:
    """Small counts in Chinese numerals are often rhetoric: 一个, 三个方面, 两种方式, 四个“城区”."""
    r = _rules()
    if q.value == 1 and r["point"] not in text[q.start:q.end] and not q.multiplied and q.qualifier == "exact" \
            and unit_dimension(q.unit) not in r["one_measured"]:
        return "chinese_one"  # 一个, 一项, 一次 (一吨, 近一个月 and 零点五个百分点 are quantities)
    if q.unit is None and not q.multiplied and not r["bare_cue"].search(text, max(0, q.start - 8), q.start):
        return "bare_number"
    if q.start > 0 and text[q.start - 1] in r["cn_idiom_before"]:
        return "idiom"  # 数十年, 唯一, 几百
    numeral = text[q.start:q.end - len(q.unit_raw or "")]
    if len(numeral) == 1 and numeral in "百千" and q.qualifier == "exact":
        return "idiom"  # 百年党史, 千家万户: a bare 百 or 千 is rhetoric unless qualified (上千人); 十项 counts
    if q.value > r["cn_max"] or q.multiplied:
        return None
    if q.unit_raw in r["cn_units"] or (q.unit_raw or "").startswith("大"):
        return "structure"
    after = text[q.end:q.end + 6]
    if after[:1] and after[:1] in "“\"「『‘是":
        return "structure"
    noun = after.lstrip("个项种类大")
    if noun.startswith(r["cn_nouns"]) or after.startswith(r["cn_nouns"]):
        return "structure"
    return None
