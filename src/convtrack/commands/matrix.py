"""`convtrack matrix list|check`: the expanded cells, their packages and not-applicable reasons."""

from __future__ import annotations

import argparse
import json
import sys

from convtrack import matrix


def list_cells(args: argparse.Namespace) -> int:
    cells = matrix.expand_all(args.matrix_dir, args.preset, args.converter)
    if not cells:
        print(f"no cells for preset={args.preset!r} converter={args.converter!r}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([c.to_dict() for c in cells], indent=1))
        return 0
    for c in cells:
        runnable = [t for t in c.tasks if not t.na]
        print(f"{c.converter:<11} {c.id:<40} {c.channel:<6} tags={','.join(c.tags)}")
        if c.python_rule:  # only a cell a rule puts on another interpreter than its matrix's
            print(f"    python:  {c.python_rule}")
        print(f"    install: {' '.join(c.pip_args())}")
        print(f"    tasks:   {len(runnable)} of {len(c.tasks)} (opset x mode) applicable")
        reasons: dict[str, list[str]] = {}
        for t in c.tasks:
            if t.na:
                reasons.setdefault(t.na, []).append(f"{t.mode or '-'}@{t.opset}")
        for reason, where in reasons.items():
            print(f"    not_applicable {', '.join(where)}: {reason}")
    print(f"{len(cells)} cells", file=sys.stderr)
    return 0


def check(args: argparse.Namespace) -> int:
    from convtrack import index

    bad = 0
    for m in matrix.load_dir(args.matrix_dir):
        print(f"{m.path}: {len(matrix.expand(m))} cells, presets {sorted(m.presets)}")
        if args.index:
            for problem in index.check_matrix(m):
                print(f"  {problem}", file=sys.stderr)
                bad += 1
    return 2 if bad else 0


def register(sub: argparse._SubParsersAction) -> None:
    m = sub.add_parser("matrix", help="list or check the matrix").add_subparsers(dest="sub", required=True)
    ml = m.add_parser("list", help="print the expanded cells, their packages and not-applicable reasons")
    ml.add_argument("--preset", help="only the cells (and opsets/modes) of this preset")
    ml.add_argument("--converter", help="only this converter (torch.onnx, tf2onnx)")
    ml.add_argument("--json", action="store_true", help="machine-readable output")
    ml.set_defaults(func=list_cells)
    mc = m.add_parser("check", help="validate the matrix files")
    mc.add_argument("--index", action="store_true", help="also check every version exists on the package index")
    mc.set_defaults(func=check)
