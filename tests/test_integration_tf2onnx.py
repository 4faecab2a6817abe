"""End to end through nox + uv: a real TensorFlow cell replays three tf2onnx cases at one opset."""

from __future__ import annotations

from pathlib import Path

import pytest

from convtrack import cli, store

pytestmark = pytest.mark.integration

# The quick preset's cell (TF 2.15.1, tf2onnx 1.17.0), with the real file's pins.
MATRIX = """
converter = "tf2onnx"
framework = "tensorflow"
python = "3.11"
[axes]
tensorflow = ["2.15.1"]
tf2onnx = ["1.17.0"]
onnx = ["1.14.1"]
onnxruntime = ["1.20.1"]
[loop]
opset = [15, 19]
[packages]
protobuf = "3.20.3"
numpy = "1.26.4"
[[rule]]
when = { tf2onnx = "<=1.17.0", opset = ">18" }
exclude = "tf2onnx 1.14-1.17 accept at most opset 18"
[presets.smoke]
tensorflow = ["2.15.1"]
"""


def test_run_builds_a_real_tensorflow_cell_and_records_real_outcomes(tmp_path: Path) -> None:
    (tmp_path / "matrix").mkdir()
    (tmp_path / "matrix" / "tensorflow.toml").write_text(MATRIX)
    reports = tmp_path / "reports"
    status = cli.main(["--matrix-dir", str(tmp_path / "matrix"), "--reports", str(reports), "run",
                       "--preset", "smoke", "--converter", "tf2onnx",
                       "--select", "tf2onnx_2174", "tf2onnx_2099", "keras_cnn_small",
                       "--site-out", str(tmp_path / "site")])
    assert status == 0
    records = store.load(reports)
    got = {(r["case"], r["opset"]): r for r in records}
    assert len(records) == 6 and all(r["mode"] is None and r["converter"] == "tf2onnx" for r in records)
    # Opset 19 is above tf2onnx 1.17.0's ceiling: recorded, never run.
    assert all(got[(c, 19)]["outcome"] == "not_applicable" for c, _ in got)
    # Measured on TF 2.15.1 / tf2onnx 1.17.0 / onnx 1.14.1 / onnxruntime 1.20.1:
    floordiv = got[("issues/tf2onnx_2174", 15)]  # integer FloorDiv lowered to truncating Div: still open
    assert floordiv["outcome"] == "mismatch" and floordiv["metrics"]["max_abs"] >= 1
    grouped = got[("issues/tf2onnx_2099", 15)]  # grouped Conv2D left as a TF PartitionedCall node
    assert grouped["outcome"] == "invalid_model" and "PartitionedCall" in grouped["signature"]
    assert got[("models/keras_cnn_small", 15)]["outcome"] == "pass"
    versions = got[("models/keras_cnn_small", 15)]["versions"]
    assert versions["tensorflow"] == "2.15.1" and versions["tf2onnx"] == "1.17.0" and versions["onnx"] == "1.14.1"
    env = next((reports / "records" / "tf2onnx").rglob("*.env.json"))
    assert "tensorflow==2.15.1" in env.read_text()
    assert (tmp_path / "site" / "index.html").exists()
