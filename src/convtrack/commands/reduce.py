"""`convtrack reduce RECORD`: the record's failing ONNX model, shrunk by delta debugging inside its cell, saved in
the ONNX backend test-data layout (model.onnx, test_data_set_0/input_*.pb, output_*.pb)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from convtrack import cell_env, lifeline, recordref, repro_case


def stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _python(args: argparse.Namespace, record: dict[str, Any], case: Any) -> Path | None:
    """The cell's python: --python, an environment built earlier, or one built now (unless --no-build)."""
    if args.python:
        return Path(args.python)
    found = cell_env.find(args.work.resolve(), args.project.root, record, tuple(case.meta.get("requires", [])))
    if found is not None:
        return found
    venv, python, requirements = cell_env.build_plan(args, record, case)
    if args.no_build:
        stderr(f"convtrack reduce: no environment of {record['cell']} here; build it with:\n  "
               + cell_env.command(venv, python, requirements))
        return None
    try:
        return cell_env.build(venv, python, requirements, stderr)
    except RuntimeError as exc:
        stderr(f"convtrack reduce: the environment of {record['cell']} could not be built:\n{exc}")
        return None


def task(record: dict[str, Any], case: Any) -> dict[str, Any]:
    return {"record": record["record_id"], "case": case.to_dict(), "converter": record["converter"],
            "opset": int(record["opset"]), "mode": record.get("mode"), "outcome": str(record["outcome"]),
            "signature": record.get("signature")}


def summary_text(s: dict[str, Any]) -> str:
    ops = ", ".join(s.get("ops") or [])
    lines = [f"{s['out']}: {s['recorded']} reduced from {s['nodes_before']} to {s['nodes_after']} nodes ({ops}) in "
             f"{s['seconds']:.1f} s, {s['candidates']} candidates, oracle: {s['oracle']}"]
    lines += [f"  note: {n}" for n in s.get("notes") or []]
    return "\n".join(lines)


def reduce_record(args: argparse.Namespace) -> int:
    record = recordref.resolve(args.record, args.reports)
    case = repro_case.find_case(args.suites, record["case"])
    if case is None:
        stderr(f"convtrack reduce: no case file for {record['case']} under {args.suites}")
        return 2
    python = _python(args, record, case)
    if python is None:
        return 2
    out = (args.output or Path(f"reduced-{record['record_id']}")).resolve()
    stderr(f"reducing {recordref.ref(record)} ({record['outcome']}, record {record['record_id']}) with {python}")
    with tempfile.TemporaryDirectory(prefix="convtrack-reduce-") as tmp, cell_env.harness_folder() as harness:
        task_file = Path(tmp) / "task.json"
        task_file.write_text(json.dumps(task(record, case)))
        env = dict(os.environ, PYTHONPATH=harness)
        proc = subprocess.run([str(python), "-m", "convtrack.cell.reduce", "--task", str(task_file), "--out", str(out),
                               "--seconds", str(args.seconds)], env=env, cwd=tmp, stdout=subprocess.PIPE, text=True,
                              check=False, preexec_fn=lifeline.preexec())
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        stderr(f"convtrack reduce: the cell's reducer stopped with status {proc.returncode} and no summary")
        return 1
    summary = json.loads(lines[-1])
    if proc.returncode != 0:
        stderr(f"convtrack reduce: {summary.get('note') or 'stopped'} (outcome here: {summary.get('outcome')})")
        return 1
    print(summary_text(summary))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reduce", help="shrink a record's failing ONNX model (delta debugging over nodes)",
                       description="Re-creates the record's failing ONNX model in the record's cell environment "
                       "(the one `convtrack run` built, else built now from the uv cache), checks it fails as "
                       "recorded, shrinks the graph by delta debugging over its nodes while it keeps failing the "
                       "same way (same stage and signature; for a mismatch, onnxruntime against the ONNX reference "
                       "evaluator at float64 beyond the record's calibrated tolerance, or only the failing output's "
                       "cone when the converted graph itself is wrong) and saves it in the ONNX backend test-data "
                       "layout: OUT/model.onnx, OUT/test_data_set_0/input_*.pb and output_*.pb (expected values), "
                       "with OUT/reduce.json. Prints node counts before and after and the time taken. "
                       + recordref.HELP)
    p.add_argument("record", metavar="RECORD", help="record id (or prefix) or CELL/CASE@OPSET/MODE")
    p.add_argument("-o", "--output", type=Path, help="output folder (default: reduced-<record id>)")
    p.add_argument("--python", type=Path, help="the cell environment's python (default: found or built)")
    p.add_argument("--no-build", action="store_true",
                   help="do not build a missing environment: print the commands that would")
    p.add_argument("--seconds", type=float, default=300.0, help="search deadline in seconds (default 300)")
    p.set_defaults(func=reduce_record)
