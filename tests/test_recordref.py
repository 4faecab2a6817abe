"""RECORD resolution: record ids (and prefixes) and CELL/CASE@OPSET/MODE, newest record first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convtrack import recordref

CELL = "torch2.15.0-ort1.20.1-onnx1.17.0"


def _rec(rid: str, created: str, opset: int = 17, mode: str | None = "legacy", case: str = "issues/x",
         cell: str = CELL) -> dict:
    return {"record_id": rid, "created": created, "run_id": created, "cell": cell, "case": case, "opset": opset,
            "mode": mode, "converter": "torch.onnx"}


RECORDS = [_rec("aaaaaa1111", "2026-01-01"), _rec("aaaaaa2222", "2026-02-01"), _rec("bbbbbb3333", "2026-03-01", 13),
           _rec("cccccc4444", "2026-01-05", 13, None, "models/k", "tf2.15.1-tf2onnx1.17.0")]


def test_record_id_and_unique_prefix() -> None:
    assert recordref.find("bbbbbb3333", RECORDS)["opset"] == 13
    assert recordref.find("bbbbbb", RECORDS)["record_id"] == "bbbbbb3333"
    with pytest.raises(recordref.RecordNotFound, match="matches 2 records"):
        recordref.find("aaaaaa", RECORDS)


def test_cell_case_opset_mode_takes_the_newest() -> None:
    assert recordref.find(f"{CELL}/issues/x@17/legacy", RECORDS)["record_id"] == "aaaaaa2222"
    assert recordref.find(f"{CELL}/issues/x", RECORDS)["record_id"] == "bbbbbb3333"  # any opset, any mode
    assert recordref.find("tf2.15.1-tf2onnx1.17.0/models/k@13/-", RECORDS)["record_id"] == "cccccc4444"
    assert recordref.find("tf2.15.1-tf2onnx1.17.0/models/k@13", RECORDS)["record_id"] == "cccccc4444"
    assert recordref.ref(RECORDS[3]) == "tf2.15.1-tf2onnx1.17.0/models/k@13/-"
    for rec in RECORDS:
        assert recordref.find(recordref.ref(rec), [rec]) is rec


def test_no_match_says_what_a_record_is() -> None:
    with pytest.raises(recordref.RecordNotFound, match="CELL/CASE@OPSET/MODE") as info:
        recordref.find(f"{CELL}/issues/x@18/legacy", RECORDS)
    assert CELL in str(info.value)


def test_environment_sidecar_of_the_run_or_of_the_same_lock(tmp_path: Path) -> None:
    folder = tmp_path / "records" / "torch.onnx" / CELL
    folder.mkdir(parents=True)
    (folder / "run1.env.json").write_text(json.dumps({"env_lock": "L", "freeze": ["protobuf==5.1.0", "Onnx_IR==1.1"]}))
    own = {**_rec("x", "run1"), "run_id": "run1"}
    other = {**_rec("y", "run2"), "run_id": "run2", "env_lock": "L"}
    assert recordref.frozen(recordref.environment(tmp_path, own)) == {"protobuf": "5.1.0", "onnx-ir": "1.1"}
    assert recordref.environment(tmp_path, other) is not None  # no sidecar of its own: the same lock's
    assert recordref.environment(tmp_path, {**other, "env_lock": "M"}) is None
