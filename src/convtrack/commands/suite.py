"""`convtrack suite list`: the cases, their kind, content hash and issue URL."""

from __future__ import annotations

import argparse
import json
import sys

from convtrack import analysis, observe, suite


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


def observe_cases(args: argparse.Namespace) -> int:
    cases = [c for c in suite.discover(args.suites, args.converter, args.select) if c.kind == "issue"]
    records = analysis.latest(analysis.load(args.reports)).to_dict("records")  # a re-run replaces a result
    found = [(c, observe.observe(c, records)) for c in cases]
    if args.json:
        print(json.dumps({c.id: o.as_meta() if o else None for c, o in found}, indent=1))
    changed = 0
    for case, obs in found:
        if obs is None:
            print(f"{case.id:<34} no records of its current hash", file=sys.stderr)
            continue
        if not args.json:
            print(f"{case.id:<34} {len(obs.releases)} releases  {obs.agrees}")
        if args.write:
            changed += observe.write(case.path, obs.as_meta())
    missing = sum(1 for _, o in found if o is None)
    print(f"{len(found)} issue cases, {missing} without records" + (f", {changed} files rewritten" if args.write
                                                                      else ""), file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("suite", help="the fixed suite of cases").add_subparsers(dest="sub", required=True)
    sl = s.add_parser("list", help="list the cases with their kind, hash and issue URL")
    sl.add_argument("--converter")
    sl.add_argument("--select", nargs="*", default=[], help="id substrings or tags")
    sl.add_argument("--json", action="store_true")
    sl.set_defaults(func=list_cases)
    so = s.add_parser("observe", help="what the records show for each issue case (the CASE 'observed' value)",
                      description="Summarises the newest records of each issue case per release and whether they "
                      "agree with what the issue states; --write puts that into each case file's CASE['observed'].")
    so.add_argument("--converter")
    so.add_argument("--select", nargs="*", default=[], help="id substrings or tags")
    so.add_argument("--json", action="store_true")
    so.add_argument("--write", action="store_true", help="rewrite CASE['observed'] in the case files")
    so.set_defaults(func=observe_cases)
