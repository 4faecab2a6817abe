"""`convtrack merge SHARD... [--into reports]`: merge record shards (e.g. CI artifacts) append-only."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def merge(args: argparse.Namespace) -> int:
    from convtrack import merge as merging

    into = args.into or args.reports
    try:
        result = merging.merge(args.shards, into)
    except FileNotFoundError as exc:
        print(f"convtrack: error: {exc}", file=sys.stderr)
        return 2
    print(f"merge into {into}: {result.summary()}", file=sys.stderr)
    for rid in result.conflicts:
        print(f"  warning: record {rid} differs between shards; the first copy was kept", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    m = sub.add_parser("merge", help="merge record shards into a reports folder (deduplicated, append-only)",
                       description="Reads every *.jsonl under each SHARD, validates all records first (a "
                       "schema mismatch stops the merge naming file and line), skips records whose record_id is "
                       "already present, and appends the rest to records/<converter>/<cell>/<run id>.jsonl. "
                       "Existing files are never rewritten.")
    m.add_argument("shards", nargs="+", type=Path, metavar="SHARD", help="folders (or files) of records")
    m.add_argument("--into", type=Path, help="destination reports folder (default: --reports, i.e. reports/)")
    m.set_defaults(func=merge)
