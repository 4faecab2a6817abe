"""Cutting ONNX graphs in a real cell (onnx 1.17.0): cones, sinks, implicit reads of subgraphs, folded constants,
the float64 twin."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

SCRIPT = r"""
import json
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from onnx.reference import ReferenceEvaluator
from convtrack.cell import subgraph, values

f = lambda n, s=None: helper.make_tensor_value_info(n, TensorProto.FLOAT, s)
then = helper.make_graph([helper.make_node("Identity", ["a"], ["t"])], "then", [], [f("t")])
other = helper.make_graph([helper.make_node("Neg", ["a"], ["e"])], "else", [], [f("e")])
nodes = [helper.make_node("Relu", ["x"], ["a"]),                                   # 0
         helper.make_node("Mul", ["a", "w"], ["m"]),                               # 1
         helper.make_node("ReduceSum", ["m"], ["s"], keepdims=0),                  # 2
         helper.make_node("Greater", ["s", "zero"], ["c"]),                        # 3
         helper.make_node("If", ["c"], ["y"], then_branch=then, else_branch=other),  # 4: reads a implicitly
         helper.make_node("Cos", ["x"], ["dead"])]                                 # 5
inits = [numpy_helper.from_array(np.full((2, 3), 2.0, np.float32), "w"), numpy_helper.from_array(np.float32(0), "zero")]
model = helper.make_model(helper.make_graph(nodes, "g", [f("x", [2, 3])], [f("y", [2, 3]), f("dead", [2, 3])], inits),
                          opset_imports=[helper.make_opsetid("", 17)])
feeds = {"x": np.arange(6, dtype=np.float32).reshape(2, 3) - 2}
ref = values.reference(model, feeds)
types = subgraph.known_types(model)
tail = subgraph.cut(model, {4}, ["y"], {"c": ref["c"], "a": ref["a"]}, types)
onnx.checker.check_model(tail)
folded = subgraph.cut(model, {2, 3, 4}, ["y"], {"a": ref["a"]}, types, constants={"m": ref["m"]})
print(json.dumps({
    "cone": sorted(subgraph.cone(model, ["y"])), "sinks": subgraph.sinks(model, {0, 1, 5}),
    "tail_inputs": sorted(i.name for i in tail.graph.input),
    "tail_runs": bool(np.array_equal(values.session(tail).run(None, {"a": ref["a"], "c": ref["c"]})[0], ref["y"])),
    "folded_inits": sorted(t.name for t in folded.graph.initializer),
    "no_feed": subgraph.cut(model, {1}, ["m"], {}, {}),
    "wide": [str(numpy_helper.to_array(t).dtype) for t in subgraph.float64(model).graph.initializer],
    "wide_y": str(values.reference(model, feeds, wide=True)["y"].dtype),
}))
"""


def test_cuts_cones_and_the_float64_twin(cell_python: Path, cell_env: dict[str, str]) -> None:
    done = subprocess.run([str(cell_python), "-c", SCRIPT], capture_output=True, text=True, env=cell_env,
                          check=True)
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["cone"] == [0, 1, 2, 3, 4]  # not the dead Cos
    assert got["sinks"] == ["m", "dead"]
    assert got["tail_inputs"] == ["a", "c"]  # the If's branches read `a`: it is fed, never left dangling
    assert got["tail_runs"]
    assert got["folded_inits"] == ["m", "zero"]  # a folded value is an initializer; `w` is no longer read
    assert got["no_feed"] is None  # `a` has neither a feed nor a type: no candidate
    assert got["wide"] == ["float64", "float64"] and got["wide_y"] == "float64"
