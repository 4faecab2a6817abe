"""`convtrack matrix list|check|installable`: the expanded cells, their packages and not-applicable reasons, and
which framework releases on the index cannot be installed here (convtrack.installability)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from convtrack import __version__, matrix
from convtrack.installability import OLDEST


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


def recorded_cells(args: argparse.Namespace) -> int:
    from convtrack import recorded, records_index, suite

    cells = matrix.expand_all(args.matrix_dir, args.preset, args.converter)
    if not cells:
        print(f"no cells for preset={args.preset!r} converter={args.converter!r}", file=sys.stderr)
        return 2
    folder = Path(args.suites) if args.suites else None
    cases: dict[str, list[str]] | None = None
    if folder is not None and folder.exists():
        cases = {}
        for case in suite.discover(folder):
            cases.setdefault(case.converter, []).append(case.id)
    found = recorded.status([c for c in cells if not c.na], records_index.slim(args.reports), cases)
    if args.missing:
        found = [c for c in found if any(s.state not in (recorded.FULL, recorded.NOT_APPLICABLE) for s in c.slots)]
    counts = recorded.totals(found)
    if args.json:
        print(json.dumps({"cells": [c.to_dict() for c in found], "totals": counts}, indent=1))
        return 0
    print(recorded.grid(found))
    print("\nslots: " + ", ".join(f"{v} {k}" for k, v in counts.items())
          + f" (o: full, partly by a harness before {__version__}; a number: cases recorded so far)")
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


def installable(args: argparse.Namespace) -> int:
    from convtrack import index, installability, installability_report

    pythons = [p.strip() for p in args.python.split(",") if p.strip()] if args.python else None
    try:
        written = installability.run(args.matrix_dir, args.reports, args.converter, pythons, args.jobs, args.since,
                                     progress=lambda line: print(line, file=sys.stderr))
    except installability_report.InstallabilityError as exc:
        print(f"convtrack: error: {exc}", file=sys.stderr)
        return 2
    except index.IndexError_ as exc:
        print(f"convtrack: the package index could not be read: {exc}", file=sys.stderr)
        return 1
    for path in written:
        data = installability_report.read(path)
        bad = sum(1 for e in data["entries"] if e["installs"] is False)
        failed = sum(1 for e in data["entries"] if e["installs"] is None)
        print(f"{path}: {len(data['entries'])} probes, {bad} not installable"
              + (f", {failed} probes failed (see their reason)" if failed else ""))
    return 0


_OLDEST = ", ".join(f"{framework} {minor}" for framework, minor in OLDEST.items())
INSTALLABLE_HELP = f"""\
For each framework (torch for torch.onnx, tensorflow for tf2onnx) list the newest patch release of every minor on
the package index, from the oldest of interest ({_OLDEST}; --since) to the newest, and ask uv
whether each can be installed on each CPython interpreter here (the running one and pyenv's, 3.8 and newer;
--python): `uv pip compile` of `<framework>==<version>` against the interpreter, metadata only, no wheel
downloaded. A minor given with --python but not installed here is resolved as a target
(--python-version X --python-platform x86_64-manylinux_2_28).

Writes reports/installability/<converter>.json (fields: reports/README.md, "Installability"): per release and
interpreter whether it installs and, if not, uv's reason without machine paths. The site's "Not installable"
page shows it. Exit 0 when written, 2 on a bad argument, 1 when the index could not be read.
"""


RECORDED_HELP = """\
For every cell of the matrix (or of --preset) that is not excluded, and every opset x mode of it, count the suite's
cases that have a record under --reports, and print a grid:

  ✓  every case recorded, by today's harness
  o  every case recorded, some by an earlier harness version (`changes` sets a pass/mismatch step between
     harness versions apart; `run --force` or `changes --confirm` re-judges)
  N  N cases recorded so far (a partial or interrupted run: `run` resumes it)
  ·  nothing recorded
     (blank) not applicable by a rule (`matrix list` gives the reason)

Nothing is run. The JSON (--json) lists each slot's counts, harness versions and state.
"""


def register(sub: argparse._SubParsersAction) -> None:
    m = sub.add_parser("matrix", help="list or check the matrix").add_subparsers(dest="sub", required=True)
    ml = m.add_parser("list", help="print the expanded cells, their packages and not-applicable reasons")
    ml.add_argument("--preset", help="only the cells (and opsets/modes) of this preset")
    ml.add_argument("--converter", help="only this converter (torch.onnx, tf2onnx)")
    ml.add_argument("--json", action="store_true", help="machine-readable output")
    ml.set_defaults(func=list_cells)
    mr = m.add_parser("recorded", help="which cells and opset x mode slots the records hold, and what is left",
                      description=RECORDED_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    mr.add_argument("--preset", help="only the cells (and opsets/modes) of this preset (default: the whole grid)")
    mr.add_argument("--converter", help="only this converter (torch.onnx, tf2onnx)")
    mr.add_argument("--missing", action="store_true", help="only cells with a slot not yet recorded in full")
    mr.add_argument("--json", action="store_true", help="every slot with its counts and state, and the totals")
    mr.set_defaults(func=recorded_cells)
    mc = m.add_parser("check", help="validate the matrix files")
    mc.add_argument("--index", action="store_true", help="also check every version exists on the package index")
    mc.set_defaults(func=check)
    mi = m.add_parser("installable", help="which framework releases on the index cannot be installed here, and why",
                      description=INSTALLABLE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    mi.add_argument("--converter", help="only this converter's framework (torch.onnx, tf2onnx; default: every matrix)")
    mi.add_argument("--python", metavar="3.X,...", help="only these CPython minors (default: every one found here)")
    mi.add_argument("--since", metavar="VERSION", help=f"the oldest minor to probe (default: {_OLDEST})")
    mi.add_argument("--jobs", type=int, default=4, help="uv processes at a time (default 4)")
    mi.set_defaults(func=installable)
