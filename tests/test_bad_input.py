"""What users will feed the command line: odd encodings, broken files and broken manifests."""
import json
import subprocess
import sys

import pandas as pd
import pytest

from ledger_paths import ROOT, SEEDS

GOOD = "今年以来，金水区分批分类培训党员2.8万人次，1363名各级网格长分包干。\n"


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "extract", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "utf8.txt").write_text(GOOD, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,district,published,title,source,url,note\nutf8.txt,金水区,2022-07,t,,,\n", encoding="utf-8")
    return folder


def _claims(path):
    return pd.read_csv(path, encoding="utf-8-sig")


@pytest.mark.parametrize("name,data,encoding", [
    ("gbk.txt", GOOD.encode("gbk"), "gb18030"),
    ("bom.txt", "\ufeff".encode() + GOOD.encode("utf-8"), "utf-8-sig"),
    ("crlf.txt", GOOD.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
])
def test_encodings_are_read(corpus, tmp_path, name, data, encoding):
    (corpus / name).write_bytes(data)
    result = run_cli(corpus, "-o", tmp_path / "out.csv")
    assert result.returncode == 0, result.stderr
    claims = _claims(tmp_path / "out.csv")
    got = claims[claims["doc_id"] == name]
    assert got["raw"].tolist() == ["2.8万人次", "1363名"]
    from extract.corpus import read_document

    doc = read_document(corpus / name)
    assert doc.encoding == encoding
    assert doc.text[got["start"].iloc[0]:got["end"].iloc[0]] == "2.8万人次"


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("latin1.txt", "Café crème — résumé".encode("cp1252") + b"\x81\x8d\x8f\x90\x9d" * 3, "cannot be decoded"),
])
def test_bad_files_are_skipped_and_named(corpus, tmp_path, name, data, message):
    (corpus / name).write_bytes(data)
    result = run_cli(corpus, "-o", tmp_path / "out.csv")
    assert result.returncode == 1
    assert name in result.stderr and message in result.stderr
    assert "1 skipped" in result.stderr
    assert _claims(tmp_path / "out.csv")["doc_id"].unique().tolist() == ["utf8.txt"]


def test_manifest_naming_a_missing_file_is_reported(corpus, tmp_path):
    with open(corpus / "manifest.csv", "a", encoding="utf-8") as f:
        f.write("gone.txt,金水区,2022,t,,,\n")
    result = run_cli(corpus, "-o", tmp_path / "out.csv")
    assert "gone.txt: file not found" in result.stderr
    assert result.returncode == 0
    assert len(_claims(tmp_path / "out.csv")) == 2


def test_manifest_bad_date_is_reported_and_year_unknown(corpus, tmp_path):
    (corpus / "manifest.csv").write_text(
        "file,district,published,title\nutf8.txt,金水区,22/07/2022,t\n", encoding="utf-8")
    result = run_cli(corpus, "-o", tmp_path / "out.csv")
    assert "bad date '22/07/2022'" in result.stderr
    claims = _claims(tmp_path / "out.csv")
    # 今年以来 needs a publication year: without one the year is unknown and flagged.
    assert claims["year"].isna().all() and (claims["flags"] == "no_year").all()


def test_manifest_unknown_district_is_reported_and_kept(corpus, tmp_path):
    (corpus / "manifest.csv").write_text("file,district,published\nutf8.txt,某某区,2022\n", encoding="utf-8")
    result = run_cli(corpus, "-o", tmp_path / "out.csv")
    assert "某某区" in result.stderr and result.returncode == 0


def test_file_missing_from_manifest_gets_district_from_text(corpus, tmp_path):
    (corpus / "other.txt").write_text("管城回族区新建党群服务中心12个。管城区新增就业500人。", encoding="utf-8")
    result = run_cli(corpus, "-o", tmp_path / "out.csv")
    assert result.returncode == 0
    claims = _claims(tmp_path / "out.csv")
    other = claims[claims["doc_id"] == "other.txt"]
    assert set(other["district"]) == {"管城回族区"} and other["year"].isna().all()


def test_broken_manifest_is_reported_and_documents_still_read(corpus, tmp_path):
    (corpus / "manifest.csv").write_bytes(b"\x00\x01\x02 not a csv")
    result = run_cli(corpus, "-o", tmp_path / "out.csv")
    assert "manifest" in result.stderr
    assert len(_claims(tmp_path / "out.csv")) == 2


def test_html_page_is_read_as_text(corpus, tmp_path):
    html = "<html><body><p>今年以来，金水区培训党员2.8万人次。</p><span>阅读量：1234</span></body></html>"
    (corpus / "page.txt").write_text(html, encoding="utf-8")
    result = run_cli(corpus, "-o", tmp_path / "out.csv")
    claims = _claims(tmp_path / "out.csv")
    assert claims[claims["doc_id"] == "page.txt"]["raw"].tolist() == ["2.8万人次"]
    assert result.returncode == 0


def test_huge_file(corpus, tmp_path):
    (corpus / "huge.txt").write_text(GOOD * 20000, encoding="utf-8")  # about 0.7 million characters
    result = run_cli(corpus, "-o", tmp_path / "out.parquet")
    assert result.returncode == 0, result.stderr
    claims = pd.read_parquet(tmp_path / "out.parquet")
    assert (claims["doc_id"] == "huge.txt").sum() == 40000


def test_missing_path_is_reported(tmp_path):
    result = run_cli(tmp_path / "nowhere", "-o", tmp_path / "out.csv")
    assert result.returncode == 1 and "nowhere" in result.stderr


@pytest.mark.parametrize("args", [[], ["seeds"], ["seeds", "-o", "out.txt"]])
def test_usage_errors_exit_2(args, tmp_path):
    assert run_cli(*args, cwd=ROOT).returncode == 2


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl", ".xlsx"])
def test_output_formats(tmp_path, suffix):
    out = tmp_path / f"claims{suffix}"
    result = run_cli(SEEDS, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "5 documents read, 0 skipped" in result.stderr
    if suffix == ".csv":
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
        n = len(_claims(out))
    elif suffix == ".parquet":
        n = len(pd.read_parquet(out))
    elif suffix == ".jsonl":
        lines = out.read_text(encoding="utf-8").splitlines()
        assert "党员" in lines[0] or any("人次" in line for line in lines)
        n = len([json.loads(line) for line in lines])
    else:
        from openpyxl import load_workbook

        n = load_workbook(out)["Claims"].max_row - 1
    assert n > 200
