"""`convtrack bisect`: the first release of one axis where a case's outcome changes."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from packaging.version import InvalidVersion, Version

from convtrack import axes, defaults, matrix, suite
from convtrack.cellrun import Settings

if TYPE_CHECKING:
    from convtrack import bisect


def stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _matrix_for(args: argparse.Namespace, case: suite.Case) -> matrix.Matrix:
    from convtrack import bisect

    for m in matrix.load_dir(args.matrix_dir):
        if m.converter == case.converter:
            return m
    raise bisect.BisectError(f"no matrix in {args.matrix_dir} for converter {case.converter}")


def text(result: bisect.Result) -> str:
    b = result.boundary
    lines = [f"{result.case} (opset {result.opset}, mode {result.mode or '-'}) on {result.axis}, held: "
             + ", ".join(f"{k}={v}" for k, v in result.held.items())]
    if result.became_silent:
        lines.append(f"first silent release: {result.axis} {b['first_bad']} (last loud failure: {b['last_good']}): "
                     "the failure became a wrong answer")
    elif result.find_fix:
        lines.append(f"first fixed release: {result.axis} {b['first_good']} (last failing: {b['last_bad']})")
    else:
        lines.append(f"first bad release: {result.axis} {b['first_bad']} (last good: {b['last_good']})")
    if result.untested:
        lines.append(f"  ambiguous: untestable releases in between: {', '.join(result.untested)}")
    lines.append("probes:")
    for p in (result.lower, result.upper, *result.probes):
        how = "built" if p.built else "stored record"
        sig = f"  {p.signature}" if p.signature else ""
        lines.append(f"  {result.axis} {p.version:<12} {p.verdict:<8} {p.outcome:<14} ({how}){sig}")
    if result.skipped_index:
        lines.append(f"not probed (yanked or no wheel): {', '.join(result.skipped_index)}")
    lines.append(f"environments built: {len(result.built)} ({', '.join(result.built) or 'none'}); "
                 f"bound ceil(log2 N)+2 = {result.cost_bound} for N = {len(result.candidates) + 1}")
    lines.append(f"reproduce: {result.repro()}")
    return "\n".join(lines)


def run_bisect(args: argparse.Namespace) -> int:
    # imported here: every command's start (`convtrack run` too) imports this module to register it
    from convtrack import bisect, index

    try:
        Version(args.good), Version(args.bad)
    except InvalidVersion as exc:
        print(f"convtrack bisect: {exc}", file=sys.stderr)
        return 2
    cases = [c for c in suite.discover(args.suites) if c.id == args.case] or suite.discover(args.suites, None,
                                                                                            [args.case])
    if len(cases) != 1:
        print(f"convtrack bisect: {args.case!r} matches {len(cases)} cases; give one case id", file=sys.stderr)
        return 2
    case = cases[0]
    held_over = dict(h.split("=", 1) for h in args.hold)
    axes.check(args.matrix_dir, "--axis", [args.axis])
    axes.check(args.matrix_dir, "--hold", held_over)
    settings = Settings.of(args)
    try:
        m = _matrix_for(args, case)
        mode = args.mode if args.mode is not None else (m.loop.get("mode") or [None])[0]
        held = bisect.held_axes(m, case, args.axis, args.good, args.reports, held_over)
        bisector = bisect.Bisector(m, case, args.axis, args.opset, None if mode in ("-", "none") else mode, held,
                                   settings, install_args=args.install_arg, rerun=args.rerun,
                                   prune_envs=args.prune_envs, log=stderr)
        result = bisect.run(bisector, args.good, args.bad, find_fix=args.find_fix, pre=args.pre, match=args.match)
    except (bisect.BisectError, index.IndexError_) as exc:
        print(f"convtrack bisect: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result.to_dict(), indent=1) if args.json else text(result))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bisect", help="first release of one axis where a case's outcome changes",
                       description="Verifies both endpoints, then bisects the releases between them on the package "
                       "index (finals; --pre adds pre-releases; yanked and wheel-less ones are skipped), the other "
                       "axes held as in the good cell. Unbuildable releases and other failures are skipped, not bad. "
                       "Every probe is stored as an ordinary record and reused by later bisects of the same case "
                       "source, so repeating a bisect builds nothing.")
    p.add_argument("case", help="case id, e.g. issues/pytorch_118733")
    p.add_argument("--axis", required=True, help="the axis to bisect: torch, onnxruntime, tensorflow, ...")
    p.add_argument("--good", required=True, help="a version where the case works")
    p.add_argument("--bad", required=True, help="a version where it fails")
    p.add_argument("--opset", type=int, default=17, help="ONNX opset (default 17)")
    p.add_argument("--mode", help="exporter mode (default: the matrix's first, e.g. legacy)")
    p.add_argument("--pre", action="store_true", help="include pre-releases among the candidates")
    p.add_argument("--match", help="regex over 'outcome: signature' that marks a release bad (default: the failing "
                   "endpoint's exact outcome and signature)")
    p.add_argument("--find-fix", action="store_true",
                   help="search the first release where the older endpoint's failure is gone")
    p.add_argument("--hold", action="append", default=[], metavar="AXIS=VERSION",
                   help="value of another axis to hold (default: as in the good cell)")
    p.add_argument("--install-arg", action="append", default=[], help="extra uv argument (repeatable)")
    p.add_argument("--rerun", action="store_true", help="probe again even where a stored record exists")
    p.add_argument("--prune-envs", action="store_true", help="delete each probe environment after its run")
    p.add_argument("--timeout", type=float, default=defaults.TIMEOUT_S,
                   help=f"per-task timeout in seconds (default {defaults.TIMEOUT_S:g})")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_bisect)
