"""What users will feed the command line, as one table: the case, the input, and what must come out.

Every case runs the command line (in this process, so the engine loads once) on a small corpus made for
it: ``corpus/utf8.txt``, a good report with its ``manifest.csv`` row, plus whatever the case adds. The
output path holds a previous run's file before each case, so a run that must not write can be seen to
have kept it. Run this file as a script to tally the table: cases tried, held, failed, and failed with
data lost (good claims missing or wrong in the output, or a previous output destroyed).
"""
from __future__ import annotations

import contextlib
import csv
import errno
import io
import multiprocessing
import os
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from unittest import mock

import pandas as pd
import pytest

from ledger_paths import SEEDS

GOOD = "今年以来，金水区分批分类培训党员2.8万人次，1363名各级网格长分包干。\n"
RAWS = ["2.8万人次", "1363名"]
MANIFEST = "file,district,published,title,source,url,note\nutf8.txt,金水区,2022-07,t,,,\n"
PREVIOUS = "a previous run's output\n"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# ---------------------------------------------------------------------------------------------
# the vocabulary of the table

@dataclass(frozen=True)
class Exit:
    """What a run must end with.

    ``claims``: the output holds exactly these documents, each with exactly these raw numbers, in order;
    ``where``: every claim of a document has these column values; ``offsets``: for these documents,
    ``start``/``end`` cut ``raw`` out of the text as read; ``output``: "written", or "kept" (the previous
    file untouched); ``check``: any other test of the output file, returning a problem or None.
    """

    code: int
    stderr: tuple[str, ...] = ()
    claims: dict[str, list[str]] | None = None
    where: dict[str, dict] = field(default_factory=dict)
    offsets: tuple[str, ...] = ()
    output: str = "written"
    once: tuple[str, ...] = ()  # fragments that must appear on stderr exactly once
    check: Callable[[Path], str | None] | None = None
    check_is_data: bool = True  # a problem ``check`` finds is data lost or wrong


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[Path], None] = lambda tmp: None
    args: tuple[str, ...] = ("{corpus}", "-o", "{out}")
    expect: Exit = Exit(0)
    out: str = "out/claims.csv"
    run: Callable[[Path, "Case"], "Result"] | None = None  # a run that is not one plain CLI call

    def __str__(self) -> str:
        return self.name


@dataclass
class Result:
    code: int
    stderr: str
    out: Path


def GOOD_ONLY(code=0, *stderr, **more) -> Exit:
    return Exit(code, tuple(stderr), claims={"utf8.txt": RAWS}, **more)


# ---------------------------------------------------------------------------------------------
# inputs

def write(tmp: Path, rel: str, data: str | bytes, encoding: str = "utf-8") -> Path:
    path = tmp / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def adds(rel: str, data: str | bytes, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda tmp: write(tmp, rel, data, encoding) and None


def manifest(text: str, rel: str = "corpus/manifest.csv") -> Callable[[Path], None]:
    return adds(rel, text)


def both(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup(tmp: Path) -> None:
        for step in steps:
            step(tmp)
    return setup


HTML_PAGE = """<!DOCTYPE html>
<html><head><title>金水区党建工作综述</title>
<style>p { margin: 12px; }</style>
<script>var views = "阅读量3万人次"; document.write("<p>" + views + "</p>");</script>
</head><body><div class="nav"><a href="/">首页</a></div>
<p>今年以来，金水区分批分类培训党员2.8万人次。</p>
<p>1363名各级网格长<b>分包干</b>。</p></body></html>
"""
INJECTION = ('=HYPERLINK("http://example.com","详情")培训党员300名。\n+1+1后新增党员20名。\n'
             "-2+3个项目落地，新建驿站12个。\n@SUM(A1)统计社区45个。\n")


def _csv_cells(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [cell for row in csv.reader(f) for cell in row]


def guarded(path: Path) -> str | None:
    bad = [c for c in _csv_cells(path) if c.startswith(FORMULA_START)]
    quoted = [c for c in _csv_cells(path) if c.startswith("'=")]
    if bad:
        return f"cells a spreadsheet would run: {bad[:3]}"
    return None if quoted else "no guarded cell found"


def no_markup(path: Path) -> str | None:
    table = pd.read_csv(path, encoding="utf-8-sig")
    sentences = table.loc[table["doc_id"] == "page.txt", "sentence"].tolist()
    tagged = [s for s in sentences if "<" in s or "views" in s]
    return f"markup in sentences: {tagged[:2]}" if tagged else None


def raw_text(path: Path) -> str | None:
    cells = _csv_cells(path)
    return None if any(c.startswith('=HYPERLINK') for c in cells) else "the raw text was changed"


# ---------------------------------------------------------------------------------------------
# runs that are more than one command line

def run_with_many_jobs(tmp: Path, case: Case) -> Result:
    """-j 1000 on three reports and a two-core machine: the pool must not be larger than either."""
    import extract.runner as runner

    sizes = []
    real = runner.ProcessPoolExecutor

    def recording(*args, **kwargs):
        sizes.append(kwargs.get("max_workers", args[0] if args else None))
        return real(*args, **kwargs)

    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch("os.cpu_count", return_value=2))
        if hasattr(os, "sched_getaffinity"):
            stack.enter_context(mock.patch("os.sched_getaffinity", return_value={0, 1}))
        stack.enter_context(mock.patch.object(runner, "ProcessPoolExecutor", recording))
        result = run_cli(tmp, case, ["{corpus}", "-o", "{out}", "-j", "1000", "--no-cache", "-q"])
    if sizes and max(sizes) > 2:
        result.code = -1
        result.stderr += f"\n(a pool of {max(sizes)} processes was started)"
    return result


def run_with_full_disk(tmp: Path, case: Case) -> Result:
    """The disk fills up while the table is written."""
    real = pd.DataFrame.to_csv

    def full(self, path_or_buf=None, *args, **kwargs):
        if path_or_buf is not None and not isinstance(path_or_buf, (str, os.PathLike)):
            path_or_buf.write("claim_id,doc_id\n" if "b" not in getattr(path_or_buf, "mode", "") else b"claim_id\n")
        elif path_or_buf is not None:
            Path(path_or_buf).write_text("claim_id,doc_id\n")
        raise OSError(errno.ENOSPC, "No space left on device")

    with mock.patch.object(pd.DataFrame, "to_csv", full):
        result = run_cli(tmp, case, list(case.args))
    assert real is pd.DataFrame.to_csv
    return result


def _write_many(out: str, n: int, rounds: int) -> None:
    from extract.store import write_claims

    table = pd.DataFrame({"writer": [n] * (2000 * (n + 1)), "text": ["培训党员2.8万人次"] * (2000 * (n + 1))})
    for _ in range(rounds):
        write_claims(table, out)


def run_racing_writers(tmp: Path, case: Case) -> Result:
    """Four runs write the same output at once, twenty times each."""
    out = tmp / case.out
    context = multiprocessing.get_context("fork")
    procs = [context.Process(target=_write_many, args=(str(out), n, 20)) for n in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    failed = [p.exitcode for p in procs if p.exitcode]
    return Result(failed[0] if failed else 0, f"{len(failed)} of 4 writers failed" if failed else "", out)


def one_whole_table(out: Path) -> str | None:
    try:
        table = pd.read_csv(out, encoding="utf-8-sig")
    except Exception as exc:  # noqa: BLE001 - any failure to read back is the finding
        return f"the output cannot be read back: {exc}"
    writers = set(table["writer"])
    if len(writers) != 1 or len(table) != 2000 * (writers.pop() + 1):
        return "the output mixes runs or is cut short"
    return None


def run_load_claims_on_corrupt_table(tmp: Path, case: Case) -> Result:
    """data/claims.parquet is damaged and newer than the corpus: load_claims must rebuild it."""
    from extract import load_claims

    stored = tmp / "data" / "claims.parquet"
    stored.parent.mkdir()
    stored.write_bytes(b"PAR1 this is not a parquet file")
    later = os.stat(tmp / "corpus" / "utf8.txt").st_mtime + 3600
    os.utime(stored, (later, later))
    err = io.StringIO()
    code = 0
    with contextlib.redirect_stderr(err):
        try:
            table = load_claims(stored, tmp / "corpus")
        except Exception:  # noqa: BLE001
            traceback.print_exc()
            code = 1
        else:
            out = tmp / case.out
            table.to_csv(out, index=False, encoding="utf-8-sig")
            if pd.read_parquet(stored).shape != table.shape:
                print("the stored table was not rebuilt", file=sys.stderr)
                code = -1
    return Result(code, err.getvalue(), tmp / case.out)


# ---------------------------------------------------------------------------------------------
# the table

CASES = [
    # Encodings and kinds of file
    Case("a GBK report is read, offsets exact", adds("corpus/gbk.txt", GOOD, "gbk"),
         expect=Exit(0, claims={"gbk.txt": RAWS, "utf8.txt": RAWS}, offsets=("gbk.txt",))),
    Case("UTF-8 with a BOM is read, offsets exact", adds("corpus/bom.txt", "\ufeff" + GOOD),
         expect=Exit(0, claims={"bom.txt": RAWS, "utf8.txt": RAWS}, offsets=("bom.txt",))),
    Case("CRLF line ends are read, offsets exact", adds("corpus/crlf.txt", GOOD.replace("\n", "\r\n")),
         expect=Exit(0, claims={"crlf.txt": RAWS, "utf8.txt": RAWS}, offsets=("crlf.txt",))),
    Case("UTF-16 LE with a BOM (Notepad's 'Unicode') is read", adds("corpus/u16.txt", "\ufeff" + GOOD, "utf-16-le"),
         expect=Exit(0, claims={"u16.txt": RAWS, "utf8.txt": RAWS}, offsets=("u16.txt",))),
    Case("UTF-16 BE with a BOM is read", adds("corpus/u16be.txt", "\ufeff" + GOOD, "utf-16-be"),
         expect=Exit(0, claims={"u16be.txt": RAWS, "utf8.txt": RAWS}, offsets=("u16be.txt",))),
    Case("UTF-16 LE without a BOM is read", adds("corpus/u16.txt", GOOD * 3, "utf-16-le"),
         expect=Exit(0, claims={"u16.txt": RAWS * 3, "utf8.txt": RAWS}, offsets=("u16.txt",))),
    Case("two control characters do not make a report binary",
         adds("corpus/ctl.txt", GOOD.replace("，1363", "，\x07\x1b1363")),
         expect=Exit(0, claims={"ctl.txt": RAWS, "utf8.txt": RAWS}, offsets=("ctl.txt",))),
    Case("a report named x.TXT is read", adds("corpus/x.TXT", GOOD),
         expect=Exit(0, claims={"utf8.txt": RAWS, "x.TXT": RAWS})),
    Case("an HTML page saved as .txt: its text is read, scripts and tags dropped, and said so",
         adds("corpus/page.txt", HTML_PAGE),
         expect=Exit(0, ("page.txt", "HTML"), claims={"page.txt": RAWS, "utf8.txt": RAWS}, offsets=("page.txt",),
                     check=no_markup)),
    Case("an empty file is skipped and named", adds("corpus/empty.txt", b""),
         expect=GOOD_ONLY(1, "empty.txt", "empty file", "1 skipped")),
    Case("a file of blanks is skipped and named", adds("corpus/blank.txt", b"  \n\n "),
         expect=GOOD_ONLY(1, "blank.txt", "empty file", "1 skipped")),
    Case("a binary file is skipped and named", adds("corpus/binary.txt", bytes(range(256)) * 4),
         expect=GOOD_ONLY(1, "binary.txt", "binary", "1 skipped")),
    Case("a file of NUL bytes is skipped as binary", adds("corpus/zeros.txt", b"\x00" * 4000),
         expect=GOOD_ONLY(1, "zeros.txt", "binary", "1 skipped")),
    Case("an undecodable file is skipped and named",
         adds("corpus/latin1.txt", "Café crème — résumé".encode("cp1252") + b"\x81\x8d\x8f\x90\x9d" * 3),
         expect=GOOD_ONLY(1, "latin1.txt", "cannot be decoded", "1 skipped")),
    Case("a huge report is read whole", adds("corpus/huge.txt", GOOD * 20000), out="out/claims.parquet",
         expect=Exit(0, check=lambda out: None if (pd.read_parquet(out)["doc_id"] == "huge.txt").sum() == 40000
                     else "claims of the huge report are missing")),

    # The manifest
    Case("a manifest row naming a missing file is reported", manifest(MANIFEST + "gone.txt,金水区,2022,t,,,\n"),
         expect=GOOD_ONLY(0, "gone.txt: file not found", where={"utf8.txt": {"year": 2022}})),
    Case("a bad date is reported and the year left unknown",
         manifest("file,district,published,title\nutf8.txt,金水区,22/07/2022,t\n"),
         expect=GOOD_ONLY(0, "bad date '22/07/2022'", where={"utf8.txt": {"year": None, "flags": "no_year"}})),
    Case("an impossible date 2021-02-31 is reported", manifest("file,district,published\nutf8.txt,金水区,2021-02-31\n"),
         expect=GOOD_ONLY(0, "bad date '2021-02-31'", where={"utf8.txt": {"year": None}})),
    Case("an impossible date 2023-02-30 is reported", manifest("file,district,published\nutf8.txt,金水区,2023-02-30\n"),
         expect=GOOD_ONLY(0, "bad date '2023-02-30'", where={"utf8.txt": {"year": None}})),
    Case("a leap day 2024-02-29 is a date", manifest("file,district,published\nutf8.txt,金水区,2024-02-29\n"),
         expect=GOOD_ONLY(0, where={"utf8.txt": {"year": 2024}})),
    Case("an unknown district is reported and kept", manifest("file,district,published\nutf8.txt,某某区,2022\n"),
         expect=GOOD_ONLY(0, "某某区")),
    Case("a report missing from the manifest gets its district from the text",
         adds("corpus/other.txt", "管城回族区新建党群服务中心12个。管城区新增就业500人。"),
         expect=Exit(0, claims={"other.txt": ["12个", "500人"], "utf8.txt": RAWS},
                     where={"other.txt": {"district": "管城回族区", "year": None}})),
    Case("a broken manifest is reported and the reports still read", manifest(b"\x00\x01\x02 not a csv".decode()),
         expect=GOOD_ONLY(0, "manifest")),
    Case("a manifest header with spaces is read", manifest(" file , district , published \nutf8.txt,金水区,2022-07\n"),
         expect=GOOD_ONLY(0, where={"utf8.txt": {"year": 2022, "flags": ""}})),
    Case("a file listed twice with different values is reported",
         manifest(MANIFEST + "utf8.txt,金水区,2019-07,t,,,\n"),
         expect=GOOD_ONLY(0, "utf8.txt", "listed twice", where={"utf8.txt": {"year": 2019}})),
    Case("--manifest names a missing file", args=("{corpus}", "-o", "{out}", "--manifest", "{tmp}/nothere.csv"),
         expect=Exit(2, ("nothere.csv", "no such file"), output="kept")),
    Case("--manifest names a file that is not a manifest", adds("elsewhere/m.csv", b"\x00\x01 not a csv"),
         args=("{corpus}", "-o", "{out}", "--manifest", "{tmp}/elsewhere/m.csv"),
         expect=Exit(2, ("m.csv", "manifest"), output="kept")),
    Case("a manifest named MANIFEST.CSV is read",
         lambda tmp: (tmp / "corpus" / "manifest.csv").rename(tmp / "corpus" / "MANIFEST.CSV"),
         expect=GOOD_ONLY(0, where={"utf8.txt": {"year": 2022}})),
    Case("a report given by itself takes its row from the manifest beside it", args=("{corpus}/utf8.txt", "-o", "{out}"),
         expect=GOOD_ONLY(0, where={"utf8.txt": {"year": 2022, "district": "金水区"}})),
    Case("--manifest in another folder is used",
         manifest("file,district,published\nutf8.txt,金水区,2021-05\n", "elsewhere/m.csv"),
         args=("{corpus}", "-o", "{out}", "--manifest", "{tmp}/elsewhere/m.csv"),
         expect=GOOD_ONLY(0, where={"utf8.txt": {"year": 2021}})),

    # Inputs named on the command line
    Case("a mistyped input path", args=("{tmp}/sedes", "-o", "{out}"),
         expect=Exit(2, ("sedes", "no such file"), output="kept")),
    Case("a folder without reports", lambda tmp: (tmp / "void").mkdir(), args=("{tmp}/void", "-o", "{out}"),
         expect=Exit(2, ("void", "no report"), output="kept")),
    Case("one of two paths mistyped: the other is read", args=("{corpus}", "{tmp}/sedes", "-o", "{out}"),
         expect=GOOD_ONLY(1, "sedes")),
    Case("the same file name in two folders: two documents, each with its own manifest row",
         both(adds("a/x.txt", "今年以来，培训党员2.8万人次。\n"), adds("b/x.txt", "今年以来，培训党员2.8万人次。\n"),
              manifest("file,district,published\nx.txt,金水区,2021\n", "a/manifest.csv"),
              manifest("file,district,published\nx.txt,中原区,2022\n", "b/manifest.csv")),
         args=("{tmp}/a", "{tmp}/b", "-o", "{out}"),
         expect=Exit(0, claims={"a/x.txt": ["2.8万人次"], "b/x.txt": ["2.8万人次"]},
                     where={"a/x.txt": {"district": "金水区", "year": 2021},
                            "b/x.txt": {"district": "中原区", "year": 2022}})),
    Case("the same file given twice is read once, with a warning", args=("{corpus}", "{corpus}/utf8.txt", "-o", "{out}"),
         expect=GOOD_ONLY(0, "given twice", where={"utf8.txt": {"year": 2022}})),
    Case("-j 1000 starts no more processes than reports and cores",
         both(adds("corpus/b.txt", GOOD), adds("corpus/c.txt", GOOD)), run=run_with_many_jobs,
         expect=Exit(0, claims={"b.txt": RAWS, "c.txt": RAWS, "utf8.txt": RAWS})),

    # The output
    Case("CSV cells a spreadsheet would run as formulas are guarded", adds("corpus/inject.txt", INJECTION),
         expect=Exit(0, check=guarded, check_is_data=False)),
    Case("--raw-csv writes the text as it is", adds("corpus/inject.txt", INJECTION),
         args=("{corpus}", "-o", "{out}", "--raw-csv"), expect=Exit(0, check=raw_text, check_is_data=False)),
    Case("the output's folder is a file", adds("out/blocker", "x"), out="out/blocker/claims.csv",
         expect=Exit(3, ("cannot write", "blocker"))),
    Case("the output is a folder", lambda tmp: (tmp / "out" / "claims.csv").mkdir(parents=True),
         expect=Exit(3, ("cannot write", "claims.csv"))),
    Case("the disk fills up while the output is written", run=run_with_full_disk,
         expect=Exit(3, ("cannot write", "claims.csv", "No space left"), output="kept")),
    Case("two runs write the same output at once", run=run_racing_writers, expect=Exit(0, check=one_whole_table)),
    Case("the cache folder cannot be written: one warning, the run goes on", adds("blocked", "x"),
         args=("{corpus}", "-o", "{out}", "--cache", "{tmp}/blocked/cache"),
         expect=GOOD_ONLY(0, once=("blocked",))),
    Case("a damaged stored table newer than the corpus is rebuilt by load_claims",
         run=run_load_claims_on_corrupt_table, expect=GOOD_ONLY(0, "claims.parquet", "rebuilt")),

    # Usage
    Case("no arguments", args=(), expect=Exit(2, output="kept")),
    Case("no output named", args=("{corpus}",), expect=Exit(2, output="kept")),
    Case("an unknown output format", args=("{corpus}", "-o", "{tmp}/out/claims.txt"), expect=Exit(2, output="kept")),
]


# ---------------------------------------------------------------------------------------------
# running a case and judging its outcome

def prepare(tmp: Path, case: Case) -> None:
    write(tmp, "corpus/utf8.txt", GOOD)
    write(tmp, "corpus/manifest.csv", MANIFEST)
    case.setup(tmp)
    if not (tmp / case.out).exists():
        with contextlib.suppress(OSError):  # the output's folder may be a file, on purpose
            write(tmp, case.out, PREVIOUS)


def run_cli(tmp: Path, case: Case, args: list[str]) -> Result:
    from extract.cli import main

    argv = [a.format(corpus=tmp / "corpus", out=tmp / case.out, tmp=tmp) for a in args]
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except Exception:  # noqa: BLE001 - an uncaught error is what Python would print, exit 1
            traceback.print_exc()
            code = 1
    return Result(code, err.getvalue(), tmp / case.out)


def plain_run(tmp: Path, case: Case) -> Result:
    args = list(case.args)
    if args and "-o" in args:
        args += ["-q", "-j", "1"] + ([] if "--cache" in args else ["--no-cache"])
    return run_cli(tmp, case, args)


def judge(tmp: Path, case: Case, result: Result) -> list[tuple[str, str]]:
    """The problems with a run, each as (kind, text); kind "data" is good data lost or wrong."""
    exp, problems = case.expect, []
    if result.code != exp.code:
        problems.append(("exit", f"exit {result.code}, expected {exp.code}"))
    for fragment in exp.stderr:
        if fragment not in result.stderr:
            problems.append(("message", f"stderr lacks {fragment!r}"))
    for fragment in exp.once:
        if result.stderr.count(fragment) != 1:
            problems.append(("message", f"stderr names {fragment!r} {result.stderr.count(fragment)} times, not once"))
    if exp.code != 1 and "Traceback" in result.stderr:
        problems.append(("message", "a raw traceback"))
    out = result.out
    left = [p.name for p in out.parent.glob("*.tmp")] if out.parent.is_dir() else []
    if left:
        problems.append(("data", f"temporary files left: {left}"))
    previous = out.is_file() and out.read_bytes() == PREVIOUS.encode()
    if exp.output == "kept":
        if out.exists() and not previous and not out.is_dir():
            problems.append(("data", "the previous output was replaced"))
        return problems
    if exp.claims is None and exp.check is None:
        return problems
    if not out.is_file() or previous:
        return problems + [("data" if exp.claims or exp.check_is_data else "output", "no output written")]
    if exp.check:
        problem = exp.check(out)
        if problem:
            problems.append(("data" if exp.check_is_data else "output", problem))
    if exp.claims is None:
        return problems
    table = pd.read_parquet(out) if out.suffix == ".parquet" else pd.read_csv(
        out, encoding="utf-8-sig", keep_default_na=False, na_values=[""], dtype={"flags": str})
    got = {doc: group["raw"].tolist() for doc, group in table.groupby("doc_id", sort=False)}
    if got != exp.claims:
        problems.append(("data", f"claims {got}, expected {exp.claims}"))
    for doc, values in exp.where.items():
        rows = table[table["doc_id"] == doc]
        for column, value in values.items():
            seen = set(rows[column].map(lambda v: None if pd.isna(v) else v))
            wanted = {"" if column == "flags" and value == "" else value}
            if column == "flags" and value == "":
                seen = {"" if v is None else v for v in seen}
            if rows.empty or seen != wanted:
                problems.append(("data", f"{doc}: {column} {sorted(seen, key=str)}, expected {value!r}"))
    for doc in exp.offsets:
        from extract.corpus import read_document

        rows = table[table["doc_id"] == doc]
        if rows.empty:
            continue  # already reported as claims missing
        text = read_document(tmp / "corpus" / doc).text
        cut = [text[s:e] for s, e in zip(rows["start"], rows["end"])]
        if cut != rows["raw"].tolist():
            problems.append(("data", f"{doc}: offsets cut {cut}"))
    return problems


def attempt(tmp: Path, case: Case) -> list[tuple[str, str]]:
    prepare(tmp, case)
    result = (case.run or plain_run)(tmp, case)
    return judge(tmp, case, result)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input(case, tmp_path):
    problems = attempt(tmp_path, case)
    assert not problems, "\n".join(f"{kind}: {text}" for kind, text in problems)


def test_the_command_runs_as_a_module(tmp_path):
    """One run through ``python -m extract`` itself: exit status and summary line."""
    import subprocess

    out = tmp_path / "claims.csv"
    result = subprocess.run([sys.executable, "-m", "extract", SEEDS, "-o", out, "--no-cache"],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "5 documents read, 0 skipped" in result.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and len(pd.read_csv(out, encoding="utf-8-sig")) > 200


def tally() -> None:
    """Run the whole table and print each case's outcome and the four figures."""
    import tempfile

    held = failed = lost = 0
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            problems = attempt(Path(tmp), case)
        data = any(kind == "data" for kind, _ in problems)
        held += not problems
        failed += bool(problems)
        lost += data
        mark = "held" if not problems else ("FAILED, data lost" if data else "FAILED")
        print(f"{mark:<18} {case.name}" + "".join(f"\n{'':<18}   {k}: {t[:150]}" for k, t in problems))
    print(f"\n{len(CASES)} cases tried, {held} held, {failed} failed, {lost} with data lost")


if __name__ == "__main__":
    tally()
