"""Extraction at scale: the command line on a synthetic corpus, serial and in parallel, next to jieba.lcut.

Run by hand: ``python bench/extract_scale.py [--reports 2000] [--seed 0] [--jobs 2]``.

A corpus of ``--reports`` reports is made with bench/make_corpus.py in a temporary folder; then, in the
same run and on the same text, each of these runs as its own process:

- ``jieba.lcut`` of every report (plain jieba, its dictionary loaded in the process),
- ``python -m extract CORPUS -o OUT.parquet -j 1 --no-cache`` (serial),
- ``python -m extract CORPUS -o OUT.parquet -j N --no-cache`` (N processes),
- ``python -m extract CORPUS -o OUT.parquet -j N --cache DIR`` twice with a fresh cache folder: the first
  run extracts and fills the cache, the second finds every document in it;
- ``python -m extract`` on one report, to show the fixed cost (start-up, rules, dictionary).

The engine is run from a copy of ``extract/`` taken when the benchmark starts, so edits made to the
working tree while it runs do not mix two versions into one set of figures; the four extraction runs
must give the same table, which the report says.

Times are wall-clock times of the whole process, start-up included. Memory is measured two ways:
the peak resident set of the largest single process (``os.wait4`` rusage, exact, covers the worker
processes too) and the peak of the whole process tree's proportional set size summed (sampled with
psutil every 0.1 s; PSS shares pages that forked workers have in common, so the sum does not count
them twice). Ratios are against the jieba run: throughput ratio = jieba time / run time.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import make_corpus

JIEBA = """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
import jieba
jieba.setLogLevel(60)
jieba.initialize()
t1 = time.perf_counter()
tokens = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    tokens += len(jieba.lcut(path.read_text(encoding="utf-8")))
t2 = time.perf_counter()
print(json.dumps({"init": t1 - t0, "lcut": t2 - t1, "tokens": tokens}))
"""


class TreeSampler(threading.Thread):
    """Peak of the summed PSS (RSS where PSS cannot be read) of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.metric = "pss"
        self._halt = threading.Event()

    def _size(self, proc: psutil.Process) -> int:
        if self.metric == "pss":
            try:
                return proc.memory_full_info().pss
            except (psutil.AccessDenied, AttributeError):
                self.metric = "rss"
        return proc.memory_info().rss

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._halt.is_set():
            total = 0
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for proc in procs:
                try:
                    total += self._size(proc)
                except (psutil.NoSuchProcess, psutil.ZombieProcess):
                    pass
            self.peak = max(self.peak, total)
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


@dataclass
class Run:
    name: str
    command: list[str]
    seconds: float
    max_rss: int  # bytes, largest single process
    tree_peak: int  # bytes, sampled sum over the process tree
    tree_metric: str
    returncode: int
    stdout: str
    stderr: str


def snapshot(dest: Path) -> dict[str, str]:
    """Copy the engine (extract/ with its rules) under ``dest``; the environment that makes it the one imported."""
    shutil.copytree(ROOT / "extract", dest / "extract", ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(dest), env.get("PYTHONPATH")]))
    found = subprocess.run([sys.executable, "-c", "import extract; print(extract.__file__)"], cwd=dest, env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
    if not Path(found).resolve().is_relative_to(dest.resolve()):
        raise SystemExit(f"the engine copy is not the one imported ({found})")
    return env


def measure(name: str, command: list[str], workdir: Path, cwd: Path = ROOT, env: dict | None = None) -> Run:
    """Run ``command`` as a child process; its wall time, peak memory and output."""
    out_path, err_path = workdir / f"{name}.out", workdir / f"{name}.err"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd, env=env)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    run = Run(name, command, seconds, usage.ru_maxrss * 1024, sampler.peak, sampler.metric, proc.returncode,
              out_path.read_text(encoding="utf-8", errors="replace"),
              err_path.read_text(encoding="utf-8", errors="replace"))
    if run.returncode not in (0, 1):  # 1: some input skipped, still a full run
        raise SystemExit(f"{name} failed ({run.returncode}): {' '.join(command)}\n{run.stderr[-2000:]}")
    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=2000, help="reports in the synthetic corpus (default 2000)")
    ap.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    ap.add_argument("--jobs", type=int, default=2, help="processes for the parallel runs (default 2)")
    args = ap.parse_args()
    python = sys.executable
    load_before = os.getloadavg()
    tmp = Path(tempfile.mkdtemp(prefix="extract-scale-"))
    try:
        corpus = make_corpus(tmp / "corpus", args.reports, args.seed)
        files = sorted(corpus.glob("*.txt"))
        size = sum(p.stat().st_size for p in files)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
        one_size = files[0].stat().st_size
        one = tmp / "one"
        one.mkdir()
        shutil.copyfile(files[0], one / files[0].name)
        src = tmp / "src"
        env = snapshot(src)
        extract = [python, "-m", "extract", "-q"]
        j = str(args.jobs)

        def run_extract(name: str, folder: Path, out: str, *options: str) -> Run:
            return measure(name, [*extract, str(folder), "-o", str(tmp / out), *options], tmp, src, env)

        runs = [
            measure("jieba", [python, "-c", JIEBA, str(corpus)], tmp),
            run_extract("serial", corpus, "serial.parquet", "-j", "1", "--no-cache"),
            run_extract(f"j{j}", corpus, "parallel.parquet", "-j", j, "--no-cache"),
            run_extract("cold", corpus, "cold.parquet", "-j", j, "--cache", str(tmp / "cache")),
            run_extract("warm", corpus, "warm.parquet", "-j", j, "--cache", str(tmp / "cache")),
            run_extract("one", one, "one.parquet", "-j", "1", "--no-cache"),
        ]
        tables = {name: pd.read_parquet(tmp / f"{name}.parquet") for name in ("serial", "parallel", "cold", "warm")}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    by = {r.name: r for r in runs}
    jieba_run = by["jieba"]
    inner = json.loads(jieba_run.stdout.strip().splitlines()[-1])
    mb = size / 1e6
    reference = tables["serial"]
    differ = [name for name, t in tables.items() if not t.equals(reference)]
    labels = {
        "jieba": "jieba.lcut, 1 process",
        "serial": "extract -j 1 --no-cache",
        f"j{j}": f"extract -j {j} --no-cache",
        "cold": f"extract -j {j}, empty cache",
        "warm": f"extract -j {j}, warm cache",
    }
    print(f"corpus: {args.reports} reports, {mb:.1f} MB UTF-8 ({chars:,} characters), seed {args.seed}; "
          f"{len(reference):,} claims; {os.cpu_count()} cores")
    print("load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f}".format(
        *load_before, *os.getloadavg()))
    print("tables of the four extract runs identical: " + ("yes" if not differ else f"NO ({', '.join(differ)} differ from serial)"))
    print()
    print(f"{'run':<30} {'time s':>8} {'MB/s':>7} {'vs jieba':>9} {'max RSS MB':>11} {'tree ' + runs[0].tree_metric.upper() + ' MB':>12} {'mem vs jieba':>13}")
    for key, label in labels.items():
        r = by[key]
        print(f"{label:<30} {r.seconds:8.1f} {mb / r.seconds:7.2f} {jieba_run.seconds / r.seconds:9.2f} "
              f"{r.max_rss / 1e6:11.0f} {r.tree_peak / 1e6:12.0f} {r.tree_peak / max(jieba_run.tree_peak, 1):13.2f}")
    print()
    print(f"jieba inside its process: dictionary {inner['init']:.1f} s, lcut {inner['lcut']:.1f} s "
          f"({mb / inner['lcut']:.2f} MB/s), {inner['tokens']:,} tokens")
    print(f"fixed cost of one extract process (one report, {one_size / 1e3:.0f} kB): "
          f"{by['one'].seconds:.1f} s, max RSS {by['one'].max_rss / 1e6:.0f} MB")
    print(f"speed-up -j {j} over -j 1: {by['serial'].seconds / by[f'j{j}'].seconds:.2f}; "
          f"warm cache over no cache (-j {j}): {by[f'j{j}'].seconds / by['warm'].seconds:.2f}; "
          f"empty cache costs {by['cold'].seconds / by[f'j{j}'].seconds:.2f}× a run without cache")


if __name__ == "__main__":
    main()
