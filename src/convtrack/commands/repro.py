"""`convtrack repro RECORD`: a self-contained script (PEP 723, no convtrack) reproducing one record."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from convtrack import recordref, repro, repro_case


def write_script(args: argparse.Namespace) -> int:
    record = recordref.resolve(args.record, args.reports)
    case = repro_case.find_case(args.suites, record["case"])
    if case is None:
        print(f"convtrack repro: no case file for {record['case']} under {args.suites}", file=sys.stderr)
        return 2
    try:
        text = repro.generate(record, case, recordref.environment(args.reports, record))
    except (repro.ReproError, repro_case.StandaloneError) as exc:
        print(f"convtrack repro: {exc}", file=sys.stderr)
        return 2
    args.output.write_text(text, encoding="utf-8")
    args.output.chmod(0o755)
    print(f"{args.output}: {recordref.ref(record)} ({record['outcome']}, record {record['record_id']}); "
          f"run it with: uv run {args.output}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("repro", help="write a standalone script reproducing one record (uv run repro.py)",
                       description="Writes a self-contained Python script for one record: PEP 723 inline metadata "
                       "pinning the cell's exact versions, the case's model code (no import of convtrack), the "
                       "conversion as the harness does it for the record's converter, mode and opset, the "
                       "onnxruntime run and the comparison under the record's tolerance. `uv run repro.py` in an "
                       "empty folder prints the outcome and exits 1 when the recorded failure reproduces, 0 when "
                       "the model passes, 2 on another failure. " + recordref.HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("record", metavar="RECORD", help="record id (or prefix) or CELL/CASE@OPSET/MODE")
    p.add_argument("-o", "--output", type=Path, default=Path("repro.py"), help="the script (default: repro.py)")
    p.set_defaults(func=write_script)
