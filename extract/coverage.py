"""How much of a corpus the canonical metrics cover: python -m extract.coverage PATH...

Prints the share of claims with a metric, the metrics used with their counts, and the subjects and labels
most often left without one: the list a maintainer extends rules/concepts.csv and rules/metrics.toml from.
"""
from __future__ import annotations

import argparse
import os
import sys

import pandas as pd

from .metrics import coverage, metric_labels
from .runner import extract_corpus


def report(claims: pd.DataFrame, top: int = 30, out=sys.stdout) -> dict:
    """Print the coverage of a claims table (see ``extract.metrics.coverage``) and return it."""
    result = coverage(claims, top=top)
    labels = metric_labels()
    print(f"claims with a canonical metric: {result['with_metric']:.1%} of {result['claims']}", file=out)
    print(f"achievement claims with a canonical metric: {result['achievement_with_metric']:.1%} "
          f"of {result['achievement_claims']}", file=out)
    print(f"metrics used: {len(result['metrics'])}; stated by two or more districts, or by one district in "
          f"two or more years: {len(result['comparable_metrics'])}", file=out)
    print("\nmetrics used (claims, key, label):", file=out)
    for key, n in result["metrics"].items():
        print(f"  {n:5d}  {key}  {labels.get(key, (key, key))[0]}", file=out)
    print(f"\nsubjects most often left without a metric (top {top}):", file=out)
    for word, n in result["unmatched_subjects"]:
        print(f"  {n:5d}  {word}", file=out)
    print(f"\nlabels most often left without a metric (top {top}):", file=out)
    for word, n in result["unmatched_labels"]:
        print(f"  {n:5d}  {word}", file=out)
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m extract.coverage", description=__doc__.splitlines()[0])
    p.add_argument("paths", nargs="+", metavar="PATH", help="corpus folders or report files")
    p.add_argument("--top", type=int, default=30, help="how many unmatched subjects and labels to list")
    args = p.parse_args(argv)
    claims = extract_corpus(args.paths)
    try:
        report(claims, top=args.top)
        sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
