"""Command line: python -m extract PATH... -o OUT [--manifest CSV] [-j N] [--engine dask].

Exit status: 0 success; 1 an input was skipped (named on stderr), the rest written; 2 usage error (bad
arguments, a missing --manifest, no report read: nothing written); 3 an output could not be written.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .store import FORMATS, PROJECT_ROOT

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_UNWRITABLE = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m extract", description="Extract every numeric claim from Chinese district reports.",
        epilog="exit status: 0 success, 1 an input was skipped, 2 usage error (nothing written), "
               "3 an output could not be written")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files (.txt) or folders of them")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help=f"output file; its suffix picks the format ({', '.join(FORMATS)})")
    p.add_argument("--manifest", metavar="CSV", help="manifest.csv to use instead of the folders' own")
    p.add_argument("--checks", metavar="OUT", help="also write the checks table (findings) to OUT (.csv, .parquet, .jsonl)")
    p.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                   help="documents extracted in parallel by N processes (default: all cores; never more "
                        "than the cores or the documents)")
    p.add_argument("--cache", metavar="DIR", default=os.environ.get("LEDGER_CACHE") or str(PROJECT_ROOT / "data" / "cache"),
                   help="cache of extracted documents, keyed by text, manifest row and rules (default: data/cache)")
    p.add_argument("--no-cache", action="store_true", help="extract every document again, cache nothing")
    p.add_argument("--raw-csv", action="store_true",
                   help="write CSV cells as they are; by default a text cell starting with = + - @ (or tab, "
                        "CR) gets a leading apostrophe so a spreadsheet does not run it as a formula")
    p.add_argument("--stats", action="store_true",
                   help="print a table of documents, claims and numbers left unread on stderr")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes, or a Dask cluster (needs the 'dask' extra); with dask a .parquet "
                        "OUT is written as a Parquet dataset partitioned by district")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a local cluster)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    return p


def _say(kind: str, message: str) -> None:
    print(f"{kind}: {message}", file=sys.stderr)


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
    if args.manifest and not Path(args.manifest).is_file():
        _say("error", f"--manifest {args.manifest}: no such file")
        return EXIT_USAGE
    partitioned = args.engine == "dask" and args.output.lower().endswith(".parquet")
    from .store import unwritable

    for target, folder_ok in ((args.output, partitioned), (args.checks, False)):
        problem = target and unwritable(target, folder_ok=folder_ok)
        if problem:
            _say("error", f"cannot write {target}: {problem}")
            return EXIT_UNWRITABLE
    cache_dir = None if args.no_cache else args.cache
    if cache_dir:
        from .cache import unusable

        problem = unusable(cache_dir)
        if problem:
            _say("warning", f"cache {cache_dir} cannot be written ({problem}); going on without it")
            cache_dir = None

    started = time.monotonic()
    interactive = sys.stderr.isatty() and not args.quiet

    def progress(i: int, n: int, name: str) -> None:
        if interactive:
            rate = i / max(time.monotonic() - started, 1e-9)
            eta = (n - i) / rate if rate else 0
            bar = "#" * int(24 * i / n)
            print(f"\r[{bar:<24}] {i}/{n} {rate:.1f} docs/s ETA {eta:.0f}s {name[:30]:<30}", end="", file=sys.stderr)

    from .corpus import DocumentError
    from .runner import run_corpus

    try:
        run = run_corpus(args.paths, args.manifest, progress=progress, jobs=args.jobs, cache_dir=cache_dir,
                         engine=args.engine, scheduler=args.scheduler)
    except DocumentError as exc:  # the manifest named on the command line cannot be used
        _say("error", str(exc))
        return EXIT_USAGE
    if interactive:
        print(file=sys.stderr)
    for problem in run.problems:
        _say("warning", problem)
    if run.documents.empty:
        _say("error", f"no report read from {', '.join(args.paths)}; {args.output} not written")
        return EXIT_USAGE
    target = args.output
    try:
        _write(run, args, partitioned)
        if args.checks:
            from .store import write_table

            target = args.checks
            write_table(run.checks, args.checks, guard=not args.raw_csv)
    except OSError as exc:
        _say("error", f"cannot write {target}: {exc.strerror or exc}")
        return EXIT_UNWRITABLE
    if args.stats:
        _print_stats(run)
    unread = run.unread
    print(f"{len(run.documents)} documents read, {len(run.skipped)} skipped, {len(run.claims)} claims, "
          f"{unread} number{'' if unread == 1 else 's'} left unread, {len(run.checks)} findings "
          f"→ {args.output} ({time.monotonic() - started:.1f}s)", file=sys.stderr)
    return EXIT_SKIPPED if run.skipped else EXIT_OK


def _write(run, args: argparse.Namespace, partitioned: bool) -> None:
    from .store import write_claims, write_partitioned

    if args.output.lower().endswith(".xlsx"):
        write_claims(run.claims, args.output, documents=run.documents, checks=run.checks)
    elif partitioned:
        write_partitioned(run.claims, args.output)
    else:
        write_claims(run.claims, args.output, guard=not args.raw_csv)


def _print_stats(run) -> None:
    """Documents, claims and numbers left unread, one line per document and a total, on stderr."""
    docs = run.documents
    width = max([len("document"), *docs["doc_id"].map(len)])
    print(f"{'document':<{width}}  {'claims':>7}  {'unread':>7}", file=sys.stderr)
    for row in docs.itertuples(index=False):
        print(f"{row.doc_id:<{width}}  {row.claims:>7}  {row.unread:>7}", file=sys.stderr)
    print(f"{'total':<{width}}  {int(docs['claims'].sum()):>7}  {run.unread:>7}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
