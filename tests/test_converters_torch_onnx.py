"""The torch adapter's export arguments, in the real cell (torch lives there, not on the host)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

SCRIPT = r'''
import tempfile
from pathlib import Path

import numpy as np
import onnx
import torch

from convtrack.cell.converters import torch_onnx
from convtrack.converter_info import release_parts

assert release_parts("1.7.1+cpu", 2) == (1, 7) and release_parts("2.15.0", 2) == (2, 15)


class Pair(torch.nn.Module):
    def forward(self, x):
        return x * 2, {"sum": x.sum(1), "count": 3, "scalar": x.sum()}


x = torch.ones(2, 3, 5)
names, axes = torch_onnx._dynamic_outputs(Pair(), (x,))
# the int is no graph output; the rank-0 sum has no dim to name
assert names == ["output_0", "output_1", "output_2"], names
assert axes == {"output_0": [0, 1, 2], "output_1": [0, 1]}, axes
# the comparison's flattening walks the same leaves, numbers included, and refuses what it cannot compare
flat = torch_onnx.flatten(Pair()(x))
assert [a.shape for a in flat] == [(2, 3, 5), (2, 5), (), ()] and int(flat[2]) == 3, flat
assert torch_onnx.flatten([None, (x,)])[0].shape == (2, 3, 5)
try:
    torch_onnx.flatten({"text": "no tensor"})
    raise AssertionError("a string output was flattened")
except TypeError as exc:
    assert "cannot flatten output of type str" in str(exc), exc

# an exporter without shape inference (torch < 1.8) gets the outputs named: every declared dim is symbolic
adapter = torch_onnx.TorchOnnx()
adapter.load()
assert adapter._names_outputs is False  # this torch infers output shapes itself
adapter._names_outputs = True
conv = torch.nn.Conv2d(3, 4, 3, padding=1).eval()
inputs = (np.ones((1, 3, 8, 8), dtype="float32"),)
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "m.onnx"
    adapter.convert(conv, inputs, 13, "legacy", path, {"dynamic": {"0": [2, 3]}})
    out = onnx.load(str(path)).graph.output
    assert [o.name for o in out] == ["output_0"], out
    dims = out[0].type.tensor_type.shape.dim
    assert all(d.dim_param and not d.dim_value for d in dims), dims
    # without dynamic input dims nothing is named: the traced shape is the declared one
    adapter.convert(conv, inputs, 13, "legacy", path, {})
    dims = onnx.load(str(path)).graph.output[0].type.tensor_type.shape.dim
    assert [d.dim_value for d in dims] == [1, 4, 8, 8], dims
print("ok")
'''


def test_exporter_without_shape_inference_gets_its_outputs_named(cell_python: Path,
                                                                  cell_env: dict[str, str]) -> None:
    done = subprocess.run([str(cell_python), "-c", SCRIPT], capture_output=True, text=True, env=cell_env,
                          timeout=300)
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr[-3000:]
