"""Command line: python -m extract PATH... -o OUT [--manifest CSV]."""
from __future__ import annotations

import argparse
import sys
import time

from .pipeline import run_corpus
from .store import FORMATS, write_claims, write_table


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m extract",
                                description="Extract every numeric claim from Chinese district reports.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files (.txt) or folders of them")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help=f"output file; its suffix picks the format ({', '.join(FORMATS)})")
    p.add_argument("--manifest", metavar="CSV", help="manifest.csv to use instead of the folders' own")
    p.add_argument("--checks", metavar="OUT", help="also write the checks table (findings) to OUT (same formats)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.output.lower().endswith(FORMATS):
        parser.error(f"output {args.output!r}: unknown format (use one of {', '.join(FORMATS)})")
    if args.checks and not args.checks.lower().endswith((".csv", ".parquet", ".jsonl")):
        parser.error(f"--checks {args.checks!r}: use .csv, .parquet or .jsonl (an .xlsx output has a Checks sheet)")
    started = time.monotonic()
    interactive = sys.stderr.isatty() and not args.quiet

    def progress(i: int, n: int, name: str) -> None:
        if interactive:
            rate = i / max(time.monotonic() - started, 1e-9)
            eta = (n - i) / rate if rate else 0
            print(f"\r[{i}/{n}] {rate:.1f} docs/s, ETA {eta:.0f}s  {name[:40]:<40}", end="", file=sys.stderr)

    run = run_corpus(args.paths, args.manifest, progress=progress)
    if interactive:
        print(file=sys.stderr)
    for problem in run.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if args.output.lower().endswith(".xlsx"):
        write_claims(run.claims, args.output, documents=run.documents, checks=run.checks)
    else:
        write_claims(run.claims, args.output)
    if args.checks:
        write_table(run.checks, args.checks)
    print(f"{len(run.documents)} documents read, {len(run.skipped)} skipped, {len(run.claims)} claims, "
          f"{len(run.checks)} findings → {args.output}", file=sys.stderr)
    return 1 if run.skipped else 0


if __name__ == "__main__":
    sys.exit(main())
