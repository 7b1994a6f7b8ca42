"""The category of a claim: the domain of the activity its sentence reports (rules/categories.toml has the
order of the decision and every word list).

All word lists are matched in one pass each (one compiled alternation per list), and what a sentence,
a paragraph opening, a heading or the title says is read once per document, not once per claim.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .numbers import unit_dimension
from .rules import load_toml
from .schema import CATEGORIES


_RANK = {c: i for i, c in enumerate(CATEGORIES)}


@dataclass(frozen=True)
class CategoryContext:
    """What the category of one claim is read from."""

    subject: str
    label: str
    unit: str | None
    claim_type: str
    profile: bool  # the claim is part of a profile (its make-up, not what was done)
    in_unit: bool  # the claim is about a named sub-district unit (a 街道, 村, 社区, 园区 …)
    agent: bool  # it counts people who do what follows: the activity, not who they are, decides
    before: str  # its clause's text before the number
    clause: str
    metric_category: str | None
    metric_kind: str | None  # the kind of thing its metric counts (extract/rules/concepts.csv)
    metric_concept: str | None  # the concept its metric counts
    metric_concept_category: str | None  # that concept's own category
    scopes: tuple[tuple[str, tuple[int, int]], ...]  # (scope name, span in the text) for the fallback votes


def _alternation(words) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


@lru_cache(maxsize=1)
def _rules() -> dict:
    r = load_toml("categories.toml")
    counted = {w: c for c, ws in r["counted"].items() for w in ws}
    keywords = {w: c for c, ws in r["keywords"].items() for w in ws}
    votes = {**keywords, **counted}
    rules = r["rules"]
    return {
        "topics": [(c, _alternation(ws)) for c, ws in r["topics"].items()],
        "profile": r["profile"],
        "economic": re.compile(r["profile"]["economic_document"]),
        "counted": counted, "counted_re": _alternation(counted),
        "generic": frozenset(r["generic"]["words"]),
        "groups": frozenset(r["generic"]["groups"]),
        "votes": votes, "votes_re": _alternation(votes),
        "weights": r["weights"],
        "default": r["fallback"]["category"],
        "works_default": r["fallback"]["works_category"],
        "unplaced_kinds": frozenset(r["fallback"]["unplaced_kinds"]),
        "unplaced_concepts": frozenset(r["fallback"]["unplaced_concepts"]),
        "beneficiary_units": frozenset(rules["beneficiary_units"]),
        "households": frozenset(rules["households"]),
        "not_households": frozenset(rules["not_households"]),
        "farm_households": frozenset(rules["farm_households"]),
        "contact_verbs": re.compile(rf"(?:{rules['contact_verbs']})[^，。；,;]{{0,6}}$"),
        "beneficiary_verbs": re.compile(rf"(?:{rules['beneficiary_verbs']})[^，。；,;]{{0,6}}$"),
        "beneficiary": rules["beneficiary"],
        "works_dimensions": frozenset(rules["works_dimensions"]),
        "works_units": frozenset(rules["works_units"]),
        "works_not_units": frozenset(rules["works_not_units"]),
        "works_verbs": re.compile(rules["works_verbs"]),
        "works": rules["works"],
    }


@lru_cache(maxsize=20000)
def counted_word(text: str) -> str | None:
    """The longest counted-thing word in ``text`` (the last of equally long ones)."""
    best = None
    for m in _rules()["counted_re"].finditer(text):
        if best is None or len(m.group()) >= len(best.group()):
            best = m
    return best.group() if best else None


class Categorizer:
    """Categorises the claims of one document; what each scope says is counted once and remembered."""

    def __init__(self, text: str, title: str):
        r = _rules()
        self.text, self.title = text, title
        self.economic = bool(r["economic"].search(title))
        self._votes: dict[tuple[int, int], frozenset[str]] = {}
        self._topics: dict[tuple[int, int], str | None] = {}
        self._title_topic = self._topic_of(title)
        self._title_votes = self._count(title)

    def _topic_of(self, text: str) -> str | None:
        return next((c for c, pattern in _rules()["topics"] if pattern.search(text)), None)

    @staticmethod
    @lru_cache(maxsize=20000)
    def _count(text: str) -> frozenset[str]:
        """The categories whose words a text holds, once each: a scope votes for a domain, however often
        it names it. Generic words (投资, 资金, 项目) do not vote."""
        r = _rules()
        return frozenset(r["votes"][m.group()] for m in r["votes_re"].finditer(text)
                         if m.group() not in r["generic"])

    def _scope_votes(self, span: tuple[int, int]) -> frozenset[str]:
        if span not in self._votes:
            self._votes[span] = self._count(self.text[span[0]:span[1]])
        return self._votes[span]

    def _scope_topic(self, span: tuple[int, int]) -> str | None:
        if span not in self._topics:
            self._topics[span] = self._topic_of(self.text[span[0]:span[1]])
        return self._topics[span]

    def categorize(self, c: CategoryContext) -> str:
        r = _rules()
        # 1. A report, section or paragraph about epidemic control.
        topic = self._title_topic or next((self._scope_topic(span) for name, span in c.scopes
                                           if name in ("heading", "lead") and self._scope_topic(span)), None)
        if topic:
            return topic
        word = counted_word(c.subject + " " + c.label)
        what = r["counted"][word] if word else None
        # 2. A unit's profile.
        p = r["profile"]
        if c.profile and (what in (p["party"], p["cadres"]) or self.economic or c.in_unit):
            if what in (p["party"], p["cadres"]):
                return what
            return "经济发展" if self.economic else p["default"]
        # Households counted are beneficiaries (改造老旧小区2,560户), unless what is counted is a grid or party
        # unit counted in 户 (党员中心户).
        helped = word in r["farm_households"] and r["beneficiary_verbs"].search(c.before)
        contacted = bool(r["contact_verbs"].search(c.before))  # 每名网格员联系15至20户: the grid's households
        if c.unit in r["households"] and (what not in r["not_households"] or helped) and not contacted:
            return r["beneficiary"]
        # 3–5. What is counted weighs most; then beneficiaries and works, and the words of the clause,
        # sentence, paragraph opening, heading and title.
        weights = r["weights"]
        score: dict[str, float] = {}
        if what:
            # A rate or share of a group of people (党员“学习强国”参学率, 八成以上的党员坚持每日学习) is of
            # what they do: the group weighs as doers do.
            of_group = word in r["groups"] and unit_dimension(c.unit) in ("percent", "share")
            score[what] = weights["agents" if c.agent or word in r["generic"] or of_group else "counted"]
        if c.unit in r["beneficiary_units"] and r["beneficiary_verbs"].search(c.before) and not contacted:
            score[r["beneficiary"]] = score.get(r["beneficiary"], 0) + weights["rule"]
        works = (unit_dimension(c.unit) in r["works_dimensions"] or c.unit in r["works_units"]) \
            and c.unit not in r["works_not_units"]
        if works and r["works_verbs"].search(c.clause):
            score[r["works"]] = score.get(r["works"], 0) + weights["rule"]
        # The clause votes with the words around the subject; the subject has voted already.
        around = c.clause.replace(c.subject, " ", 1) if c.subject and word not in r["generic"] else c.clause
        for category in self._count(around):
            score[category] = score.get(category, 0) + weights["clause"]
        for name, span in c.scopes:
            w = weights[name]
            for category in self._scope_votes(span):
                score[category] = score.get(category, 0) + w
        for category in self._title_votes:
            score[category] = score.get(category, 0) + weights["title"]
        if c.metric_category in _RANK:
            # The metric's category is what is counted when no word of [counted] names it (路灯 → 城市建设).
            alone = not what and c.metric_kind not in r["unplaced_kinds"] \
                and c.metric_concept not in r["unplaced_concepts"]
            # A metric whose own category differs from its concept's (培训党员: 党员教育, not 党建组织) says what
            # happened to what is counted: that decides the domain as a metric alone does.
            alone = alone or (c.metric_concept_category is not None and c.metric_category != c.metric_concept_category)
            weight = weights["metric_alone"] if alone else weights["metric"]
            score[c.metric_category] = score.get(c.metric_category, 0) + weight
        if not score:
            if works:
                return r["works_default"]
            return "经济发展" if self.economic else r["default"]
        # On a tie, what is counted decides, then the order of the categories.
        return max(score, key=lambda k: (score[k], k == what, -_RANK[k]))
