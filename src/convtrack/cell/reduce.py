"""`convtrack reduce` inside the cell: re-create a record's failing ONNX model and shrink it by delta debugging.

    python -m convtrack.cell.reduce --task task.json --out DIR [--seconds 300]

The model is re-created exactly as the worker made it (same build, seed, converter call, stages and calibrated
tolerance); the reduction starts only when it fails the way the record says (else exit 3). What "fails the same
way" means for a cut graph, and which values a cut is fed, is decided per failure by convtrack.cell.oracles (its
docstring says why): the same error and signature for invalid_model / load_error / run_error; for a mismatch or
wrong shape, onnxruntime against the ONNX reference evaluator at float64 when onnxruntime is what diverges, and
otherwise (the converted graph itself is wrong) only the failing output's cone with constants folded.

The search: one node alone first (the common case: a single op misbehaves given correct inputs; n sessions), then
ddmin over the nodes (convtrack.cell.ddmin) under a deadline. The result is written in the ONNX backend test-data
layout: DIR/model.onnx, DIR/test_data_set_0/input_<i>.pb and output_<i>.pb (TensorProtos named after the graph's
inputs and outputs; outputs hold the expected values), with DIR/reduce.json saying how it was reduced. One JSON
summary line goes to stdout for the host.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from convtrack.cell import ddmin, oracles, subgraph, values
from convtrack.cell.reduce_full import Full, rebuild
from convtrack.outcomes import Outcome

EXIT_NOT_REPRODUCED = 3
EXIT_NOTHING = 4  # a convert_error (no model), or a passing model


def single_node(model: Any, oracle: Any, feeds: dict[str, Any], types: dict[str, Any],
                among: set[int]) -> set[int] | None:
    """The first node (graph order) that fails on its own, given the oracle's feeds."""
    for i in sorted(among):
        targets = [o for o in model.graph.node[i].output if o] if oracle.kind != "error" else [None]
        for target in targets:
            if target is not None:
                oracle.target = target
            outs = oracle.outputs(model, {i})
            cand = subgraph.cut(model, {i}, outs, feeds, types)
            if cand is not None and oracle.fails(cand):
                return {i}
    return None


def search(model: Any, oracle: Any, feeds: dict[str, Any], types: dict[str, Any], among: set[int],
           deadline: float) -> set[int]:
    """ddmin over `among`; candidates keep only what their outputs need (error oracle: every kept node)."""
    def keep_of(subset: list[int]) -> set[int]:
        if oracle.kind == "error":
            return set(subset)
        return subgraph.cone(model, oracle.outputs(model, set(subset)), among=subset)

    def test(subset: list[int]) -> bool:
        keep = keep_of(subset)
        cand = subgraph.cut(model, keep, oracle.outputs(model, keep), feeds, types) if keep else None
        return cand is not None and oracle.fails(cand)

    return keep_of(ddmin.ddmin(sorted(among), test, deadline))


@contextlib.contextmanager
def within(deadline: float) -> Iterator[None]:
    """TimeoutError once the deadline passes (the reference evaluator is pure Python and numpy: a large model can
    take longer than the whole search may)."""
    def stop(signum: int, frame: Any) -> None:
        raise TimeoutError("the reference evaluator ran past the deadline (--seconds)")

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 0.01))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def constant_nodes(model: Any, keep: set[int]) -> set[int]:
    """Kept nodes that read no graph input, directly or through other nodes: folding them changes nothing."""
    inputs = {i.name for i in model.graph.input} - {t.name for t in model.graph.initializer}
    varying, out = set(inputs), set()
    for i in sorted(keep):
        node = model.graph.node[i]
        if subgraph.reads_of(node) & varying or node.op_type in ("RandomNormal", "RandomUniform", "Multinomial",
                                                                   "RandomNormalLike", "RandomUniformLike"):
            varying.update(o for o in node.output if o)
        else:
            out.add(i)
    return out


def reduce(full: Full, deadline: float) -> dict[str, Any]:
    """Choose the oracle, search, and return the reduced model with its feeds and expected outputs."""
    model, runner = full.model, oracles.Runner()
    types = subgraph.known_types(model)
    everything = set(range(len(model.graph.node)))
    if full.outcome in (Outcome.INVALID_MODEL, Outcome.LOAD_ERROR, Outcome.RUN_ERROR):
        feeds = values.runtime_prefix(model, full.feeds, types) if full.outcome is Outcome.RUN_ERROR else full.feeds
        oracle: Any = oracles.ErrorOracle(runner, full.outcome, full.signature, feeds, types)
        keep = single_node(model, oracle, feeds, types, everything) or search(model, oracle, feeds, types,
                                                                                 everything, deadline)
        outs = oracle.outputs(model, keep)
        return {"oracle": oracle, "keep": keep, "outputs": outs, "feeds": feeds, "constants": {},
                "expected": None, "runner": runner, "types": types}
    found = divergence(full, runner, types, deadline)
    return found if found is not None else graph_cone(full, runner, types, deadline)


def divergence(full: Full, runner: oracles.Runner, types: dict[str, Any], deadline: float) -> dict[str, Any] | None:
    """The runtime-divergence reduction, or None when onnxruntime agrees with the reference evaluator (or it
    cannot run the model: then the note says why)."""
    try:
        with within(deadline):
            ref32 = full.reference = values.reference(full.model, full.feeds)
    except Exception as exc:  # noqa: BLE001 - an op the reference evaluator lacks: say so, fall back
        full.reference = {}
        full.notes.append(f"reference evaluator cannot run the model: {type(exc).__name__}: {str(exc)[:200]}")
        return None
    try:
        with within(deadline):
            ref64: dict[str, Any] | None = values.reference(full.model, full.feeds, wide=True)
    except Exception as exc:  # noqa: BLE001
        full.notes.append(f"no float64 reference ({type(exc).__name__}): float32 reference, uncalibrated atol")
        ref64 = None
    oracle = oracles.DivergenceOracle(runner, ref32, ref64, full.tolerance.rtol, full.tolerance.atol, types)
    failing = [o for o in full.failing_outputs if oracle.diverges(o, full.ort[o]) is not None]
    if not failing:
        full.notes.append("onnxruntime agrees with the ONNX reference evaluator on the failing output(s): the "
                          "converted graph itself computes another function than the framework (converter)")
        return None
    among = subgraph.cone(full.model, failing[:1])
    keep = single_node(full.model, oracle, ref32, types, among)
    if keep is None:
        oracle.target = failing[0]
        keep = search(full.model, oracle, ref32, types, among, deadline)
    outs = oracle.outputs(full.model, keep)
    return {"oracle": oracle, "keep": keep, "outputs": outs, "feeds": ref32, "constants": {},
            "expected": [oracle.expected(o) for o in outs], "runner": runner, "types": types,
            "atols": [oracle.atol_of(o) for o in outs]}


def graph_cone(full: Full, runner: oracles.Runner, types: dict[str, Any], deadline: float) -> dict[str, Any]:
    """The smallest failing-output cone that still fails against the framework, constants folded."""
    consts_all = full.reference
    if consts_all is None:
        try:
            with within(deadline):
                consts_all = values.reference(full.model, full.feeds)
        except Exception:  # noqa: BLE001 - no folding without values
            consts_all = {}
    oracle = oracles.GraphOracle(runner, full.feeds, full.expected, full.tolerances, full.indices, full.outcome)
    best: dict[str, Any] | None = None
    for out in full.failing_outputs:
        oracle.target = out
        keep = subgraph.cone(full.model, [out])
        folded = constant_nodes(full.model, keep) if consts_all else set()
        for trial in ([keep - folded, keep] if folded else [keep]):
            reads = {v for i in trial for v in subgraph.reads_of(full.model.graph.node[i])}
            consts = {v: consts_all[v] for v in reads if v in consts_all and v not in full.feeds
                      and any(v in full.model.graph.node[i].output for i in folded)}
            cand = subgraph.cut(full.model, trial, [out], full.feeds, types, consts)
            if cand is not None and oracle.fails(cand) and (best is None or len(trial) < len(best["keep"])):
                best = {"oracle": oracle, "keep": trial, "outputs": [out], "feeds": full.feeds,
                        "constants": consts, "expected": [full.expected[out]], "runner": runner, "types": types,
                        "atols": [full.tolerance.atol_for(full.indices[out])]}
                break
    if best is None:  # nothing smaller reproduces: the whole model is the reduced model
        best = {"oracle": oracle, "keep": set(range(len(full.model.graph.node))), "outputs": full.output_names,
                "feeds": full.feeds, "constants": {}, "expected": [full.expected[o] for o in full.output_names],
                "atols": [full.tolerance.atol_for(i) for i in range(len(full.output_names))],
                "runner": runner, "types": types}
    return best


def placeholder(vi: Any) -> Any:
    """Zeros of an input's declared type (unknown dims as 1): for a model that fails before it runs (invalid_model,
    load_error), whose inputs were never computed."""
    import numpy as np
    import onnx

    t = vi.type.tensor_type
    dims = [d.dim_value if d.HasField("dim_value") else 1 for d in t.shape.dim]
    return np.zeros(dims, dtype=onnx.helper.tensor_dtype_to_np_dtype(t.elem_type))


def save(out: Path, model: Any, feeds: dict[str, Any], expected: list[Any] | None) -> list[str]:
    """The ONNX backend test-data layout; the names of the files written."""
    import onnx
    from onnx import numpy_helper

    data = out / "test_data_set_0"
    data.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(out / "model.onnx"))
    inits = {t.name for t in model.graph.initializer}
    written = ["model.onnx"]
    for i, vi in enumerate(v for v in model.graph.input if v.name not in inits):
        value = feeds[vi.name] if vi.name in feeds else placeholder(vi)
        (data / f"input_{i}.pb").write_bytes(numpy_helper.from_array(value, vi.name).SerializeToString())
        written.append(f"test_data_set_0/input_{i}.pb")
    for i, (vi, value) in enumerate(zip(model.graph.output, expected or [])):  # noqa: B905
        import numpy as np

        (data / f"output_{i}.pb").write_bytes(numpy_helper.from_array(np.asarray(value), vi.name).SerializeToString())
        written.append(f"test_data_set_0/output_{i}.pb")
    return written


def run(task: dict[str, Any], out: Path, seconds: float) -> tuple[int, dict[str, Any]]:
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="convtrack-reduce-") as tmp:
            full = rebuild(task, Path(tmp) / "full.onnx")
    except Exception as exc:  # noqa: BLE001 - the case cannot be built here: one line for the host, not a traceback
        return EXIT_NOT_REPRODUCED, {"record": task.get("record"), "recorded": task["outcome"], "outcome": None,
                                     "note": f"the case could not be built here: {type(exc).__name__}: {exc}"}
    summary: dict[str, Any] = {"record": task.get("record"), "recorded": task["outcome"], "outcome": full.outcome.value,
                               "signature": full.signature, "nodes_before": full.nodes, "out": str(out)}
    if full.outcome.value != task["outcome"]:
        summary["note"] = (f"re-created here the model gives {full.outcome.value}, the record says {task['outcome']} "
                           "(another harness version, tolerance or environment made the record)")
        return EXIT_NOT_REPRODUCED, summary
    if full.model is None or full.outcome is Outcome.PASS:
        summary["note"] = "no ONNX model to reduce (the converter raised)" if full.model is None else "it passes"
        return EXIT_NOTHING, summary
    found = reduce(full, started + seconds)
    reduced = subgraph.cut(full.model, found["keep"], found["outputs"], found["feeds"], found["types"],
                           found["constants"])
    assert reduced is not None
    expected = found["expected"] if found["expected"] is not None else error_expectation(reduced, found["feeds"])
    out.mkdir(parents=True, exist_ok=True)
    files = save(out, reduced, found["feeds"], expected)
    summary.update(nodes_after=len(reduced.graph.node), oracle=found["oracle"].kind, files=files,
                   ops=sorted({n.op_type for n in reduced.graph.node}), candidates=found["runner"].tried,
                   seconds=round(time.monotonic() - started, 2), notes=full.notes,
                   tolerance={"rtol": full.tolerance.rtol, "atol": full.tolerance.atol,
                              "atol_outputs": found.get("atols")})
    (out / "reduce.json").write_text(json.dumps(summary, indent=1, default=str) + "\n")
    return 0, summary


def error_expectation(model: Any, feeds: dict[str, Any]) -> list[Any] | None:
    """For an error reduction: the reference evaluator's outputs of the reduced model, when it computes them."""
    try:
        got = values.reference(model, {i.name: feeds[i.name] for i in model.graph.input if i.name in feeds})
    except Exception:  # noqa: BLE001 - the reference evaluator fails too: no expected outputs to save
        return None
    return [got[o.name] for o in model.graph.output]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m convtrack.cell.reduce", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--task", type=Path, required=True, help="JSON: case, converter, opset, mode, outcome, ...")
    parser.add_argument("--out", type=Path, required=True, help="folder for the backend test-data layout")
    parser.add_argument("--seconds", type=float, default=300.0, help="search deadline (default 300)")
    args = parser.parse_args(argv)
    code, summary = run(json.loads(args.task.read_text()), args.out, args.seconds)
    print(json.dumps(summary, default=str), flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())

