"""The number grammar: find every quantity written in a text and resolve its exact value.

Arabic digits (with thousands separators and full-width forms), Chinese numerals, multipliers (万, 亿),
qualifiers (余, 多, 近, 约, 以上 …), ranges, percentages, fractions and ranks. The forms are data in
``rules/numbers.toml`` and ``rules/units.toml``; this module only interprets them. Deciding whether a
quantity is a claim (and not a date, a code or a slogan) is the job of ``extract.nonclaims``.

>>> [(q.value, q.unit, q.qualifier) for q in scan_quantities("分批分类培训党员2.8万人次")]
[(Decimal('28000.0'), '人次', 'exact')]
>>> parse_chinese_numeral("一百二十")
120
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from .rules import load_toml

FOUR_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Quantity:
    """A number as written: its span in the text, its value and how it is qualified."""

    start: int  # span of `raw`: prefix qualifier, number, multiplier, infix qualifier, unit
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str | None  # canonical unit (元 for money, % for percentages, 名次 for ranks, share)
    unit_raw: str | None  # the measure word as written
    qualifier: str
    kind: str  # count, percent, share, rank
    chinese: bool  # the numeral is written in Chinese characters
    multiplied: bool  # a multiplier (万, 亿 …) was written
    tail: int  # end of the quantity including a suffix qualifier (以上, 左右), not part of `raw`


@lru_cache(maxsize=None)
def _grammar() -> dict:
    nums = load_toml("numbers.toml")
    units = load_toml("units.toml")
    g: dict = {}
    fw = nums["fullwidth"]
    g["fullwidth"] = str.maketrans(fw["from"], fw["to"])
    cn = nums["chinese_numerals"]
    g["cn_digits"] = cn["digits"]
    g["cn_small"] = cn["small_units"]
    g["multipliers"] = {k: Decimal(v) for k, v in nums["multipliers"].items()}
    q = nums["qualifiers"]
    g["prefix"], g["infix"], g["suffix"] = q["prefix"], q["infix"], q["suffix"]
    unit_list = [u for group in units["units"].values() for u in group]
    big = units["big_prefixed"]["units"]
    g["aliases"] = units["aliases"]
    g["percent_units"] = set(units["units"]["percent"])

    def alt(words) -> str:
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

    cn_chars = "".join(list(cn["digits"]) + list(cn["small_units"]))
    arabic = r"\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?"
    number = rf"(?:{arabic}|[{cn_chars}]+)"
    unit = rf"(?:大(?:{alt(big)})|{alt(unit_list)})"
    sep = alt(nums["ranges"]["separators"])
    # One quantity: [prefix] N [infix] [mult] [infix] [unit] [(sep) [prefix] N [infix] [mult] [infix] [unit]]
    single = (
        rf"(?P<num#>{number})(?P<inf#a>{alt(g['infix'])})?(?P<mult#>{alt(g['multipliers'])})?"
        rf"(?P<inf#b>{alt(g['infix'])})?(?P<unit#>{unit})?"
    )
    first = rf"(?P<pre>{alt(g['prefix'])})?" + single.replace("#", "1")
    g["single"] = re.compile(first)
    g["range"] = re.compile(first + rf"(?P<sep>{sep})" + single.replace("#", "2"))
    g["prefix_gap"] = re.compile(rf"(?P<pre>{alt(g['prefix'])})(?:{alt(q['gap']['words'])}){{0,2}}$")
    g["suffix_re"] = re.compile(rf"(?:{alt(g['suffix'])})")
    bare = nums["bare_multiplier"]
    g["bare_prefix"], g["bare_mult"] = bare["prefixes"], bare["multipliers"]
    g["bare"] = re.compile(rf"(?P<pre>{alt(bare['prefixes'])})(?P<mult>{alt(bare['multipliers'])})"
                           rf"(?P<inf>{alt(g['infix'])})?(?P<unit>{unit})")
    g["percent_cn"] = re.compile(rf"百分之(?P<num>{number})")
    g["fraction"] = re.compile(rf"(?<![\d/.])(?P<a>\d+(?:\.\d+)?)/(?P<b>\d+(?:\.\d+)?)(?![\d/])")
    g["fraction_cn"] = re.compile(rf"(?P<b>{number})分之(?P<a>{number})")
    g["rank"] = re.compile(rf"第(?P<num>{number})(?P<unit>名|位)?")
    return g


def to_halfwidth(text: str) -> str:
    """Map full-width digits and signs to ASCII one for one, so offsets stay those of ``text``."""
    return text.translate(_grammar()["fullwidth"])


def parse_chinese_numeral(s: str) -> int | None:
    """Value of a Chinese numeral (一百二十 → 120, 两 → 2, 二〇二一 → 2021, 十 → 10, 一千二 → 1200)."""
    g = _grammar()
    digits, small = g["cn_digits"], g["cn_small"]
    if not s or any(ch not in digits and ch not in small for ch in s):
        return None
    if all(ch in digits for ch in s):
        if len(s) == 1:
            return digits[s]
        if len(s) < 4 and not any(digits[ch] == 0 for ch in s):
            return None  # 一一, 三五: a repeated word or "a few", not a number
        return int("".join(str(digits[ch]) for ch in s))  # digit by digit: 二〇二一
    total, current, last_unit, zero = 0, None, None, False
    for ch in s:
        if ch in digits:
            zero = zero or digits[ch] == 0
            current = digits[ch] if current is None else current * 10 + digits[ch]
        else:
            unit = small[ch]
            total += (1 if current is None else current) * unit
            current, last_unit, zero = None, unit, False
    if current is not None:
        # 一千二 is 1200: a trailing digit after a unit counts in the next lower unit.
        total += current * (last_unit // 10 if last_unit and last_unit >= 100 and current < 10 and not zero else 1)
    return total


def parse_number(s: str) -> Decimal | None:
    """Exact value of an Arabic (1,387 / 2.8) or Chinese (一百二十) numeral, without multiplier."""
    s = to_halfwidth(s)
    if s and (s[0].isdigit()):
        return Decimal(s.replace(",", ""))
    value = parse_chinese_numeral(s)
    return None if value is None else Decimal(value)


@lru_cache(maxsize=1)
def _dimensions() -> dict[str, str]:
    groups = load_toml("units.toml")["units"]
    out = {unit: dimension for dimension, words in groups.items() for unit in words}
    out.update({"share": "share", "名次": "rank"})
    return out


def unit_dimension(unit: str | None) -> str | None:
    """What a unit measures (people, items, events, money, area, length, percent, share, rank …), or None.

    >>> unit_dimension("平方米"), unit_dimension("人次"), unit_dimension("元")
    ('area', 'people', 'money')
    """
    if unit is None:
        return None
    dims = _dimensions()
    return dims.get(unit) or dims.get(_grammar()["aliases"].get(unit, unit))


def _canonical_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    return _grammar()["aliases"].get(unit, unit)


def _scaled(num: str, mult: str | None) -> Decimal | None:
    value = parse_number(num)
    if value is None:
        return None
    if mult:
        value *= _grammar()["multipliers"][mult]
    return value


def scan_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, left to right, with non-overlapping spans.

    Offsets refer to ``text`` itself (full-width forms are mapped one for one before matching).
    """
    g = _grammar()
    norm = to_halfwidth(text)
    found: list[Quantity] = []
    taken = [False] * (len(norm) + 1)

    def claim(q: Quantity) -> None:
        if any(taken[q.start:q.end]):
            return
        if q.qualifier == "exact" and (gap := g["prefix_gap"].search(norm, max(0, q.start - 8), q.start)):
            q = replace(q, qualifier=g["prefix"][gap["pre"]])
        if q.tail == q.end and (suffix := g["suffix_re"].match(norm, q.end)):
            qualifier = q.qualifier if q.qualifier != "exact" else g["suffix"][suffix.group()]
            q = replace(q, qualifier=qualifier, tail=suffix.end())
        for i in range(q.start, q.end):
            taken[i] = True
        found.append(q)

    # Ranks, percentages written out and fractions first: they contain numbers the general pattern would split.
    for m in g["rank"].finditer(norm):
        value = parse_number(m["num"])
        if value is not None:
            claim(Quantity(m.start(), m.end(), value, None, "名次", m["unit"], "exact", "rank",
                           not m["num"][0].isdigit(), False, m.end()))
    for m in g["bare"].finditer(norm):
        unit_raw = m["unit"]
        claim(Quantity(m.start(), m.end(), Decimal(g["bare_mult"][m["mult"]]), None, _canonical_unit(unit_raw),
                       unit_raw, g["bare_prefix"][m["pre"]], "count", True, True, m.end()))
    for m in g["percent_cn"].finditer(norm):
        value = parse_number(m["num"])
        if value is not None:
            claim(Quantity(m.start(), m.end(), value, None, "%", "%", "exact", "percent",
                           True, False, m.end()))
    for pattern in (g["fraction"], g["fraction_cn"]):
        for m in pattern.finditer(norm):
            a, b = parse_number(m["a"]), parse_number(m["b"])
            if a is None or not b:
                continue
            claim(Quantity(m.start(), m.end(), (a / b).quantize(FOUR_PLACES), None, "share", None,
                           "exact", "share", not m["a"][0].isdigit(), False, m.end()))

    pos = 0
    while (m := g["single"].search(norm, pos)) is not None:
        r = g["range"].match(norm, m.start())
        q = _range_from_match(r, norm) if r else None
        q = q or _quantity_from_match(m, norm)
        if q is not None:
            claim(q)
        pos = max(m.end(), q.end if q else 0, m.start() + 1)
    found.sort(key=lambda q: q.start)
    return found


def _range_from_match(m: re.Match, norm: str) -> Quantity | None:
    """A range (2~3件, 1700平方米到4700平方米) when both ends agree in unit and multiplier, else None."""
    low, high = _scaled(m["num1"], m["mult1"] or m["mult2"]), _scaled(m["num2"], m["mult2"] or m["mult1"])
    unit1, unit2 = m["unit1"], m["unit2"]
    if low is None or high is None or not high > low or not unit2 or unit1 not in (None, unit2):
        return None
    if m["mult1"] and m["mult2"] and m["mult1"] != m["mult2"]:
        return None
    return _build(m, norm, low, high, unit2, m["mult1"] or m["mult2"],
                  m["inf1a"] or m["inf1b"] or m["inf2a"] or m["inf2b"])


def _quantity_from_match(m: re.Match, norm: str) -> Quantity | None:
    value = _scaled(m["num1"], m["mult1"])
    if value is None:
        return None
    return _build(m, norm, value, None, m["unit1"], m["mult1"], m["inf1a"] or m["inf1b"])


def _build(m: re.Match, norm: str, value: Decimal, value_max: Decimal | None, unit_raw: str | None,
           mult: str | None, infix: str | None) -> Quantity:
    g = _grammar()
    start, end = m.start(), m.end()
    qualifier = "exact"
    if m["pre"]:
        qualifier = g["prefix"][m["pre"]]
    elif infix:
        qualifier = g["infix"][infix]
    tail = end
    suffix = g["suffix_re"].match(norm, end)
    if suffix:
        qualifier = qualifier if qualifier != "exact" else g["suffix"][suffix.group()]
        tail = suffix.end()
    unit = _canonical_unit(unit_raw)
    kind = "percent" if unit in g["percent_units"] else "count"
    return Quantity(start, end, value, value_max, unit, unit_raw, qualifier, kind,
                    not m["num1"][0].isdigit(), bool(mult), tail)
