"""What onnxruntime makes of the models the converter track calls invalid (convtrack.findings.invalid), from
replay records written and read back by the real replay store code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from convtrack import replay
from convtrack.findings import invalid
from convtrack.findings import replay as replay_findings
from test_findings_replay import _write
from test_replay_track import rec


def _invalid(ort: str, outcome: str, artefact: str, model: str, own: str = "1.20.1", run: str = "r1") -> dict[str, Any]:
    r = rec(ort, outcome, artefact, run=run)
    r["replay"].update(source_outcome="invalid_model", source_versions={"onnxruntime": own}, model=model)
    return r


def test_invalid_models_are_counted_by_what_their_own_runtime_does_once_per_model(tmp_path: Path) -> None:
    records = [
        _invalid("1.20.1", "pass", "a" * 64, "m1"), _invalid("1.20.1", "pass", "b" * 64, "m1"),  # one model, twice
        _invalid("1.20.1", "load_error", "c" * 64, "m2"),
        _invalid("1.20.1", "run_error", "d" * 64, "m3"), _invalid("1.20.1", "mismatch", "d" * 64, "m3", run="r2"),
        _invalid("1.23.2", "load_error", "a" * 64, "m1"),  # another release than the cell's: not counted
        _invalid("1.20.1", "env_error", "e" * 64, "m4"),  # a harness outcome: nobody's verdict
        rec("1.20.1", "pass", "f" * 64),  # its source passed: not an invalid model
    ]
    got = invalid.ran_anyway(replay.load(_write(tmp_path / "reports", records)))
    assert [(i.converter, i.mode, i.models, i.outcomes) for i in got] == [
        ("torch.onnx", "legacy", 3, {"load_error": 1, "mismatch": 1, "pass": 1})]  # m3's newest replay counts
    assert invalid.row(got[0]) == ("torch.onnx", "legacy", 3, 1, 1, 1, 0)
    r = replay_findings.compute(replay.load(tmp_path / "reports"))
    assert r is not None and r.invalid == got
    assert invalid.headline(got) == (
        "Models recorded as invalid_model, run anyway on their own cell's onnxruntime by the replay track: "
        "torch.onnx legacy: 1 of 3 pass (strict shape inference rejects files onnxruntime runs; section 7).")
    assert invalid.headline([]) == ""
