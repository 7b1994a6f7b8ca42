"""How much of a corpus the canonical metrics cover: python -m extract.coverage PATH..."""
from __future__ import annotations

import argparse
import sys

from .metrics import coverage
from .runner import extract_corpus


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m extract.coverage", description=__doc__.splitlines()[0])
    p.add_argument("paths", nargs="+", metavar="PATH", help="corpus folders or report files")
    args = p.parse_args(argv)
    result = coverage(extract_corpus(args.paths))
    print(f"achievement claims with a canonical metric: {result['achievement_with_metric']:.1%} "
          f"of {result['achievement_claims']}")
    print(f"metrics stated by two or more districts, or by one district in two or more years: "
          f"{len(result['comparable_metrics'])}")
    for key in result["comparable_metrics"]:
        print(f"  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
