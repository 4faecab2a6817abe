"""The artefact of a converted task, kept so the model can be replayed on other onnxruntime releases.

An artefact is everything a runtime needs to judge the converted model without the framework: the ONNX file,
each seeded input, the framework's reference outputs for it, and the calibrated tolerance the task used. It is
stored content-addressed under the work folder (outside git), one blob per file (convtrack.artefact_store):

- the model: the converter's `.onnx` bytes, as written;
- every input and reference output: an ONNX `TensorProto` (`.pb`, the backend test-data format), so the same
  inputs of a case are one blob however many opsets and modes converted it;
- the manifest: canonical JSON naming the blobs and the tolerance (below). Its hash is the artefact's id, which
  the task's record carries as `artefact`; `materialize` lays an artefact out in the backend test-data layout
  (`model.onnx`, `test_data_set_N/input_K.pb`, `output_K.pb`) for any ONNX tool.

Manifest: `format`, `model` (blob), `seeds` (per seed: `inputs`, `outputs`: blob lists, `tolerance`: rtol, atol,
source, noise, method, reason, k of `compare.Tolerance`), `source` (converter, case, case_hash, opset, mode and the
cell's versions: where the artefact came from, so the record that names it can re-create it).

Keeping holds the store's lock shared (artefact_store.store_lock): `convtrack replay --prune` holds it exclusive.

Cell-side: numpy and onnx are imported when used, never at import time; nothing host-side is imported.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from convtrack import defaults
from convtrack.artefact_store import FORMAT, canonical, get, manifest, put, store_lock
from convtrack.cell import compare as cmp
from convtrack.cell.exact import zip_exact


def tensor_bytes(array: Any) -> bytes:
    import numpy as np
    from onnx import numpy_helper

    return bytes(numpy_helper.from_array(np.asarray(array)).SerializeToString())


def tensor_of(data: bytes) -> Any:
    import onnx
    from onnx import numpy_helper

    proto = onnx.TensorProto()
    proto.ParseFromString(data)
    return numpy_helper.to_array(proto)


def tolerance_dict(tol: cmp.Tolerance) -> dict[str, Any]:
    return dataclasses.asdict(tol)


def tolerance_of(data: dict[str, Any]) -> cmp.Tolerance:
    known = {f.name for f in dataclasses.fields(cmp.Tolerance)}
    return cmp.Tolerance(**{k: v for k, v in data.items() if k in known})


def keep(store: Path, model: Path, inputs: Sequence[Sequence[Any]], references: Sequence[Sequence[Any]],
         tolerances: Sequence[cmp.Tolerance], source: dict[str, Any]) -> str:
    """Store one converted task's artefact and return its id (the manifest's sha256)."""
    blobs = [[tensor_bytes(a) for a in x if hasattr(a, "dtype")] for x in inputs]  # what stages.run feeds the model
    outputs = [[tensor_bytes(r) for r in refs] for refs in references]
    with store_lock(store, shared=True):
        seeds = [{"inputs": [put(store, b) for b in x], "outputs": [put(store, b) for b in refs],
                  "tolerance": tolerance_dict(tol)} for x, refs, tol in zip_exact(blobs, outputs, tolerances)]
        manifest = {"format": FORMAT, "model": put(store, model.read_bytes()), "seeds": seeds, "source": source}
        return put(store, canonical(manifest))


def materialize(store: Path, artefact: str, folder: Path) -> Path:
    """Lay the artefact out in the ONNX backend test-data layout under `folder`; returns the model's path."""
    data = manifest(store, artefact)
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / "model.onnx"
    model.write_bytes(get(store, data["model"]))
    for n, seed in enumerate(data["seeds"]):
        case = folder / f"test_data_set_{n}"
        case.mkdir(exist_ok=True)
        for kind in ("input", "output"):
            for k, digest in enumerate(seed[f"{kind}s"]):
                (case / f"{kind}_{k}.pb").write_bytes(get(store, digest))
        (case / "tolerance.json").write_text(json.dumps(seed["tolerance"], sort_keys=True))
    return model


def keep_requested() -> Path | None:
    """The store a run keeps its artefacts in, or None when it keeps none."""
    where = os.environ.get(defaults.ARTEFACTS_ENV)
    return Path(where) if where else None
