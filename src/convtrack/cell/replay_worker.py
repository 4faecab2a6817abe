"""The replay worker: runs kept artefacts (convtrack.cell.artefacts) in this environment's onnxruntime.

It imports numpy, onnx and onnxruntime only, never a framework: the model, its inputs and the framework's
outputs all come from the artefact, so what changes between two replays is the runtime alone. The stages are the
cell's own from `load` on (`stages.session`, `stages.run`) and the comparison is `compare.compare` with the
tolerance the converting task used, seed by seed, worst seed wins, as in `convtrack.cell.worker`. There is no
`check` stage: onnx's checker is not the runtime under test.

Protocol (supervised by convtrack.cell.replay): a hello line once, then per task one JSON line in (`artefact`)
and one result line out. Framework chatter goes to stderr.
"""

from __future__ import annotations

import functools
import gc
import importlib.metadata
import json
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from convtrack.cell import artefacts, stages
from convtrack.cell import compare as cmp
from convtrack.outcomes import Outcome

PACKAGES = ("onnxruntime", "onnx", "numpy")
# Frameworks a replay must never import: their presence would make the replay depend on more than the runtime.
FRAMEWORKS = ("torch", "tensorflow", "keras", "jax", "tf2onnx", "onnxscript")


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for dist in PACKAGES:
        try:
            found[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return found


def frameworks_loaded() -> list[str]:
    return sorted(m for m in FRAMEWORKS if m in sys.modules)


def replay(store: Path, artefact: str) -> dict[str, Any]:
    """The result of running one artefact: outcome, metrics, timings, ... (the worker's result fields)."""
    timings: dict[str, float] = {}
    fields: dict[str, Any] = {}
    try:
        manifest = artefacts.manifest(store, artefact)
        with tempfile.TemporaryDirectory(prefix="convtrack-replay-") as tmp:
            path = Path(tmp) / "model.onnx"
            path.write_bytes(artefacts.get(store, manifest["model"]))
            fields = {"produced_opset": stages.produced_opset(path), "declared_outputs": stages.declared_outputs(path)}
            return {**fields, **_run(store, manifest, path, fields, timings)}
    except stages.StageFailure as failure:
        return {**fields, **failure.result(timings)}
    except Exception as exc:  # the artefact could not be read: the harness's problem, never the runtime's
        reason = f"harness: the artefact could not be read: {type(exc).__name__}: {str(exc)[:200]}"
        return {**fields, "outcome": Outcome.HARNESS_ERROR.value, "reason": reason,
                "signature": f"{type(exc).__name__}", "error": "".join(traceback.format_exception(exc))[-2000:],
                "timings": timings}


def _run(store: Path, manifest: dict[str, Any], path: Path, fields: dict[str, Any],
         timings: dict[str, float]) -> dict[str, Any]:
    sess = stages.timed(timings, "load_s", Outcome.LOAD_ERROR, lambda: stages.session(path))
    declared = [d["shape"] for d in fields.get("declared_outputs") or []]
    worst: tuple[int, cmp.Comparison] | None = None
    per_seed = []
    for seed, kept in enumerate(manifest["seeds"]):
        inputs = tuple(artefacts.tensor_of(artefacts.get(store, d)) for d in kept["inputs"])
        expected = [artefacts.tensor_of(artefacts.get(store, d)) for d in kept["outputs"]]
        try:
            actual = stages.timed(timings, "run_s", Outcome.RUN_ERROR, functools.partial(stages.run, sess, inputs))
        except stages.StageFailure as failure:
            failure.tags.append(f"seed:{seed}")
            raise
        result = cmp.compare(expected, actual, tolerance=artefacts.tolerance_of(kept["tolerance"]),
                             declared=declared)
        m = result.metrics()
        per_seed.append({"seed": seed, "outcome": result.outcome.value, "max_abs": m["max_abs"],
                         "noise_ratio": m["tolerance"]["noise_ratio"]})
        if worst is None or result.outcome.rank < worst[1].outcome.rank:
            worst = (seed, result)
    assert worst is not None, "an artefact holds at least one seed"
    failed_seed, comparison = worst
    metrics = {**comparison.metrics(), "seeds": per_seed}
    out: dict[str, Any] = {"outcome": comparison.outcome.value, "metrics": metrics, "timings": timings,
                           "failed_seed": None if comparison else failed_seed}
    if comparison.outcome is Outcome.WRONG_SHAPE and not all(o.declared_agrees for o in comparison.outputs):
        out["tags"] = ["declared_shape"]
    return out


def main(argv: list[str]) -> int:
    store = Path(argv[0])
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # onnxruntime's chatter on stdout must not corrupt the protocol
    sys.stdout = sys.stderr
    try:
        import onnxruntime  # noqa: F401 - the runtime under test: a broken install is the environment's fault

        hello: dict[str, Any] = {"ok": True, "versions": versions(), "frameworks": frameworks_loaded()}
    except Exception as exc:  # noqa: BLE001
        hello = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:2000]}
    proto.write(json.dumps(hello) + "\n")
    if not hello["ok"]:
        return 1
    for line in sys.stdin:
        task = json.loads(line)
        result = replay(store, str(task["artefact"]))
        result["frameworks"] = frameworks_loaded()
        proto.write(json.dumps(result, default=str) + "\n")
        gc.collect()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
