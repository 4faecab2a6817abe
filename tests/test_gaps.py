"""gaps: the adjacent versions of an axis that no two cells compare, as the scan, `changes` and the findings say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convtrack import analysis, cli, findings, gaps, transitions
from convtrack.findings import markdown
from findings_records import load, tf, write


def _tf_history() -> list[dict[str, object]]:
    """TF 2.19.1 only with onnx 1.14.1, TF 2.20.0 only with onnx 1.17.0: the layout of the committed TF cells."""
    return [tf("2.18.1", "1.17.0", "models/m", "pass"), tf("2.19.1", "1.17.0", "models/m", "pass"),
            tf("2.20.0", "1.17.0", "models/m", "convert_error", onnx="1.17.0", signature="KeyError"),
            tf("2.21.0", "1.17.0", "models/m", "convert_error", onnx="1.17.0", signature="KeyError")]


def test_a_step_where_another_axis_moved_in_every_pair_is_a_gap_with_that_axis() -> None:
    found = gaps.find(gaps.cells_of(_tf_history()))
    assert [(g.axis, g.before, g.after, g.moved) for g in found] == [
        ("onnx", "1.14.1", "1.17.0", {"tensorflow": ["2.18.1", "2.20.0"]}),
        ("tensorflow", "2.19.1", "2.20.0", {"onnx": ["1.14.1", "1.17.0"]})]
    step = found[1]
    assert step.before_cell == "tf2.19.1-tf2onnx1.17.0-onnx1.14.1-ort1.20.1"
    assert step.after_cell == "tf2.20.0-tf2onnx1.17.0-onnx1.17.0-ort1.20.1"
    assert step.describe() == "tf2onnx tensorflow 2.19.1 -> 2.20.0 (with onnx 1.14.1 -> 1.17.0)"


def test_a_bridging_cell_closes_both_steps() -> None:
    bridge = tf("2.19.1", "1.17.0", "models/m", "pass", onnx="1.17.0")
    assert gaps.find(gaps.cells_of([*_tf_history(), bridge])) == []


def test_a_cell_with_harness_outcomes_only_bridges_nothing() -> None:
    built_nothing = tf("2.19.1", "1.17.0", "models/m", "env_error", onnx="1.17.0")
    assert len(gaps.find(gaps.cells_of([*_tf_history(), built_nothing]))) == 2


def test_the_scan_and_changes_name_the_gaps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = write(tmp_path, _tf_history())
    scan = transitions.scan(analysis.load(reports))
    assert [g.axis for g in scan.gaps] == ["onnx", "tensorflow"]
    assert not scan.transitions  # the pass -> convert_error step is in no comparison: nothing was counted
    assert cli.main(["--reports", str(reports), "changes", "--json", "--axis", "tensorflow"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(g["before"], g["after"], g["moved"]) for g in data["gaps"]] == [
        ("2.19.1", "2.20.0", {"onnx": ["1.14.1", "1.17.0"]})]
    assert cli.main(["--reports", str(reports), "changes"]) == 0
    out = capsys.readouterr().out
    assert "2 adjacent release step(s) compared by no two cells" in out
    assert "tf2onnx tensorflow 2.19.1 -> 2.20.0 (with onnx 1.14.1 -> 1.17.0)" in out


def test_the_findings_say_which_steps_are_not_measured(tmp_path: Path) -> None:
    latest, found = load(write(tmp_path, _tf_history()))
    f = findings.compute(latest, found)
    assert [g.axis for g in f.uncompared] == ["onnx", "tensorflow"]
    text = markdown.render(f)
    assert "2 step(s) between adjacent versions are compared by no two cells" in text
    assert "tensorflow 2.19.1 -> 2.20.0 (with onnx 1.14.1 -> 1.17.0)" in text
    bridged = findings.compute(*load(write(tmp_path / "b", [*_tf_history(),
                                                             tf("2.19.1", "1.17.0", "models/m", "pass",
                                                                onnx="1.17.0")])))
    assert bridged.uncompared == [] and "Every step between adjacent versions" in markdown.render(bridged)
