"""`convtrack suite list`: the cases, their kind, content hash and issue URL."""

from __future__ import annotations

import argparse
import json
import sys

from convtrack import suite


def list_cases(args: argparse.Namespace) -> int:
    cases = suite.discover(args.suites, args.converter, args.select)
    if args.json:
        print(json.dumps([c.to_dict() for c in cases], indent=1, default=str))
        return 0
    for c in cases:
        extra = c.meta.get("issue", "") or c.meta.get("description", "")
        print(f"{c.converter:<11} {c.kind:<9} {c.id:<44} {c.hash[:10]}  {extra}")
    kinds = {k: sum(1 for c in cases if c.kind == k) for k in ("model", "issue", "synthetic")}
    print(f"{len(cases)} cases: " + ", ".join(f"{n} {k}" for k, n in kinds.items()), file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("suite", help="the fixed suite of cases").add_subparsers(dest="sub", required=True)
    sl = s.add_parser("list", help="list the cases with their kind, hash and issue URL")
    sl.add_argument("--converter")
    sl.add_argument("--select", nargs="*", default=[], help="id substrings or tags")
    sl.add_argument("--json", action="store_true")
    sl.set_defaults(func=list_cases)
