"""`convtrack gate`: a release candidate against a baseline release; exit 1 on regressions (for CI)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from convtrack import gate, matrix, suite, triage
from convtrack.cellrun import Settings

ROOT = Path(__file__).resolve().parents[3]


def stderr(message: str) -> None:
    print(message, file=sys.stderr)


def run_gate(args: argparse.Namespace) -> int:
    try:
        candidate, baseline = gate.Spec.parse(args.candidate), gate.Spec.parse(args.baseline)
        known = triage.load(args.triage)
        m = next((m for m in matrix.load_dir(args.matrix_dir) if m.converter == args.converter), None)
        if m is None:
            raise gate.GateError(f"no matrix for converter {args.converter} in {args.matrix_dir}")
        cases = suite.discover(args.suites, args.converter, args.select)
        if not cases:
            raise gate.GateError(f"no {args.converter} cases match {args.select}")
        loop = {k: v for k, v in (("opset", args.opset), ("mode", args.mode)) if v}
        held = dict(h.split("=", 1) for h in args.hold)
    except (gate.GateError, triage.TriageError, ValueError) as exc:
        stderr(f"convtrack gate: {exc}")
        return 2
    install_args = [a for d in args.find_links for a in ("--find-links", str(d))] + args.install_arg
    settings = Settings(dict(os.environ, CONVTRACK_REPORTS=str(args.reports), CONVTRACK_SUITES=str(args.suites),
                             CONVTRACK_MATRIX=str(args.matrix_dir), CONVTRACK_TIMEOUT=str(args.timeout)))
    try:
        report = gate.run(m, baseline, candidate, cases, settings, known, held, loop, args.preset,
                          install_args, log=stderr)
    except gate.GateError as exc:
        stderr(f"convtrack gate: {exc}")
        return 2
    if args.junit:
        args.junit.parent.mkdir(parents=True, exist_ok=True)
        args.junit.write_text(report.junit(), encoding="utf-8")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(report.markdown(), encoding="utf-8")
    print(json.dumps(report.to_dict(), indent=1) if args.json else report.text())
    return report.status


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gate", help="release candidate vs baseline: exit 1 on regressions",
                       description="Runs the suite (or --select) in a baseline cell and a candidate cell (other "
                       "axes as the matrix's first values, or --hold) and reports new failures, new mismatches "
                       "(including a loud failure that became silent), fixes, changed failures (listed, not "
                       "failing) and unchanged failures. Known failures in triage.toml are listed but do not fail "
                       "the gate until their 'expires' version. Exit 1 when anything regressed, 2 on usage or "
                       "environment errors, 0 otherwise.")
    p.add_argument("--candidate", required=True, help="PACKAGE==VERSION (e.g. torch==2.16.0rc1) or a local wheel")
    p.add_argument("--baseline", required=True, help="PACKAGE==VERSION, e.g. torch==2.15.0")
    p.add_argument("--find-links", action="append", default=[], type=Path, metavar="DIR",
                   help="a folder of wheels for the candidate (uv --find-links)")
    p.add_argument("--install-arg", action="append", default=[], help="extra uv argument for the candidate")
    p.add_argument("--converter", default="torch.onnx", help="converter (default torch.onnx)")
    p.add_argument("--select", nargs="*", default=[], help="only cases whose id or tags match")
    p.add_argument("--preset", help="a matrix preset's opsets and modes")
    p.add_argument("--opset", type=int, action="append", help="only this opset (repeatable)")
    p.add_argument("--mode", action="append", help="only this exporter mode (repeatable)")
    p.add_argument("--hold", action="append", default=[], metavar="AXIS=VERSION",
                   help="value of another axis for both cells (default: the matrix's first value)")
    p.add_argument("--triage", type=Path, default=ROOT / "triage.toml", help="known failures (default triage.toml)")
    p.add_argument("--junit", type=Path, metavar="FILE", help="write JUnit XML for the CI")
    p.add_argument("--markdown", type=Path, metavar="FILE", help="write a Markdown job summary")
    p.add_argument("--timeout", type=float, default=300.0, help="per-task timeout in seconds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_gate)
