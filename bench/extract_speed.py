"""Extraction speed and memory on a varied corpus, next to jieba.lcut over the same text, in one run.

    python bench/extract_speed.py [--reports 500] [--seed 0] [--line-mb 1]

Builds a synthetic corpus with bench/make_corpus.py (sentences of the seed reports and of the
development set recombined, their numbers perturbed, moved to other districts and years), then measures,
each in a fresh process so that start-up and peak memory are its own:

  jieba.lcut       the baseline: segmenting the corpus's text once (HMM on, as jieba does by default)
  CLI -j 1         python -m extract CORPUS -o OUT.parquet -j 1 --no-cache, end to end
  CLI -j 2         the same with two worker processes
  CLI warm cache   -j 1 again with a cache filled by a first run
  one report       the CLI on one small report, end to end (start-up included)

and, in this process, extract_text on about 1 MB of text written as one line without punctuation
against 1 MB of the same text as paragraphs. Figures are ratios to the baseline measured in the same
run, so the machine's speed and load cancel out; RESULTS.md records them with the machine.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from make_corpus import make_corpus  # noqa: E402

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")

_JIEBA = """
import sys, time, jieba
from pathlib import Path
jieba.setLogLevel(60)
jieba.initialize()
text = "\\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt")))
t0 = time.perf_counter()
jieba.lcut(text)
print(time.perf_counter() - t0)
"""


def _run(args: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak resident MB of the process tree, stdout) of a child process: the tree's
    memory (the process and its workers together) is sampled every 20 ms."""
    import psutil

    t0 = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    proc, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            tree = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.02)
    out, err = child.communicate()
    wall = time.perf_counter() - t0
    if child.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed:\n{err[-2000:]}")
    return wall, peak / 2**20, out


def _distinct_sentences(texts: list[str]) -> float:
    sentences = [s for t in texts for s in _SENTENCE.findall(t) if s.strip()]
    return len(set(sentences)) / max(1, len(sentences))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--line-mb", type=float, default=1.0, help="size of the single-line document")
    args = ap.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp) / "corpus", args.reports, args.seed)
        texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        print(f"corpus: {len(texts)} reports, {mb:.2f} MB, {_distinct_sentences(texts):.0%} of sentences distinct")

        wall, peak, out = _run([python, "-c", _JIEBA, str(corpus)])
        t_jieba = float(out.strip().splitlines()[-1])
        print(f"jieba.lcut              {mb / t_jieba:6.2f} MB/s  1.00x   peak {peak:5.0f} MB (process {wall:.1f} s)")
        base_peak = peak

        out_file = str(Path(tmp) / "claims.parquet")
        cache = str(Path(tmp) / "cache")
        runs = [
            ("CLI -j 1 --no-cache", ["-j", "1", "--no-cache"]),
            ("CLI -j 2 --no-cache", ["-j", "2", "--no-cache"]),
            ("CLI -j 1 (fill cache)", ["-j", "1", "--cache", cache]),
            ("CLI -j 1 warm cache", ["-j", "1", "--cache", cache]),
        ]
        for name, extra in runs:
            wall, peak, _ = _run([python, "-m", "extract", str(corpus), "-o", out_file, "-q", *extra])
            print(f"{name:23s} {mb / wall:6.2f} MB/s  {t_jieba / wall:4.2f}x   peak {peak:5.0f} MB "
                  f"({peak / base_peak:.2f}x of jieba's)  {wall:.1f} s")

        one = sorted(corpus.glob("*.txt"))[0]
        wall, _, _ = _run([python, "-m", "extract", str(one), "-o", str(Path(tmp) / "one.csv"), "-q", "--no-cache"])
        print(f"one small report, CLI end to end: {wall:.2f} s")

    from extract import extract_text

    extract_text("预热：新增就业100人。", district="金水区", published="2023")
    normal = "\n".join(texts)
    size = int(args.line_mb * 1e6 / 3)  # characters: about 3 bytes each in UTF-8
    normal = (normal * (size // len(normal) + 1))[:size]
    one_line = re.sub(r"[\n。，；：！？、,;:!?]", "", normal)
    timings = {}
    for name, text in (("paragraphs", normal), ("one line", one_line)):
        t0 = time.perf_counter()
        extract_text(text, district="金水区", published="2023-06")
        timings[name] = time.perf_counter() - t0
    print(f"{args.line_mb:.1f} MB as paragraphs: {timings['paragraphs']:.1f} s; as one line without punctuation: "
          f"{timings['one line']:.1f} s ({timings['one line'] / timings['paragraphs']:.2f}x)")


if __name__ == "__main__":
    main()
