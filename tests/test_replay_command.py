"""`convtrack run --keep-models` then `convtrack replay` through the CLI, nox and uv, on a real torch cell."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, tiny_project
from convtrack import artefact_store, cli, replay, store
from test_replay import MAXPOOL

pytestmark = pytest.mark.integration

REPLAY = """
onnxruntime = ["1.20.1", "1.21.0"]
[packages]
numpy = "1.26.4"
onnx = "1.17.0"
"""


def test_keep_then_replay_finds_the_runtime_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "src"))  # nox's process imports this checkout's convtrack
    flags = tiny_project(tmp_path, {"issues/maxpool_ceil.py": MAXPOOL}, replay=REPLAY)
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
    # replayed on every release, but the model of a published transition: --prune keeps its exact bytes
    capsys.readouterr()
    assert cli.main([*flags, "replay", "--prune"]) == 0
    said = capsys.readouterr().err
    assert "pruned 0 artefacts replayed on all 2 releases" in said and "kept 1 that a transition" in said
    assert (tmp_path / "work" / "artefacts" / "sha256" / rec["artefact"][:2] / rec["artefact"][2:]).is_file()
    assert {r["replay"]["model"] for r in replay.load(tmp_path / "reports")} == {
        artefact_store.manifest(tmp_path / "work" / "artefacts", rec["artefact"])["model"]}
    assert cli.main([*flags, "run", "--preset", "full", "--keep-models", "--no-site"]) == 0
    assert len(store.load(tmp_path / "reports")) == 1
    # a new machine's work folder has no ledger: the committed replay records say the model served its purpose
    shutil.rmtree(tmp_path / "work" / "artefacts")
    capsys.readouterr()
    assert cli.main([*flags, "run", "--preset", "full", "--keep-models", "--no-site"]) == 0
    assert "1 models replayed on all 2 onnxruntime releases (reports/replay) count as kept" in capsys.readouterr().err
    assert len(store.load(tmp_path / "reports")) == 1
