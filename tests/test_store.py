from __future__ import annotations

import json
from pathlib import Path

import pytest

from convtrack import store


def make(**kw: object) -> store.Record:
    base = dict(run_id="r1", converter="torch.onnx", framework="torch", cell="torch2.6.0", case="models/x",
                case_kind="model",
                case_hash="abc", opset=17, mode="legacy", versions={"torch": "2.6.0"}, outcome="pass")
    base.update(kw)
    return store.Record(**base)  # type: ignore[arg-type]


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    rec = make(metrics={"max_abs": 0.5}, signature="E: x", tags=["unsupported_op"])
    path = store.run_file(tmp_path, "torch.onnx", "torch2.6.0", "r1")
    store.write_all(path, [rec])
    (back,) = store.load(tmp_path)
    assert store.Record.from_dict(back) == rec
    for name in store.REQUIRED:
        assert name in back
    assert back["schema"] == store.SCHEMA_VERSION


def test_record_id_is_stable_and_distinct() -> None:
    assert make().record_id == make().record_id
    assert make().record_id != make(opset=18).record_id


def test_writer_appends_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "records" / "c" / "x" / "r.jsonl"
    store.write_all(path, [make()])
    store.write_all(path, [make(opset=18)])
    assert len(store.load(tmp_path)) == 2


def test_truncated_last_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "records" / "c" / "x" / "r.jsonl"
    store.write_all(path, [make()])
    with open(path, "a") as fh:
        fh.write('{"schema": 1, "run_')
    assert len(store.load(tmp_path)) == 1


def test_unknown_schema_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "records" / "c" / "x" / "r.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({**make().to_dict(), "schema": 99}) + "\n")
    with pytest.raises(store.SchemaError, match="schema 99"):
        store.load(tmp_path)
