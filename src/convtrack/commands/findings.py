"""`convtrack findings`: write reports/FINDINGS.md (or print it, or the figures as JSON) from the records."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from convtrack import analysis, findings, installability_report, replay, suite, transitions, withdrawn
from convtrack.findings import lifetimes, markdown
from convtrack.slow import announce

DESCRIPTION = """\
Computes the findings from the records under --reports and writes them to reports/FINDINGS.md (the site's findings
page shows the same figures):

  1. outcome shares in the failure analysis' shape (crash / invalid / load / run / wrong model / pass) per converter
     and mode, per task and per case, beside the paper's figures (Jajal et al., ISSTA 2024);
  2. the silent (wrong model) share per release;
  3. regressions and fixes per release pair, as `convtrack changes` counts them, with the blame every page shows
     (the records' verdict beside the second witnesses of other onnxruntime releases and the replay track);
  4. the ten longest-lived open failures (release spans dated from the package index unless --offline);
  5. which framework x converter x onnxruntime x onnx combinations install and pass, and why tasks were set apart;
     beside them, the framework releases that do not install here per interpreter (REPORTS/installability/,
     written by `convtrack matrix installable`), and where a converter wrote another opset than asked for;
  6. the issue reproducers whose observed behaviour differs from what their issue states;
  7. the onnxruntime replay track (records under REPORTS/replay/): runtime-only regressions, fixes and changed
     failures per onnxruntime release pair, their biggest themes, how many models that ran on one release fail
     on a later one, and what the converting cell's own onnxruntime makes of the models recorded invalid_model.

Every number is counted from the newest record of each task; harness outcomes (not_applicable, env_error,
build_error, harness_error) are left out of the shares and counted apart. Regenerating from unchanged records gives
the same file (with the same release dates)."""


def compute(args: argparse.Namespace) -> findings.Findings:
    with announce(f"reading the records under {args.reports} and computing the findings"):
        df = analysis.load(args.reports)
        cases = suite.discover(args.suites) if args.suites and Path(args.suites).exists() else None
        scan = transitions.scan(df, suite.requires_by_source(cases or []))
        installable, unreadable = installability_report.load_all(Path(args.reports))
        dates = None if args.offline else lifetimes.index_dates
        return findings.compute(findings.rows.latest(df), [t.to_dict() for t in scan.transitions], cases, dates,
                                records=len(df), replayed=replay.load(Path(args.reports)), installable=installable,
                                unreadable=unreadable, apart=[n.to_dict() for n in scan.not_comparable],
                                uncompared=scan.gaps, withdrawn=withdrawn.load(Path(args.reports)))


def run(args: argparse.Namespace) -> int:
    result = compute(args)
    if args.json:
        print(json.dumps(result.to_dict(), indent=1, default=str))
        return 0
    text = markdown.render(result)
    if args.stdout:
        print(text, end="")
        return 0
    out = args.output or Path(args.reports) / "FINDINGS.md"
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({result.source.tasks} tasks from {result.source.records} records)", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("findings", help="write reports/FINDINGS.md: what the records show",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--json", action="store_true", help="print every figure as JSON (for CI) instead of writing")
    p.add_argument("--stdout", action="store_true", help="print the Markdown instead of writing the file")
    p.add_argument("--output", type=Path, metavar="FILE", help="where to write (default: REPORTS/FINDINGS.md)")
    p.add_argument("--offline", action="store_true",
                   help="do not ask the package index for release dates (open failures' spans then unknown)")
    p.set_defaults(func=run)
