"""`convtrack repro`: one record as a self-contained script to paste into an upstream issue.

The script carries PEP 723 inline metadata pinning the cell's exact versions, so `uv run repro.py` in an empty
folder builds the same environment; then it builds the case's model (its source inlined, see repro_case), converts
it the way the harness's converter does for the record's converter, mode and opset, checks the model, runs it in
onnxruntime and compares with the framework's own output under the record's tolerance. It prints the outcome and
exits 1 when the recorded failure reproduces, 0 when the model passes, 2 on another failure than the recorded one.

Record values are untrusted text (a record file may come from anywhere): they enter the script only as Python
literals (`repr`) or as comment text stripped of line breaks, and package pins only when they are NAME==VERSION.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

from convtrack import recordref, suite
from convtrack.outcomes import Outcome
from convtrack.repro_case import standalone
from convtrack.repro_steps import STEPS, converter_code, run_code

_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")  # a PEP 508 distribution name
# Case packages installed on demand (CASE["requires"]): pinned only when the case needs them.
COMPANIONS = ("torchvision", "transformers", "timm")
# Distributions pinned from the cell's freeze besides the recorded versions: onnx's protobuf decides what loads.
FROM_FREEZE = ("protobuf",)


class ReproError(ValueError):
    """A record that cannot become a script (a harness outcome, no case file); the message says why."""


def pin(name: Any, version: Any) -> str | None:
    """`name==version` when both are what they claim (a record is data, maybe hostile), else None."""
    name, version = str(name), str(version)
    if not _NAME.match(name) or version != version.strip():
        return None
    try:
        Version(version)
    except InvalidVersion:
        return None
    return f"{name}=={version}"


def dependencies(record: dict[str, Any], case: suite.Case, env: dict[str, Any] | None) -> list[str]:
    """The pins of the script: the recorded versions (companions only when the case needs them) and protobuf."""
    freeze = recordref.frozen(env)
    needed = set(case.meta.get("requires", []))
    for module in list(needed):  # timm needs torchvision: the cell's case_packages say so
        needed.update(((env or {}).get("cell") or {}).get("case_packages", {}).get(module, []))
    versions = {recordref.normal(k): str(v) for k, v in (record.get("versions") or {}).items() if k != "python" and v}
    for name in [*FROM_FREEZE, *needed]:
        if recordref.normal(name) in freeze:
            versions.setdefault(recordref.normal(name), freeze[recordref.normal(name)])
    keep = {n: v for n, v in versions.items() if n not in COMPANIONS or n in needed}
    return sorted(p for n, v in keep.items() if (p := pin(n, v)))


def python_requirement(record: dict[str, Any]) -> str:
    m = re.match(r"^(\d+)\.(\d+)", str((record.get("versions") or {}).get("python", "")))
    return f"=={m.group(1)}.{m.group(2)}.*" if m else ">=3.9"


def comment(text: Any, limit: int = 300) -> str:
    """Record text made safe for one comment line: no line breaks or control characters."""
    return re.sub(r"[\x00-\x1f\x7f]+", " ", str(text))[:limit]


def tolerance(record: dict[str, Any]) -> tuple[float, list[float]]:
    """rtol and each output's effective atol as the record judged them (calibrated atol where it was)."""
    raw = record.get("metrics")
    metrics: dict[str, Any] = raw if isinstance(raw, dict) else {}
    tol: dict[str, Any] = metrics["tolerance"] if isinstance(metrics.get("tolerance"), dict) else {}
    rtol = _number(tol.get("rtol", metrics.get("rtol")), 1e-3)
    base = _number(tol.get("base_atol", tol.get("atol", metrics.get("atol"))), 1e-5)
    outputs: list[Any] = metrics["outputs"] if isinstance(metrics.get("outputs"), list) else []
    atols = [max(base, _number(o.get("atol"), base)) if isinstance(o, dict) else base for o in outputs]
    return rtol, atols or [base]


def _number(value: Any, default: float) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else default


def header(record: dict[str, Any], case: suite.Case, deps: list[str]) -> list[str]:
    lines = ["#!/usr/bin/env -S uv run --script", "# /// script",
             f'# requires-python = "{python_requirement(record)}"', "# dependencies = ["]
    lines += [f'#   "{d}",' for d in deps]
    lines += ["# ]", "# ///"]
    rtol, atols = tolerance(record)
    lines += [
        f"# Reproduces convtrack record {comment(record.get('record_id'))}: {comment(recordref.ref(record))}",
        f"# recorded: {comment(record['outcome'])} on {comment(record.get('created'))} "
        f"(run {comment(record.get('run_id'))})",
        f"# signature: {comment(record.get('signature') or '-')}",
        f"# tolerance: |onnxruntime - framework| <= atol + rtol * |framework|, rtol={rtol:g}, "
        f"atol per output={', '.join(f'{a:g}' for a in atols)}",
    ]
    if case.meta.get("issue"):
        lines.append(f"# issue: {comment(case.meta['issue'])}")
    if record.get("case_hash") and record.get("case_hash") != case.hash:
        lines.append("# NOTE: the case file changed since this record (another case_hash): the model below is today's")
    lines += ["# run: uv run repro.py  (exit 1: the recorded failure reproduces; 0: it passes; 2: another failure)",
              "# generated by `convtrack repro`; it needs no convtrack", ""]
    return lines


def generate(record: dict[str, Any], case: suite.Case, env: dict[str, Any] | None = None) -> str:
    """The script's text for one record of `case` (env: the run's environment sidecar, for the freeze)."""
    outcome = Outcome(record["outcome"])
    if not outcome.is_converter_result:
        raise ReproError(f"record {record.get('record_id')} is {outcome.value}: a harness outcome, not a converter "
                         "result; there is nothing to reproduce")
    rtol, atols = tolerance(record)
    settings = {
        "CONVERTER": record["converter"], "OPSET": int(record["opset"]), "MODE": record.get("mode"),
        "RECORDED": outcome.value, "RTOL": rtol, "ATOL": atols,
        "EXPORT": suite.export_options(case),
        "ENTRY": str(case.meta.get("entry", "build")),
    }
    body = [
        "from __future__ import annotations", "",
        *(f"{k} = {v!r}" for k, v in settings.items()), "",
        f"# ---- the case: {case.id} ({comment(Path(case.path).name)}), its source inlined ----",
        standalone(case).strip(), "",
        f"# ---- the converter: {record['converter']}, as convtrack's harness calls it ----",
        converter_code(record["converter"]).strip(), "",
        "# ---- check, onnxruntime, comparison: the harness's stages ----",
        run_code().strip(), "", STEPS.strip(), "",
    ]
    return "\n".join([*header(record, case, dependencies(record, case, env)), *body]) + "\n"
