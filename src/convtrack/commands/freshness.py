"""`convtrack freshness`: is the data older than a number of days? Markdown on stdout; exit 1 when it is.

The nightly workflow runs it after merging the night's records and opens (or updates) an issue with its text
when it exits 1, so data that silently stopped arriving is noticed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

DEFAULT_MAX_AGE_DAYS = 7.0


def freshness(args: argparse.Namespace) -> int:
    from convtrack import records_index
    from convtrack.site import freshness as fresh
    from convtrack.site.common import page_rows

    if args.max_age_days < 0:
        print("error: --max-age-days must be >= 0", file=sys.stderr)
        return 2
    rows = page_rows(records_index.load(args.reports).latest)
    stale, text = fresh.report(rows, args.max_age_days, dt.datetime.now(dt.timezone.utc), online=not args.offline)
    print(text, end="")
    return 1 if stale else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("freshness", help="is the data older than N days? (exit 1 when it is)",
                       description="Prints, as Markdown, the age of each converter's newest record and any newer "
                       "release on the package index; exits 1 when a converter's newest record is older than "
                       "--max-age-days (or there are no records), 0 otherwise.")
    p.add_argument("--max-age-days", type=float, default=DEFAULT_MAX_AGE_DAYS,
                   help=f"the age past which the data is stale (default {DEFAULT_MAX_AGE_DAYS:g})")
    p.add_argument("--offline", action="store_true", help="do not ask the package index for newer releases")
    p.set_defaults(func=freshness)
