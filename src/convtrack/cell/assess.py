"""Blame and the first diverging node of one failed task, computed in a child process with a time budget.

The worker (`assess`) writes the failing seed's evidence next to the converted model (inputs, the framework's
outputs, onnxruntime's outputs when it ran, the framework's intermediate values for a mismatch, the calibrated
tolerance) and runs `python -m convtrack.cell.assess DIR`. The child writes `blame.json` as soon as the verdict is
known and again with the first diverging node, each atomically; past the budget it is killed and whatever it had
written stands. A slow, crashing or memory-hungry reference evaluation therefore costs only the task's blame, never
its outcome, and the budget is cut to what the task's own timeout leaves.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from convtrack.cell import blame as bl
from convtrack.cell import compare as cmp
from convtrack.cell import divergence
from convtrack.cell.exact import zip_exact
from convtrack.outcomes import Outcome
from convtrack.protocol import Assessment

BUDGET_S = 60.0  # the reference evaluator is pure numpy: slow on big models
BUDGET_ENV = "CONVTRACK_BLAME_BUDGET_S"  # overrides BUDGET_S (tests, or a machine with time to spare)
MARGIN_S = 20.0  # left of the task's timeout for the worker to send its result
MIN_BUDGET_S = 0.1
MEMORY_SHARE = 0.5  # of the memory the worker's process tree has left under the runner's limit
EXIT_MEMORY = 3  # the child's exit status when its own memory watchdog stopped it
RESULT = "blame.json"


def _result_fields(blame: bl.Blame, first: dict[str, Any] | None) -> Assessment:
    return {"blame": blame.to_dict(), "first_divergence": first}


def no_divergence(reason: str) -> dict[str, Any]:
    """A first_divergence value that says why there is none."""
    return {"op_type": None, "node": None, "output": None, "max_abs": None, "reason": reason}


def assess(outcome: Outcome, path: Path, evidence: dict[str, Any], deadline: float | None,
           framework_name: str, memory_bytes: int | None = None) -> Assessment:
    """The record fields `blame` and `first_divergence` of a failed task (empty for other outcomes).

    `evidence`: `inputs` (the seed's input tuple), `framework` (its outputs), `ort` (onnxruntime's outputs or
    None), `intermediates` (the framework's intermediate values or None), `intermediates_note`, `tolerance`
    (cmp.Tolerance), `seed`."""
    if outcome not in bl.ASSESSED:
        return {}
    first = None if outcome is not Outcome.MISMATCH else no_divergence("not computed")
    if _budget(deadline) < MIN_BUDGET_S:
        return _no_time(first)
    work = path.parent / "assess"
    work.mkdir(exist_ok=True)
    _write_evidence(work, outcome, path, evidence, framework_name, _allowance(memory_bytes))
    budget = _budget(deadline)  # what is left once the evidence is written
    if budget < MIN_BUDGET_S:
        return _no_time(first)
    try:
        proc = subprocess.run([sys.executable, "-m", "convtrack.cell.assess", str(work)], timeout=budget,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        problem = None if proc.returncode == 0 else f"exit status {proc.returncode}: {_tail(proc.stderr)}"
        if proc.returncode == EXIT_MEMORY:
            problem = "the reference evaluation needed more memory than the task's limit leaves it"
    except subprocess.TimeoutExpired:
        problem = f"the reference evaluation exceeded its {budget:g} s budget"
    return _read(work, problem, outcome)


def _budget(deadline: float | None) -> float:
    budget = float(os.environ.get(BUDGET_ENV) or BUDGET_S)
    return budget if deadline is None else min(budget, deadline - time.monotonic() - MARGIN_S)


def _no_time(first: dict[str, Any] | None) -> Assessment:
    return _result_fields(bl.unknown("no time left for the reference evaluator within the task's timeout"),
                          first and no_divergence("no time left within the task's timeout"))


def _allowance(memory_bytes: int | None) -> int | None:
    """Resident bytes the child may use: half of what the runner's limit leaves the worker's process tree, so the
    runner never kills the worker (which would turn the task into a crash) for the blame's sake."""
    if not memory_bytes:
        return None
    from convtrack import lifeline

    return max(0, int((memory_bytes - lifeline.tree_rss_bytes(os.getpid())) * MEMORY_SHARE))


def _tail(text: str | None) -> str:
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no message"


def _read(work: Path, problem: str | None, outcome: Outcome) -> Assessment:
    try:
        got = json.loads((work / RESULT).read_text())
    except (OSError, ValueError):
        got = {}
    blame = got.get("blame") or bl.unknown(problem or "the reference evaluation wrote nothing").to_dict()
    first = got.get("first_divergence")
    if outcome is Outcome.MISMATCH and first is None:
        first = no_divergence(problem or "not computed")
    return {"blame": blame, "first_divergence": first}


def _write_evidence(work: Path, outcome: Outcome, model: Path, evidence: dict[str, Any],
                    framework_name: str, allowance: int | None) -> None:
    import numpy as np

    arrays: dict[str, Any] = {}
    inputs = [a for a in evidence["inputs"] if hasattr(a, "dtype")]
    for key, values in (("in", inputs), ("fw", evidence["framework"]), ("ort", evidence.get("ort") or []),
                        ("mid", evidence.get("intermediates") or [])):
        for i, v in enumerate(values):
            arrays[f"{key}_{i}"] = np.asarray(v)
    np.savez(work / "evidence.npz", **arrays)
    tol: cmp.Tolerance = evidence["tolerance"]
    meta = {"outcome": outcome.value, "model": str(model), "framework_name": framework_name,
            "ort_ran": evidence.get("ort") is not None, "counts": {k: len(v) for k, v in (
                ("in", inputs), ("fw", evidence["framework"]), ("ort", evidence.get("ort") or []),
                ("mid", evidence.get("intermediates") or []))},
            "tolerance": {"rtol": tol.rtol, "atol": tol.atol, "noise": tol.noise, "method": tol.method,
                          "source": tol.source},
            "intermediates_note": evidence.get("intermediates_note"), "seed": evidence.get("seed"),
            "memory_bytes": allowance}
    (work / "meta.json").write_text(json.dumps(meta))


# ---- the child process ----------------------------------------------------------------------------------------

def _save(work: Path, blame: bl.Blame, first: dict[str, Any] | None) -> None:
    tmp = work / (RESULT + ".tmp")
    tmp.write_text(json.dumps(_result_fields(blame, first), default=str))
    os.replace(tmp, work / RESULT)


def evaluate(work: Path) -> None:
    """In the child: the verdict, then (for a mismatch) the first diverging node; each saved when known."""
    import numpy as np
    import onnx

    meta = json.loads((work / "meta.json").read_text())
    if meta.get("memory_bytes") is not None:
        _watch_memory(int(meta["memory_bytes"]))
    data = np.load(work / "evidence.npz", allow_pickle=False)
    arrays = {k: [data[f"{k}_{i}"] for i in range(n)] for k, n in meta["counts"].items()}
    outcome, name = Outcome(meta["outcome"]), meta["framework_name"]
    t = meta["tolerance"]
    tol = cmp.Tolerance(rtol=t["rtol"], atol=t["atol"], noise=t["noise"], method=t["method"], source=t["source"])
    model = onnx.load(meta["model"])
    first = no_divergence("not computed") if outcome is Outcome.MISMATCH else None
    ort = arrays["ort"] if meta["ort_ran"] else None
    problem = bl.spec_problem(model)
    try:
        from onnx.reference import ReferenceEvaluator
    except ImportError:
        _save(work, bl.unknown(f"onnx {onnx.__version__} has no reference evaluator (needs >= 1.13)"),
              first and no_divergence("no reference evaluator"))
        return
    # intermediates only where a first diverging node is looked for: other models run as converted
    exposed = divergence.expose(model) if outcome is Outcome.MISMATCH else model
    finals = divergence.output_names(model)
    try:
        feeds = _feeds(model, arrays["in"])
    except (KeyError, ValueError) as exc:
        _save(work, bl.unknown(f"the case's inputs do not match the model's: {exc}"),
              first and no_divergence("inputs do not match the model's"))
        return
    started = time.perf_counter()
    try:
        values = dict(zip_exact(divergence.output_names(exposed), ReferenceEvaluator(exposed).run(None, feeds)))
        reference = [values[n] for n in finals]
    except Exception as exc:  # noqa: BLE001 - the reference's failure is evidence
        verdict = bl.reference_failed(outcome, exc)
        if problem:
            verdict = bl.Blame(bl.Verdict.MODEL_SPEC, problem, {"error": verdict.reason})
        verdict.reference = {**(verdict.reference or {}), "seed": meta["seed"]}  # the input both failed on
        _save(work, verdict, first and no_divergence(f"the reference evaluator failed: {verdict.reason}"))
        return
    seconds = round(time.perf_counter() - started, 3)
    verdict = bl.decide(outcome, arrays["fw"], reference, tol, ort, name)
    shared = bl.reference_shares_runtime_rule(model) if verdict.verdict is bl.Verdict.CONVERTER else None
    if shared:
        verdict = bl.Blame(bl.Verdict.UNKNOWN, shared, verdict.reference)
    if problem:
        verdict = bl.Blame(bl.Verdict.MODEL_SPEC, problem, verdict.reference)
    verdict.reference = {**(verdict.reference or {}), "seconds": seconds, "seed": meta["seed"]}
    _save(work, verdict, first)
    if outcome is Outcome.MISMATCH:
        _save(work, verdict, _first_divergence(exposed, model, arrays, values, tol, meta))


def _feeds(model: Any, inputs: list[Any]) -> dict[str, Any]:
    """Inputs by position, or by name when the exporter dropped unused inputs (as stages.run does)."""
    init = {i.name for i in model.graph.initializer}
    declared = [i.name for i in model.graph.input if i.name not in init]
    if len(declared) == len(inputs):
        return dict(zip_exact(declared, inputs))
    by_name = {f"input_{i}": a for i, a in enumerate(inputs)}
    return {d: by_name[d] for d in declared}


def _first_divergence(exposed: Any, model: Any, arrays: dict[str, list[Any]], reference: dict[str, Any],
                      tol: cmp.Tolerance, meta: dict[str, Any]) -> dict[str, Any]:
    import onnxruntime

    from convtrack.cell import stages

    try:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.log_severity_level = 3
        sess = onnxruntime.InferenceSession(exposed.SerializeToString(), options,
                                            providers=["CPUExecutionProvider"])
        outputs = stages.run(sess, tuple(arrays["in"]))
        # graph inputs included: a node that only copies an input matches it (divergence.against_framework)
        values = {**_feeds(model, arrays["in"]), **dict(zip_exact(divergence.output_names(exposed), outputs))}
    except Exception as exc:  # noqa: BLE001
        return no_divergence(f"onnxruntime fails on the model with its intermediate values exposed: "
                             f"{type(exc).__name__}: {str(exc)[:200]}")
    found = divergence.against_reference(model, values, reference, tol.rtol, tol.atol)
    if found:
        return found
    finals = divergence.output_names(model)
    now = cmp.compare(arrays["fw"], [values[n] for n in finals], tolerance=tol)
    if now:
        return no_divergence("exposing the intermediate values makes onnxruntime's result right (a graph "
                             "optimisation it no longer applies?)")
    if not arrays["mid"]:
        return no_divergence("onnxruntime and the reference evaluator agree on every node; "
                             f"no framework intermediates to compare with ({meta['intermediates_note']})")
    failing = [finals[o.index] for o in now.outputs if not o and o.index < len(finals)]
    found = divergence.against_framework(model, values, [*arrays["mid"], *arrays["fw"]], failing, tol.rtol,
                                         tol.atol)
    if found:
        return {**found, "note": meta["intermediates_note"]}
    return no_divergence("onnxruntime and the reference evaluator agree on every node, and no node departs "
                         "from the framework's known intermediates")


def _watch_memory(limit: int, every: float = 0.1) -> None:
    """Exit with EXIT_MEMORY once this process's resident memory passes `limit` (what it saved so far stands)."""
    import threading

    from convtrack import lifeline

    def watch() -> None:
        while lifeline.rss_bytes(os.getpid()) <= limit:
            time.sleep(every)
        os._exit(EXIT_MEMORY)

    threading.Thread(target=watch, daemon=True, name="convtrack-blame-memory").start()


def main(argv: list[str]) -> int:
    evaluate(Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
