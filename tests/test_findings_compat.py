"""The compatibility table: pass rate per installed combination, cells that do not install and why, every
reason the harness gave for setting tasks apart, and the framework releases that do not install here at all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from convtrack import installability_report
from convtrack.findings import compat, rows
from findings_records import load, tf, torch, write
from installability_files import torch_file

needs_uv = pytest.mark.skipif(shutil.which("uv") is None, reason="uv is not installed")


def test_pass_rate_install_and_reasons(tmp_path: Path) -> None:
    records = [
        torch("2.6.0", "models/a", "pass", kind="model"), torch("2.6.0", "models/b", "mismatch", kind="model"),
        torch("2.6.0", "models/c", "not_applicable", kind="model", reason="case needs timm"),
        *(torch("2.7.1", f"models/{c}", "env_error", kind="model", reason="torch 2.7.1: no wheel for cp311",
                error="uv: no matching distribution") for c in "abc"),
        tf("2.17.1", "1.16.1", "models/k", "not_applicable", reason="Keras 3 boundary"),
        tf("2.17.1", "1.16.1", "models/m", "pass"),
        *(tf("2.21.0", "1.16.1", f"models/{c}", "not_applicable", reason="does not resolve: protobuf") for c in "km"),
    ]
    latest, _ = load(write(tmp_path, records))
    found = rows.newest(latest).rows
    table = {c.cell: c for c in compat.table(found)}
    ok, broken = table["torch2.6.0-ort1.20.1-onnx1.17.0"], table["torch2.7.1-ort1.20.1-onnx1.17.0"]
    assert (ok.tasks, ok.results, ok.passed, ok.pass_rate, ok.installs) == (3, 2, 1, 0.5, "yes")
    assert (ok.framework, ok.framework_version, ok.converter_version, ok.onnxruntime, ok.onnx, ok.python) == (
        "torch", "2.6.0", "2.6.0", "1.20.1", "1.17.0", "3.11")  # the record's 3.11.7, as users pick an interpreter
    assert ok.harness == {"not_applicable": 1} and ok.reasons[0].reason == "case needs timm"
    assert (broken.installs, broken.pass_rate, broken.harness) == ("no", None, {"env_error": 3})
    assert [(r.outcome, r.reason, r.tasks) for r in broken.reasons] == [
        ("env_error", "torch 2.7.1: no wheel for cp311", 3)]
    keras = table["tf2.17.1-tf2onnx1.16.1-onnx1.14.1-ort1.20.1"]
    assert (keras.framework, keras.converter_version, keras.pass_rate) == ("tensorflow", "1.16.1", 1.0)
    excluded = table["tf2.21.0-tf2onnx1.16.1-onnx1.14.1-ort1.20.1"]
    assert (excluded.installs, excluded.results, excluded.reasons[0].reason) == ("excluded", 0,
                                                                                 "does not resolve: protobuf")
    assert [c.converter for c in compat.table(found)] == ["tf2onnx", "tf2onnx", "torch.onnx", "torch.onnx"]
    apart = compat.set_apart(found)
    assert [(a.outcome, a.tasks, len(a.cells)) for a in apart] == [
        ("env_error", 3, 1), ("not_applicable", 2, 1), ("not_applicable", 1, 1), ("not_applicable", 1, 1)]


@needs_uv
def test_releases_that_do_not_install_per_interpreter_grouped_by_kind(tmp_path: Path) -> None:
    torch_file(tmp_path / "reports", tmp_path / "wheels")
    found, problems = installability_report.load_all(tmp_path / "reports")
    assert problems == []
    [summary] = compat.not_installable(found)
    assert (summary.converter, summary.framework, summary.source, summary.matrix_python) == (
        "torch.onnx", "torch", "installability/torch.onnx.json", "3.11")
    assert summary.releases == ["1.10.2", "1.12.1", "2.0.1", "2.6.0"]
    assert summary.pythons == ["3.10", "3.11", "3.12"]
    assert [(g.python, g.reason, g.releases) for g in summary.refused] == [
        ("3.11", "no cp311 wheel", ["1.12.1"]), ("3.11", "no wheel for this platform", ["1.10.2"]),
        ("3.11", "its dependencies do not resolve", ["2.0.1"]),
        ("3.12", "no cp312 wheel", ["1.12.1"]), ("3.12", "probe failed", ["2.6.0"])]
    assert compat.not_installable([]) == []
