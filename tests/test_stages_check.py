"""The invalid_model stage (stages.check) on real onnx, in a real cell: which of its two verdicts said no."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

PROBE = r'''
import json, sys
from pathlib import Path
import onnx
from onnx import helper, TensorProto
from convtrack.cell import stages
from convtrack.outcomes import Outcome

def save(name, op, out_shape):
    graph = helper.make_graph([helper.make_node(op, ["x"], ["y"])], "g",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, out_shape)])
    path = Path(sys.argv[1]) / name
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)]), str(path))
    return path

got = {}
for name, op, shape in [("good", "Relu", [2]), ("declared", "Relu", [3]), ("unknown_op", "NoSuchOp", [2])]:
    try:
        stages.timed({}, "check_s", Outcome.INVALID_MODEL, lambda: stages.check(save(name, op, shape)))
        got[name] = None
    except stages.StageFailure as failure:
        got[name] = {"outcome": failure.outcome.value, "tags": failure.tags, "signature": failure.signature}
print(json.dumps(got))
'''


def test_a_model_only_strict_shape_inference_rejects_is_tagged_so(
        tmp_path: Path, cell_python: Path, cell_env: dict[str, str]) -> None:
    out = subprocess.run([str(cell_python), "-c", PROBE, str(tmp_path)], env=cell_env,
                         capture_output=True, text=True, check=True, timeout=300)
    got = json.loads(out.stdout)
    assert got["good"] is None
    assert got["declared"]["outcome"] == "invalid_model"  # the checker accepts a declared shape [3] for [2]
    assert got["declared"]["tags"] == ["strict_shape_inference"]
    assert "InferenceError" in got["declared"]["signature"]
    assert got["unknown_op"]["outcome"] == "invalid_model" and got["unknown_op"]["tags"] == []
