"""End to end through nox + uv: a real newest-torch cell replays three cases at one opset."""

from __future__ import annotations

from pathlib import Path

import pytest

from convtrack import cli, store

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[1]

MATRIX = """
converter = "torch.onnx"
framework = "torch"
[axes]
torch = ["2.15.0"]
onnxruntime = ["1.20.1"]
onnx = ["1.17.0"]
[loop]
mode = ["legacy", "dynamo"]
opset = [18, 20]
[packages]
numpy = "1.26.4"
onnxscript = "0.7.2"
[[rule]]
when = { torch = ">=2.15", mode = "legacy", opset = ">=20" }
exclude = "test exclusion: recorded, never run"
[presets.smoke]
torch = ["2.15.0"]
opset = [18]
"""


def test_run_builds_a_real_cell_and_records_real_outcomes(tmp_path: Path) -> None:
    (tmp_path / "matrix").mkdir()
    (tmp_path / "matrix" / "torch.toml").write_text(MATRIX)
    reports = tmp_path / "reports"
    status = cli.main(["--matrix-dir", str(tmp_path / "matrix"), "--reports", str(reports), "run",
                       "--preset", "smoke", "--select", "pytorch_131272", "pytorch_111159", "models/lstm",
                       "--site-out", str(tmp_path / "site")])
    assert status == 0
    records = store.load(reports)
    got = {(r["case"], r["mode"]): r for r in records}
    assert len(records) == 6 and {r["opset"] for r in records} == {18}
    # Measured on torch 2.15.0 / onnxruntime 1.20.1: the issues still reproduce on the legacy exporter.
    assert got[("issues/pytorch_131272", "legacy")]["outcome"] == "wrong_shape"
    assert got[("issues/pytorch_131272", "dynamo")]["outcome"] == "invalid_model"
    assert got[("issues/pytorch_111159", "legacy")]["outcome"] == "mismatch"
    assert got[("issues/pytorch_111159", "legacy")]["metrics"]["max_abs"] > 0.01
    assert got[("issues/pytorch_111159", "dynamo")]["outcome"] == "pass"
    assert got[("models/lstm", "legacy")]["outcome"] == "pass"
    assert all(r["versions"]["torch"] == "2.15.0" and r["versions"]["onnxruntime"] == "1.20.1" for r in records)
    env = next((reports / "records").rglob("*.env.json"))
    assert "torch==2.15.0" in env.read_text()
    assert (tmp_path / "site" / "index.html").exists()
