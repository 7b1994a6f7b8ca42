"""The number grammar: find every quantity written in a text and resolve its exact value.

Arabic digits (thousands separators, full-width forms, signs), Chinese numerals (compounds with 万/亿 and
零, decimals with 点, elliptic tails such as 九万四, approximate ranges such as 五六千 and vague digits such
as 十几), mixed forms (3万4000), multipliers, qualifiers (余, 多, 近, 约, 以上 …), ranges, percentages,
fractions (三分之一, 万分之五, 1/3), tenths (八成), halves (一吨半) and ranks. The forms are data in
``rules/numbers.toml`` and ``rules/units.toml``; this module only interprets them. Deciding whether a
quantity is a claim (and not a date, a code or a slogan) is the job of ``extract.nonclaims``.

Values are exact Decimals; spans are offsets into the text as given (invisible characters and full-width
forms are normalised for matching and mapped back). A number the grammar cannot read with confidence
(1,2345; 2.3.4; 一二三个) is left out, never guessed; ``scan_quantities(text, unread=[])`` lists them.

>>> [(q.value, q.unit, q.qualifier) for q in scan_quantities("分批分类培训党员2.8万人次")]
[(Decimal('28000.0'), '人次', 'exact')]
>>> [(q.value, q.value_max, q.unit) for q in scan_quantities("来采摘的市民有三四千人")]
[(Decimal('3000'), Decimal('4000'), '人')]
>>> parse_chinese_numeral("一百二十")
120
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from functools import lru_cache

from .rules import load_toml

INF = 10 ** 30


@dataclass(frozen=True)
class Quantity:
    """A number as written: its span in the text, its value and how it is qualified."""

    start: int  # span of `raw`: prefix qualifier, sign, number, multiplier, infix qualifier, unit
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
    approximate: bool = False  # a range written with neighbouring digits (五六千, 二三十, 十七八)
    vague: bool = False  # a vague digit (十几, 几十万, 数百): the round number, qualifier `over`


# ---------------------------------------------------------------------------------------------- grammar
def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass
class _Grammar:
    fullwidth: dict
    invisible: re.Pattern
    zero_width_re: re.Pattern
    group_space: re.Pattern
    digits: dict
    zeros: frozenset
    small: dict
    big: dict
    point: str
    coefficient_only: frozenset
    positional_only: frozenset
    foreign: frozenset
    exponent: frozenset
    numeral_run: re.Pattern
    min_positional: int
    pairs: frozenset
    vague: frozenset
    vague_leading: frozenset
    start: re.Pattern
    arabic: re.Pattern
    digit_run: re.Pattern
    magnitude_letters: str
    max_digits: int
    minus_not_after: str
    prefix: dict
    prefix_direct: re.Pattern
    prefix_gaps: tuple
    prefix_share_gap: re.Pattern
    prefix_not_after: dict
    infix: dict
    suffix: dict
    suffix_re: re.Pattern
    time_suffix: dict
    time_suffix_re: re.Pattern
    separators: re.Pattern
    bare_prefix: dict
    bare_mult: dict
    measure_mult: re.Pattern
    unit_re: re.Pattern
    kilo_unit_re: re.Pattern
    aliases: dict
    percent_units: frozenset
    time_units: frozenset
    money_units: frozenset
    currency_signs: dict
    money_after: frozenset
    money_fraction: re.Pattern
    fraction_marker: str
    mixed_marker: str
    bare_den: dict
    percent_word: str
    sig_digits: int
    tenths: str
    tenths_not_before: str
    half: str
    half_after: str
    half_alone: re.Pattern
    ge_units: tuple
    rank_prefixes: dict
    rank_units: re.Pattern
    dimensions: dict = field(default_factory=dict)
    prefix_window: int = 0
    any_prefix: re.Pattern | None = None
    after_marks: frozenset = frozenset()
    measure_first: frozenset = frozenset()


@lru_cache(maxsize=None)
def _grammar() -> _Grammar:
    nums = load_toml("numbers.toml")
    units = load_toml("units.toml")
    fw = nums["fullwidth"]
    inv = nums["invisible"]
    cn = nums["chinese_numerals"]
    q = nums["qualifiers"]
    digits = dict(cn["digits"])
    zeros = frozenset(cn["zeros"])
    small = {k: int(v) for k, v in cn["small_units"].items()}
    big = {k: int(v) for k, v in cn["big_units"].items()}
    point = cn["point"]
    unit_groups = units["units"]
    unit_list = [u for group in unit_groups.values() for u in group]
    aliases = dict(units["aliases"])
    money_units = frozenset(unit_groups["money"])
    time_units = frozenset(unit_groups["time"])

    numeral_chars = "".join(digits) + "".join(small) + "".join(big) + point
    vague = frozenset(nums["vague"]["digits"])
    vague_leading = frozenset(nums["vague"]["leading_only"])
    unit_first = "".join(sorted({u[0] for u in unit_list}))
    half = nums["half"]["char"]
    tenths = nums["tenths"]["marker"]
    frac_marker = nums["fractions"]["marker"]
    mixed = nums["fractions"]["mixed"]
    seps = nums["ranges"]["separators"]
    units_cls = re.escape(unit_first)
    # A Chinese digit starts a number only when something numeric can follow it (a numeral, a unit, 成, 分之,
    # 余 …); this keeps the scan in the regex engine over ordinary words (一些, 一直).
    follow = re.escape(numeral_chars + "".join(vague) + "余多个大%‰" + half + tenths + mixed + frac_marker[0]
                       + "".join(s[0] for s in seps)) + units_cls
    cn_start = re.escape("".join(digits) + "十")
    lead = re.escape("".join(vague | vague_leading))
    bare = nums["bare_multiplier"]
    bare_mult = {k: int(v) for k, v in bare["multipliers"].items()}
    bare_den = {k: int(v) for k, v in nums["fractions"]["bare_denominators"].items()}
    signs = nums["signs"]["minus"]
    currency = dict(units["currency_signs"])
    half_alone = nums["half"]["alone_units"]
    cn_digit_cls = re.escape("".join(d for d in digits if d not in zeros))
    behind = "|".join(f"(?<={re.escape(p)})" for p in sorted(bare["prefixes"], key=len, reverse=True))
    # Every alternative starts with one of these characters: a cheap first test at each position.
    firsts = "0123456789.-" + "".join(digits) + "".join(small) + "".join(big) + "".join(vague | vague_leading) + \
        "".join(s[0] for s in signs) + "".join(currency) + "".join(p[0] for p in nums["rank"]["prefixes"]) + half
    start = re.compile(
        rf"(?=[{re.escape(''.join(sorted(set(firsts))))}])(?:"
        rf"(?P<date>{nums['dates']['pattern']})"
        rf"|(?P<sign>{_alt(signs)})(?=\.?[0-9]|[{cn_start}{lead}])"
        rf"|(?P<cur>[{re.escape(''.join(currency))}])(?=[0-9])"
        rf"|(?P<rank>(?:{_alt(nums['rank']['prefixes'])})(?: (?=[0-9]))?)(?=[0-9]|[{cn_start}])"
        rf"|(?P<pct>{re.escape(nums['fractions']['percent'])})"
        rf"|(?P<den>(?:{_alt(bare_den)}){re.escape(frac_marker)})"
        rf"|(?P<bare>(?:{behind})(?:{_alt(bare_mult)}))"
        rf"|(?P<half>{re.escape(half)})(?=(?:{_alt(half_alone)}))"
        rf"|(?P<num>[0-9]|\.(?=[0-9])|[{cn_start}](?=[{follow}]|$)|[{re.escape(''.join(u for u, v in small.items() if v >= 100))}](?=[{cn_digit_cls}])|[{lead}](?=[{re.escape(''.join(small) + ''.join(big))}])))"
    )
    seps_alt = _alt(seps)
    thousands = nums["arabic"]["thousands_separators"]
    # Arabic numbers: digits with a thousands separator only between groups of three, or plain digits.
    groups = rf"[0-9]{{1,3}}(?:[{re.escape(''.join(thousands))}][0-9]{{3}})+(?![0-9])"
    arabic = re.compile(rf"(?:{groups}|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+")
    spaces = "".join(inv["group_spaces"])
    unit_alt = _alt(unit_list)
    big_prefixed = units["big_prefixed"]["units"]
    kilo = [u for u in unit_list if u[0] in small]
    mf = units["money_fractions"]
    money_fraction = re.compile(
        rf"又?(?:(?P<t>[0-9]|[{cn_digit_cls}])(?:{_alt(mf['tenths'])}))?"
        rf"(?:(?P<h>[0-9]|[{cn_digit_cls}])(?:{_alt(mf['hundredths'])}))?(?:{_alt(mf['trailing'])})?")
    g = _Grammar(
        fullwidth=str.maketrans(fw["from"], fw["to"]),
        invisible=re.compile("[" + re.escape("".join(inv["zero_width"]) + spaces) + "]"),
        zero_width_re=re.compile("[" + re.escape("".join(inv["zero_width"])) + "]"),
        group_space=re.compile(rf"(?<=[0-9])[{re.escape(spaces)}](?=[0-9]{{3}}(?![0-9]))"),
        digits=digits, zeros=zeros, small=small, big=big, point=point,
        coefficient_only=frozenset(cn["coefficient_only"]),
        positional_only=frozenset(cn["positional_only"]),
        foreign=frozenset(cn["other_styles"]), exponent=frozenset(nums["arabic"]["exponent_marks"]),
        numeral_run=re.compile("[0-9" + re.escape(numeral_chars) + "]*"),
        min_positional=int(cn["min_positional_digits"]),
        pairs=frozenset(nums["approximate"]["pairs"]),
        vague=vague, vague_leading=vague_leading,
        start=start, arabic=arabic, digit_run=re.compile(r"[0-9,.]*"),
        magnitude_letters=nums["arabic"]["magnitude_letters"],
        max_digits=int(nums["arabic"]["max_digits"]),
        minus_not_after=nums["signs"]["not_after"],
        prefix=dict(q["prefix"]),
        prefix_direct=re.compile(rf"(?:{_alt(q['prefix'])})$"),
        prefix_gaps=(), prefix_share_gap=re.compile("(?!)"),
        prefix_not_after=dict(q["not_after"]),
        infix=dict(q["infix"]), suffix=dict(q["suffix"]),
        suffix_re=re.compile(_alt(q["suffix"])),
        time_suffix=dict(q["time_suffix"]), time_suffix_re=re.compile(_alt(q["time_suffix"])),
        separators=re.compile(seps_alt),
        bare_prefix=dict(bare["prefixes"]), bare_mult=bare_mult,
        measure_mult=re.compile(rf"(?:{_alt(nums['measure_before_multiplier']['words'])})(?P<inf>{_alt(q['infix'])})?"
                                rf"(?P<mult>{_alt(nums['measure_before_multiplier']['multipliers'])})"),
        unit_re=re.compile(rf"大(?:{_alt(big_prefixed)})|{unit_alt}"),
        kilo_unit_re=re.compile(_alt(kilo)) if kilo else re.compile(r"(?!)"),
        aliases=aliases,
        percent_units=frozenset(unit_groups["percent"]),
        time_units=time_units, money_units=money_units,
        currency_signs=currency,
        money_after=frozenset(mf["after"]),
        money_fraction=money_fraction,
        fraction_marker=frac_marker, mixed_marker=mixed,
        bare_den=bare_den,
        percent_word=nums["fractions"]["percent"],
        sig_digits=int(nums["fractions"]["significant_digits"]),
        tenths=tenths, tenths_not_before=nums["tenths"]["not_before"],
        half=half, half_after=nums["half"]["after_unit_followed_by"],
        half_alone=re.compile(_alt(half_alone)),
        ge_units=tuple(sorted((u for u in unit_list if u.startswith("个") and len(u) > 1), key=len, reverse=True)),
        rank_prefixes=dict(nums["rank"]["prefixes"]),
        rank_units=re.compile(_alt(nums["rank"]["units"])),
    )
    pre = _alt(q["prefix"])
    bounds = _alt(w for w, v in q["prefix"].items() if v in ("at_least", "at_most"))
    gap = q["gap"]
    linked = re.compile(rf"(?P<pre>{pre})(?:{_alt(gap['words'])}){{1,2}}$")
    verb = re.compile(rf"(?P<pre>{bounds})[\u4e00-\u9fff]{{1,{gap['bound_verb_chars']}}}$")
    share = re.compile(rf"(?P<pre>{pre})(?:{_alt(gap['share_words'])})[^，。；,;！？]{{0,{gap['share_base_chars']}}}的$")
    g.prefix_gaps = ((linked, 8), (verb, 8), (share, gap["share_base_chars"] + 6))
    g.prefix_window = max(w for _, w in g.prefix_gaps)
    g.any_prefix = re.compile(pre)
    g.after_marks = frozenset("/" + frac_marker[0] + mixed + tenths)
    g.measure_first = frozenset(w[0] for w in nums["measure_before_multiplier"]["words"])
    g.prefix_share_gap = share
    g.dimensions = {unit: dim for dim, words in unit_groups.items() for unit in words}
    g.dimensions.update({"share": "share", "名次": "rank"})
    return g


def to_halfwidth(text: str) -> str:
    """Map full-width digits and signs to ASCII one for one, so offsets stay those of ``text``."""
    return text.translate(_grammar().fullwidth)


def unit_dimension(unit: str | None) -> str | None:
    """What a unit measures (people, items, events, money, area, length, percent, share, rank …), or None.

    >>> unit_dimension("平方米"), unit_dimension("人次"), unit_dimension("元")
    ('area', 'people', 'money')
    """
    if unit is None:
        return None
    g = _grammar()
    return g.dimensions.get(unit) or g.dimensions.get(g.aliases.get(unit, unit))


def _canonical_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    return _grammar().aliases.get(unit, unit)


# ------------------------------------------------------------------------------------ normalisation
class _Offsets:
    """Positions in the normalised text mapped back to the original (only where characters were removed)."""

    def __init__(self, removed: list[int]):
        self.shifted = [r - n for n, r in enumerate(removed)]

    def start(self, k: int) -> int:
        return k + bisect.bisect_right(self.shifted, k)

    def end(self, k: int) -> int:
        return self.start(k - 1) + 1 if k > 0 else 0


def _normalise(text: str) -> tuple[str, _Offsets | None]:
    """Full-width forms mapped one for one; zero-width characters and group spaces removed (with a map back)."""
    g = _grammar()
    norm = text.translate(g.fullwidth)
    if not g.invisible.search(norm):
        return norm, None
    # First the zero-width characters (anywhere), then the spaces between a digit and three digits.
    zero = [m.start() for m in g.zero_width_re.finditer(norm)]
    stage = g.zero_width_re.sub("", norm) if zero else norm
    first = _Offsets(zero)
    drop = sorted(set(zero) | {first.start(m.start()) for m in g.group_space.finditer(stage)})
    parts, last = [], 0
    for i in drop:
        parts.append(norm[last:i])
        last = i + 1
    parts.append(norm[last:])
    # Spaces that are not thousands separators read as plain spaces.
    out = g.invisible.sub(" ", "".join(parts))
    return out, (_Offsets(drop) if drop else None)


# ------------------------------------------------------------------------------------- numerals
@dataclass
class _Num:
    """A numeral read from the normalised text: its value (and upper value of an approximate pair)."""

    lo: Decimal
    hi: Decimal | None
    end: int
    chinese: bool
    multiplied: bool  # 万/亿 written, or an Arabic number scaled by 十/百/千
    vague: bool = False
    arabic_only: bool = False  # plain Arabic digits, nothing else
    integer: bool = True
    single_digit: int | None = None  # the numeral is one digit (八, 5): its value
    core: Decimal | None = None  # value without the trailing 万/亿 (九百亿: 900)
    mult: int = 1  # the trailing 万/亿 multiplier (九百亿: 10^8)


class _Doubtful(Exception):
    """A number-like span the grammar refuses to read (its end is known)."""

    def __init__(self, end: int, reason: str):
        super().__init__(reason)
        self.end, self.reason = end, reason


def _isdigit(ch: str) -> bool:
    return "0" <= ch <= "9"


def _significant(value: Decimal, digits: int) -> Decimal:
    if value == 0:
        return value
    with localcontext() as ctx:
        ctx.prec = digits
        return +value


class _Scanner:
    def __init__(self, norm: str, text: str | None = None, offsets: _Offsets | None = None):
        self.s = norm
        self.n = len(norm)
        self.g = _grammar()
        self.text = norm if text is None else text
        self.offsets = offsets

    def _original(self, k: int) -> str:
        return self.text[k if self.offsets is None else self.offsets.start(k)]

    # -- Arabic ------------------------------------------------------------------------------------------
    def _arabic(self, i: int) -> tuple[Decimal, int, bool]:
        """Arabic number at i: (value, end, integer). Raises _Doubtful on 1,2345 / 2.3.4."""
        s = self.s
        m = self.g.arabic.match(s, i)
        end = m.end()
        if end - i > self.g.max_digits:
            raise _Doubtful(self.g.digit_run.match(s, end).end(), "too many digits")
        nxt = s[end:end + 2]
        if len(nxt) == 2 and _isdigit(nxt[1]) and (nxt[0] == "," or (nxt[0] == "." and "." in m.group())):
            raise _Doubtful(self.g.digit_run.match(s, end).end(), "doubtful digit string")
        text = m.group()
        if end < self.n and s[end] in self.g.magnitude_letters and not (end + 1 < self.n and s[end + 1].isascii()
                                                                          and s[end + 1].isalpha()):
            raise _Doubtful(end + 1, "magnitude letter")  # 1.5w, 3k: not a form of the reports
        if "，" in text and not self._fullwidth_groups(i, text):
            raise _Doubtful(end, "comma between digits")  # 12，345: one number or two?
        text = text.replace(",", "").replace("，", "")
        if text.startswith("."):
            text = "0" + text
        return Decimal(text), end, "." not in text

    def _fullwidth_groups(self, i: int, text: str) -> bool:
        """A full-width comma separates thousands when the digits are full-width (４，５６５), when a decimal
        part or a second group confirms it (82，225.00; 1，234，567); 12，345 alone may be two numbers."""
        if "." in text or text.count("，") + text.count(",") >= 2:
            return True
        comma = text.index("，")
        return self._original(i + comma - 1) not in "0123456789"

    # -- Chinese and mixed -------------------------------------------------------------------------------
    def numeral(self, i: int) -> _Num | None:
        """The longest numeral starting at i, or None. Raises _Doubtful for spans it will not guess."""
        num = self._numeral(i)
        if num is not None:
            self._check_edges(i, num)
        return num

    def _check_edges(self, i: int, num: _Num) -> None:
        """A numeral glued to numeral characters the grammar does not read (壹万二千, 四万万, 五兆六十二亿,
        一百 五 十 二, 2^5) is a fragment of a number written otherwise: reading it would be a guess."""
        s, g = self.s, self.g
        j = num.end
        after = s[j] if j < self.n else ""
        if after and (after in g.foreign or after in g.big or after in g.exponent):
            raise _Doubtful(self._run_end(j + 1), "numeral written in another style")
        k = i - 1
        if k >= 1 and s[k] in g.foreign and _isdigit(s[i]) and not (s[k - 1] in g.foreign or s[k - 1] in g.small
                                                                     or s[k - 1] in g.big or _isdigit(s[k - 1])):
            k = -1  # 队伍8支, 大陆12个: the character ends a word; financial numerals never meet Arabic digits
        while k >= 0 and i - k <= 12 and (s[k] in g.foreign or s[k] in g.small or s[k] in g.big):
            if s[k] in g.foreign:
                raise _Doubtful(self._run_end(j), "numeral written in another style")
            k -= 1
        if i > 0 and s[i - 1] in g.exponent:
            raise _Doubtful(self._run_end(j), "numeral written in another style")
        if num.chinese or num.multiplied:
            if after == " " and j + 1 < self.n and (s[j + 1] in g.digits or s[j + 1] in g.small or s[j + 1] in g.big
                                                    or _isdigit(s[j + 1])):
                raise _Doubtful(self._run_end(j + 1), "spaced numeral")
            if i > 1 and s[i - 1] == " " and (s[i - 2] in g.digits or s[i - 2] in g.small or s[i - 2] in g.big):
                raise _Doubtful(self._run_end(j), "spaced numeral")

    def _numeral(self, i: int) -> _Num | None:
        s, g = self.s, self.g
        c = s[i]
        if c == "." and not (i + 1 < self.n and _isdigit(s[i + 1])):
            return None
        if _isdigit(c) or c == ".":
            value, end, integer = self._arabic(i)
            nxt = s[end] if end < self.n else ""
            if not (nxt in g.small or nxt in g.big or nxt == g.point or nxt in g.digits):
                # The common case, plain digits: no compound reading needed.
                digit = int(value) if integer and 0 < value < 10 and end - i == 1 else None
                return _Num(value, None, end, False, False, arabic_only=True, integer=integer,
                            single_digit=digit, core=value)
        elif (c in g.digits and c not in g.coefficient_only) and i + 1 < self.n and \
                s[i + 1] in g.digits and s[i + 1] not in g.coefficient_only:
            positional = self._positional(i)
            if positional is not None:
                return positional
        return self._compound(i)

    def _run_end(self, j: int) -> int:
        """End of the run of numeral characters from j (for a doubtful span)."""
        return self.g.numeral_run.match(self.s, j).end()

    def _elliptic_after_bare(self, j: int) -> bool:
        """百三, 千三: a bare 百 or 千 followed by one digit that ends the numeral."""
        s, g = self.s, self.g
        k = j + 1
        if k >= self.n or s[k] not in g.digits or s[k] in g.zeros or s[k] in g.coefficient_only:
            return False
        nxt = s[k + 1] if k + 1 < self.n else ""
        return not (nxt in g.digits or nxt in g.small or nxt in g.big or nxt == g.point or _isdigit(nxt))

    def _positional(self, i: int) -> _Num | None:
        """Digit-by-digit numerals: 二〇二一, 一九九八; an approximate pair (三四) goes on to the compound reader."""
        s, g = self.s, self.g
        j = i
        while j < self.n and s[j] in g.digits and s[j] not in g.coefficient_only:
            j += 1
        run = s[i:j]
        if len(run) == 2 and run in g.pairs:
            return None  # 三四千, 二三十: read as an approximate pair
        has_zero = any(ch in g.zeros for ch in run)
        nxt = s[j] if j < self.n else ""
        refused = run[0] in g.zeros or nxt in g.small or nxt in g.big or \
            len(run) < (3 if has_zero else g.min_positional)
        if refused:
            end = j
            if s.startswith(g.point, j):  # 一二点三零: the digits after the point are refused with it
                end = self._decimals(j + 1)[1]
            raise _Doubtful(end, "doubtful digit string" if len(run) >= 3 or end > j else "")
        if len(run) > g.max_digits:
            raise _Doubtful(j, "too many digits")
        value = int("".join(str(g.digits[ch]) for ch in run))
        lo = Decimal(value)
        end = j
        if s.startswith(g.point, j):
            frac, fend = self._decimals(j + 1)
            if frac is not None and not (fend < self.n and s[fend] in g.small):
                lo, end = lo + frac, fend
        return _Num(lo, None, end, True, False, integer=(end == j), core=lo)

    def _decimals(self, j: int) -> tuple[Decimal | None, int]:
        """Digits after a decimal point written as 点: 六点二 → .2, 一点五七 → .57, 一百点123 → .123."""
        s, g = self.s, self.g
        k = j
        out = []
        while k < self.n:
            ch = s[k]
            if _isdigit(ch):
                out.append(ch)
            elif ch in g.digits and ch not in g.coefficient_only:
                out.append(str(g.digits[ch]))
            else:
                break
            k += 1
        if not out:
            return None, j
        return Decimal("0." + "".join(out)), k

    def _compound(self, i: int) -> _Num | None:
        s, g = self.s, self.g
        n = self.n
        toks: list[tuple] = []  # ('d', lo, hi, kind) ('z',) ('u', v) ('b', v) ('f', frac)
        commit: tuple[int, int] | None = None  # (number of tokens, end) of the last complete numeral
        prev = "start"
        small_last = INF
        had_wan = had_yi = False
        dec_used = False
        last_big = 0
        j = i
        chinese = False
        while j < n:
            c = s[j]
            if _isdigit(c) or (c == "." and prev == "start" and j + 1 < n and _isdigit(s[j + 1])):
                if prev not in ("start", "z", "u", "b") or dec_used:
                    break
                value, end, integer = self._arabic(j)
                if prev != "start":
                    bound = small_last if prev in ("u", "z") and small_last < INF else last_big
                    if not integer or "," in s[j:end] or "，" in s[j:end] or value >= bound:
                        break
                    follows_unit = end < n and (s[end] in g.small or s[end] in g.big)
                    if prev == "b" and end - j == 1 and not follows_unit:
                        raise _Doubtful(end, "doubtful digit after 万/亿")
                toks.append(("d", value, value, "arabic" if integer else "decimal"))
                dec_used = dec_used or not integer
                prev = "d"
                j = end
                commit = (len(toks), j)
                continue
            if c in g.positional_only:
                break
            if c in g.digits and c not in g.zeros:
                d = Decimal(g.digits[c])
                if prev == "d":
                    last = toks[-1]
                    if last[3] == "cn" and s[j - 1] + c in g.pairs:
                        toks[-1] = ("d", last[1], d, "pair")
                        j += 1
                        commit = (len(toks), j)
                        continue
                    break
                if prev not in ("start", "z", "u", "b") or dec_used:
                    break
                chinese = True
                toks.append(("d", d, d, "cn"))
                j += 1
                prev = "d"
                if c in g.coefficient_only:
                    ok = len(toks) == 1
                else:
                    ok = True
                if ok:
                    commit = (len(toks), j)
                continue
            if c in g.zeros:
                if prev == "start":
                    if s.startswith(g.point, j + 1):
                        toks.append(("d", Decimal(0), Decimal(0), "cn"))
                        chinese = True
                        prev = "d"
                        j += 1
                        continue
                    break
                if prev not in ("u", "b") or dec_used:
                    break
                toks.append(("z",))
                prev = "z"
                j += 1
                continue
            if c in g.small:
                u = g.small[c]
                if prev == "d" and toks[-1][3] in ("arabic", "decimal") and g.kilo_unit_re.match(s, j):
                    break  # 8.4千米, 150千瓦: 千 belongs to the unit
                if prev == "d":
                    kind = toks[-1][3]
                    if kind == "decimal" and len(toks) > 1:
                        break
                elif u == 10 and (prev in ("start", "z", "b") or (prev == "u" and small_last == 100)):
                    pass  # 十五, 一千零十, 一百十一: 十 stands for 一十
                elif prev == "start" and u in (100, 1000) and self._elliptic_after_bare(j):
                    pass  # 百三, 千三: colloquial 一百三, 一千三
                else:
                    break
                if u >= small_last or (dec_used and prev != "d"):
                    break
                if prev != "d":
                    chinese = True
                toks.append(("u", u))
                small_last = u
                prev = "u"
                j += 1
                commit = (len(toks), j)
                continue
            if c in g.big:
                b = g.big[c]
                if prev not in ("d", "u", "b", "f"):
                    break
                if prev == "b":
                    if b <= toks[-1][1] or had_yi:
                        break
                elif b == 10000 and had_wan:
                    break
                if b > 10000 and had_yi:
                    break
                if b == 10000:
                    had_wan = True
                else:
                    had_yi, had_wan = True, False
                toks.append(("b", b))
                prev = "b"
                small_last = INF
                last_big = b
                j += 1
                commit = (len(toks), j)
                continue
            if c == g.point:
                if prev == "d" and toks[-1][3] == "pair" and self._decimals(j + 1)[0] is not None:
                    raise _Doubtful(self._run_end(j), "doubtful numeral")  # 一二点三
                if prev not in ("d", "u", "b") or dec_used or (prev == "d" and toks[-1][3] in ("pair", "vague")):
                    break
                frac, fend = self._decimals(j + 1)
                if frac is None or (fend < n and s[fend] in g.small):
                    break  # 十点三十分 is a time of day
                toks.append(("f", frac))
                dec_used = True
                prev = "f"
                j = fend
                commit = (len(toks), j)
                if j < n and s[j] in g.big and not had_wan and not had_yi:
                    continue  # 三点五万
                break
            if c in g.vague or c in g.vague_leading:
                if prev == "start":
                    toks.append(("d", Decimal(1), Decimal(1), "vague"))
                elif prev in ("u", "z") and c in g.vague:
                    toks.append(("d", Decimal(0), Decimal(0), "vague"))
                    commit = (len(toks), j + 1)
                else:
                    break
                chinese = True
                prev = "d"
                j += 1
                continue
            break
        if prev == "d" and toks[-1][3] == "pair" and j < n and (s[j] in g.small or s[j] in g.big):
            raise _Doubtful(self._run_end(j), "doubtful numeral")  # 二十一二十二: a pair, then more digits
        if prev == "z" and j < n and (s[j] in g.small or s[j] in g.big):
            raise _Doubtful(self._run_end(j), "doubtful numeral")  # 一万零百: a zero before a bare unit
        if commit is None:
            return None
        count, end = commit
        toks = toks[:count]
        if toks and toks[0][0] == "d" and toks[0][3] == "vague" and len(toks) == 1:
            return None
        lo, info = _evaluate(toks, low=True)
        hi, _ = _evaluate(toks, low=False)
        kinds = {t[3] for t in toks if t[0] == "d"}
        multiplied = any(t[0] == "b" for t in toks) or (
            any(t[0] == "u" for t in toks) and bool(kinds & {"arabic", "decimal"}))
        single = toks[0][1] if len(toks) == 1 and toks[0][0] == "d" and toks[0][3] in ("cn", "arabic") else None
        return _Num(lo, hi if hi != lo else None, end, chinese, multiplied,
                    vague="vague" in kinds,
                    arabic_only=all(t[0] == "d" and t[3] in ("arabic", "decimal") for t in toks),
                    integer=not any(t[0] == "f" for t in toks) and "decimal" not in kinds,
                    single_digit=int(single) if single is not None and single == single.to_integral() and 0 < single < 10 else None,
                    core=info[0], mult=info[1])


def _evaluate(toks: list[tuple], low: bool) -> tuple[Decimal, tuple[Decimal, int]]:
    """Value of a token list; returns (value, (core, trailing multiplier))."""
    total = wan = sec = Decimal(0)
    coef: Decimal | None = None
    last_unit = None
    zero = False
    frac = Decimal(0)
    trailing = 1
    for k, t in enumerate(toks):
        kind = t[0]
        if kind == "d":
            coef = t[1] if low else t[2]
            trailing = 1
            continue
        if kind == "z":
            zero = True
            continue
        if kind == "u":
            sec += (coef if coef is not None else 1) * t[1]
            coef, last_unit, zero = None, t[1], False
            trailing = 1
            continue
        if kind == "b":
            part = sec + (coef or 0) + frac
            frac = Decimal(0)
            if t[1] == 10000:
                wan = part * 10000
            else:
                total = (total + wan + part) * t[1]
                wan = Decimal(0)
            sec, coef, last_unit, zero = Decimal(0), None, t[1], False
            trailing = t[1] * (trailing if k > 0 and toks[k - 1][0] == "b" else 1)
            continue
        if kind == "f":
            nxt = toks[k + 1][0] if k + 1 < len(toks) else None
            if nxt == "b":
                coef = (coef or 0) + t[1]
            else:
                frac = t[1]
    if coef is not None:
        elliptic = (last_unit is not None and last_unit >= 100 and not zero
                    and toks[-1][0] == "d" and toks[-1][3] in ("cn", "pair"))  # 一千二, 三万五六
        if not elliptic and len(toks) >= 2 and toks[-1][0] == "f" and toks[-2][0] == "d" and toks[-2][3] == "cn":
            elliptic = last_unit is not None and last_unit >= 100 and not zero and len(toks) >= 3
        sec += coef * (last_unit // 10) if elliptic else coef
        trailing = 1
    value = total + wan + sec + frac
    if trailing > 1:
        core = value / trailing
    else:
        core = value
    return value, (core, trailing)


def parse_chinese_numeral(s: str) -> int | None:
    """Value of a Chinese numeral (一百二十 → 120, 两 → 2, 二〇二一 → 2021, 十 → 10, 一千二 → 1200).

    None unless the whole string is one integer numeral (一一 and 三五 are words, not numbers).
    """
    g = _grammar()
    value = parse_number(s)
    if value is None or value != value.to_integral() or not any(
            ch in g.digits or ch in g.small or ch in g.big for ch in s):
        return None
    return int(value)


def parse_number(s: str) -> Decimal | None:
    """Exact value of an Arabic (1,387 / 2.8), Chinese (一百二十, 六点二) or mixed (3万4000) numeral, or None.

    The whole string must be one numeral; ranges and vague forms (三四, 十几) are not single numbers.
    """
    if not s:
        return None
    norm, _ = _normalise(s)
    sc = _Scanner(norm)
    try:
        num = sc.numeral(0)
    except _Doubtful:
        return None
    if num is None or num.end != len(norm) or num.hi is not None or num.vague:
        return None
    return num.lo


# ------------------------------------------------------------------------------------- quantities
@dataclass
class _Q:
    """A quantity under construction, in normalised coordinates."""

    start: int
    end: int
    lo: Decimal
    hi: Decimal | None
    unit: str | None = None
    unit_span: tuple[int, int] | None = None
    qualifier: str | None = None
    kind: str = "count"
    chinese: bool = False
    multiplied: bool = False
    approximate: bool = False
    vague: bool = False
    tail: int = 0


def scan_quantities(text: str, *, unread: list | None = None) -> list[Quantity]:
    """Every quantity in ``text``, left to right, with non-overlapping spans.

    Offsets refer to ``text`` itself (full-width forms and invisible characters are normalised before
    matching and mapped back). When ``unread`` is a list, one ``(start, end, reason)`` is appended to it
    for each number-like span that was seen but not read because it was doubtful.
    """
    norm, offsets = _normalise(text)
    sc = _Scanner(norm, text, offsets)
    g = sc.g
    found: list[Quantity] = []
    pos = 0
    n = len(norm)
    while pos < n:
        m = g.start.search(norm, pos)
        if m is None:
            break
        if m.group("date"):
            pos = m.end()
            continue
        try:
            q = _read(sc, m)
        except _Doubtful as d:
            if d.reason and unread is not None:
                unread.append(_span_back(offsets, m.start(), max(d.end, m.start() + 1)) + (d.reason,))
            pos = max(d.end, m.start() + 1)
            continue
        if q is None:
            pos = m.start() + 1
            continue
        found.append(_finish(q, norm, text, offsets))
        pos = max(q.tail, q.end, m.start() + 1)
    return found


def _span_back(offsets: _Offsets | None, start: int, end: int) -> tuple[int, int]:
    if offsets is None:
        return start, end
    return offsets.start(start), offsets.end(end)


def _prefix_qualifier(norm: str, start: int, kind: str) -> tuple[str, int, bool] | None:
    """The qualifier word written before a number: (word, its start, directly adjacent) or None.

    Directly before it (约1.2万平方米), across a linking word (约占全市1/3, 近达3000人), across a short verb for
    a bound (至少配备1名), or across the base of a share (约占党员总数的三分之一).
    """
    g = _grammar()
    if not g.any_prefix.search(norm, max(0, start - g.prefix_window), start):
        return None  # the common case: no qualifier word anywhere near
    direct = g.prefix_direct.search(norm, max(0, start - 4), start)
    if direct and not _inside_word(norm, direct.start(), direct.group()):
        return direct.group(), direct.start(), True
    for pattern, width in g.prefix_gaps:
        if pattern is g.prefix_share_gap and kind not in ("share", "percent"):
            continue
        gap = pattern.search(norm, max(0, start - width), start)
        if gap and not _inside_word(norm, gap.start("pre"), gap["pre"]):
            return gap["pre"], gap.start("pre"), False
    return None


def _inside_word(norm: str, i: int, word: str) -> bool:
    """签约 and 最近 contain 约 and 近 without qualifying anything."""
    blocked = _grammar().prefix_not_after.get(word)
    return bool(blocked) and i > 0 and norm[i - 1] in blocked


def _finish(q: _Q, norm: str, text: str, offsets: _Offsets | None) -> Quantity:
    g = _grammar()
    start, end = q.start, q.end
    qualifier = q.qualifier
    if q.kind != "rank":
        pre = _prefix_qualifier(norm, start, q.kind)
        if pre is not None:
            word, pre_start, direct = pre
            if direct:
                qualifier, start = g.prefix[word], pre_start
            elif qualifier is None:
                qualifier = g.prefix[word]
    tail = q.tail or end
    if tail == end:
        suffix = g.suffix_re.match(norm, end)
        if suffix is None and q.unit in g.time_units:
            suffix = g.time_suffix_re.match(norm, end)
            table = g.time_suffix
        else:
            table = g.suffix
        if suffix:
            qualifier = qualifier or table[suffix.group()]
            tail = suffix.end()
    if qualifier is None:
        qualifier = "over" if q.vague else "exact"
    o_start, o_end = _span_back(offsets, start, end)
    o_tail = _span_back(offsets, start, tail)[1]
    unit_raw = None
    if q.unit_span:
        us, ue = _span_back(offsets, *q.unit_span)
        unit_raw = text[us:ue]
    unit = q.unit
    kind = q.kind
    if kind == "count" and unit in g.percent_units:
        kind = "percent"
    return Quantity(o_start, o_end, q.lo, q.hi, unit, unit_raw, qualifier, kind, q.chinese, q.multiplied,
                    o_tail, q.approximate, q.vague)


def _read(sc: _Scanner, m: re.Match) -> _Q | None:
    g = sc.g
    s = sc.s
    i = m.start()
    kind = m.lastgroup
    if kind == "sign":
        if s[i] == "-" and i > 0 and (s[i - 1].isalnum() and not _is_cjk(s[i - 1]) or s[i - 1] in "-.)）"):
            return None  # 1-2, G-20, --9: not a sign here
        if m.group() == "负" and i > 0 and s[i - 1] in g.minus_not_after:
            return None
        q = _quantity(sc, m.end())
        if q is None:
            return None
        q.start = i
        q.lo = -q.lo
        if q.hi is not None:
            q.lo, q.hi = -q.hi, q.lo
        return q
    if kind == "cur":
        q = _quantity(sc, m.end())
        if q is None:
            return None
        q.start = i
        if q.unit is None:
            q.unit = _canonical_unit(g.currency_signs[m.group()])
            q.unit_span = (i, i + 1)
        return q
    if kind == "rank":
        num = sc.numeral(m.end())
        if num is None or num.hi is not None or num.vague:
            return None
        end = num.end
        unit_span = None
        u = g.rank_units.match(s, end)
        if u is None and s.startswith(" ", end) and m.group().endswith(" "):
            u = g.rank_units.match(s, end + 1)  # 第 3 名
        qualifier = g.rank_prefixes[m.group().rstrip()]
        if u:
            unit_span = (end, u.end())
            end = u.end()
        elif qualifier != "exact" and (g.unit_re.match(s, end) or s.startswith(g.tenths, end)):
            return None  # 前两年, 前3个月: a span of time, not a rank
        return _Q(i, end, num.lo, None, "名次", unit_span, qualifier, "rank", num.chinese, num.multiplied,
                  tail=end)
    if kind == "pct":
        return _percent_word(sc, i, m.end())
    if kind == "den":
        den = Decimal(g.bare_den[m.group()[: -len(g.fraction_marker)]])
        return _fraction(sc, i, den, m.end(), chinese=True)
    if kind == "bare":
        return _bare_multiplier(sc, m)
    if kind == "half":
        u = g.half_alone.match(s, m.end())
        unit_raw = u.group()
        return _Q(i, u.end(), Decimal("0.5"), None, _canonical_unit(unit_raw), (m.end(), u.end()),
                  chinese=True, tail=u.end())
    return _quantity(sc, i)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def _percent_word(sc: _Scanner, start: int, j: int) -> _Q | None:
    """百分之六点二, 百分之负三点八, 百分之１，１２３."""
    g = sc.g
    s = sc.s
    neg = False
    if s.startswith("负", j) or s.startswith("-", j):
        neg, j = True, j + 1
    if j >= sc.n:
        return None
    num = sc.numeral(j)
    if num is None and s.startswith("百", j) and not (j + 1 < sc.n and s[j + 1] in g.digits):
        num = _Num(Decimal(100), None, j + 1, True, False)  # 百分之百
    if num is None or num.vague:
        return None
    lo, hi = num.lo, num.hi
    if neg:
        lo, hi = -lo, (None if hi is None else -hi)
        if hi is not None:
            lo, hi = hi, lo
    q = _Q(start, num.end, lo, hi, "%", (start, start + len(g.percent_word)), None, "percent", True, False,
           approximate=num.hi is not None, tail=0)
    sep = g.separators.match(s, q.end) if hi is None else None
    if sep and s.startswith(g.percent_word, sep.end()):  # 百分之五到百分之十
        try:
            second = _percent_word(sc, sep.end(), sep.end() + len(g.percent_word))
        except _Doubtful:
            second = None
        if second is not None and second.hi is None and second.lo > q.lo:
            q.end, q.hi = second.end, second.lo
    return q


def _fraction(sc: _Scanner, start: int, den: Decimal, j: int, chinese: bool) -> _Q | None:
    """The numerator after 分之: 三分之一, 万分之五, 千分之六点四; a share, numerator / denominator."""
    s = sc.s
    neg = False
    if s.startswith("负", j) or s.startswith("-", j):
        neg, j = True, j + 1
    if j >= sc.n or not den:
        return None
    num = sc.numeral(j)
    if num is None or num.hi is not None or num.vague:
        return None
    value = _share(num.lo, den)
    if neg:
        value = -value
    return _Q(start, num.end, value, None, "share", None, None, "share", chinese or num.chinese, False, tail=0)


def _share(a: Decimal, b: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 40
        value = a / b
    exact = value * b == a
    return value if exact and len(value.as_tuple().digits) <= 30 else _significant(value, _grammar().sig_digits)


def _bare_multiplier(sc: _Scanner, m: re.Match) -> _Q | None:
    """近万元, 上千人次, 超百家: a multiplier alone after a qualifier is a round number."""
    g = sc.g
    s = sc.s
    i = m.start()
    word = m.group()
    j = m.end()
    qualifier = None
    for pre in sorted(g.bare_prefix, key=len, reverse=True):
        if s.endswith(pre, max(0, i - len(pre)), i):
            qualifier = g.bare_prefix[pre]
            start = i - len(pre)
            break
    else:
        return None
    inf = None
    if j < sc.n and s[j] in g.infix:
        inf, j = s[j], j + 1
    u = g.unit_re.match(s, j)
    if u is None:
        return None
    unit_raw = u.group()
    return _Q(start, u.end(), Decimal(g.bare_mult[word]), None, _canonical_unit(unit_raw), (j, u.end()),
              qualifier, "count", True, True, tail=0)


def _quantity(sc: _Scanner, i: int, allow_range: bool = True) -> _Q | None:
    """A number and what follows it: fraction, tenths, multiplier, qualifier, unit, half, range."""
    g = sc.g
    s = sc.s
    n = sc.n
    num = sc.numeral(i)
    if num is None:
        return None
    j = num.end
    lo, hi = num.lo, num.hi
    chinese = num.chinese
    multiplied = num.multiplied
    nxt = s[j] if j < n else ""
    if nxt in g.after_marks:
        # Fractions: 1/3, 三分之一, 一百分之二, 3又一千分之23.
        if s.startswith("/", j) and num.arabic_only and j + 1 < n and _isdigit(s[j + 1]) and \
                not (i > 0 and s[i - 1] in "/"):
            value, end, _ = sc._arabic(j + 1)
            if end < n and s[end] == "/":
                return None  # a date such as 3/4/2021
            if not value:
                return None
            return _Q(i, end, _share(lo, value), None, "share", None, None, "share", False, False, tail=0)
        if s.startswith(g.fraction_marker, j) and hi is None and not num.vague:
            return _fraction(sc, i, lo, j + len(g.fraction_marker), chinese)
        if s.startswith(g.mixed_marker, j) and hi is None and not num.vague:
            frac = _mixed_fraction(sc, j + 1)
            if frac is not None:
                frac.start = i
                frac.lo = lo + frac.lo
                return frac
        # Tenths: 八成, 近九成, 七成以上.
        if s.startswith(g.tenths, j) and not multiplied and lo <= 10 and (hi is None or hi <= 10) and \
                not (j + 1 < n and s[j + 1] in g.tenths_not_before):
            end = j + 1
            extra = Decimal(0)
            if hi is None and end < n and (s[end] == g.half or (s[end] in g.digits and s[end] not in g.zeros
                                                             and s[end] not in g.coefficient_only)):
                after = s[end + 1] if end + 1 < n else ""
                if not (after in g.digits or after in g.small or after in g.big or _isdigit(after)):
                    # 七成五 is 0.75, 八成半 0.85
                    extra = Decimal("0.05") if s[end] == g.half else Decimal(g.digits[s[end]]) / 100
                    end += 1
            return _Q(i, end, lo / 10 + extra, None if hi is None else hi / 10, "share", None, None, "share",
                      chinese, False, approximate=hi is not None, tail=0)
    infix = None
    mm = g.measure_mult.match(s, j) if not multiplied and nxt in g.measure_first else None
    if mm:  # 两个亿
        lo, hi = lo * g.big[mm["mult"]], (None if hi is None else hi * g.big[mm["mult"]])
        multiplied, j = True, mm.end()
        infix = mm["inf"]
    if j < n and s[j] in g.infix and infix is None:
        infix, j = s[j], j + 1
        if j < n and s[j] in g.big and num.mult < g.big[s[j]]:  # 160余万, 三百多万
            k = j
            scale = 1
            while k < n and s[k] in g.big:
                scale *= g.big[s[k]]
                k += 1
            lo, hi = lo * scale, (None if hi is None else hi * scale)
            multiplied, j = True, k
            if k < n and s[k] in g.infix:  # 1.8万余人次
                j = k + 1
    unit_raw, unit_span = None, None
    if j + 2 < n and s[j] == "个" and (s[j + 1] in g.infix or s[j + 1] == g.half):
        # 一个多月, 两个半小时, 一个半月: 多/余/半 inside a unit written with 个.
        rest = next((gu for gu in g.ge_units if s.startswith(gu[1:], j + 2)), None)
        half = s[j + 1] == g.half
        if rest is not None and (not half or (hi is None and num.integer)):
            unit_raw, unit_span = rest, (j, j + 1 + len(rest))
            if half:
                lo += Decimal("0.5")
            else:
                infix = infix or s[j + 1]
            j = unit_span[1]
    if unit_raw is None:
        u = g.unit_re.match(s, j)
        if u is None and num.arabic_only and s.startswith(" ", j) and i > 0 and s[i - 1] == " ":
            u = g.unit_re.match(s, j + 1)  # 共有 300 名: digits spaced apart from the words around them
        if u is not None:
            unit_raw, unit_span, j = u.group(), (u.start(), u.end()), u.end()
    unit = _canonical_unit(unit_raw)
    q = _Q(i, j, lo, hi, unit, unit_span, g.infix.get(infix) if infix else None, "count", chinese, multiplied,
           approximate=num.hi is not None, vague=num.vague, tail=0)
    if unit_raw:
        # 一吨半, 三年半: a half after the unit.
        if s.startswith(g.half, j) and hi is None and num.integer and \
                (j + 1 >= n or s[j + 1] in g.half_after) and g.half not in s[i:j]:
            q.lo += Decimal("0.5")
            q.end = j = j + 1
        if unit_raw in g.money_after and hi is None:
            mf = g.money_fraction.match(s, j)
            if mf and (mf["t"] or mf["h"]) and mf.end() > j:
                cents = _digit(mf["t"]) * Decimal("0.1") + _digit(mf["h"]) * Decimal("0.01")
                q.lo += cents
                q.end = j = mf.end()
                q.unit = q.unit if q.unit in g.money_units else "元"  # 十块三毛 is money
    if allow_range:
        r = _range(sc, q, num)
        if r is not None:
            return r
    return q


def _digit(ch: str | None) -> Decimal:
    if not ch:
        return Decimal(0)
    if _isdigit(ch):
        return Decimal(ch)
    return Decimal(_grammar().digits[ch])


def _mixed_fraction(sc: _Scanner, j: int) -> _Q | None:
    """B分之C after 又 (3又一千分之23): the fraction part of a mixed number."""
    g = sc.g
    if j >= sc.n:
        return None
    den = sc.numeral(j)
    if den is None or not sc.s.startswith(g.fraction_marker, den.end) or den.hi is not None:
        return None
    return _fraction(sc, j, den.lo, den.end + len(g.fraction_marker), den.chinese)


def _range(sc: _Scanner, first: _Q, num: _Num) -> _Q | None:
    """2~3件, 两到三万, 1700平方米到4700平方米, 八到九百亿: a range when both ends agree."""
    g = sc.g
    s = sc.s
    if first.hi is not None or first.qualifier or first.kind != "count" or num.vague:
        return None
    sep = g.separators.match(s, first.end)
    if sep is None:
        return _repeated_range(sc, first, num)
    if sep.end() >= sc.n:
        return None
    j = sep.end()
    if not (_isdigit(s[j]) or s[j] in g.digits or s[j] == "十"):
        return None
    try:
        second = _quantity(sc, j, allow_range=False)
        num2 = sc.numeral(j)
    except _Doubtful:
        return None
    if second is None or num2 is None or second.kind != "count" or second.hi is not None or second.vague:
        return None
    if second.qualifier:
        return None
    if first.unit is not None and first.unit != second.unit:
        return None
    if second.unit is None and first.unit is None and not second.multiplied:
        # 1-4 (with no unit and no multiplier) is too often a code or a list of pages to read as a range.
        pass
    high = second.lo
    low = first.lo
    if not first.multiplied and first.unit is None:
        candidates = []
        core = num2.core
        if num.chinese and num.single_digit is not None and core is not None and core == core.to_integral():
            lead, place = _lead_place(int(core))
            if lead is not None and place >= 10 and num.single_digit < lead:
                candidates.append(low * place * num2.mult)  # 八到九百亿: 八百亿; 两~3百: 两百
        if num2.mult > 1:
            candidates.append(low * num2.mult)  # 两到三万: 两万
        candidates.append(low)  # 从8500到3万, 2~3件
        low = next((c for c in candidates if c < high), None)
        if low is None:
            return None
    elif not low < high:
        return None
    return _Q(first.start, second.end, low, high, second.unit, second.unit_span, None, "count",
              first.chinese or second.chinese, first.multiplied or second.multiplied, tail=0)


def _repeated_range(sc: _Scanner, first: _Q, num: _Num) -> _Q | None:
    """十七十八个: a Chinese numeral followed at once by the next one is an approximate range."""
    s = sc.s
    j = first.end
    if first.unit is not None or not num.chinese or not num.integer or first.lo < 10 or j >= sc.n or \
            s[j] not in sc.g.digits and s[j] != "十":
        return None
    try:
        second = _quantity(sc, j, allow_range=False)
    except _Doubtful:
        return None
    if second is None or second.kind != "count" or second.hi is not None or second.lo != first.lo + 1 or \
            not second.chinese or second.qualifier:
        return None
    return _Q(first.start, second.end, first.lo, second.lo, second.unit, second.unit_span, None, "count",
              True, first.multiplied or second.multiplied, approximate=True, tail=0)


def _lead_place(value: int) -> tuple[int | None, int]:
    """(leading digit, place) when value is one digit times a power of ten (900 → (9, 100)), else (None, 1)."""
    place = 1
    while value >= 10 and value % 10 == 0:
        value //= 10
        place *= 10
    return (value, place) if 0 < value < 10 else (None, 1)
