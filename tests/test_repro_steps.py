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


def test_every_adapter_function_a_copied_helper_calls_is_copied_too() -> None:
    """A helper that calls another of the adapter's module-level functions needs it in the script as well (a split
    of `flatten` once left the script calling an undefined `_leaves`)."""
    code = converter_code("torch.onnx")
    defined = {n.name for n in ast.walk(ast.parse(code)) if isinstance(n, ast.FunctionDef)}
    adapter = {name for name, f in inspect.getmembers(torch_onnx, inspect.isfunction)
               if f.__module__ == torch_onnx.__name__}
    called = {n.func.id for n in ast.walk(ast.parse(code))
              if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert called & adapter <= defined, sorted(called & adapter - defined)


def test_stages_and_tf2onnx_code_parse() -> None:
    for code in (STEPS, TF2ONNX, run_code()):
        ast.parse(code)
    assert run_code() == inspect.getsource(stages.run)
    assert converter_code("tf2onnx") == TF2ONNX
    with pytest.raises(ValueError, match="no repro code"):
        converter_code("coreml")
