"""The rows the findings count: the newest record per task, partial runs set apart, typed outcomes, stale counts."""

from __future__ import annotations

from pathlib import Path

from convtrack.findings import rows
from convtrack.outcomes import Outcome
from findings_records import load, tf, torch, write


def test_newest_record_per_task_and_probes_set_apart(tmp_path: Path) -> None:
    records = [torch("2.6.0", f"issues/{c}", "convert_error", signature="E") for c in "abcd"]
    records += [torch("2.6.0", "issues/a", "pass")]  # a re-run: the newest record counts
    records += [torch("2.7.0", "issues/a", "mismatch")]  # a one-case bisect probe
    latest, _ = load(write(tmp_path, records))
    found = rows.newest(latest, {"issues/a": "h", "issues/b": "other"})
    assert len(found.rows) == 4 and len(found.everything) == 5
    assert found.probes == [("torch.onnx", "torch2.7.0-ort1.20.1-onnx1.17.0")] and found.probe_rows == 1
    a = next(r for r in found.rows if r["case"] == "issues/a")
    assert a["outcome"] is Outcome.PASS and a["mode"] == "legacy" and a["signature"] is None
    assert found.stale == 3  # b's hash differs, c and d are not in the suite


def test_release_labels_and_held_axes(tmp_path: Path) -> None:
    latest, _ = load(write(tmp_path, [tf("2.15.1", "1.17.0", "models/k", "pass"), torch("2.9.1", "models/t", "pass")]))
    by = {r["converter"]: r for r in rows.newest(latest).rows}
    assert rows.release_label(by["tf2onnx"]) == "tensorflow 2.15.1 + tf2onnx 1.17.0"
    assert rows.release_label(by["torch.onnx"]) == "torch 2.9.1"
    assert rows.others(by["torch.onnx"]) == {"onnx": "1.17.0", "onnxruntime": "1.20.1"}
    assert rows.package(by["tf2onnx"]) == "tf2onnx" and rows.package(by["torch.onnx"]) == "torch"
    assert by["tf2onnx"]["mode"] == "-"
