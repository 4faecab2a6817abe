"""Calibrated tolerance and the schema-2 fields, in a real torch cell: a large float32 error within the model's
float64 noise passes, a real bug stays a mismatch, and every record carries what its readers need."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_runner import OK, run_plan

pytestmark = pytest.mark.integration

# Sums of 4096 products ~1e2 that nearly cancel: the result is ~1e-2 while torch and onnxruntime, summing in
# different orders, are each ~1e-3 off (max_rel ~0.5 on torch 2.15.0 / onnxruntime 1.20.1). A fixed rtol 1e-3
# calls that a mismatch; the float64 twin shows it is the framework's own float32 noise.
CANCEL = '''CASE = {"converter": "torch.onnx"}
def build():
    import torch
    from convtrack.suite import seeded
    class Cancel(torch.nn.Module):
        def __init__(self):
            super().__init__()
            g = torch.Generator().manual_seed(0)
            self.a = torch.nn.Parameter(torch.randn(4096, 8, generator=g) * 100)
            self.b = torch.nn.Parameter(self.a.detach() + torch.randn(4096, 8, generator=g) * 1e-3)
        def forward(self, x):
            x = x.unsqueeze(-1)
            return (x * self.a).sum(1) - (x * self.b).sum(1)
    return Cancel().eval(), seeded((4, 4096))
'''
# issues/pytorch_105349: AvgPool2d(divisor_override=3) exported as a plain average (max_rel 0.88).
DIVISOR = '''CASE = {"converter": "torch.onnx"}
def build():
    import torch
    from convtrack.suite import seeded
    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.pool = torch.nn.AvgPool2d(kernel_size=5, stride=2, padding=1, divisor_override=3)
        def forward(self, x):
            return self.pool(x)
    return Wrapped().eval(), seeded((1, 3, 8, 8))
'''
# issues/pytorch_78442: int64 floor division exported as truncation; integers compare exactly.
FLOORDIV = '''CASE = {"converter": "torch.onnx"}
def build():
    import numpy as np
    import torch
    class Model(torch.nn.Module):
        def forward(self, x, y):
            return x * 0.5, x // y
    inputs = []
    for seed in (0, 1, 2):
        rng = np.random.default_rng(seed)
        x = rng.integers(-50, 50, size=(16,)).astype("int64")
        inputs.append((x, np.full(16, 3, dtype="int64")))
    return Model(), inputs
'''


def test_calibration_separates_float32_noise_from_real_bugs(tmp_path: Path, cell_python: Path,
                                                            cell_env: dict[str, str]) -> None:
    records = run_plan(tmp_path, cell_python, cell_env, {
        "models/cancel.py": CANCEL, "issues/divisor.py": DIVISOR.replace(
            'CASE = {"converter": "torch.onnx"}',
            'CASE = {"converter": "torch.onnx", "issue": "https://github.com/pytorch/pytorch/issues/105349"}'),
        "models/floordiv.py": FLOORDIV,
    })
    got = {r["case"]: r for r in records}
    cancel = got["models/cancel"]["metrics"]
    assert got["models/cancel"]["outcome"] == "pass"
    assert cancel["max_rel"] > 1e-2  # far past a fixed rtol 1e-3 ...
    tol = cancel["tolerance"]
    assert tol["source"] == "calibrated" and tol["method"] == "float64"
    assert tol["noise_ratio"] < tol["k"]  # ... but within the model's own float64 noise
    assert tol["atol"] == pytest.approx(tol["k"] * tol["noise"])

    bug = got["issues/divisor"]
    assert bug["outcome"] == "mismatch"
    assert bug["metrics"]["max_rel"] == pytest.approx(0.88, abs=0.01)
    assert bug["metrics"]["tolerance"]["noise_ratio"] > 1e5

    floordiv = got["models/floordiv"]
    assert floordiv["outcome"] == "mismatch"
    assert floordiv["metrics"]["failing_outputs"] == [1]
    assert floordiv["metrics"]["max_rel"] is None  # not borrowed from the passing float output


def test_records_carry_current_schema_fields_written_at_source(tmp_path: Path, cell_python: Path,
                                                         cell_env: dict[str, str]) -> None:
    (rec,) = run_plan(tmp_path, cell_python, cell_env, {"models/ok.py": OK})
    assert rec["schema"] == 3 and rec["axes"] == {"torch": "2.15.0"} and rec["framework"] == "torch"
    assert rec["blame"] is None and rec["first_divergence"] is None  # a pass: blame does not apply
    assert rec["opset"] == 18 and rec["produced_opset"] == 18
    assert rec["declared_outputs"] and rec["declared_outputs"][0]["shape"] == [2, 3]
    assert rec["declared_outputs"][0]["dtype"] == "float32"
    assert rec["harness_version"]
    tol = rec["metrics"]["tolerance"]
    assert {"rtol", "atol", "noise", "noise_ratio", "source", "k"} <= set(tol)
    assert rec["metrics"]["outputs"][0]["declared_shape"] == [2, 3]


def test_declared_output_shape_is_compared_with_the_frameworks(tmp_path: Path, cell_python: Path,
                                                              cell_env: dict[str, str]) -> None:
    # issues/pytorch_131272 on the legacy exporter: eager (1, 3, 1, 1), the model declares (1, 3, 2, 2)
    source = (Path(__file__).resolve().parents[1] / "suites" / "issues" / "pytorch_131272.py").read_text()
    (rec,) = run_plan(tmp_path, cell_python, cell_env, {"issues/pytorch_131272.py": source})
    assert rec["outcome"] == "wrong_shape"
    assert "declared_shape" in rec["tags"]
    out = rec["metrics"]["outputs"][0]
    assert out["expected_shape"] == [1, 3, 1, 1] and out["declared_shape"] == [1, 3, 2, 2]
