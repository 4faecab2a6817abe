"""`convtrack gate`: a release candidate against a baseline release; exit 1 on regressions (for CI)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from packaging.utils import canonicalize_name

from convtrack import axes, defaults, matrix, suite, triage
from convtrack.cellrun import Settings


def stderr(message: str) -> None:
    print(message, file=sys.stderr)


def run_gate(args: argparse.Namespace) -> int:
    # imported here: every command's start (`convtrack run` too) imports this module to register it
    from convtrack import gate

    try:
        candidate, baseline = gate.Spec.parse(args.candidate), gate.Spec.parse(args.baseline)
        known = load_triage(args.triage or args.project.triage)
        matrices = matrix.load_dir(args.matrix_dir)
        args.converter = args.converter or converter_of(matrices, candidate.package)
        m = next((m for m in matrices if m.converter == args.converter), None)
        if m is None:
            raise gate.GateError(f"no matrix for converter {args.converter} in {args.matrix_dir}")
        cases = discover(args)
        if not cases:
            raise gate.GateError(f"no {args.converter} cases match {args.select}")
        loop = {k: v for k, v in (("opset", args.opset), ("mode", args.mode)) if v}
        held = dict(h.split("=", 1) for h in args.hold)
        axes.check(args.matrix_dir, "--hold", held)
    except (gate.GateError, triage.TriageError, ValueError) as exc:
        stderr(f"convtrack gate: {exc}")
        return 2
    settings = Settings.of(args)
    try:
        report = gate.run(m, baseline, candidate, cases, settings, known, held, loop, args.preset,
                          candidate_install_args(args), log=stderr)
    except gate.GateError as exc:
        stderr(f"convtrack gate: {exc}")
        return 2
    if args.junit:
        args.junit.parent.mkdir(parents=True, exist_ok=True)
        args.junit.write_text(report.junit(), encoding="utf-8")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(report.markdown(args.site_url), encoding="utf-8")
    print(json.dumps(report.to_dict(), indent=1) if args.json else report.text())
    return report.status


def converter_of(matrices: list[matrix.Matrix], package: str) -> str:
    """The converter a candidate gates when --converter is not given: the one whose matrix varies the candidate's
    package (tensorflow, tf2onnx: tf2onnx), else the default (a shared axis such as onnxruntime: torch.onnx)."""
    name = canonicalize_name(package)
    found = sorted({m.converter for m in matrices if name in {canonicalize_name(a) for a in m.axes}})
    if len(found) == 1:
        return found[0]
    stderr(f"convtrack gate: {package} is an axis of {', '.join(found) or 'no matrix'}; gating "
           f"{defaults.GATE_CONVERTER} (--converter picks another)")
    return defaults.GATE_CONVERTER


def load_triage(path: Path) -> list[triage.Known]:
    """The known failures; a missing file is said aloud (every regression then fails the gate)."""
    if not path.exists():
        stderr(f"convtrack gate: no triage file at {path}: no known failures")
        return []
    return triage.load(path)


def discover(args: argparse.Namespace) -> list[suite.Case]:
    from convtrack import gate

    """Our suite's cases and the maintainer's (--extra-suites), which must not reuse an id of ours."""
    cases = suite.discover(args.suites, args.converter, args.select) if not args.no_default_suite else []
    seen = {c.id for c in cases}
    for folder in args.extra_suites:
        if not folder.is_dir():
            raise gate.GateError(f"--extra-suites {folder}: no such folder")
        extra = suite.discover(folder.resolve(), args.converter, args.select)
        clash = sorted(seen & {c.id for c in extra})
        if clash:
            raise gate.GateError(f"{folder}: case id {clash[0]!r} is also in {args.suites}; rename the case file")
        seen |= {c.id for c in extra}
        cases += extra
    return cases


def candidate_install_args(args: argparse.Namespace) -> list[str]:
    """uv arguments for the candidate's cell only: where to find the candidate (a folder, another index)."""
    out = [a for d in args.find_links for a in ("--find-links", str(d.resolve()))]
    if args.index_url:
        out += ["--index-url", args.index_url]
    out += [a for u in args.extra_index_url for a in ("--extra-index-url", u)]
    return out + args.install_arg


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gate", help="release candidate vs baseline: exit 1 on regressions",
                       description="Runs the suite (or --select) in a baseline cell and a candidate cell (other "
                       "axes as the matrix's first values, or --hold) and reports new failures, new mismatches "
                       "(including a loud failure that became silent), fixes, changed failures (listed, not "
                       "failing) and unchanged failures. Known failures in triage.toml are listed but do not fail "
                       "the gate until their 'expires' version. Exit 1 when anything regressed, 2 on usage or "
                       "environment errors, 0 otherwise.")
    p.add_argument("--candidate", required=True, help="PACKAGE==VERSION (e.g. torch==2.16.0rc1, found on the index, "
                   "--find-links or --extra-index-url) or a local wheel file")
    p.add_argument("--baseline", required=True, help="PACKAGE==VERSION, e.g. torch==2.15.0")
    p.add_argument("--find-links", action="append", default=[], type=Path, metavar="DIR",
                   help="a folder of wheels for the candidate (uv --find-links)")
    p.add_argument("--index-url", help="the package index for the candidate's cell instead of PyPI (uv --index-url)")
    p.add_argument("--extra-index-url", action="append", default=[], metavar="URL",
                   help="another index for the candidate, e.g. https://download.pytorch.org/whl/test/cpu")
    p.add_argument("--install-arg", action="append", default=[], help="extra uv argument for the candidate")
    p.add_argument("--extra-suites", action="append", default=[], type=Path, metavar="DIR",
                   help="a folder of your own cases, replayed beside the project's suite (repeatable)")
    p.add_argument("--no-default-suite", action="store_true", help="replay only the --extra-suites cases")
    p.add_argument("--site-url", default="", help="published site, for links to case pages in the Markdown")
    p.add_argument("--converter", help="converter (default: the one whose matrix varies the candidate's package, "
                   f"e.g. tf2onnx for tensorflow; {defaults.GATE_CONVERTER} when several or none do)")
    p.add_argument("--select", nargs="*", default=[], help="only cases whose id or tags match")
    p.add_argument("--preset", help="a matrix preset's opsets and modes")
    p.add_argument("--opset", type=int, action="append", help="only this opset (repeatable)")
    p.add_argument("--mode", action="append", help="only this exporter mode (repeatable)")
    p.add_argument("--hold", action="append", default=[], metavar="AXIS=VERSION",
                   help="value of another axis for both cells (default: the matrix's first value)")
    p.add_argument("--triage", type=Path, help="known failures (default: the project's triage.toml)")
    p.add_argument("--junit", type=Path, metavar="FILE", help="write JUnit XML for the CI")
    p.add_argument("--markdown", type=Path, metavar="FILE", help="write a Markdown job summary")
    p.add_argument("--timeout", type=float, default=defaults.TIMEOUT_S,
                   help=f"per-task timeout in seconds (default {defaults.TIMEOUT_S:g})")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_gate)
