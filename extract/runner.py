"""Running the engine over a corpus: reading files and manifest, one document at a time, in parallel
processes or on a Dask cluster, with a cache; then the checks over the whole table.

Every document goes through the same function, ``extract_file``, whatever runs it, so serial, parallel
and distributed runs give identical tables.

A document's ``doc_id`` is its file name. When two different files of one run have the same name, each
of them is named by the shortest ending of its path that no other file shares (``a/x.txt``, ``b/x.txt``),
so ids stay unique across a run and the ordinary corpus of one folder keeps plain file names. Each file
takes its row from the manifest of its own folder (or from ``--manifest``), matched by path.
"""
from __future__ import annotations

import os
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd

from .cache import ClaimsCache, Entry, cache_key
from .corpus import Document, DocumentError, is_report, manifest_path, parse_published, read_document, read_manifest
from .schema import COLUMNS, conform, empty_claims

Progress = Callable[[int, int, str], None]
#: Columns of the documents table of a run: the manifest's fields, how the file was read, what came out.
DOCUMENT_COLUMNS = ["doc_id", "district", "published", "title", "source", "url", "encoding", "note",
                    "characters", "claims", "unread", "path"]
# Manifest fields that, when they differ between two rows for one file, are worth a word.
_COMPARED_FIELDS = ("district", "published", "title", "source", "url")


@dataclass
class CorpusRun:
    """What one run over a corpus produced: the claims, the documents read, the checks and the problems met."""

    claims: pd.DataFrame
    documents: pd.DataFrame
    checks: pd.DataFrame
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def unread(self) -> int:
        """Numbers the engine saw but did not read with confidence, over the whole run."""
        return int(self.documents["unread"].sum()) if "unread" in self.documents else 0


@dataclass(frozen=True)
class Task:
    path: str
    meta: dict
    cache_dir: str | None = None
    doc_id: str | None = None  # None: the file's name


@dataclass
class Outcome:
    path: str
    claims: pd.DataFrame | dict[str, list] | None = None  # a table, or a cache entry's columns
    document: dict | None = None
    problem: str | None = None
    cached: bool = False
    notice: str | None = None  # something the user should know about a document that was read
    cache_problem: str | None = None
    unread: int = 0


def extract_file(task: Task) -> Outcome:
    """Read and extract one report file (or take it from the cache); an unreadable file gives its problem."""
    return _process(task, extract=True)


def look_up(task: Task) -> Outcome | None:
    """What ``extract_file`` gives when that needs no extraction (a cache hit, an unreadable file), else None."""
    return _process(task, extract=False)


def _process(task: Task, extract: bool) -> Outcome | None:
    try:
        doc = read_document(task.path, task.doc_id)
    except DocumentError as exc:
        return Outcome(task.path, problem=str(exc))
    cache = ClaimsCache(task.cache_dir) if task.cache_dir else None
    key = cache_key(doc.text, task.meta) if cache else ""
    entry = cache.get(key) if cache else None
    cache_problem = None
    if entry is not None:
        claims, unread, n = _from_entry(entry, doc.doc_id), entry.unread, len(entry)
    elif not extract:
        return None
    else:
        from .pipeline import extract_document  # loaded only when a document is extracted, not for the cache

        claims, unread = extract_document(doc, task.meta)
        n = len(claims["claim_id"])
        if cache:
            try:
                cache.put(key, claims, doc.doc_id, unread)
            except OSError as exc:
                cache_problem = f"cache {task.cache_dir} cannot be written ({exc.strerror or exc}); going on without it"
    notice = f"{doc.path}: an HTML page; its text was taken from the markup" if "HTML" in doc.note else None
    return Outcome(task.path, claims, _document_row(doc, task.meta, n, unread), cached=entry is not None,
                   notice=notice, cache_problem=cache_problem, unread=unread)


def _from_entry(entry: Entry, doc_id: str) -> dict[str, list]:
    columns = entry.columns
    if entry.doc_id != doc_id and len(entry):
        # A renamed copy: the same claims under the new name, with the ids the engine gives that name.
        from .pipeline import _claim_id

        columns = dict(columns, doc_id=[doc_id] * len(entry),
                       claim_id=[_claim_id(doc_id, s, e) for s, e in zip(columns["start"], columns["end"])])
    return columns


def _assemble(parts: list[pd.DataFrame | dict[str, list]]) -> pd.DataFrame:
    """One claims table from the documents' tables and cache entries, in order, converted once."""
    frames: list[pd.DataFrame] = []
    pending: dict[str, list] | None = None
    for part in parts:
        if isinstance(part, dict):
            if pending is None:
                pending = {c: [] for c in COLUMNS}
            for c in COLUMNS:
                pending[c].extend(part[c])
            continue
        if pending is not None:
            frames.append(pd.DataFrame(pending, columns=COLUMNS))
            pending = None
        frames.append(part)
    if pending is not None:
        frames.append(pd.DataFrame(pending, columns=COLUMNS))
    frames = [f for f in frames if len(f)]
    return conform(pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]) if frames else empty_claims()


def run_corpus(paths: str | Path | Iterable[str | Path], manifest: str | Path | None = None,
               progress: Progress | None = None, jobs: int = 1, cache_dir: str | Path | None = None,
               engine: str = "local", scheduler: str | None = None) -> CorpusRun:
    """Extract every report under ``paths``; bad files are skipped and named, the rest go on.

    ``jobs`` processes work in parallel (0 = all cores; never more than the cores or the documents);
    ``engine="dask"`` runs on the Dask cluster at ``scheduler`` (a local cluster when None). The result
    does not depend on how it was run. A ``manifest`` named here must be readable: DocumentError otherwise.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if manifest is not None and not Path(manifest).is_file():
        raise DocumentError(f"{manifest}: no such file (the manifest to use)")
    found = _expand(paths)
    problems = found.problems
    skipped: list[str] = list(found.missing)
    meta = _manifest_rows(found, Path(manifest) if manifest else None, problems)
    ids = _doc_ids([f for f, _ in found.files])
    tasks = [Task(str(f), meta.get(found.real[f], {}), str(cache_dir) if cache_dir else None,
                  ids[f] if ids[f] != f.name else None) for f, _ in found.files]
    if engine == "dask":
        from .distributed import map_on_dask

        outcomes = map_on_dask(extract_file, tasks, scheduler)
    elif engine == "local":
        outcomes = _map_local(tasks, jobs)
    else:
        raise ValueError(f"unknown engine {engine!r} (use local or dask)")
    claims, docs, cache_told = [], [], False
    for i, outcome in enumerate(outcomes, 1):
        if outcome.problem:
            problems.append(outcome.problem)
            skipped.append(outcome.path)
        else:
            claims.append(outcome.claims)
            docs.append(outcome.document)
            if outcome.notice:
                problems.append(outcome.notice)
            if outcome.cache_problem and not cache_told:
                problems.append(outcome.cache_problem)
                cache_told = True
        if progress:
            progress(i, len(tasks), Path(outcome.path).name)
    from .checks import run_checks

    table, checks = run_checks(_assemble(claims))
    return CorpusRun(conform(table), pd.DataFrame(docs, columns=DOCUMENT_COLUMNS), checks, problems, skipped)


def cores() -> int:
    """The processor cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(jobs: int, documents: int) -> int:
    """Processes for ``documents`` with ``-j jobs`` (0: all cores): never more than the cores or the documents."""
    return max(1, min(jobs or cores(), cores(), documents))


def _map_local(tasks: list[Task], jobs: int) -> Iterator[Outcome]:
    workers = worker_count(jobs, len(tasks))
    if workers == 1:
        yield from map(extract_file, tasks)
        return
    # Cache hits and unreadable files are settled here; only documents to extract go to the processes.
    found = [look_up(t) if t.cache_dir else None for t in tasks]
    todo = [t for t, outcome in zip(tasks, found) if outcome is None]
    workers = worker_count(jobs, len(todo))
    if workers == 1:
        extracted = map(extract_file, todo)
        yield from (outcome or next(extracted) for outcome in found)
        return
    from .pipeline import warm_up

    warm_up()  # dictionaries and rules loaded once here, and shared with the workers a fork makes
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # map keeps the input order, so the table is the same as a serial run's.
        extracted = pool.map(extract_file, todo, chunksize=max(1, min(32, len(todo) // (workers * 8))))
        yield from (outcome or next(extracted) for outcome in found)


@dataclass
class _Inputs:
    files: list[tuple[Path, Path | None]] = field(default_factory=list)  # (file, the folder given that holds it)
    folders: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    real: dict[Path, Path] = field(default_factory=dict)  # each file's path with links resolved


def _expand(paths: Iterable[str | Path]) -> _Inputs:
    found, seen = _Inputs(), set()

    def add(file: Path, folder: Path | None) -> None:
        real = file.resolve()
        if real in seen:
            found.problems.append(f"{file}: given twice; read once")
            return
        seen.add(real)
        found.files.append((Path(os.path.abspath(file)), folder))
        found.real[found.files[-1][0]] = real

    for p in map(Path, paths):
        if p.is_dir():
            found.folders.append(p)
            try:
                entries = sorted(e for e in p.iterdir() if is_report(e) and e.is_file())
            except OSError as exc:
                found.problems.append(f"{p}: cannot be listed ({exc.strerror or exc})")
                found.missing.append(str(p))
                continue
            for e in entries:
                add(e, p)
        elif p.is_file():
            add(p, None)
        else:
            found.problems.append(f"{p}: no such file or folder")
            found.missing.append(str(p))
    return found


def _doc_ids(files: list[Path]) -> dict[Path, str]:
    """Each file's doc_id: its name, or the shortest ending of its path that no other file of the run shares."""
    ids: dict[Path, str] = {}
    pending, depth = list(files), 1
    while pending:
        # Endings of one depth that occur once are unique; endings of two depths differ in their number of parts.
        counts = Counter(f.parts[-depth:] for f in pending)
        ids.update((f, "/".join(f.parts[-depth:])) for f in pending
                   if counts[f.parts[-depth:]] == 1 or depth >= len(f.parts))
        pending, depth = [f for f in pending if f not in ids], depth + 1
    return ids


def _manifest_rows(found: _Inputs, manifest: Path | None, problems: list[str]) -> dict[Path, dict]:
    """{resolved path of a file: its manifest row}; problems of the rows are added to ``problems``."""
    if manifest is not None:
        try:
            table = read_manifest(manifest)
        except DocumentError as exc:
            raise DocumentError(f"{exc} (the manifest to use)") from exc
        return _match(manifest, table, [f for f, _ in found.files], found.real, problems, every_row=True, by_name=True)
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for f, _ in found.files:
        by_folder[f.parent].append(f)
    given = {Path(os.path.abspath(p)) for p in found.folders}
    meta: dict[Path, dict] = {}
    for folder in sorted({*by_folder, *given}):
        mpath = manifest_path(folder)
        if mpath is None:
            continue
        try:
            table = read_manifest(mpath)
        except DocumentError as exc:
            problems.append(str(exc))
            continue
        # A folder given whole has every row checked; a manifest beside single files only their rows.
        meta.update(_match(mpath, table, by_folder.get(folder, []), found.real, problems, every_row=folder in given))
    return meta


def _match(mpath: Path, table: pd.DataFrame, files: list[Path], real: dict[Path, Path], problems: list[str],
           every_row: bool, by_name: bool = False) -> dict[Path, dict]:
    wanted = {real[f]: f for f in files}
    names: dict[str, list[Path]] = defaultdict(list)
    for f in files:
        names[f.name].append(real[f])
    rows: dict[Path, tuple[int, dict]] = {}
    for line, row in enumerate(table.to_dict("records"), start=2):
        name = row.get("file") or ""
        target = (mpath.parent / name).resolve() if name else None
        if target is not None and target not in wanted and by_name:
            matches = names.get(Path(name).name, [])
            target = matches[0] if len(matches) == 1 else target
        if not (every_row or target in wanted):
            continue
        if target is not None and target in rows:
            first_line, first = rows[target]
            differ = [k for k in _COMPARED_FIELDS if (first.get(k) or "") != (row.get(k) or "")]
            if differ:
                problems.append(f"{mpath}: {name} is listed twice (lines {first_line} and {line}) with different "
                                f"{', '.join(differ)}; line {line} is used")
        if target is not None:
            rows[target] = (line, row)
        problems.extend(_manifest_row_problems(mpath, row, exists=target is not None and (target in wanted or target.exists())))
    return {target: row for target, (_, row) in rows.items() if target in wanted}


def _document_row(doc: Document, meta: dict, n_claims: int, unread: int) -> dict:
    return {"doc_id": doc.doc_id, "district": meta.get("district") or None,
            "published": meta.get("published") or None, "title": meta.get("title") or _first_line(doc.text),
            "source": meta.get("source") or None, "url": meta.get("url") or None,
            "encoding": doc.encoding, "note": doc.note or None, "characters": len(doc.text), "claims": n_claims,
            "unread": unread, "path": str(doc.path) if doc.path else None}


def _first_line(text: str) -> str:
    return next((line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip()), "")


def _manifest_row_problems(mpath: Path, row: dict, exists: bool) -> list[str]:
    out = []
    name = row.get("file") or ""
    if not name:
        out.append(f"{mpath}: a row has no file name")
    elif not exists:
        out.append(f"{mpath}: row for {name}: file not found")
    _, problem = parse_published(row.get("published"))
    if problem:
        out.append(f"{mpath}: row for {name}: {problem}; publication year left unknown")
    district = row.get("district") or ""
    if district:
        from .places import gazetteer

        if gazetteer().canonical_district(district) not in gazetteer().districts:
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
