"""`convtrack coverage`: which ONNX ops and op sequences the suite exercises, and which ops of an opset none reaches."""

from __future__ import annotations

import argparse
import json
import sys

from convtrack import analysis, coverage


def show(args: argparse.Namespace) -> int:
    df = analysis.load(args.reports)
    if df.empty:
        print(f"no records under {args.reports}", file=sys.stderr)
        return 0  # nothing to show is not an error
    if not args.all_hashes and args.suites.is_dir():  # records of an older case source do not count
        df = analysis.drop_stale(df, analysis.current_hashes(args.suites))
    found = coverage.from_frame(df, args.converter, args.opset, args.mode)
    if not found:
        print("no records match", file=sys.stderr)
        return 0
    if args.json:
        print(json.dumps([c.to_dict() for c in found], indent=1))
        return 0
    print("\n\n".join(coverage.render(c, args.top) for c in found))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("coverage", help="ONNX ops and op sequences the suite reaches, and the ops it never reaches")
    p.add_argument("--converter", help="one converter (default: each converter with records)")
    p.add_argument("--opset", type=int, help="only records of this opset, and its ops as the target "
                                             "(default: every opset; target = the highest one recorded)")
    p.add_argument("--mode", help="one exporter mode (torch.onnx: legacy or dynamo)")
    p.add_argument("--top", type=int, default=15, help="bigrams and trigrams to list (default 15)")
    p.add_argument("--all-hashes", action="store_true",
                   help="count records of older case sources too (default: only records of the current suite)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=show)
