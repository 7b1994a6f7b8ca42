"""Consistency and plausibility checks over the claims table.

``run_checks(claims)`` returns the claims with their ``flags`` updated and a checks table with one row per
finding. Five checks run, in the order of ``order`` in rules/checks.toml:

- ``rate_mismatch``: a stated rate (办复率98%) recomputed from the two counts stated just before it;
- ``part_exceeds_total``: a part larger than its whole (65家，其中国家级79家), a share above 100%;
- ``implausible``: a value outside plausible bounds (more party members than residents, 办结率110%,
  12.5个, an area larger than the district), using rules/district_facts.csv;
- ``conflict``: one canonical metric, district, year stated with different values in different places;
- ``jump``: a canonical metric changing between consecutive years by more than a factor.

Only the claims table is read (sentence, offsets, value, unit, labels …), never the documents. Thresholds,
word lists and explanation texts are data in rules/checks.toml.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations, pairwise

import pandas as pd

from .rules import load_csv, load_toml

CHECK_COLUMNS = [
    "check", "claim_ids", "doc_ids", "district", "year", "metric", "values", "expected",
    "explanation_zh", "explanation_en",
]
_CLAUSE_END = re.compile(r"[，,；;。！？!?：:\n]")
_PHRASE_END = re.compile(r"[，,；;。！？!?：:\n、]")
_RATE_NUMBER = re.compile(r"(\d+)(?:\.(\d+))?\s*[%％]")


@dataclass
class Finding:
    """One problem found: the claims involved (row positions), what was seen and what was expected."""

    check: str
    rows: list[int]
    values: str
    expected: str
    template: str
    fill: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------- entry point

def run_checks(claims: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run every check; return (claims with ``flags`` updated, checks table)."""
    rules = load_toml("checks.toml")
    recs = _records(claims)
    findings = [f for name in rules["order"] for f in _CHECKS[name](recs, rules)]
    return _flagged(claims, findings), _checks_table(recs, findings, rules)


def rate_triples(claims: pd.DataFrame) -> pd.DataFrame:
    """Every stated rate found with its parts, consistent or not (ids, stated, recomputed, accepted range)."""
    recs = _records(claims)
    rows = [
        {"rate_id": recs[r]["claim_id"], "total_id": recs[t]["claim_id"], "part_id": recs[p]["claim_id"],
         "stated": recs[r]["value"], "computed": computed, "low": low, "high": high,
         "consistent": low <= computed <= high}
        for r, t, p, computed, low, high in _rate_triples(recs, load_toml("checks.toml"))
    ]
    return pd.DataFrame(rows, columns=["rate_id", "total_id", "part_id", "stated", "computed", "low", "high",
                                       "consistent"])


def part_total_pairs(claims: pd.DataFrame) -> pd.DataFrame:
    """Every (total, part) pair found, from 其中/包括 lists and from rates with their parts."""
    recs = _records(claims)
    rows = [{"total_id": recs[t]["claim_id"], "part_id": recs[p]["claim_id"], "total": recs[t]["value"],
             "part": recs[p]["value"]} for t, p in _part_total_pairs(recs, load_toml("checks.toml"))]
    return pd.DataFrame(rows, columns=["total_id", "part_id", "total", "part"])


# -------------------------------------------------------------------------------------------- preparation

def _records(claims: pd.DataFrame) -> list[dict]:
    """The claims as plain dicts (NA → None), each with ``off``: where its sentence starts in the document."""
    names = list(claims.columns)
    columns = [[None if _missing(v) else v for v in claims[c].tolist()] for c in names]
    recs = [dict(zip(names, values)) for values in zip(*columns)] if names else []
    for rec, off in zip(recs, _sentence_starts(recs)):
        rec["off"] = off
        rec["_problem"] = _UNSET
    return recs


_UNSET = object()


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _sentence_starts(recs: list[dict]) -> list[int | None]:
    """Offset of each claim's sentence in its document, from ``start`` and where ``raw`` sits in the sentence.

    When ``raw`` occurs more than once in the sentence, the offset shared by most claims of that sentence wins.
    """
    cands = [[r["start"] - i for i in _occurrences(r["raw"], r["sentence"])]
             if r.get("raw") and r.get("sentence") and r.get("start") is not None else [] for r in recs]
    votes = Counter((r["doc_id"], r["sentence"], c) for r, cs in zip(recs, cands) for c in cs)
    return [max(cs, key=lambda c: (votes[(r["doc_id"], r["sentence"], c)], -c)) if cs else None
            for r, cs in zip(recs, cands)]


def _occurrences(needle: str, text: str) -> list[int]:
    """Every position of ``needle`` in ``text`` (without a regex per claim: raws are all different)."""
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _sentences(recs: list[dict]) -> dict[tuple, list[int]]:
    """Row positions per located sentence (doc_id, sentence start), in text order."""
    groups: dict[tuple, list[int]] = {}
    for i, r in enumerate(recs):
        if r["off"] is not None:
            groups.setdefault((r["doc_id"], r["off"]), []).append(i)
    return {k: sorted(v, key=lambda i: recs[i]["start"]) for k, v in groups.items()}


def _text(rec: dict, start: int, end: int) -> str:
    """The sentence text between two document offsets (clipped to the sentence)."""
    lo, hi = max(start - rec["off"], 0), max(end - rec["off"], 0)
    return rec["sentence"][lo:hi]


def _before(rec: dict) -> str:
    """The sentence text before the claim."""
    return _text(rec, rec["off"], rec["start"])


def _clause_before(rec: dict) -> str:
    """The text before the claim back to the previous clause mark (，；。)."""
    return _CLAUSE_END.split(_before(rec))[-1]


def _label(rec: dict) -> str:
    return rec.get("metric_label") or rec.get("subject") or ""


def _stated(rec: dict) -> str:
    return rec.get("raw") or f"{_num(rec['value'])}{rec.get('unit') or ''}"


def _num(v: float) -> str:
    """A number as people write it: no trailing .0, at most four decimals."""
    if v is None:
        return ""
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.4f}".rstrip("0").rstrip(".")


def _same_unit(a: dict, b: dict, rules: dict) -> bool:
    ua, ub = a.get("unit"), b.get("unit")
    if ua is None or ub is None:
        return False
    return ua == ub or any(ua in g and ub in g for g in rules["unit_groups"])


# ---------------------------------------------------------------------------------------- rate_mismatch

def _is_rate(rec: dict, rules: dict) -> bool:
    """A `%` claim labelled as a rate, or written right after …率 (办复率98%, 完成率达100%)."""
    if rec.get("unit") != "%" or rec["off"] is None:
        return False
    named = " ".join(rec.get(k) or "" for k in ("metric_label", "subject")) + _before(rec)[-8:]
    if any(word in named for word in rules["rate"].get("other_measures", ())):
        return False
    if any((rec.get(k) or "").endswith("率") for k in ("metric_label", "subject")):
        return True
    return _rate_word_at_end(tuple(rules["rate"]["link_words"])).search(_before(rec)) is not None


@lru_cache(maxsize=8)
def _rate_word_at_end(link_words: tuple[str, ...]) -> re.Pattern:
    links = "|".join(map(re.escape, sorted(link_words, key=len, reverse=True)))
    return re.compile(rf"率(?:{links})?\s*$")


def _rate_range(rec: dict, rules: dict) -> tuple[float, float] | None:
    """The range of exact rates the stated figure covers at its precision, None if it says too little."""
    q = rec.get("qualifier") or "exact"
    if q not in ("exact", "over", "at_least"):
        return None
    m = _RATE_NUMBER.search(rec.get("raw") or "")
    decimals = len(m.group(2) or "") if m else 0
    step = 10.0 ** -decimals
    extra = rules["rate"]["extra_tolerance"]
    stated = rec["value"]
    low = stated - step / 2 - extra
    high = stated + (step if rules["rate"]["truncation_ok"] else step / 2) + extra
    return (low, math.inf if q != "exact" else high)


def _parts_of_rate(recs: list[dict], rows: list[int], r: int, rules: dict) -> tuple[int, int] | None:
    """(total, part) for the rate at position ``r``: nearest same-unit exact counts before it, no `%` between."""
    cfg = rules["rate"]
    rate = recs[r]
    before = [i for i in rows if recs[i]["end"] <= rate["start"]]
    pct = [k for k, i in enumerate(before) if recs[i].get("unit") in ("%", "‰", "share")]
    before = before[pct[-1] + 1:] if pct else before
    counts = [i for i in before if recs[i].get("unit") and recs[i]["unit"] not in cfg["non_count_units"]
              and (recs[i].get("qualifier") or "exact") == "exact" and recs[i].get("value") is not None]
    for k in range(len(counts) - 1, 0, -1):
        part = counts[k]
        total = next((t for t in reversed(counts[:k]) if _same_unit(recs[t], recs[part], rules)), None)
        if total is None or rate["start"] - recs[total]["start"] > cfg["window"]:
            continue
        between = _text(recs[part], recs[total]["end"], recs[part]["start"])
        after = _text(rate, recs[part]["end"], rate["start"])
        adjacent = max(len(_CLAUSE_END.findall(between)), len(_CLAUSE_END.findall(after))) <= cfg["max_clause_marks"]
        if adjacent and any(w in between for w in cfg["part_words"]):
            return total, part
    return None


def _rate_triples(recs: list[dict], rules: dict):
    """Yield (rate, total, part, recomputed %, low, high) for every rate whose parts are stated."""
    for rows in _sentences(recs).values():
        for r in rows:
            if recs[r].get("value") is None or not _is_rate(recs[r], rules):
                continue
            found = _parts_of_rate(recs, rows, r, rules)
            accepted = _rate_range(recs[r], rules)
            if found is None or accepted is None or not recs[found[0]]["value"]:
                continue
            total, part = found
            computed = 100.0 * recs[part]["value"] / recs[total]["value"]
            yield r, total, part, computed, accepted[0], accepted[1]


def check_rate_mismatch(recs: list[dict], rules: dict) -> list[Finding]:
    out = []
    for r, total, part, computed, low, high in _rate_triples(recs, rules):
        if low <= computed <= high:
            continue
        rate = recs[r]
        expected = f"{low:.2f}%–{high:.2f}%" if math.isfinite(high) else f"≥{low:.2f}%"
        out.append(Finding(
            "rate_mismatch", [r, total, part], f"{_stated(rate)}; {_stated(recs[part])} / {_stated(recs[total])}",
            expected, "rate_mismatch",
            {"label": _label(rate), "stated": _stated(rate), "part": _num(recs[part]["value"]),
             "total": _num(recs[total]["value"]), "computed": f"{computed:.2f}%", "expected": expected}))
    return out


# ----------------------------------------------------------------------------------- part_exceeds_total

def _list_pairs(recs: list[dict], rules: dict):
    """Yield (total, part) from 其中/包括 lists: the count just before the marker and the parts after it."""
    cfg = rules["part_total"]
    by_doc: dict[str, list[int]] = {}
    for i in sorted(range(len(recs)), key=lambda i: recs[i]["start"] or 0):
        by_doc.setdefault(recs[i]["doc_id"], []).append(i)
    for rows in _sentences(recs).values():
        head = recs[rows[0]]
        doc_rows = by_doc[head["doc_id"]]
        for marker in cfg["markers"]:
            for m in re.finditer(re.escape(marker), head["sentence"]):
                at = head["off"] + m.start()
                total = next((i for i in reversed(doc_rows) if recs[i]["end"] <= at), None)
                if total is None or at - recs[total]["end"] > cfg["window"] or recs[total].get("unit") in (
                        "%", "‰", "share", "名次"):
                    continue
                yield from ((total, p) for p in _parts_after(recs, rows, total, at + len(marker), rules))


def _parts_after(recs: list[dict], rows: list[int], total: int, at: int, rules: dict) -> list[int]:
    """The parts listed from offset ``at``: the first count of the total's unit in the same clause, and
    counts joined to it by 、/和/及 without a clause mark in between."""
    parts: list[int] = []
    for i in (i for i in rows if recs[i]["start"] >= at):
        gap = _text(recs[i], recs[parts[-1]]["end"], recs[i]["start"]) if parts else \
            _text(recs[i], at, recs[i]["start"]).lstrip("，,：: ")
        if _CLAUSE_END.search(gap):
            break
        if not _same_unit(recs[i], recs[total], rules):
            if parts:
                break
            continue
        if parts and not any(j in gap for j in rules["part_total"]["joiners"]):
            break
        parts.append(i)
    return parts


def _part_total_pairs(recs: list[dict], rules: dict):
    """Yield every (total, part) pair: list parts and the parts of stated rates."""
    yield from _list_pairs(recs, rules)
    for _, total, part, *_ in _rate_triples(recs, rules):
        yield total, part


def _exceeds(total: dict, part: dict, rules: dict) -> bool:
    if total.get("value") is None or part.get("value") is None:
        return False
    slack = rules["conflict"]["over"] if (total.get("qualifier") or "exact") in ("over", "at_least") else 0.0
    return part["value"] > total["value"] * (1 + slack)


def _is_share(rec: dict, rules: dict) -> bool:
    words = rules["part_total"]["share_words"]
    text = (rec.get("metric_label") or "") + (_clause_before(rec) if rec["off"] is not None else "")
    return any(w in text for w in words)


def check_part_exceeds_total(recs: list[dict], rules: dict) -> list[Finding]:
    out = []
    for total, part in dict.fromkeys(_part_total_pairs(recs, rules)):
        if _exceeds(recs[total], recs[part], rules):
            t, p = recs[total], recs[part]
            out.append(Finding("part_exceeds_total", [total, part], f"{_stated(p)} > {_stated(t)}",
                               f"≤ {_num(t['value'])}", "part_exceeds_total",
                               {"part_label": _label(p), "part": _stated(p), "total_label": _label(t),
                                "total": _stated(t)}))
    max_share = rules["part_total"]["max_share"]
    for i, rec in enumerate(recs):
        value = rec.get("value")
        over = value is not None and ((rec.get("unit") == "share" and value > max_share) or (
            rec.get("unit") == "%" and value > 100 * max_share and _is_share(rec, rules)))
        if over:
            out.append(Finding("part_exceeds_total", [i], _stated(rec), "≤ 100%", "share_over_100",
                               {"label": _label(rec), "stated": _stated(rec), "expected": "100%"}))
    return out


# ------------------------------------------------------------------------------------------- implausible

def _facts() -> dict[str, dict]:
    return {row["district"]: {"population": float(row["population"]), "area_km2": float(row["area_km2"])}
            for row in load_csv("district_facts.csv")}


def _fraction_problem(rec: dict, rules: dict) -> Finding | None:
    cfg = rules["implausible"]
    if rec.get("unit") not in cfg["discrete_units"] or (rec.get("qualifier") or "exact") != "exact":
        return None
    if any(m in (rec.get("raw") or "") for m in cfg["multipliers"]):
        return None
    values = [v for v in (rec["value"], rec.get("value_max")) if v is not None]
    if all(float(v).is_integer() for v in values):
        return None
    return Finding("implausible", [], _stated(rec), "整数 / a whole number", "implausible_fraction",
                   {"label": _label(rec), "stated": _stated(rec), "unit": rec["unit"]})


def _rate_problem(rec: dict, rules: dict) -> Finding | None:
    cfg = rules["implausible"]
    if rec.get("unit") != "%" or rec["value"] <= 100:
        return None
    text = " ".join([rec.get("metric_label") or "", rec.get("subject") or "",
                     _clause_before(rec) if rec["off"] is not None else ""])
    bounded = rec.get("metric") in cfg["bounded_rate_metrics"] or any(w in text for w in cfg["bounded_rate_words"])
    if not bounded or any(w in text for w in cfg["unbounded_rate_words"]):
        return None
    return Finding("implausible", [], _stated(rec), "≤ 100%", "implausible_rate",
                   {"label": _label(rec), "stated": _stated(rec)})


def _bound_applies(bound: dict, rec: dict) -> bool:
    if bound.get("units") and rec.get("unit") not in bound["units"]:
        return False
    if not bound.get("metrics") and not bound.get("subject_keywords"):
        return True
    return rec.get("metric") in bound.get("metrics", []) or any(
        k in (rec.get("subject") or "") for k in bound.get("subject_keywords", []))


def _bounds_problem(rec: dict, rules: dict, facts: dict) -> Finding | None:
    """The first bound in [[implausible.bounds]] that applies, checked against the claim's value."""
    bound = next((b for b in rules["implausible"]["bounds"] if _bound_applies(b, rec)), None)
    if bound is None:
        return None
    fact = facts.get(rec.get("district") or "")
    share = bound.get("max_population_share")
    if share is not None and fact is not None:
        return _population_problem(rec, share, fact)
    lo, hi = bound.get("min", -math.inf), bound.get("max", math.inf)
    if lo <= rec["value"] <= hi:
        return None
    expected = f"{_num(lo) if math.isfinite(lo) else '-∞'} – {_num(hi) if math.isfinite(hi) else '∞'}"
    return Finding("implausible", [], _stated(rec), expected, "implausible_bound",
                   {"label": _label(rec), "stated": _stated(rec), "expected": expected})


def _population_problem(rec: dict, share: float, fact: dict) -> Finding | None:
    limit = share * fact["population"]
    if rec["value"] <= limit:
        return None
    return Finding("implausible", [], _stated(rec), f"≤ {_num(round(limit))}", "implausible_population",
                   {"label": _label(rec), "stated": _stated(rec), "district": rec["district"],
                    "population": _num(fact["population"]), "share": f"{share:.0%}",
                    "expected": _num(round(limit))})


def _area_problem(rec: dict, rules: dict, facts: dict) -> Finding | None:
    cfg = rules["implausible"]
    factor = cfg["area_units"].get(rec.get("unit") or "")
    fact = facts.get(rec.get("district") or "")
    if factor is None or fact is None:
        return None
    km2 = max(v for v in (rec["value"], rec.get("value_max")) if v is not None) * factor
    if km2 <= fact["area_km2"] * cfg["area_slack"]:
        return None
    return Finding("implausible", [], _stated(rec), f"≤ {_num(fact['area_km2'])} km²", "implausible_area",
                   {"label": _label(rec), "stated": _stated(rec), "km2": _num(round(km2, 2)),
                    "district": rec["district"], "area": _num(fact["area_km2"])})


def _claim_problem(rec: dict, rules: dict, facts: dict) -> Finding | None:
    """The first plausibility problem of one claim, if any."""
    if rec.get("value") is None:
        return None
    person = rec.get("unit") in rules["implausible"]["person_units"]
    fact = facts.get(rec.get("district") or "")
    return (_fraction_problem(rec, rules) or _rate_problem(rec, rules) or _bounds_problem(rec, rules, facts)
            or (_population_problem(rec, rules["implausible"]["max_population_share"], fact)
                if person and fact else None)
            or _area_problem(rec, rules, facts))


def _problem_of(rec: dict, rules: dict, facts: dict) -> Finding | None:
    """``_claim_problem`` of a record, worked out once per run."""
    if rec.get("_problem", _UNSET) is _UNSET:
        rec["_problem"] = _claim_problem(rec, rules, facts)
    return rec["_problem"]


def _implausible_rows(recs: list[dict], rules: dict) -> set[int]:
    facts = _facts()
    return {i for i, rec in enumerate(recs) if _problem_of(rec, rules, facts) is not None}


def check_implausible(recs: list[dict], rules: dict) -> list[Finding]:
    facts = _facts()
    out = []
    for i, rec in enumerate(recs):
        problem = _problem_of(rec, rules, facts)
        if problem is not None:
            problem.rows = [i]
            out.append(problem)
    return out


# ---------------------------------------------------------------------------------------------- conflict

_GROUP = ["metric", "district", "subdistrict", "year", "period", "unit", "claim_type"]


def _range(rec: dict, cfg: dict) -> tuple[float, float]:
    """The values a claim allows given its qualifier (160余万 allows more than 1,600,000)."""
    lo = rec["value"]
    hi = rec.get("value_max") or lo
    q = rec.get("qualifier") or "exact"
    if q == "over":
        return lo, hi * (1 + cfg["over"])
    if q == "at_least":
        return lo, math.inf
    if q == "nearly":
        return lo * (1 - cfg["nearly"]), hi
    if q == "about":
        return lo * (1 - cfg["about"]), hi * (1 + cfg["about"])
    return lo, hi


def _groups(recs: list[dict], claim_types: list[str], keys: list[str],
            required: tuple[str, ...] = ("metric", "district", "value", "year")) -> dict[tuple, list[int]]:
    """Row positions per comparison key, for claims of those types with every ``required`` column filled."""
    groups: dict[tuple, list[int]] = {}
    for i, r in enumerate(recs):
        if r.get("claim_type") in claim_types and all(r.get(k) not in (None, "") for k in required):
            groups.setdefault(tuple(r.get(k) for k in keys), []).append(i)
    return groups


def _metric_names(key: str) -> dict[str, str]:
    """The metric's Chinese and English names (the key when it has none)."""
    from .metrics import metric_labels

    zh, en = metric_labels().get(key, (key, key))
    return {"metric_zh": zh, "metric_en": en}


def _values_text(recs: list[dict], rows: list[int]) -> str:
    return "; ".join(f"{_stated(recs[i])} ({recs[i]['doc_id']})" for i in rows)


def _phrase(rec: dict) -> str:
    """The words around the number up to the nearest clause or list marks (，；。、), without digits."""
    if rec["off"] is None:
        return ""
    before = _PHRASE_END.split(_before(rec))[-1]
    after = _PHRASE_END.split(_text(rec, rec["end"], rec["off"] + len(rec["sentence"])))[0]
    return re.sub(r"[\d.%]", "", before + after)


def _similarity(a: str, b: str) -> float:
    """Share of character pairs two texts have in common (Jaccard over bigrams)."""
    pa, pb = {a[i:i + 2] for i in range(len(a) - 1)}, {b[i:i + 2] for i in range(len(b) - 1)}
    return len(pa & pb) / len(pa | pb) if pa | pb else 0.0


def _same_thing(a: dict, b: dict, cfg: dict) -> bool:
    """Whether two claims of one metric name the same quantity (see [conflict] in checks.toml)."""
    if a["doc_id"] != b["doc_id"]:
        column = cfg["across_reports_match"]
        return bool(a.get(column)) and a.get(column) == b.get(column)
    if (a["sentence"], a["off"]) == (b["sentence"], b["off"]):
        return False
    column = cfg["same_report_match"]
    return (bool(a.get(column)) and a.get(column) == b.get(column)
            and _similarity(_phrase(a), _phrase(b)) >= cfg["same_report_similarity"])


def _candidate_pairs(recs: list[dict], rows: list[int], cfg: dict):
    """The pairs of a group that could name the same quantity: across reports those sharing the
    across-reports column, within one report those sharing the same-report column (not all pairs)."""
    across: dict = {}
    within: dict = {}
    for i in rows:
        if recs[i].get(cfg["across_reports_match"]):
            across.setdefault(recs[i][cfg["across_reports_match"]], []).append(i)
        if recs[i].get(cfg["same_report_match"]):
            within.setdefault((recs[i]["doc_id"], recs[i][cfg["same_report_match"]]), []).append(i)
    for bucket in across.values():
        yield from ((a, b) for a, b in combinations(bucket, 2) if recs[a]["doc_id"] != recs[b]["doc_id"])
    for bucket in within.values():
        yield from combinations(bucket, 2)


def _disagree(a: dict, b: dict, cfg: dict) -> bool:
    (lo_a, hi_a), (lo_b, hi_b) = _range(a, cfg), _range(b, cfg)
    return hi_a < lo_b or hi_b < lo_a


def check_conflict(recs: list[dict], rules: dict) -> list[Finding]:
    cfg = rules["conflict"]
    related = {frozenset(pair) for pair in _part_total_pairs(recs, rules)}
    skip = {part for _, part in _list_pairs(recs, rules)}
    skip |= _implausible_rows(recs, rules) if cfg["skip_implausible"] else set()
    out = []
    for rows in _groups(recs, cfg["claim_types"], _GROUP).values():
        rows = [i for i in rows if i not in skip]
        involved = sorted({i for a, b in _candidate_pairs(recs, rows, cfg) for i in (a, b)
                           if frozenset((a, b)) not in related and _disagree(recs[a], recs[b], cfg)
                           and _same_thing(recs[a], recs[b], cfg)}, key=lambda i: (recs[i]["doc_id"], recs[i]["start"]))
        if not involved:
            continue
        head = recs[involved[0]]
        out.append(Finding("conflict", involved, _values_text(recs, involved), "同一数值 / one value", "conflict",
                           {"district": head["district"] + (head.get("subdistrict") or ""), "year": head["year"],
                            "values": _values_text(recs, involved), **_metric_names(head["metric"])}))
    return out


# -------------------------------------------------------------------------------------------------- jump

def check_jump(recs: list[dict], rules: dict) -> list[Finding]:
    cfg = rules["jump"]
    keys = [k for k in _GROUP if k != "year"] + list(cfg["match"])
    skip = _implausible_rows(recs, rules) if cfg["skip_implausible"] else set()
    out = []
    required = ("metric", "district", "value", "year", *cfg["match"])
    for rows in _groups(recs, cfg["claim_types"], keys, required).values():
        by_year: dict[int, list[int]] = {}
        for i in rows:
            if recs[i]["value"] > 0 and i not in skip:
                by_year.setdefault(int(recs[i]["year"]), []).append(i)
        years = sorted(by_year)
        for y0, y1 in pairwise(years):
            out.extend(_jump_between(recs, by_year[y0], by_year[y1], cfg))
    return out


def _year_value(recs: list[dict], rows: list[int], how: str) -> tuple[float, list[int]]:
    """The value standing for one year (``per_year`` in checks.toml) and the claims that state it."""
    values = [recs[i]["value"] for i in rows]
    value = float(pd.Series(values).median()) if how == "median" else {"max": max, "min": min}[how](values)
    return value, [i for i in rows if recs[i]["value"] == value] or rows


def _jump_between(recs: list[dict], rows0: list[int], rows1: list[int], cfg: dict) -> list[Finding]:
    v0, rows0 = _year_value(recs, rows0, cfg["per_year"])
    v1, rows1 = _year_value(recs, rows1, cfg["per_year"])
    head = recs[rows1[0]]
    factor = cfg["factors"].get(head["metric"], cfg["factor"])
    ratio = max(v0, v1) / min(v0, v1)
    if ratio <= factor:
        return []
    y0, y1 = int(recs[rows0[0]]["year"]), int(head["year"])
    return [Finding("jump", rows0 + rows1, f"{y0}: {_num(v0)}; {y1}: {_num(v1)}", f"ratio ≤ {_num(factor)}",
                    "jump", {"district": head["district"] + (head.get("subdistrict") or ""),
                             **_metric_names(head["metric"]), "year0": y0, "year1": y1,
                             "value0": _num(v0), "value1": _num(v1), "ratio": f"{ratio:.1f}",
                             "factor": _num(factor)})]


# ------------------------------------------------------------------------------------------------ output

_CHECKS = {
    "rate_mismatch": check_rate_mismatch,
    "part_exceeds_total": check_part_exceeds_total,
    "implausible": check_implausible,
    "conflict": check_conflict,
    "jump": check_jump,
}


def _flagged(claims: pd.DataFrame, findings: list[Finding]) -> pd.DataFrame:
    """The claims with each finding's check added to the flags of its claims (kept in order, no duplicates)."""
    out = claims.copy()
    before = list(out["flags"]) if "flags" in out else [pd.NA] * len(out)
    flags = [[] if _missing(v) else [f.strip() for f in str(v).split(";") if f.strip()] for v in before]
    for finding in findings:
        for i in finding.rows:
            flags[i].append(finding.check)
    joined = [";".join(dict.fromkeys(fl)) if fl else old for fl, old in zip(flags, before)]
    out["flags"] = pd.array(joined, dtype="string")
    return out


def _checks_table(recs: list[dict], findings: list[Finding], rules: dict) -> pd.DataFrame:
    rows = []
    for f in findings:
        involved = [recs[i] for i in f.rows]
        years = [int(r["year"]) for r in involved if r.get("year") is not None]
        template = rules["explain"][f.template]
        rows.append({
            "check": f.check,
            "claim_ids": ";".join(dict.fromkeys(str(r["claim_id"]) for r in involved)),
            "doc_ids": ";".join(dict.fromkeys(str(r["doc_id"]) for r in involved)),
            "district": ";".join(dict.fromkeys(r["district"] for r in involved if r.get("district"))) or pd.NA,
            "year": max(years) if years else pd.NA,
            "metric": ";".join(dict.fromkeys(r["metric"] for r in involved if r.get("metric"))) or pd.NA,
            "values": f.values,
            "expected": f.expected,
            "explanation_zh": template["zh"].format(**f.fill),
            "explanation_en": template["en"].format(**f.fill),
        })
    table = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    return table.astype({c: "string" for c in CHECK_COLUMNS if c != "year"} | {"year": "Int64"})
