"""Command line: python -m extract PATH... -o OUT [--manifest CSV] [-j N] [--engine dask]."""
from __future__ import annotations

import argparse
import os
import sys
import time

from .runner import run_corpus
from .store import FORMATS, PROJECT_ROOT, write_claims, write_partitioned, write_table


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m extract",
                                description="Extract every numeric claim from Chinese district reports.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files (.txt) or folders of them")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help=f"output file; its suffix picks the format ({', '.join(FORMATS)})")
    p.add_argument("--manifest", metavar="CSV", help="manifest.csv to use instead of the folders' own")
    p.add_argument("--checks", metavar="OUT", help="also write the checks table (findings) to OUT (.csv, .parquet, .jsonl)")
    p.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                   help="documents extracted in parallel by N processes (default: all cores)")
    p.add_argument("--cache", metavar="DIR", default=os.environ.get("LEDGER_CACHE") or str(PROJECT_ROOT / "data" / "cache"),
                   help="cache of extracted documents, keyed by text and rules (default: data/cache)")
    p.add_argument("--no-cache", action="store_true", help="extract every document again, cache nothing")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes, or a Dask cluster (needs the 'dask' extra); with dask a .parquet "
                        "OUT is written as a Parquet dataset partitioned by district")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a local cluster)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.output.lower().endswith(FORMATS):
        parser.error(f"output {args.output!r}: unknown format (use one of {', '.join(FORMATS)})")
    if args.checks and not args.checks.lower().endswith((".csv", ".parquet", ".jsonl")):
        parser.error(f"--checks {args.checks!r}: use .csv, .parquet or .jsonl (an .xlsx output has a Checks sheet)")
    if args.jobs < 0:
        parser.error("-j must be 0 (all cores) or more")
    if args.scheduler and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")
    started = time.monotonic()
    interactive = sys.stderr.isatty() and not args.quiet

    def progress(i: int, n: int, name: str) -> None:
        if interactive:
            rate = i / max(time.monotonic() - started, 1e-9)
            eta = (n - i) / rate if rate else 0
            bar = "#" * int(24 * i / n)
            print(f"\r[{bar:<24}] {i}/{n} {rate:.1f} docs/s ETA {eta:.0f}s {name[:30]:<30}", end="", file=sys.stderr)

    run = run_corpus(args.paths, args.manifest, progress=progress, jobs=args.jobs,
                     cache_dir=None if args.no_cache else args.cache, engine=args.engine, scheduler=args.scheduler)
    if interactive:
        print(file=sys.stderr)
    for problem in run.problems:
        print(f"warning: {problem}", file=sys.stderr)
    out = args.output.lower()
    if out.endswith(".xlsx"):
        write_claims(run.claims, args.output, documents=run.documents, checks=run.checks)
    elif out.endswith(".parquet") and args.engine == "dask":
        write_partitioned(run.claims, args.output)
    else:
        write_claims(run.claims, args.output)
    if args.checks:
        write_table(run.checks, args.checks)
    print(f"{len(run.documents)} documents read, {len(run.skipped)} skipped, {len(run.claims)} claims, "
          f"{len(run.checks)} findings → {args.output} ({time.monotonic() - started:.1f}s)", file=sys.stderr)
    return 1 if run.skipped else 0


if __name__ == "__main__":
    sys.exit(main())
