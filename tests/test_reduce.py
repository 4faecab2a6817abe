"""`convtrack reduce` on committed records of real issue reproducers, in a real torch 2.15.0 cell: the reduced model
is smaller, has the ONNX backend test-data layout and still fails the same way under the same onnxruntime."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from convtrack import cli

CELL = "torch2.15.0-ort1.20.1-onnx1.17.0"
# Re-run the reduced model from its files alone, in the cell: what any runtime's developer would do.
REPLAY = r"""
import json, sys
from pathlib import Path
import numpy as np
import onnx
import onnxruntime as ort
from onnx import numpy_helper
out = Path(sys.argv[1])
summary = json.loads((out / "reduce.json").read_text())
model = onnx.load(str(out / "model.onnx"))
data = out / "test_data_set_0"
inputs = {t.name: numpy_helper.to_array(t) for t in (onnx.load_tensor(str(p)) for p in sorted(data.glob("input_*.pb")))}
expected = [numpy_helper.to_array(onnx.load_tensor(str(p))) for p in sorted(data.glob("output_*.pb"))]
try:
    actual = ort.InferenceSession(str(out / "model.onnx"), providers=["CPUExecutionProvider"]).run(None, inputs)
    error = None
except Exception as exc:
    actual, error = None, str(exc)
tol = summary["tolerance"]
differs = actual is not None and any(
    a.shape != e.shape or not np.allclose(a, e, rtol=tol["rtol"], atol=tol["atol"]) for a, e in zip(actual, expected))
print(json.dumps({"nodes": len(model.graph.node), "inputs": sorted(inputs), "outputs": len(expected),
                  "differs": bool(differs), "error": error}))
"""


def _reduce(tmp_path: Path, cell_python: Path, ref: str) -> tuple[dict, dict]:
    out = tmp_path / "reduced"
    code = cli.main(["--config", str(ROOT / "convtrack.toml"), "reduce", f"{CELL}/{ref}", "--python",
                     str(cell_python), "-o", str(out), "--seconds", "120"])
    assert code == 0
    summary = json.loads((out / "reduce.json").read_text())
    replay = subprocess.run([str(cell_python), "-c", REPLAY, str(out)], capture_output=True, text=True, check=True)
    return summary, json.loads(replay.stdout.strip().splitlines()[-1])


def test_a_mismatch_reduces_to_fewer_nodes_that_still_mismatch(tmp_path: Path, cell_python: Path) -> None:
    # pytorch_91357: index_put exported through ScatterElements; the reference evaluator agrees with onnxruntime, so
    # the converted graph is what is wrong: the failing output's cone, its constant index computation folded
    summary, replay = _reduce(tmp_path, cell_python, "issues/pytorch_91357@13/legacy")
    assert summary["outcome"] == summary["recorded"] == "mismatch"
    assert summary["nodes_after"] < summary["nodes_before"]
    assert replay["nodes"] == summary["nodes_after"] and "ScatterElements" in summary["ops"]
    assert replay["error"] is None and replay["differs"]  # the same onnxruntime still gets it wrong
    assert summary["files"] == ["model.onnx", "test_data_set_0/input_0.pb", "test_data_set_0/output_0.pb"]


def test_a_run_error_reduces_to_the_failing_node(tmp_path: Path, cell_python: Path) -> None:
    summary, replay = _reduce(tmp_path, cell_python, "issues/pytorch_159295@17/legacy")
    assert summary["oracle"] == "error" and summary["nodes_after"] == 1 < summary["nodes_before"]
    assert summary["ops"] == ["Reshape"]
    assert replay["error"] is not None and "Reshape" in replay["error"]  # fails the same way from the files alone


def test_without_the_cells_environment_it_says_how_to_build_it(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    # no torch 2.2.1 environment is kept anywhere (the work folder is empty; a checkout's .nox holds newer cells)
    code = cli.main(["--config", str(ROOT / "convtrack.toml"), "--work", str(tmp_path), "reduce",
                     "torch2.2.1-ort1.20.1-onnx1.17.0/issues/pytorch_118733", "--no-build"])
    err = capsys.readouterr().err
    assert code == 2
    assert "uv venv -p 3.11" in err and "uv pip install" in err and "torch==2.2.1" in err
    assert str(tmp_path / "envs" / "torch2.2.1-ort1.20.1-onnx1.17.0") in err
