"""Throughput of extract_corpus on the seed reports repeated to at least 10 MB, next to jieba.lcut alone.

Run by hand: python bench/extract_speed.py [--mb 10]. Prints MB/s of text for both and their ratio,
measured in the same run on the same text (the machine's noise cancels in the ratio).
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import jieba

from extract import extract_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def build_corpus(folder: Path, megabytes: float) -> int:
    """Copies of the seed reports (with their manifest rows) until the text reaches ``megabytes``."""
    reports = sorted(SEEDS.glob("*.txt"))
    manifest = (SEEDS / "manifest.csv").read_text(encoding="utf-8").splitlines()
    rows, size, i = [manifest[0]], 0, 0
    while size < megabytes * 1e6:
        for report in reports:
            name = f"{i:05d}_{report.name}"
            shutil.copyfile(report, folder / name)
            row = next(r for r in manifest if r.startswith(report.name))
            rows.append(name + row[len(report.name):])
            size += report.stat().st_size
        i += 1
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = build_corpus(folder, args.mb)
        text = "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
        megabytes = size / 1e6
        jieba.setLogLevel(60)
        jieba.lcut("预热")  # load the dictionary outside the timing
        t0 = time.perf_counter()
        jieba.lcut(text)
        t_jieba = time.perf_counter() - t0
        t0 = time.perf_counter()
        claims = extract_corpus(folder)
        t_extract = time.perf_counter() - t0
    print(f"text: {megabytes:.1f} MB ({size} bytes), {len(claims)} claims")
    print(f"jieba.lcut alone      : {megabytes / t_jieba:6.2f} MB/s ({t_jieba:.1f} s)")
    print(f"extract_corpus        : {megabytes / t_extract:6.2f} MB/s ({t_extract:.1f} s)")
    print(f"ratio extract / jieba : {t_jieba / t_extract:.2f} (1.0 = as fast as segmenting the text once)")


if __name__ == "__main__":
    main()
