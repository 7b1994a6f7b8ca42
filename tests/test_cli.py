"""The command line, the cache and the stored table: formats, the CSV guard, ids, the cache key, start-up."""
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from ledger_paths import ROOT, SEEDS
from extract import pipeline
from extract.cache import ClaimsCache, cache_key
from extract.cli import main
from extract.runner import run_corpus
from extract.store import guard_formulas, load_claims, write_claims

GOOD = "今年以来，金水区分批分类培训党员2.8万人次，1363名各级网格长分包干。\n"


def cli(*args):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, err.getvalue()


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,district,published\na.txt,金水区,2022-07\n", encoding="utf-8")
    return folder


@pytest.fixture
def counted(monkeypatch):
    """The documents the engine extracts (not taken from the cache), by doc_id."""
    calls = []
    real = pipeline.extract_document
    monkeypatch.setattr(pipeline, "extract_document", lambda doc, meta: calls.append(doc.doc_id) or real(doc, meta))
    return calls


# ---------------------------------------------------------------------------------------------
# formats and the CSV guard

@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl", ".xlsx"])
def test_output_formats(tmp_path, suffix):
    out = tmp_path / f"claims{suffix}"
    code, err = cli(SEEDS, "-o", out, "--no-cache", "-j", "1")
    assert code == 0, err
    assert "5 documents read, 0 skipped" in err
    if suffix == ".csv":
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
        n = len(pd.read_csv(out, encoding="utf-8-sig"))
    elif suffix == ".parquet":
        n = len(pd.read_parquet(out))
    elif suffix == ".jsonl":
        lines = out.read_text(encoding="utf-8").splitlines()
        assert any("人次" in line for line in lines)
        n = len([json.loads(line) for line in lines])
    else:
        from openpyxl import load_workbook

        n = load_workbook(out)["Claims"].max_row - 1
    assert n > 200
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)  # an ordinary file, not a private temporary one


@pytest.mark.parametrize("cell,guarded", [
    ('=HYPERLINK("http://x","y")', True), ("+1+1", True), ("-2+3", True), ("@SUM(A1)", True),
    ("\t=1", True), ("\r=1", True), ("-1+cmd|' /C calc'!A0", True), ("-1.8%x", True),
    ("培训党员2.8万人次", False), ("2.8万人次", False), ("", False), ("-1.8", False), ("+5%", False), ("-2,300", False),
])
def test_csv_guard_on_text(cell, guarded):
    table = pd.DataFrame({"text": pd.array([cell], dtype="string"), "object": [cell]})
    out = guard_formulas(table)
    expected = "'" + cell if guarded else cell
    assert out["text"].tolist() == [expected] and out["object"].tolist() == [expected]


def test_csv_guard_leaves_numbers_numbers(tmp_path):
    table = pd.DataFrame({"value": [-2.3, 5.0], "start": [-1, 2], "raw": ["-2.3%", "5个"], "note": [None, "=x"]})
    write_claims(table, tmp_path / "t.csv")
    back = pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig")
    assert back["value"].tolist() == [-2.3, 5.0] and back["start"].tolist() == [-1, 2]
    assert back["raw"].tolist() == ["-2.3%", "5个"] and back["note"].tolist()[1] == "'=x"  # a signed number is data
    write_claims(table, tmp_path / "raw.csv", guard=False)
    assert pd.read_csv(tmp_path / "raw.csv", encoding="utf-8-sig")["raw"].tolist() == ["-2.3%", "5个"]


# ---------------------------------------------------------------------------------------------
# unread numbers and --stats

def test_unread_numbers_are_counted_carried_and_cached(corpus, tmp_path, monkeypatch):
    real = pipeline.extract_document

    def with_unread(doc, meta):
        columns, _ = real(doc, meta)
        return columns, 3

    monkeypatch.setattr(pipeline, "extract_document", with_unread)
    (corpus / "b.txt").write_text("培训党员300名。\n", encoding="utf-8")
    for _ in range(2):  # the second run takes both from the cache
        code, err = cli(corpus, "-o", tmp_path / "out.csv", "--cache", tmp_path / "cache", "-j", "1", "--stats")
        assert code == 0, err
        assert "3 claims, 6 numbers left unread" in err
        lines = [line.split() for line in err.splitlines()]
        assert ["a.txt", "2", "3"] in lines and ["b.txt", "1", "3"] in lines and ["total", "3", "6"] in lines
        monkeypatch.setattr(pipeline, "extract_document", lambda doc, meta: pytest.fail("not from the cache"))
    assert run_corpus(corpus, cache_dir=tmp_path / "cache").documents["unread"].tolist() == [3, 3]


def test_a_doubtful_number_is_left_unread_and_counted(corpus, tmp_path):
    code, err = cli(corpus, "-o", tmp_path / "before.csv", "--no-cache", "-j", "1")
    assert code == 0 and "2 claims, 0 numbers left unread" in err
    (corpus / "b.txt").write_text("全区共有党员1,2345名。\n", encoding="utf-8")  # 1,2345: a separator out of place
    code, err = cli(corpus, "-o", tmp_path / "out.csv", "--no-cache", "-j", "1")
    assert code == 0 and "2 claims, 1 number left unread" in err


# ---------------------------------------------------------------------------------------------
# doc_id and the documents table

def test_doc_id_is_the_file_name_for_one_folder(tmp_path):
    run = run_corpus(SEEDS)
    assert sorted(run.claims["doc_id"].unique()) == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_doc_ids_of_same_named_files_grow_until_they_differ(tmp_path):
    for folder in ("x/seeds", "y/seeds", "z"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "r.txt").write_text("培训党员300名。\n", encoding="utf-8")
    run = run_corpus([tmp_path / "x/seeds", tmp_path / "y/seeds", tmp_path / "z"])
    assert run.documents["doc_id"].tolist() == ["x/seeds/r.txt", "y/seeds/r.txt", "z/r.txt"]
    assert run.claims["claim_id"].is_unique


def test_a_file_given_alone_takes_its_folders_manifest_row(corpus):
    run = run_corpus(corpus / "a.txt")
    assert run.claims["year"].tolist() == [2022, 2022] and not run.problems


def test_html_conversion_is_noted_in_the_documents_table(corpus):
    (corpus / "page.txt").write_text("<html><body><p>培训党员300名。</p><script>x=1</script></body></html>",
                                     encoding="utf-8")
    run = run_corpus(corpus)
    notes = dict(zip(run.documents["doc_id"], run.documents["note"]))
    assert notes["page.txt"] == "converted from HTML" and pd.isna(notes["a.txt"])
    assert any("page.txt: an HTML page" in p for p in run.problems)


# ---------------------------------------------------------------------------------------------
# the cache: keyed on text, manifest row and rules, not on the file's name

def test_a_renamed_or_moved_copy_is_taken_from_the_cache(corpus, tmp_path, counted):
    fresh = run_corpus(corpus, cache_dir=tmp_path / "cache")
    assert counted == ["a.txt"]
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.copy(corpus / "a.txt", moved / "renamed.txt")
    (moved / "manifest.csv").write_text("file,district,published,source\nrenamed.txt,金水区,2022-07,elsewhere\n",
                                        encoding="utf-8")
    copy = run_corpus(moved, cache_dir=tmp_path / "cache")
    assert counted == ["a.txt"]
    extracted = run_corpus(moved)  # no cache: what the engine gives the new name
    pd.testing.assert_frame_equal(copy.claims, extracted.claims)
    assert copy.claims["doc_id"].unique().tolist() == ["renamed.txt"]
    assert not set(copy.claims["claim_id"]) & set(fresh.claims["claim_id"])


def test_a_changed_manifest_row_is_extracted_again(corpus, tmp_path, counted):
    run_corpus(corpus, cache_dir=tmp_path / "cache")
    (corpus / "manifest.csv").write_text("file,district,published\na.txt,金水区,2021-07\n", encoding="utf-8")
    assert run_corpus(corpus, cache_dir=tmp_path / "cache").claims["year"].tolist() == [2021, 2021]
    assert counted == ["a.txt", "a.txt"]


def test_the_cache_key_leaves_out_name_and_unread_fields():
    meta = {"district": "金水区", "published": "2022", "title": "t"}
    assert cache_key(GOOD, meta) == cache_key(GOOD, {**meta, "file": "b.txt", "source": "s", "note": "n"})
    assert cache_key(GOOD, meta) != cache_key(GOOD, {**meta, "title": "u"})
    assert cache_key(GOOD, meta) != cache_key(GOOD + " ", meta)


def test_a_cache_entry_gives_back_the_same_table(tmp_path):
    claims = pipeline.extract_text(GOOD, doc_id="a.txt", district="金水区", published="2022-07")
    cache = ClaimsCache(tmp_path)
    cache.put("k" * 64, claims, "a.txt", unread=2)
    entry = cache.get("k" * 64)
    assert entry.unread == 2 and entry.doc_id == "a.txt"
    from extract.schema import conform

    pd.testing.assert_frame_equal(conform(pd.DataFrame(entry.columns)), claims)
    assert [p.suffix for p in tmp_path.rglob("*") if p.is_file()] == [".json"]


def test_a_cache_that_fills_up_warns_once_and_the_run_goes_on(corpus, tmp_path, monkeypatch):
    (corpus / "b.txt").write_text(GOOD, encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ClaimsCache, "put", full)
    run = run_corpus(corpus, cache_dir=tmp_path / "cache")
    assert len(run.claims) == 4
    assert sum("No space left on device" in p for p in run.problems) == 1


# ---------------------------------------------------------------------------------------------
# the stored table

def test_load_claims_rebuilds_a_damaged_table_and_survives_an_unwritable_one(corpus, tmp_path, capsys):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    table = load_claims(blocker / "claims.parquet", corpus)
    assert table["raw"].tolist() == ["2.8万人次", "1363名"]
    assert "cannot be written" in capsys.readouterr().err
    only = load_claims(blocker / "claims.parquet", corpus, columns=["raw"], filters=[("value", ">", 2000)])
    assert only["raw"].tolist() == ["2.8万人次"]


def test_a_damaged_partitioned_table_is_rebuilt_as_a_file(corpus, tmp_path, capsys):
    stored = tmp_path / "claims.parquet"
    stored.write_bytes(b"garbage")
    os.utime(stored, (2_000_000_000, 2_000_000_000))
    assert len(load_claims(stored, corpus)) == 2
    assert "rebuilt" in capsys.readouterr().err and len(pd.read_parquet(stored)) == 2


# ---------------------------------------------------------------------------------------------
# start-up: a run imports what it needs

def test_a_run_from_the_cache_loads_neither_segmenter_nor_excel_nor_dask(corpus, tmp_path):
    probe = (
        "import sys\n"
        "from extract.cli import main\n"
        f"assert main([{str(corpus)!r}, '-o', {str(tmp_path / 'out.csv')!r}, '--cache', {str(tmp_path / 'c')!r}, '-q']) == 0\n"
        "print(' '.join(sorted(m for m in ('jieba', 'rjieba', 'openpyxl', 'dask', 'pyarrow.parquet',"
        " 'extract.pipeline') if m in sys.modules)))\n"
    )
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    loaded = first.stdout.split()
    assert "extract.pipeline" in loaded and {"jieba", "rjieba"} & set(loaded)  # extracted once, into the cache
    assert not {"openpyxl", "dask", "pyarrow.parquet"} & set(loaded)
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert second.returncode == 0, second.stderr
    assert second.stdout.split() == []


def test_importing_the_package_loads_nothing_heavy():
    probe = "import sys, extract; print(' '.join(m for m in ('pandas', 'jieba', 'rjieba') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.split() == []
    probe = "from extract import extract_text, extract_corpus, load_claims; print(extract_text.__module__)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT).stdout.strip() == "extract.pipeline"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not bind the superuser")
def test_a_read_only_output_folder_is_exit_3(corpus, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        code, err = cli(corpus, "-o", locked / "claims.csv", "--no-cache", "-j", "1")
    finally:
        locked.chmod(0o755)
    assert code == 3 and "cannot write" in err and str(locked) in err and "Traceback" not in err
    assert list(locked.iterdir()) == []
