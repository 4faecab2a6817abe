"""The reduction's oracles on hand-made ONNX graphs in a real cell (onnx 1.17.0, onnxruntime 1.20.1, no torch):
a runtime divergence shrinks to the one diverging node, fed with the reference evaluator's values."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

# onnxruntime <= 1.20.1 averages AveragePool(ceil_mode=1)'s window that starts in the padding (pytorch#131272)
# otherwise than the reference evaluator does. Relu before and Neg after are innocent.
SCRIPT = r"""
import json, sys, time
import numpy as np
import onnx
from onnx import TensorProto, helper
from convtrack.cell import compare as cmp
from convtrack.cell import reduce, subgraph, values
from convtrack.cell.reduce_full import Full
from convtrack.outcomes import Outcome

x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 2, 2])
y = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
nodes = [helper.make_node("Relu", ["x"], ["a"]),
         helper.make_node("AveragePool", ["a"], ["b"], kernel_shape=[3, 3], strides=[3, 3], pads=[1, 1, 1, 1],
                          ceil_mode=1),
         helper.make_node("Neg", ["b"], ["y"])]
model = helper.make_model(helper.make_graph(nodes, "g", [x], [y]), opset_imports=[helper.make_opsetid("", 17)])
feeds = {"x": np.random.default_rng(0).uniform(-1, 1, (1, 3, 2, 2)).astype(np.float32)}
ort_y = values.session(model).run(None, feeds)[0]
full = Full(Outcome.WRONG_SHAPE, model=model, nodes=3, feeds=feeds, ort={"y": ort_y}, output_names=["y"],
            failing_outputs=["y"], tolerance=cmp.Tolerance())
found = reduce.reduce(full, time.monotonic() + 60)
cut = subgraph.cut(model, found["keep"], found["outputs"], found["feeds"], found["types"])
print(json.dumps({"oracle": found["oracle"].kind, "ops": [n.op_type for n in cut.graph.node],
                  "inputs": [i.name for i in cut.graph.input], "ort": list(ort_y.shape),
                  "expected": [list(e.shape) for e in found["expected"]],
                  "wide": str(values.reference(model, feeds, wide=True)["b"].dtype)}))
"""


def test_a_runtime_divergence_shrinks_to_the_diverging_node(cell_python: Path, cell_env: dict[str, str]) -> None:
    done = subprocess.run([str(cell_python), "-c", SCRIPT], capture_output=True, text=True, env=cell_env,
                          check=True)
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["oracle"] == "divergence"
    assert got["ops"] == ["AveragePool"] and got["inputs"] == ["a"]  # fed the reference's Relu output
    assert got["expected"] == [got["ort"]]  # same shape: the values of the extra window differ
    assert got["wide"] == "float64"  # the calibration's float64 twin ran in the reference evaluator
