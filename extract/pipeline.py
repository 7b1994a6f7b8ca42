"""Documents in, claims table out: the one function per arrow of DESIGN.md."""
from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import meaning
from .checks import run_checks
from .corpus import Document, DocumentError, parse_published, read_document, read_manifest
from .nonclaims import reason_not_claim
from .numbers import Quantity, scan_quantities
from .metrics import match_metric
from .places import PlaceResolver, gazetteer
from .rules import load_toml
from .schema import COLUMNS, conform, empty_claims
from .text import segment
from .timeline import TimeResolver


@lru_cache(maxsize=1)
def _money_words() -> tuple[str, ...]:
    return tuple(load_toml("units.toml")["money_context"]["words"])


def _unit_for(q: Quantity, clause_before: str) -> str | None:
    if q.unit is None and q.multiplied and any(w in clause_before for w in _money_words()):
        return "元"
    return q.unit


def _claim_type(before: str, after: str, q: Quantity, times: TimeResolver) -> str:
    kind = meaning.claim_type(before, after, q.kind)
    return "target" if kind == "achievement" and times.looks_ahead(q.start) else kind


def _headings(text: str, seg) -> dict[int, str]:
    """{section start: its heading line}."""
    return {start: text[start:end].split("\n", 1)[0] for start, end in seg.sections}


def _claim_id(doc_id: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def extract_text(text: str, doc_id: str = "text", district: str | None = None,
                 published: str | int | None = None, title: str = "") -> pd.DataFrame:
    """Every numeric claim in one report, as a claims table (schema in extract.schema).

    >>> df = extract_text("今年以来，金水区分批分类培训党员2.8万人次。", district="金水区", published="2022-07")
    >>> df[["value", "unit", "year", "district"]].values.tolist()
    [[28000.0, '人次', 2022, '金水区']]
    """
    year = published if isinstance(published, int) else parse_published(str(published) if published else None)[0]
    gaz = gazetteer()
    seg = segment(text)
    places = PlaceResolver(text, seg, gaz.canonical_district(district))
    times = TimeResolver(text, seg, year, title)
    quantities = [q for q in scan_quantities(text) if not reason_not_claim(q, text, seg)]
    headings = _headings(text, seg)
    rows = []
    seen: set[tuple[str, str]] = set()
    previous: tuple[int, meaning.Sense] | None = None
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
        unit = _unit_for(q, text[c_start:q.start])
        dist, sub = places.resolve(q.start)
        claim_year, period = times.resolve(q.start, q.end)
        raw = text[q.start:q.end]
        sentence = text[s_start:s_end]
        flags = []
        if (raw, sentence) in seen:
            flags.append("repeat")
        seen.add((raw, sentence))
        if claim_year is None:
            flags.append("no_year")
        same_sentence = previous[1] if previous and previous[0] == s_start else None
        sense = meaning.find_subject(before, after, text[s_start:q.start], same_sentence, q.kind)
        previous = (s_start, sense)
        clause = text[c_start:c_end]
        metric = match_metric(sense.subject, sense.label, clause, unit)
        category = (metric.category if metric else None) or meaning.categorize({
            "subject": sense.subject + " " + sense.label, "clause": clause, "sentence": sentence,
            "heading": headings.get(seg.section(q.start)[0], ""), "paragraph": text[slice(*seg.paragraph(q.start))],
        }) or "党建组织"
        rows.append({
            "claim_id": _claim_id(doc_id, q.start, q.end), "doc_id": doc_id, "district": dist,
            "subdistrict": sub, "year": claim_year, "period": period,
            "metric": metric.key if metric else None, "metric_label": sense.label, "subject": sense.subject,
            "category": category, "claim_type": _claim_type(before, after, q, times),
            "value": _float(q.value), "value_max": _float(q.value_max), "unit": unit,
            "qualifier": q.qualifier, "raw": raw, "sentence": sentence, "start": q.start, "end": q.end,
            "flags": ";".join(flags),
        })
    return conform(pd.DataFrame(rows, columns=COLUMNS)) if rows else empty_claims()


@dataclass
class CorpusRun:
    """What one run over a corpus produced: the claims, the documents read, and the problems met."""

    claims: pd.DataFrame
    documents: pd.DataFrame
    checks: pd.DataFrame
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path], list[str]]:
    files, manifests, problems = [], [], []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(p.glob("*.txt")))
            if (p / "manifest.csv").exists():
                manifests.append(p / "manifest.csv")
        elif p.is_file():
            files.append(p)
        else:
            problems.append(f"{p}: no such file or folder")
    return files, manifests, problems


def run_corpus(paths: str | Path | Iterable[str | Path], manifest: str | Path | None = None,
               progress=None) -> CorpusRun:
    """Extract every report under ``paths``; bad files are skipped and named, the rest go on."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files, manifests, problems = _expand(paths)
    skipped: list[str] = [p.split(":")[0] for p in problems]
    meta: dict[str, dict] = {}
    for mpath in ([Path(manifest)] if manifest else manifests):
        try:
            table = read_manifest(mpath)
        except DocumentError as exc:
            problems.append(str(exc))
            continue
        for row in table.to_dict("records"):
            meta[row["file"]] = row
            problems.extend(_manifest_row_problems(mpath, row))
    claims, docs = [], []
    for i, path in enumerate(files, 1):
        try:
            doc = read_document(path)
        except DocumentError as exc:
            problems.append(str(exc))
            skipped.append(str(path))
            continue
        row = meta.get(path.name, {})
        claims.append(extract_document(doc, row))
        docs.append(_document_row(doc, row, len(claims[-1])))
        if progress:
            progress(i, len(files), path.name)
    table = conform(pd.concat(claims, ignore_index=True)) if claims else empty_claims()
    table, checks = run_checks(table)
    return CorpusRun(conform(table), pd.DataFrame(docs), checks, problems, skipped)


def extract_document(doc: Document, meta: dict) -> pd.DataFrame:
    published = meta.get("published") or None
    if published and parse_published(published)[1]:
        published = None
    return extract_text(doc.text, doc_id=doc.doc_id, district=meta.get("district") or None,
                        published=published, title=meta.get("title") or "")


def _document_row(doc: Document, meta: dict, n_claims: int) -> dict:
    return {"doc_id": doc.doc_id, "district": meta.get("district") or None,
            "published": meta.get("published") or None, "title": meta.get("title") or _first_line(doc.text),
            "source": meta.get("source") or None, "url": meta.get("url") or None,
            "encoding": doc.encoding, "characters": len(doc.text), "claims": n_claims,
            "path": str(doc.path) if doc.path else None}


def _first_line(text: str) -> str:
    return next((line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip()), "")


def _manifest_row_problems(mpath: Path, row: dict) -> list[str]:
    out = []
    name = row.get("file") or ""
    if not name:
        out.append(f"{mpath}: a row has no file name")
    elif not (mpath.parent / name).exists():
        out.append(f"{mpath}: row for {name}: file not found")
    _, problem = parse_published(row.get("published"))
    if problem:
        out.append(f"{mpath}: row for {name}: {problem}; publication year left unknown")
    district = row.get("district") or ""
    if district and gazetteer().canonical_district(district) not in gazetteer().districts:
        out.append(f"{mpath}: row for {name}: district {district!r} is not in the gazetteer; kept as given")
    return out


def extract_corpus(path_or_paths: str | Path | Iterable[str | Path], manifest: str | Path | None = None) -> pd.DataFrame:
    """Every claim of every report under the given folders or files, with the checks' flags set.

    Problems (unreadable files, bad manifest rows) are printed on stderr; the rest of the run goes on.
    """
    run = run_corpus(path_or_paths, manifest)
    for problem in run.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return run.claims
