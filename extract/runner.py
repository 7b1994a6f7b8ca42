"""Running the engine over a corpus: reading files and manifest, one document at a time, in parallel
processes or on a Dask cluster, with a cache; then the checks over the whole table.

Every document goes through the same function, ``extract_file``, whatever runs it, so serial, parallel
and distributed runs give identical tables.
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd

from .cache import ClaimsCache, cache_key
from .checks import run_checks
from .corpus import Document, DocumentError, parse_published, read_document, read_manifest
from .pipeline import extract_document
from .places import gazetteer
from .schema import conform, empty_claims

Progress = Callable[[int, int, str], None]


@dataclass
class CorpusRun:
    """What one run over a corpus produced: the claims, the documents read, the checks and the problems met."""

    claims: pd.DataFrame
    documents: pd.DataFrame
    checks: pd.DataFrame
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Task:
    path: str
    meta: dict
    cache_dir: str | None = None


@dataclass
class Outcome:
    path: str
    claims: pd.DataFrame | None = None
    document: dict | None = None
    problem: str | None = None
    cached: bool = False


def extract_file(task: Task) -> Outcome:
    """Read and extract one report file; an unreadable file gives an Outcome with its problem."""
    try:
        doc = read_document(task.path)
    except DocumentError as exc:
        return Outcome(task.path, problem=str(exc))
    cache = ClaimsCache(task.cache_dir) if task.cache_dir else None
    key = cache_key(doc.doc_id, doc.text, task.meta) if cache else ""
    claims = cache.get(key) if cache else None
    cached = claims is not None
    if claims is None:
        claims = extract_document(doc, task.meta)
        if cache:
            cache.put(key, claims)
    return Outcome(task.path, claims, _document_row(doc, task.meta, len(claims)), cached=cached)


def run_corpus(paths: str | Path | Iterable[str | Path], manifest: str | Path | None = None,
               progress: Progress | None = None, jobs: int = 1, cache_dir: str | Path | None = None,
               engine: str = "local", scheduler: str | None = None) -> CorpusRun:
    """Extract every report under ``paths``; bad files are skipped and named, the rest go on.

    ``jobs`` processes work in parallel (0 = all cores); ``engine="dask"`` runs on the Dask cluster at
    ``scheduler`` (a local cluster when None). The result does not depend on how it was run.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files, manifests, problems = _expand(paths)
    skipped: list[str] = [p.split(":")[0] for p in problems]
    meta = _read_manifests([Path(manifest)] if manifest else manifests, problems)
    tasks = [Task(str(f), meta.get(f.name, {}), str(cache_dir) if cache_dir else None) for f in files]
    if engine == "dask":
        from .distributed import map_on_dask

        outcomes = map_on_dask(extract_file, tasks, scheduler)
    elif engine == "local":
        outcomes = _map_local(tasks, jobs)
    else:
        raise ValueError(f"unknown engine {engine!r} (use local or dask)")
    claims, docs = [], []
    for i, outcome in enumerate(outcomes, 1):
        if outcome.problem:
            problems.append(outcome.problem)
            skipped.append(outcome.path)
        else:
            claims.append(outcome.claims)
            docs.append(outcome.document)
        if progress:
            progress(i, len(tasks), Path(outcome.path).name)
    table = conform(pd.concat(claims, ignore_index=True)) if claims else empty_claims()
    table, checks = run_checks(table)
    return CorpusRun(conform(table), pd.DataFrame(docs), checks, problems, skipped)


def _map_local(tasks: list[Task], jobs: int) -> Iterator[Outcome]:
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(tasks) < 2:
        yield from map(extract_file, tasks)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
        # map keeps the input order, so the table is the same as a serial run's.
        yield from pool.map(extract_file, tasks, chunksize=max(1, min(32, len(tasks) // (jobs * 8))))


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


def _read_manifests(paths: list[Path], problems: list[str]) -> dict[str, dict]:
    meta: dict[str, dict] = {}
    for mpath in paths:
        try:
            table = read_manifest(mpath)
        except DocumentError as exc:
            problems.append(str(exc))
            continue
        for row in table.to_dict("records"):
            meta[row["file"]] = row
            problems.extend(_manifest_row_problems(mpath, row))
    return meta


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


def extract_corpus(path_or_paths: str | Path | Iterable[str | Path], manifest: str | Path | None = None,
                   jobs: int = 1) -> pd.DataFrame:
    """Every claim of every report under the given folders or files, with the checks' flags set.

    Problems (unreadable files, bad manifest rows) are printed on stderr; the rest of the run goes on.
    """
    run = run_corpus(path_or_paths, manifest, jobs=jobs)
    for problem in run.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return run.claims
