"""The first diverging node on hand-built ONNX graphs, in the real cell (onnx lives there, not on the host)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

SCRIPT = r'''
import numpy as np
from onnx import TensorProto, helper
from convtrack.cell import divergence

x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])
y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])
nodes = [helper.make_node("Relu", ["x"], ["a"], name="relu"), helper.make_node("Shape", ["a"], ["s"], name="shape"),
         helper.make_node("Neg", ["a"], ["b"], name="neg"), helper.make_node("Neg", ["b"], ["c"], name="neg2"),
         helper.make_node("Exp", ["c"], ["y"], name="exp")]
model = helper.make_model(helper.make_graph(nodes, "g", [x], [y]))
exposed = divergence.expose(model)
assert [o.name for o in exposed.graph.output] == ["y", "a", "s", "b", "c"], exposed.graph.output

xs = np.array([-1.0, 0.5, 2.0, 3.0], dtype="float32")
a = np.maximum(xs, 0)
ort = {"a": a, "s": np.array([4]), "b": -a, "c": a, "y": np.exp(a)}
ref = dict(ort, y=np.exp(a) + 1)
found = divergence.against_reference(model, ort, ref, 1e-3, 1e-5)
assert found["op_type"] == "Exp" and found["node"] == "exp" and found["against"] == "reference", found
assert divergence.against_reference(model, ort, dict(ort), 1e-3, 1e-5) is None

# the framework computed relu then exp(relu) + 1: Neg, Neg is a correct decomposition of nothing (its result
# matches a framework value again), Exp is where the model departs
framework = [a, np.exp(a) + 1]
found = divergence.against_framework(model, ort, framework, ["y"], 1e-3, 1e-5)
assert found["op_type"] == "Exp" and found["against"] == "framework", found
# when the Relu is already wrong, it is the first departure
wrong = dict(ort, a=xs, b=-xs, c=xs, y=np.exp(xs))
found = divergence.against_framework(model, wrong, framework, ["y"], 1e-3, 1e-5)
assert found["op_type"] == "Relu", found

# pytorch#111159: index_add_ as Expand(y) -> ScatterElements; the Expand only copies the graph input y (no
# framework intermediate holds it), so the departure is the ScatterElements that drops a duplicate index's update
x2, y2 = (helper.make_tensor_value_info(n, TensorProto.FLOAT, [2]) for n in ("x", "y"))
out = helper.make_tensor_value_info("out", TensorProto.FLOAT, [2])
index = helper.make_tensor("index", TensorProto.INT64, [2], [0, 0])
shape = helper.make_tensor("shape", TensorProto.INT64, [1], [2])
nodes = [helper.make_node("Expand", ["y", "shape"], ["e"], name="/Expand"),
         helper.make_node("ScatterElements", ["x", "index", "e"], ["out"], name="/ScatterElements")]
model = helper.make_model(helper.make_graph(nodes, "g", [x2, y2], [out], [index, shape]))
xv, yv = np.array([1.0, 2.0], dtype="float32"), np.array([10.0, 20.0], dtype="float32")
ort = {"x": xv, "y": yv, "e": yv, "out": np.array([21.0, 2.0], dtype="float32")}
framework = [np.array([31.0, 2.0], dtype="float32")]  # eager: both updates added to row 0
found = divergence.against_framework(model, ort, framework, ["out"], 1e-3, 1e-5)
assert found["op_type"] == "ScatterElements" and found["node"] == "/ScatterElements", found
print("ok")
'''


def test_first_divergence_against_reference_and_framework(cell_python: Path, cell_env: dict[str, str]) -> None:
    out = subprocess.run([str(cell_python), "-c", SCRIPT], env=cell_env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"
