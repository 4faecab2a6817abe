"""`convtrack run --keep-models` then `convtrack replay` through the CLI, nox and uv, on a real torch cell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, write_case
from convtrack import cli, replay, store
from test_replay import MAXPOOL

pytestmark = pytest.mark.integration

MATRIX = """
converter = "torch.onnx"
framework = "torch"
[axes]
torch = ["2.15.0"]
onnxruntime = ["1.20.1"]
onnx = ["1.17.0"]
[loop]
mode = ["legacy"]
opset = [18]
[packages]
numpy = "1.26.4"
onnxscript = "0.7.2"
"""
REPLAY = """
onnxruntime = ["1.20.1", "1.21.0"]
[packages]
numpy = "1.26.4"
onnx = "1.17.0"
"""


def test_keep_then_replay_finds_the_runtime_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "src"))  # nox's process imports this checkout's convtrack
    (tmp_path / "matrix").mkdir()
    (tmp_path / "matrix" / "torch.toml").write_text(MATRIX)
    (tmp_path / "matrix" / "replay.toml").write_text(REPLAY)
    write_case(tmp_path / "suites", "issues/maxpool_ceil.py", MAXPOOL)
    flags = ["--matrix-dir", str(tmp_path / "matrix"), "--suites", str(tmp_path / "suites"),
             "--reports", str(tmp_path / "reports"), "--work", str(tmp_path / "work")]
    assert cli.main([*flags, "run", "--preset", "full", "--keep-models", "--no-site"]) == 0
    (rec,) = store.load(tmp_path / "reports")
    assert rec["outcome"] == "wrong_shape" and rec["artefact"]
    capsys.readouterr()
    assert cli.main([*flags, "replay"]) == 0
    assert "fix" in capsys.readouterr().out
    assert len(replay.load(tmp_path / "reports")) == 2
    assert cli.main([*flags, "replay", "--changes", "--json"]) == 0
    (t,) = json.loads(capsys.readouterr().out)["transitions"]
    assert (t["kind"], t["before_version"], t["after_version"], t["blame"]) == ("fix", "1.20.1", "1.21.0", "runtime")
    # kept and replayed already: neither command runs anything again
    assert cli.main([*flags, "run", "--preset", "full", "--keep-models", "--no-site"]) == 0
    assert cli.main([*flags, "replay"]) == 0
    assert len(store.load(tmp_path / "reports")) == 1 and len(replay.load(tmp_path / "reports")) == 2
