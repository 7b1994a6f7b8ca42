"""Parallel, cached and distributed runs give the same table as a serial run."""
import pandas as pd
import pytest

from ledger_paths import SEEDS
from extract import cache as cache_module
from extract import pipeline
from extract.runner import run_corpus, worker_count
from extract.store import read_claims, write_partitioned


@pytest.fixture(scope="module")
def serial():
    return run_corpus(SEEDS, jobs=1)


def _sorted(table):
    return table.sort_values("claim_id").reset_index(drop=True)


def test_parallel_run_is_identical(serial):
    parallel = run_corpus(SEEDS, jobs=2)
    pd.testing.assert_frame_equal(parallel.claims, serial.claims)
    pd.testing.assert_frame_equal(parallel.checks, serial.checks)


def test_cache_skips_unchanged_documents(serial, tmp_path, monkeypatch):
    first = run_corpus(SEEDS, jobs=1, cache_dir=tmp_path)
    calls = []
    real = pipeline.extract_document
    monkeypatch.setattr(pipeline, "extract_document", lambda doc, meta: calls.append(doc.doc_id) or real(doc, meta))
    second = run_corpus(SEEDS, jobs=1, cache_dir=tmp_path)
    assert calls == []
    pd.testing.assert_frame_equal(second.claims, serial.claims)
    pd.testing.assert_frame_equal(first.claims, serial.claims)


def test_parallel_run_with_part_of_the_corpus_cached_is_identical(serial, tmp_path):
    import shutil

    part = tmp_path / "part"
    part.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(path, part / path.name)
    shutil.copy(SEEDS / "manifest.csv", part / "manifest.csv")
    run_corpus(part, jobs=1, cache_dir=tmp_path / "cache")
    mixed = run_corpus(SEEDS, jobs=2, cache_dir=tmp_path / "cache")
    pd.testing.assert_frame_equal(mixed.claims, serial.claims)
    pd.testing.assert_frame_equal(mixed.documents.drop(columns="path"), serial.documents.drop(columns="path"))


def test_changed_rules_or_text_are_extracted_again(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("今年以来，培训党员2.8万人次。", encoding="utf-8")
    run_corpus(corpus, cache_dir=tmp_path / "cache")
    calls = []
    real = pipeline.extract_document
    monkeypatch.setattr(pipeline, "extract_document", lambda doc, meta: calls.append(doc.doc_id) or real(doc, meta))
    (corpus / "a.txt").write_text("今年以来，培训党员3.1万人次。", encoding="utf-8")
    assert run_corpus(corpus, cache_dir=tmp_path / "cache").claims["value"].tolist() == [31000.0]
    monkeypatch.setattr(cache_module, "engine_version", lambda: "another rules version")
    run_corpus(corpus, cache_dir=tmp_path / "cache")
    assert calls == ["a.txt", "a.txt"]


def test_damaged_cache_entry_is_redone(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("培训党员2.8万人次。", encoding="utf-8")
    run_corpus(corpus, cache_dir=tmp_path / "cache")
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_bytes(b"not parquet")
    assert run_corpus(corpus, cache_dir=tmp_path / "cache").claims["value"].tolist() == [28000.0]


@pytest.mark.parametrize("jobs,documents,cores,workers", [
    (0, 24, 2, 2),       # all cores
    (1000, 24, 2, 2),    # never more than the cores
    (1000, 3, 8, 3),     # never more than the documents
    (4, 24, 8, 4),
    (4, 0, 8, 1),
])
def test_worker_count_is_capped(monkeypatch, jobs, documents, cores, workers):
    from extract import runner

    monkeypatch.setattr(runner, "cores", lambda: cores)
    assert worker_count(jobs, documents) == workers


def test_dask_local_cluster_is_identical(serial, tmp_path):
    pytest.importorskip("dask.distributed")
    on_dask = run_corpus(SEEDS, engine="dask")
    pd.testing.assert_frame_equal(on_dask.claims, serial.claims)
    write_partitioned(on_dask.claims, tmp_path / "claims.parquet")
    partitions = [p.name for p in (tmp_path / "claims.parquet").iterdir()]
    assert len(partitions) == serial.claims["district"].nunique() and all(p.startswith("district=") for p in partitions)
    pd.testing.assert_frame_equal(_sorted(read_claims(tmp_path / "claims.parquet")), _sorted(serial.claims))
