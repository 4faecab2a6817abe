"""matrix/replay.toml: the onnxruntime releases of the replay track, typed like the converter matrices."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from convtrack import matrix, replay_matrix
from convtrack.matrix_values import MatrixError

ROOT = Path(__file__).resolve().parents[1]


def test_the_committed_track_spans_1_15_to_the_newest_with_numpy_1_for_old_runtimes() -> None:
    m = replay_matrix.load(ROOT / "matrix" / "replay.toml")
    assert m.onnxruntime[0] == "1.15.1" and len(m.onnxruntime) == len(set(m.onnxruntime))
    assert m.requirements("1.18.1") == ["onnxruntime==1.18.1", "numpy<2", "onnx==1.17.0"]
    assert m.requirements("1.23.2") == ["onnxruntime==1.23.2", "numpy==1.26.4", "onnx==1.17.0"]
    assert set(m.releases("quick")) <= set(m.onnxruntime) and m.releases(None) == m.onnxruntime


def test_the_converter_matrix_leaves_the_replay_file_alone() -> None:
    assert {m.converter for m in matrix.load_dir(ROOT / "matrix")} == {"torch.onnx", "tf2onnx"}


@pytest.mark.parametrize(("text", "key"), [
    ('onnxruntime = [1.2]', "onnxruntime"),
    ('onnxruntime = ["1.20.1"]\n[presets.q]\nonnxruntime = ["1.21.0"]', "presets.q.onnxruntime"),
    ('onnxruntime = ["1.20.1"]\n[[rule]]\nwhen = { torch = "<2" }\npin = { numpy = "<2" }', "rule[0].when"),
    ('onnxruntime = ["1.20.1"]\nconverter = "x"', "converter"),
])
def test_a_malformed_file_names_the_key(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "replay.toml"
    path.write_text(text)
    with pytest.raises(MatrixError, match=re.escape(f"key '{key}")):
        replay_matrix.load(path)


def test_an_unknown_preset_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "replay.toml"
    path.write_text('onnxruntime = ["1.20.1"]')
    with pytest.raises(MatrixError, match="no such preset"):
        replay_matrix.load(path).releases("quick")
