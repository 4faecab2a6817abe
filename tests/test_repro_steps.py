"""The code a repro script runs: the adapter's helpers copied from its source, the harness's stages."""

from __future__ import annotations

import ast
import inspect

import pytest

from convtrack.cell import stages
from convtrack.cell.converters import torch_onnx
from convtrack.repro_steps import STEPS, TF2ONNX, converter_code, run_code


def test_torch_code_carries_the_adapters_own_helpers() -> None:
    code = converter_code("torch.onnx")
    ast.parse(code)
    for helper in (torch_onnx.flatten, torch_onnx._dynamic_shapes, torch_onnx._bind_varargs):
        assert inspect.getsource(helper) in code  # copied, so it cannot drift from the harness
    assert "dynamo=False" not in code and 'kwargs["dynamo"] = False' in code  # said only where the kw exists


def test_stages_and_tf2onnx_code_parse() -> None:
    for code in (STEPS, TF2ONNX, run_code()):
        ast.parse(code)
    assert run_code() == inspect.getsource(stages.run)
    assert converter_code("tf2onnx") == TF2ONNX
    with pytest.raises(ValueError, match="no repro code"):
        converter_code("coreml")
