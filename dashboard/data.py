"""Cached loading of what the pages show: the claims table, the reports, a report's text.

Everything is read through the engine's public API and cached, keyed by the paths and a signature of
the corpus folder, so a file added or changed outside the app shows up on the next rerun. The claims
table itself is a shared, read-only ``st.cache_resource``: ``st.cache_data`` would copy it on every
rerun, which costs over a second at a million claims (pandas' copy-on-write keeps the pages from
changing it). What is derived from it is ``st.cache_data``. Filtering happens outside the cache
(``dashboard.filters``).

Paths: ``LEDGER_DATA`` (the parquet table) and ``LEDGER_CORPUS`` (the corpus folder) override the
project's ``data/claims.parquet`` and ``seeds/``.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.filters import FACETS, Filters, facet_values
from dashboard.filters import facet_counts as count_facets
from extract.checks import run_checks
from extract import extract_text, load_claims
from extract.corpus import DocumentError, read_document, read_manifest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT_COLUMNS = ["file", "district", "published", "title", "source", "url", "note", "claims"]


def corpus_dir() -> Path:
    """The corpus folder the table is built from."""
    return Path(os.environ.get("LEDGER_CORPUS") or ROOT / "seeds")


def data_path() -> Path:
    """The parquet file holding the claims table."""
    return Path(os.environ.get("LEDGER_DATA") or ROOT / "data" / "claims.parquet")


def corpus_signature(folder: Path | None = None) -> tuple[int, ...]:
    """What the table depends on, cheaply: files, newest mtime and size of the corpus and of the
    engine's rules (extract/rules/), and the parquet's mtime (a rebuild from the command line)."""
    out: list[int] = []
    for place in (folder or corpus_dir(), ROOT / "extract" / "rules"):
        count = newest = size = 0
        try:
            entries = list(os.scandir(place))
        except OSError:
            entries = []
        for entry in entries:
            if entry.is_file() and not entry.name.startswith("."):
                info = entry.stat()
                count, newest, size = count + 1, max(newest, info.st_mtime_ns), size + info.st_size
        out += [count, newest, size]
    try:
        out.append(data_path().stat().st_mtime_ns)
    except OSError:
        out.append(0)
    return tuple(out)


def claims() -> pd.DataFrame:
    """The claims table (the engine's schema), rebuilt by the engine when the corpus changed."""
    return _claims(str(data_path()), str(corpus_dir()), corpus_signature())


def checks() -> pd.DataFrame:
    """The checks table (findings of extract.checks.run_checks) over the whole claims table."""
    return _checks(str(data_path()), str(corpus_dir()), corpus_signature())


def checks_for(view: pd.DataFrame) -> pd.DataFrame:
    """The findings that involve at least one claim of ``view``."""
    table = checks()
    if table.empty or view.empty:
        return table.iloc[0:0]
    shown = set(view["claim_id"].dropna())
    involved = table["claim_ids"].fillna("").str.split(";").map(lambda ids: bool(shown.intersection(ids)))
    return table[involved]


def documents() -> pd.DataFrame:
    """One row per report: the manifest's fields and the number of claims.

    Reports missing from the manifest but present in the table are listed too (their fields empty).
    """
    return _documents(str(data_path()), str(corpus_dir()), corpus_signature())


def titles() -> dict[str, str]:
    """{doc_id: title} of every report with a title (shared, read-only)."""
    return _titles(str(data_path()), str(corpus_dir()), corpus_signature())


def document(doc_id: str) -> tuple[str, str]:
    """(text, encoding) of a report, as the engine reads it; raises DocumentError when unreadable.

    The error names the report by its ``doc_id``, never by its path on the server.
    """
    path = corpus_dir() / doc_id
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise DocumentError(f"{doc_id}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    try:
        return _document(str(path), stamp)
    except DocumentError as exc:
        raise DocumentError(str(exc).replace(str(path), str(doc_id)).replace(str(corpus_dir()), "")) from None


def facets() -> dict[str, list[tuple[str, int]]]:
    """For each filter facet, its values and counts over the whole table."""
    return _facets(str(data_path()), str(corpus_dir()), corpus_signature())


def facet_counts(chosen: Filters) -> dict[str, list[tuple[str, int]]]:
    """For each facet, its values and counts within the selection ``chosen`` (``filters.facet_counts``)."""
    if chosen.is_empty():
        return facets()
    return _facet_counts(str(data_path()), str(corpus_dir()), corpus_signature(), chosen)


@st.cache_data(show_spinner=False, max_entries=16)
def preview(text: str, doc_id: str, district: str | None, published: str | None) -> pd.DataFrame:
    """The claims a new report would yield (nothing is saved)."""
    return extract_text(text, doc_id=doc_id, district=district or None, published=published or None)


def extracted_at() -> dt.datetime | None:
    """When the table was last built (the parquet's modification time)."""
    try:
        return dt.datetime.fromtimestamp(data_path().stat().st_mtime).replace(microsecond=0)
    except OSError:
        return None


def rebuild() -> pd.DataFrame:
    """Rebuild the table from the corpus and forget every cached result."""
    table = load_claims(data_path(), corpus_dir(), rebuild=True)
    st.cache_data.clear()
    st.cache_resource.clear()
    return table


@st.cache_resource(show_spinner=False, max_entries=4)
def _claims(data: str, corpus: str, signature: tuple[int, ...]) -> pd.DataFrame:
    return load_claims(Path(data), Path(corpus))


@st.cache_data(show_spinner=False, max_entries=4)
def _checks(data: str, corpus: str, signature: tuple[int, ...]) -> pd.DataFrame:
    return run_checks(_claims(data, corpus, signature))[1]


@st.cache_data(show_spinner=False, max_entries=4)
def _documents(data: str, corpus: str, signature: tuple[int, ...]) -> pd.DataFrame:
    try:
        manifest = read_manifest(Path(corpus))
    except DocumentError:
        manifest = pd.DataFrame(columns=DOCUMENT_COLUMNS[:-1], dtype="string")
    table = _claims(data, corpus, signature)
    counts = table["doc_id"].value_counts()
    known = set(manifest["file"])
    extra = [d for d in counts.index if d not in known]
    if extra:
        manifest = pd.concat([manifest, pd.DataFrame({"file": extra}, dtype="string")], ignore_index=True)
    manifest = manifest.reindex(columns=DOCUMENT_COLUMNS[:-1]).fillna("").astype("string")
    manifest["claims"] = manifest["file"].map(counts).fillna(0).astype("int64")
    return manifest.reset_index(drop=True)


@st.cache_resource(show_spinner=False, max_entries=4)
def _titles(data: str, corpus: str, signature: tuple[int, ...]) -> dict[str, str]:
    docs = _documents(data, corpus, signature)
    return {f: t for f, t in zip(docs["file"], docs["title"]) if t}


@st.cache_data(show_spinner=False, max_entries=4)
def _facets(data: str, corpus: str, signature: tuple[int, ...]) -> dict[str, list[tuple[str, int]]]:
    table = _claims(data, corpus, signature)
    return {facet: facet_values(table, facet) for facet in FACETS}


@st.cache_data(show_spinner=False, max_entries=64)
def _facet_counts(data: str, corpus: str, signature: tuple[int, ...],
                  chosen: Filters) -> dict[str, list[tuple[str, int]]]:
    return count_facets(_claims(data, corpus, signature), chosen)


@st.cache_data(show_spinner=False, max_entries=64)
def _document(path: str, stamp: int) -> tuple[str, str]:
    doc = read_document(Path(path))
    return doc.text, doc.encoding
