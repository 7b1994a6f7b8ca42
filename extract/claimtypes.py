"""What kind of claim a number is: achievement, target, policy or context.

The claim's own clause speaks first (a profile, a rule's parameter, a threshold, a plan word, progress
against a plan); then the scopes around it (``extract.scopes``: a plan heading, a list introduced as
plans, the plan or progress column of a table, a sentence after 下一步) make what is not marked as done a
target. The cues are data in rules/claim_types.toml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .numbers import Quantity, unit_dimension
from .rules import load_toml
from .scopes import ClaimScope


@dataclass(frozen=True)
class ClaimType:
    """A claim's type and why: for context, whether it is a unit's profile (its make-up)."""

    kind: str
    profile: bool = False


@dataclass(frozen=True)
class ClaimText:
    """The text around one number that its type is read from."""

    clause_before: str  # from the start of its clause to the number
    before: str  # since the number before it in the clause
    after: str  # from the number to the next one in the clause
    sentence_opening: str  # the first clause of its sentence
    raw: str = ""  # the number as written with its qualifier words (超10亿元, 近3500家, 200平方米以上)


def _compile(patterns) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@lru_cache(maxsize=1)
def _rules() -> dict:
    r = load_toml("claim_types.toml")
    out = {name: {side: _compile(r[name].get(side, ())) for side in ("clause", "before", "after")}
           for name in ("context", "policy", "target", "progress", "achievement", "done_in_plan")}
    c = r["context"]
    out["situation"] = _compile(c["situation"])
    out["situation_handled"] = re.compile(c["situation_handled"])
    out["makeup_rates"] = re.compile(c["makeup_rates"])
    out["household_units"] = frozenset(c["household_units"])
    out["household_before"] = _compile(c["household_before"])
    out["profile_opening"] = re.compile(c["profile_opening"])
    out["threshold_dimensions"] = frozenset(c["threshold_dimensions"])
    out["threshold_units"] = frozenset(c["threshold_units"])
    out["band_units"] = frozenset(c["band_units"])
    out["band_after"] = re.compile(c["band_after"])
    out["threshold_after"] = re.compile(c["threshold_after"])
    out["threshold_rule"] = re.compile(c["threshold_rule"])
    out["threshold_reached"] = re.compile(c["threshold_reached"])
    out["threshold_bound"] = re.compile(c["threshold_bound"])
    out["threshold_bound_before"] = re.compile("(?:" + c["threshold_bound"].lstrip("^") + ")$")
    out["jurisdiction_before"] = re.compile(c["jurisdiction_before"])
    out["jurisdiction_after"] = re.compile(c["jurisdiction_after"])
    out["plan_verbs"] = re.compile(r["policy"]["plan_verbs"])
    out["continues"] = re.compile(c["list_continues"])
    out["change"] = re.compile(c["change_of"])
    out["part"] = re.compile(c["part_of"])
    out["share_of_it"] = re.compile(c["share_of_it"])
    out["having"] = re.compile(c["profile_having"])
    return out


_QUOTED = re.compile(r"“[^“”]{1,30}”|《[^《》]{1,30}》|「[^「」]{1,30}」")


def _unquoted(text: str) -> str:
    """``text`` with the inside of quoted names blanked out, offsets kept: a programme called
    “万名党员进党校充电计划” names a plan word, it does not announce a plan."""
    return _QUOTED.sub(lambda m: m.group()[0] + "○" * (len(m.group()) - 2) + m.group()[-1], text)


def _hit(name: str, t: ClaimText) -> bool:
    rules = _rules()[name]
    if name == "target":
        t = ClaimText(_unquoted(t.clause_before), _unquoted(t.before), _unquoted(t.after), t.sentence_opening, t.raw)
    return bool((rules["clause"] and rules["clause"].search(t.clause_before))
                or (rules["before"] and rules["before"].search(t.before))
                or (rules["after"] and rules["after"].search(t.after)))


def marked_done(t: ClaimText, in_plan: bool = False) -> bool:
    """The clause says the thing is done (已建成, 累计, 完成了 …). In a plan only the strong marks count
    (完成 is what a plan promises)."""
    pattern = _rules()["done_in_plan" if in_plan else "achievement"]["before"]
    return bool(pattern.search(t.clause_before))


def _threshold(q: Quantity, t: ClaimText) -> str | None:
    """context for a threshold that defines the group counted, policy for one in a rule, else None."""
    r = _rules()
    dimension = unit_dimension(q.unit)
    # A span of time is a threshold only in a rule (对超过3天未办结的事件实行黄牌预警), never a duration
    # done in (用时不到10小时).
    measured = dimension in r["threshold_dimensions"] or q.unit in r["threshold_units"] or (
        dimension == "time" and bool(r["threshold_rule"].search(t.clause_before)))
    bounds = ("及以上", "及以下", "以上", "以下", "以内")
    qualified = t.after.startswith(bounds) or t.raw.endswith(bounds) or (q.qualifier != "exact" and (
        r["threshold_bound"].match(t.raw) or r["threshold_bound_before"].search(t.before)))
    if not (measured and qualified):
        return None
    if not (r["threshold_after"].search(t.after) or r["threshold_reached"].search(t.before)):
        return None
    return "policy" if r["threshold_rule"].search(t.clause_before) else "context"


def clause_type(q: Quantity, t: ClaimText) -> ClaimType:
    """The type the claim's own clause gives it."""
    r = _rules()
    if q.kind in ("percent", "share") and _hit("progress", t):
        return ClaimType("achievement")
    threshold = _threshold(q, t)
    if threshold:
        return ClaimType(threshold)
    if q.value_max is not None and q.unit in r["band_units"] and r["band_after"].match(t.after):
        return ClaimType("context")  # 36岁至60岁党员17,594名: the band that defines the group counted
    if _hit("policy", t):
        return ClaimType("policy")
    if r["makeup_rates"].search(t.clause_before) and not _hit("target", t):
        return ClaimType("context", profile=True)
    if q.kind == "count":
        c = r["context"]
        profile = bool(c["clause"].search(t.clause_before)) or bool(r["profile_opening"].search(t.sentence_opening))
        profile = profile or (q.unit in r["household_units"] and bool(r["household_before"].search(t.before)))
        profile = profile or bool(r["jurisdiction_before"].search(t.before) and r["jurisdiction_after"].search(t.after))
        if profile:
            return ClaimType("context", profile=True)
        situation = r["situation"].search(t.clause_before)
        if situation and r["situation_handled"].search(t.clause_before, 0, situation.start()):
            situation = None
        elif not situation and not r["situation_handled"].search(t.clause_before):
            situation = r["situation"].match(t.after)  # 全区38个易涝点: the situation named after the count
        if (c["before"] and c["before"].search(t.before)) or (c["after"] and c["after"].search(t.after)) or situation:
            return ClaimType("context")
    if _hit("target", t) and not marked_done(t):
        return ClaimType("target")
    return ClaimType("achievement")


def claim_type(q: Quantity, t: ClaimText, scope: ClaimScope, published: int | None,
               previous: ClaimType | None = None, same_clause: bool = False) -> ClaimType:
    """achievement, target, policy or context (see the module docstring). ``previous`` is the type of the
    claim before it in its sentence (``same_clause`` when in its clause too): a list that goes on (居民楼73栋、居民3,900余户) or a change of a
    profile number (常住人口132.6万人，比上年末增加3.1万人) keeps its context."""
    r = _rules()
    if q.kind in ("percent", "share") and _hit("progress", t):
        return ClaimType("achievement")  # 完成全年目标的86.1%: progress, in a plan or not
    decided = clause_type(q, t)
    if decided.kind == "context" and previous is not None and previous.profile:
        decided = ClaimType("context", profile=True)  # the threshold of a part of a profile (60岁以上老年人)
    goes_on = same_clause and r["continues"].match(t.before)
    if previous is not None and previous.kind == "context" and decided.kind == "achievement" \
            and (goes_on or r["change"].match(t.before) or r["part"].match(t.before)
                 or (previous.profile and r["part"].match(t.clause_before))  # 其中60岁以上老年人2,148人
                 or (q.kind in ("percent", "share") and r["share_of_it"].match(t.before))  # …，占24.6%
                 or (previous.profile and r["having"].search(t.clause_before) and not marked_done(t))):
        decided = previous
    kind = decided.kind
    if scope.progress:
        return decided if kind in ("policy", "context") else ClaimType("achievement")
    later = scope.year is not None and published is not None and scope.year > published
    in_plan = bool(scope.plan) or later
    if not in_plan or marked_done(t, in_plan=True):
        return decided
    if kind == "policy" and r["plan_verbs"].search(t.clause_before):
        return ClaimType("target")  # 每个街道打造2~3个: a quota of what the plan builds
    if kind == "achievement" or (kind == "context" and later):
        return ClaimType("target")
    return decided
