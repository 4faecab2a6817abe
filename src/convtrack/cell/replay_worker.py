"""The replay worker: runs kept artefacts (convtrack.cell.artefacts) in this environment's onnxruntime.

It imports numpy, onnx and onnxruntime only, never a framework: the model, its inputs and the framework's
outputs all come from the artefact, so what changes between two replays is the runtime alone. The stages are the
cell's own from `load` on (`stages.session`, then `seeds.compare_seeds`, the converting worker's own run and
compare loop) with the tolerance the converting task used, seed by seed, worst seed wins. There is no
`check` stage: onnx's checker is not the runtime under test.

Protocol (supervised by convtrack.cell.replay): a hello line once, then per task one JSON line in (`artefact`)
and one result line out. Framework chatter goes to stderr.
"""

from __future__ import annotations

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

from convtrack import artefact_store
from convtrack.cell import artefacts, seeds, stages
from convtrack.outcomes import Outcome
from convtrack.protocol import Result

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
        manifest = artefact_store.manifest(store, artefact)
        with tempfile.TemporaryDirectory(prefix="convtrack-replay-") as tmp:
            path = Path(tmp) / "model.onnx"
            path.write_bytes(artefact_store.get(store, manifest["model"]))
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
         timings: dict[str, float]) -> Result:
    sess = stages.timed(timings, "load_s", Outcome.LOAD_ERROR, lambda: stages.session(path))
    declared = [d["shape"] for d in fields.get("declared_outputs") or []]
    seeded = ((tuple(artefacts.tensor_of(artefact_store.get(store, d)) for d in kept["inputs"]),
               [artefacts.tensor_of(artefact_store.get(store, d)) for d in kept["outputs"]],
               artefacts.tolerance_of(kept["tolerance"])) for kept in manifest["seeds"])
    return seeds.compare_seeds(sess, seeded, declared, timings, fresh=lambda: stages.session(path))


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
