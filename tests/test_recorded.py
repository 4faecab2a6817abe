"""recorded: which of the matrix's cells and opset x mode slots the records hold, and `convtrack matrix recorded`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from convtrack import __version__, cli, recorded, records_index
from convtrack.matrix import Cell, Task
from findings_records import torch, write

AXES = {"torch": "2.6.0", "onnxruntime": "1.20.1", "onnx": "1.17.0"}
CASES = {"torch.onnx": ["models/a", "models/b"]}


def _cell(version: str = "2.6.0") -> Cell:
    return Cell("torch.onnx", "torch", "3.11", {**AXES, "torch": version}, {},
                [Task(17, "legacy"), Task(18, "legacy"), Task(17, "dynamo"), Task(20, "legacy", na="ceiling")])


def _rows(tmp_path: Path, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return records_index.slim(write(tmp_path, records), cache=False)


def test_each_slot_is_full_partial_missing_older_or_not_applicable(tmp_path: Path) -> None:
    old = torch("2.6.0", "models/b", "pass", opset=18)
    old["harness_version"] = "0.0.1"
    rows = _rows(tmp_path, [torch("2.6.0", "models/a", "pass", harness_version=__version__),
                            torch("2.6.0", "models/b", "not_applicable", harness_version=__version__),
                            torch("2.6.0", "models/a", "pass", opset=18, harness_version=__version__), old,
                            torch("2.6.0", "models/a", "convert_error", mode="dynamo", harness_version=__version__),
                            torch("2.6.0", "models/gone", "pass", mode="dynamo", harness_version=__version__)])
    (got,) = recorded.status([_cell()], rows, CASES)
    assert [(s.opset, s.mode, s.state, s.cases) for s in got.slots] == [
        (17, "legacy", "full", 2), (18, "legacy", "older", 2), (17, "dynamo", "partial", 1),
        (20, "legacy", "n/a", 0)]
    assert got.slots[1].harness == {"0.0.1": 1, __version__: 1}
    assert recorded.totals([got]) == {"full": 1, "older": 1, "partial": 1, "missing": 0, "n/a": 1}


def test_a_newer_record_by_todays_harness_makes_an_older_slot_full(tmp_path: Path) -> None:
    old = torch("2.6.0", "models/a", "pass")
    old["harness_version"] = "0.0.1"
    rows = _rows(tmp_path, [old, torch("2.6.0", "models/b", "pass", harness_version=__version__),
                            torch("2.6.0", "models/a", "pass", harness_version=__version__)])
    (got,) = recorded.status([_cell()], rows, CASES)
    assert got.slots[0].state == "full" and got.slots[0].harness == {__version__: 2}


def test_the_grid_marks_each_slot_and_leaves_out_columns_no_cell_runs(tmp_path: Path) -> None:
    rows = _rows(tmp_path, [torch("2.6.0", c, "pass", harness_version=__version__) for c in CASES["torch.onnx"]])
    text = recorded.grid(recorded.status([_cell(), _cell("2.7.1")], rows, CASES))
    head, first, second = text.splitlines()
    assert head.split() == ["dyn17", "leg17", "leg18"]  # legacy@20 is not applicable anywhere: no column
    assert first.split() == ["torch2.6.0-ort1.20.1-onnx1.17.0", "·", "✓", "·"]
    assert second.split() == ["torch2.7.1-ort1.20.1-onnx1.17.0", "·", "·", "·"]


def test_the_command_prints_the_grid_and_json_of_the_project_matrix(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    reports = write(tmp_path, [torch("2.6.0", "models/a", "pass", harness_version=__version__)])
    root = Path(__file__).resolve().parents[1]
    base = ["--reports", str(reports), "--matrix-dir", str(root / "matrix"), "--suites", str(tmp_path / "none")]
    assert cli.main([*base, "matrix", "recorded", "--preset", "releases", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    cell = next(c for c in data["cells"] if c["cell"] == "torch2.6.0-ort1.20.1-onnx1.17.0")
    slot = next(s for s in cell["slots"] if s["opset"] == 17 and s["mode"] == "legacy")
    assert slot["cases"] == 1 and slot["state"] == "full"  # without the suite: the best-covered slot's count
    assert data["totals"]["full"] == 1 and data["totals"]["missing"] > 0
    assert cli.main([*base, "matrix", "recorded", "--preset", "releases", "--missing"]) == 0
    out = capsys.readouterr().out
    assert "torch2.6.0-ort1.20.1-onnx1.17.0" in out and "slots: 1 full" in out
    assert cli.main([*base, "matrix", "recorded", "--preset", "nope"]) == 2
