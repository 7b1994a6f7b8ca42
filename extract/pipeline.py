"""One report in, its claims table out: numbers found, non-claims dropped, each claim placed, dated and described."""
from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from functools import lru_cache

import pandas as pd

from .corpus import Document, parse_published
from .nonclaims import reason_not_claim
from .numbers import Quantity, scan_quantities
from .metrics import ClaimContext, lexicon, match_metric
from .places import gazetteer
from .rules import load_toml
from .schema import COLUMNS, empty_claims, from_columns
from .categories import CategoryContext, Categorizer
from .claimtypes import ClaimText, claim_type
from .scopes import Scopes
from .subjects import SubjectFinder, names_a_thing
from .tables import cell_measure, cell_subject, row_label, row_name, row_span, with_stated_unit
from .text import segment
from .timeline import Published, dateline


# Han characters: a table cell without any holds a bare number, described by its header or row.
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A part of the claim before it (其中农村党员4,300余人次): the same domain.
_PART = re.compile(r"^[，,]?其中")


@lru_cache(maxsize=1)
def _unit_rules() -> dict:
    r = load_toml("units.toml")
    m = r["measure_before"]
    alt = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    return {"money": tuple(r["money_context"]["words"]),
            "measure": re.compile(rf"(?P<unit>{alt(m['words'])})(?:{alt(m['links'])})?$"),
            "as_unit": m["as_unit"]}


def _unit_for(q: Quantity, clause_before: str) -> str | None:
    """The unit as written, or for a bare count the money its clause speaks of (总投资40.92亿) or the
    measure noun just before it (观看人次达12.6万)."""
    if q.unit is not None or q.kind != "count":
        return q.unit
    r = _unit_rules()
    if q.multiplied and any(w in clause_before for w in r["money"]):
        return "元"
    measure = r["measure"].search(clause_before)
    if measure:
        return r["as_unit"].get(measure["unit"], measure["unit"])
    return q.unit


def _published(published: str | int | None) -> Published:
    if isinstance(published, int):
        return Published(published)
    year, problem = parse_published(str(published) if published else None)
    if year is None or problem:
        return Published()
    m = re.match(r"^\d{4}-(\d{1,2})", str(published).strip())
    return Published(year, int(m.group(1)) if m else None)


def _claim_id(doc_id: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _counts_things(label: str) -> bool:
    """Whether a table row's label states a claim of its own (新建学校3所, 改造老旧小区二十个), not only a name
    with a number in it (家居产业园二期)."""
    seg = segment(label)
    return any(q.unit is not None and not reason_not_claim(q, label, seg) for q in scan_quantities(label))


def extract_text(text: str, doc_id: str = "text", district: str | None = None,
                 published: str | int | None = None, title: str = "") -> pd.DataFrame:
    """Every numeric claim in one report, as a claims table (schema in extract.schema).

    >>> df = extract_text("今年以来，金水区分批分类培训党员2.8万人次。", district="金水区", published="2022-07")
    >>> df[["value", "unit", "year", "district"]].values.tolist()
    [[28000.0, '人次', 2022, '金水区']]
    """
    columns, unread = extract_columns(text, doc_id, district, published, title)
    claims = from_columns(columns) if columns["claim_id"] else empty_claims()
    claims.attrs["unread"] = unread  # numbers seen but not read with confidence (the CLI counts them)
    return claims


def extract_columns(text: str, doc_id: str = "text", district: str | None = None,
                    published: str | int | None = None, title: str = "") -> tuple[dict[str, list], int]:
    """The claims of one report as one list of plain values per column (None for missing), and the
    count of numbers left unread: what a corpus run gathers before it builds one table for all."""
    pub = _published(published)
    if pub.year is None:
        pub = dateline(text)  # no date given: the one the report states under its title, if any
    gaz = gazetteer()
    seg = segment(text)
    scopes = Scopes(text, seg, title, pub, gaz.canonical_district(district))
    unread: list = []
    found = scan_quantities(text, unread=unread)
    if seg.cells:
        found = [with_stated_unit(q, seg) for q in found]
    quantities = [q for q in found if not reason_not_claim(q, text, seg)]
    rows = []
    seen: set[tuple[str, str]] = set()
    subjects = SubjectFinder()
    categories = Categorizer(text, scopes.title)
    previous_type, previous_sentence, previous_clause = None, -1, -1
    previous_category, previous_paragraph = None, -1
    for i, q in enumerate(quantities):
        c_start, c_end = seg.clause(q.start)
        s_start, s_end = seg.sentence(q.start)
        prev_end = quantities[i - 1].tail if i else 0
        next_start = quantities[i + 1].start if i + 1 < len(quantities) else len(text)
        before = text[max(c_start, prev_end):q.start]
        if next_start == q.tail and i + 1 < len(quantities):
            # 191.1万平方米12539套安置房: both numbers count what follows the second.
            after = text[quantities[i + 1].tail:c_end]
        else:
            after = text[q.tail:min(c_end, next_start)]
        # The subject finder sees where the next number begins (重点项目完成投资126.8亿元: 完成 is its verb).
        after_to_next = after + text[next_start] if q.tail <= next_start < c_end else after
        clause_before, sentence_before = text[c_start:q.start], text[s_start:q.start]
        measured = None  # the words its metric is read from, when not the text before it
        named = None  # the name of the row a bare table cell belongs to, when that is what it counts
        if seg.cells and not _HAN.search(text, c_start, c_end):
            # A bare number in a table cell: its header (or the row's label) says what it counts.
            before = clause_before = sentence_before = cell_subject(seg, q.start)
            named = row_name(before) if before and before == row_label(seg, q.start) else None
            measured = cell_measure(seg, q.start)
            s_start, s_end = row_span(seg, q.start) or (s_start, s_end)  # its source is the row
        elif seg.cells and seg.cell(q.start) is not None and not names_a_thing(before) \
                and (words := row_label(seg, q.start)) and not _counts_things(words):
            # 已完工4所 under 完成情况: the row's label names what the cell's words do not (a label that
            # counts things itself is read as the sentence before the cell).
            cell = seg.cell(q.start)
            if text[cell.start:cell.end].strip() == text[q.start:q.tail].strip():
                named = row_name(words)  # 兰考县家居产业园二期 | 18.5亿元: the row's own name, whole
            before, clause_before, sentence_before = words + before, words + clause_before, words + sentence_before
            s_start, s_end = row_span(seg, q.start) or (s_start, s_end)  # its source is the row
        unit = _unit_for(q, clause_before)
        scope = scopes.resolve(q.start, q.end)
        dist, sub, claim_year, period = scope.district, scope.subdistrict, scope.year, scope.period
        raw = text[q.start:q.end]
        sentence = text[s_start:s_end]
        flags = []
        if (raw, sentence) in seen:
            flags.append("repeat")
        seen.add((raw, sentence))
        if claim_year is None:
            flags.append("no_year")
        p_start, _ = seg.paragraph(q.start)
        sense = subjects.find(kind=q.kind, unit=unit, before=before, after=after_to_next, clause_before=clause_before,
                              sentence_before=sentence_before, paragraph=p_start, sentence=s_start,
                              unit_raw=q.unit_raw, named=named)
        clause = text[c_start:c_end]
        opening_end = next((m for m in seg.clause_marks_in(s_start, s_end)), s_end)
        decided = claim_type(q, ClaimText(clause_before, before, after, text[s_start:opening_end],
                                             text[q.start:q.tail]), scope,
                             pub.year, previous_type if previous_sentence == s_start else None,
                             same_clause=previous_clause == c_start)
        previous_type, previous_sentence, previous_clause = decided, s_start, c_start
        kind = decided.kind
        m_before = measured or before
        metric = match_metric(ClaimContext(
            subject=sense.subject, label=sense.label, phrase=sense.phrase, before=m_before, after=after,
            clause=clause, sentence=sentence, unit=unit, unit_raw=q.unit_raw, kind=q.kind,
            value=float(q.value), qualifier=q.qualifier, claim_type=kind,
            clause_before=measured or clause_before, sentence_before=measured or sentence_before,
            previous_sentence=_previous_sentence(seg, s_start, p_start)))
        concept = lexicon().concepts[metric.concept] if metric else None
        part_of = previous_category if previous_paragraph == p_start and _PART.match(before) else None
        category = part_of or categories.categorize(CategoryContext(
            subject=sense.subject, label=sense.label, unit=unit, claim_type=kind, profile=decided.profile,
            agent=sense.agent, in_unit=sub is not None,
            before=clause_before, clause=clause, metric_category=metric.category if metric else None,
            metric_kind=concept.kind if concept else None, metric_concept=concept.key if concept else None,
            metric_concept_category=concept.category if concept else None,
            scopes=(("sentence", (s_start, s_end)), ("lead", seg.lead(q.start)), ("heading", scope.heading_span))))
        previous_category, previous_paragraph = category, p_start
        rows.append({
            "claim_id": _claim_id(doc_id, q.start, q.end), "doc_id": doc_id, "district": dist,
            "subdistrict": sub, "year": claim_year, "period": period,
            "metric": metric.key if metric else None, "metric_label": sense.label, "subject": sense.subject,
            "category": category,
            "claim_type": kind,
            "value": _float(q.value), "value_max": _float(q.value_max), "unit": unit,
            "qualifier": q.qualifier, "raw": raw, "sentence": sentence, "start": q.start, "end": q.end,
            "flags": ";".join(flags),
        })
    return {col: [row[col] for row in rows] for col in COLUMNS}, len(unread)


def _previous_sentence(seg, s_start: int, p_start: int) -> str:
    i = seg.sentence_index(s_start) - 1
    if i < 0 or seg.sentences[i][0] < p_start:
        return ""
    return seg.text[slice(*seg.sentences[i])]


def warm_up() -> None:
    """Load the segmenter's dictionaries and compile every rule, once per process."""
    extract_columns("二七区长江路街道新增就业100人，办结率98%。", district="二七区", published="2023-06")


def extract_document(doc: Document, meta: dict) -> tuple[dict[str, list], int]:
    """The claims of a document read from the corpus, with its manifest row (possibly empty), as
    ``extract_columns`` gives them."""
    published = meta.get("published") or None
    if published and parse_published(published)[1]:
        published = None
    return extract_columns(doc.text, doc_id=doc.doc_id, district=meta.get("district") or None,
                           published=published, title=meta.get("title") or "")
