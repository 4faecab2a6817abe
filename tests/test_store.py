from __future__ import annotations

import json
from pathlib import Path

import pytest

from convtrack import store
from convtrack.outcomes import Outcome


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


def test_torn_last_line_is_skipped_with_a_warning_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "records" / "c" / "x" / "r.jsonl"
    store.write_all(path, [make()])
    with open(path, "a") as fh:
        fh.write('{"schema": 1, "run_')
    warnings: list[str] = []
    assert len(store.load(tmp_path, warn=warnings.append)) == 1
    assert len(warnings) == 1 and f"{path}:2: torn last line" in warnings[0]


def test_garbage_inside_a_file_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "records" / "c" / "x" / "r.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text("garbage\n" + json.dumps(make().to_dict()) + "\n")
    with pytest.raises(store.SchemaError, match=f"{path}:1: not JSON"):
        store.load(tmp_path)


@pytest.mark.parametrize("field", ["framework", "case_hash", "outcome", "axes"])
def test_missing_field_is_reported_with_file_and_line(tmp_path: Path, field: str) -> None:
    path = tmp_path / "records" / "c" / "x" / "r.jsonl"
    path.parent.mkdir(parents=True)
    data = make().to_dict()
    del data[field]
    path.write_text(json.dumps(make(opset=18).to_dict()) + "\n" + json.dumps(data) + "\n")
    with pytest.raises(store.SchemaError, match=f"{path}:2: record without {field}"):
        store.load(tmp_path)


def test_unknown_outcome_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "records" / "c" / "x" / "r.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({**make().to_dict(), "outcome": "exploded"}) + "\n")
    with pytest.raises(store.SchemaError, match=f"{path}:1: unknown outcome 'exploded'"):
        store.load(tmp_path)


def v1_record() -> dict[str, object]:
    """A schema-1 record as the committed files hold them (no axes, produced_opset, tolerance)."""
    return {"schema": 1, "run_id": "r0", "record_id": "abc", "created": "2026-11-25T00:00:00Z",
            "converter": "tf2onnx", "framework": "tensorflow", "cell": "tf2.17.1-tf2onnx1.16.1-onnx1.14.1-ort1.20.1",
            "mode": None, "case": "models/k", "case_kind": "model", "case_hash": "h", "opset": 15,
            "versions": {"tensorflow": "2.17.1", "tf2onnx": "1.16.1"}, "outcome": "mismatch",
            "metrics": {"max_abs": 0.1, "rtol": 0.001, "atol": 1e-05, "tier": 4},
            "model": {"opset_imports": {"ai.onnx": 15, "ai.onnx.ml": 2}}}


def test_schema_1_is_upgraded_to_current_on_read(tmp_path: Path) -> None:
    path = tmp_path / "records" / "tf2onnx" / "x" / "r.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(v1_record()) + "\n")
    (rec,) = store.load(tmp_path)
    assert rec["schema"] == 3
    assert rec["axes"] == {"tensorflow": "2.17.1", "tf2onnx": "1.16.1", "onnx": "1.14.1", "onnxruntime": "1.20.1"}
    assert rec["produced_opset"] == 15
    assert rec["declared_outputs"] is None
    assert rec["metrics"]["tolerance"] == {"rtol": 0.001, "atol": 1e-05, "noise": None, "source": "fixed"}
    typed = store.Record.from_dict(rec)
    assert typed.outcome is Outcome.MISMATCH


def test_cell_ids_round_trip() -> None:
    for axes in ({"torch": "2.10.0rc1", "onnxruntime": "1.23.2", "onnx": "1.17.0"},
                 {"tensorflow": "2.12.1", "tf2onnx": "1.14.0", "onnx": "1.14.1", "onnxruntime": "1.20.1"}):
        assert store.parse_cell(store.cell_id(axes)) == axes


def test_doctor_lists_every_problem_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from convtrack import cli

    good = tmp_path / "records" / "tf2onnx" / "x" / "r.jsonl"
    good.parent.mkdir(parents=True)
    good.write_text(json.dumps(v1_record()) + "\n" + json.dumps(make().to_dict()) + "\n")
    assert cli.main(["--reports", str(tmp_path), "doctor"]) == 0
    assert "2 readable records in 1 files (schema 1: 1, schema 3: 1)" in capsys.readouterr().out
    bad = good.with_name("s.jsonl")
    bad.write_text(json.dumps({**make().to_dict(), "outcome": "boom"}) + "\nnot json\n" +
                   json.dumps(make().to_dict()) + "\n{\"torn")
    assert cli.main(["--reports", str(tmp_path), "doctor"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:1: unknown outcome 'boom'" in err and f"{bad}:2: not JSON" in err
    assert f"warning: {bad}:4: torn last line" in err


def test_unknown_schema_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "records" / "c" / "x" / "r.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({**make().to_dict(), "schema": 99}) + "\n")
    with pytest.raises(store.SchemaError, match="schema 99"):
        store.load(tmp_path)


def test_readers_get_typed_outcomes_that_still_behave_as_their_strings(tmp_path: Path) -> None:
    path = tmp_path / "records" / "c" / "x" / "r.jsonl"
    store.write_all(path, [make(outcome="mismatch")])
    (rec,) = store.load(tmp_path)
    assert rec["outcome"] is Outcome.MISMATCH
    # equal to, hashed like and printed as the stored value: sets of values, templates and JSON keep working
    assert rec["outcome"] in {"mismatch"} and {"mismatch": 1}[rec["outcome"]] == 1
    assert f"{rec['outcome']}" == str(rec["outcome"]) == "mismatch"
    assert json.dumps(rec["outcome"]) == '"mismatch"'


def test_schema_2_failures_are_upgraded_to_not_assessed_blame(tmp_path: Path) -> None:
    path = tmp_path / "records" / "tf2onnx" / "x" / "r.jsonl"
    path.parent.mkdir(parents=True)
    mismatch = store._upgrade_1_to_2(v1_record())
    passed = {**mismatch, "outcome": "pass", "record_id": "def"}
    convert = {**mismatch, "outcome": "convert_error", "record_id": "ghi"}
    path.write_text("".join(json.dumps(r) + "\n" for r in (mismatch, passed, convert)))
    got = {r["outcome"]: r for r in store.load(tmp_path)}
    assert got["mismatch"]["schema"] == 3
    assert got["mismatch"]["blame"]["verdict"] == store.NOT_ASSESSED
    assert "before blame" in got["mismatch"]["blame"]["reason"]
    assert got["pass"]["blame"] is None and got["convert_error"]["blame"] is None
    assert all(r["first_divergence"] is None for r in got.values())
    assert store.Record.from_dict(got["mismatch"]).blame == got["mismatch"]["blame"]
