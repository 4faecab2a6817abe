"""Intermediate values in a real cell (onnx 1.17.0, onnxruntime 1.20.1): the reference evaluator's, and
onnxruntime's up to the node it cannot run."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

SCRIPT = r"""
import json
import numpy as np
from onnx import TensorProto, helper, numpy_helper
from convtrack.cell import subgraph, values

x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])
y = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
bad = numpy_helper.from_array(np.array([4, 2], dtype=np.int64), "shape")  # 6 elements cannot be 4 x 2
nodes = [helper.make_node("Relu", ["x"], ["a"]), helper.make_node("Neg", ["a"], ["b"]),
         helper.make_node("Reshape", ["b", "shape"], ["c"]), helper.make_node("Abs", ["c"], ["y"])]
model = helper.make_model(helper.make_graph(nodes, "g", [x], [y], [bad]), opset_imports=[helper.make_opsetid("", 17)])
feeds = values.inputs_by_name(model, (np.ones((2, 3), np.float32),))
prefix = values.runtime_prefix(model, feeds, subgraph.known_types(model))
ok = helper.make_model(helper.make_graph(nodes[:2], "g", [x], [helper.make_tensor_value_info("b", 1, None)]),
                       opset_imports=[helper.make_opsetid("", 17)])
ref = values.reference(ok, feeds)
print(json.dumps({"feeds": sorted(feeds), "prefix": sorted(prefix), "b": prefix["b"].tolist(),
                  "ref": sorted(ref), "wide": str(values.reference(ok, feeds, wide=True)["b"].dtype)}))
"""


def test_runtime_values_stop_before_the_failing_node(cell_python: Path, cell_env: dict[str, str]) -> None:
    done = subprocess.run([str(cell_python), "-c", SCRIPT], capture_output=True, text=True, env=cell_env,
                          check=True)
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["feeds"] == ["x"]
    assert got["prefix"] == ["a", "b", "x"]  # what runs before the Reshape; nothing after it
    assert got["b"] == [[-1.0] * 3] * 2
    assert got["ref"] == ["a", "b", "x"] and got["wide"] == "float64"
