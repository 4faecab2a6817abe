"""`convtrack report`: the compatibility table of the newest records, in the terminal or as JSON."""

from __future__ import annotations

import argparse
import sys

from convtrack import analysis, records_index


def report(args: argparse.Namespace) -> int:
    import pandas as pd

    # only the newest record of each task is shown: the index reads just those (a frame of every record was ~7 s of
    # report's ~10 s at 100,000 records)
    df = analysis.frame(records_index.load(args.reports).latest)
    if df.empty:
        print(f"no records under {args.reports}", file=sys.stderr)
        return 0  # nothing to show is not an error
    if args.json:
        latest = analysis.latest(df)
        cols = ["converter", "cell", "case", "opset", "mode", "outcome", "signature", "framework_version"]
        print(latest[cols].to_json(orient="records", indent=1))
        return 0
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 250):
        for converter in sorted(df["converter"].unique()):
            print(f"\n== {converter} ==")
            print(analysis.compatibility(df, converter).fillna("").to_string())
        print("\n== outcomes per framework version ==")
        print(analysis.summary(df).to_string())
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    rep = sub.add_parser("report", help="print the compatibility table of the newest records")
    rep.add_argument("--json", action="store_true", help="the newest record of every result as JSON")
    rep.set_defaults(func=report)
