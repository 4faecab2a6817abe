"""Artefacts (convtrack.cell.artefacts on convtrack.artefact_store), kept in a real cell (numpy and onnx live there)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

PROBE = r'''
import json, sys
from pathlib import Path
import numpy as np
import onnx
from onnx import helper, TensorProto
from convtrack import artefact_store
from convtrack.cell import artefacts, compare

store, tmp = Path(sys.argv[1]), Path(sys.argv[2])
graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "g",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])])
model = tmp / "m.onnx"
onnx.save(helper.make_model(graph), str(model))
x = np.array([-1.0, 2.0], dtype=np.float32)
inputs = [(x, "not an array"), (x, None)]
refs = [[np.maximum(x, 0), np.array([1, 2], dtype=np.int64), np.array([True])]] * 2
tols = [compare.Tolerance(noise=[1e-7, None, None], method="float64")] * 2
source = {"case": "models/relu", "opset": 18}
first = artefacts.keep(store, model, inputs, refs, tols, source)
again = artefacts.keep(store, model, inputs, refs, tols, source)
m = artefacts.manifest(store, first)
back = [artefacts.tensor_of(artefacts.get(store, d)) for d in m["seeds"][0]["outputs"]]
laid = artefacts.materialize(store, first, tmp / "layout")
blobs = sorted(p.name for p in (store / "sha256").rglob("*") if p.is_file())
victim = artefact_store.blob_path(store, m["model"])
victim.write_bytes(b"changed")
try:
    artefacts.get(store, m["model"])
    corrupt = None
except ValueError as exc:
    corrupt = str(exc)
print(json.dumps({
    "same_id": first == again, "blobs": len(blobs), "seeds": len(m["seeds"]),
    "inputs": len(m["seeds"][0]["inputs"]), "shared_input": m["seeds"][0]["inputs"] == m["seeds"][1]["inputs"],
    "dtypes": [str(b.dtype) for b in back], "equal": all(np.array_equal(a, b) for a, b in zip(refs[0], back)),
    "tolerance": artefacts.tolerance_of(m["seeds"][0]["tolerance"]).atol_for(0),
    "layout": sorted(str(p.relative_to(tmp / "layout")) for p in (tmp / "layout").rglob("*") if p.is_file()),
    "model_name": laid.name, "corrupt": corrupt}))
'''


def test_an_artefact_is_content_addressed_complete_and_laid_out_for_onnx_tools(
        tmp_path: Path, cell_python: Path, cell_env: dict[str, str]) -> None:
    out = subprocess.run([str(cell_python), "-c", PROBE, str(tmp_path / "store"), str(tmp_path)], env=cell_env,
                         capture_output=True, text=True, check=True, timeout=300)
    got = json.loads(out.stdout)
    assert got["same_id"]  # the same model, inputs and outputs: the same id, stored once
    # model + one input (shared by both seeds) + three outputs (shared) + the manifest
    assert (got["blobs"], got["seeds"], got["inputs"], got["shared_input"]) == (6, 2, 1, True)
    assert got["dtypes"] == ["float32", "int64", "bool"] and got["equal"]
    assert got["tolerance"] == pytest.approx(1e-5)  # max(atol 1e-5, 10 x noise 1e-7)
    assert "model.onnx" in got["layout"] and "test_data_set_1/output_2.pb" in got["layout"]
    assert "test_data_set_0/input_0.pb" in got["layout"] and "test_data_set_0/tolerance.json" in got["layout"]
    assert "corrupt" in got["corrupt"]
