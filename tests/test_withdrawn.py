"""A withdrawn run of a cell: its records stay on disk and every reader leaves them out (no flaky repeat, not done)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import convtrack_command
from convtrack import incremental, records_index, store, transitions, withdrawn

ROOT = Path(__file__).resolve().parents[1]
CELL = "torch1.7.1-ort1.19.2"


def rec(torch: str, outcome: str, run: str, created: str) -> dict[str, Any]:
    return store.Record(run_id=run, converter="torch.onnx", framework="torch", cell=f"torch{torch}-ort1.19.2",
                        case="issues/x", case_kind="issue", case_hash="h", opset=11, mode="legacy",
                        axes={"torch": torch, "onnxruntime": "1.19.2"}, env_lock="lock",
                        versions={"torch": torch, "onnxruntime": "1.19.2"}, outcome=outcome, created=created).to_dict()


def ledger(reports: Path, **entry: Any) -> None:
    base = {"run_id": "old", "cell": CELL, "reason": "the adapter did not name the outputs in dynamic_axes",
            "fixed_by": "397e899", "replaced_by": "new"}
    (reports / withdrawn.FILE).write_text(json.dumps({"schema": 1, "withdrawn": [{**base, **entry}]}))


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """torch 1.6.0 passes; 1.7.1's first run was a harness fault (wrong_shape), its re-run passes."""
    store.write_all(store.run_file(tmp_path, "torch.onnx", "torch1.6.0-ort1.19.2", "a"),
                    [rec("1.6.0", "pass", "a", "2026-12-01T10:00:00Z")])
    store.write_all(store.run_file(tmp_path, "torch.onnx", CELL, "old"),
                    [rec("1.7.1", "wrong_shape", "old", "2026-12-01T11:00:00Z")])
    store.write_all(store.run_file(tmp_path, "torch.onnx", CELL, "new"),
                    [rec("1.7.1", "pass", "new", "2026-12-01T12:00:00Z")])
    return tmp_path


def test_without_a_ledger_the_disagreeing_repeat_reads_as_a_flaky_regression(reports: Path) -> None:
    found = transitions.scan(records_index.slim(reports, cache=False)).transitions
    assert [(t.kind.value, t.flaky) for t in found] == [("regression", True)]


def test_a_withdrawn_run_is_left_out_of_every_reading_and_kept_on_disk(reports: Path) -> None:
    ledger(reports)
    assert withdrawn.load(reports) == {("old", CELL): "the adapter did not name the outputs in dynamic_axes"}
    assert transitions.scan(records_index.slim(reports)).transitions == []
    assert {r["run_id"] for r in store.load(reports)} == {"a", "new"}
    assert {r["run_id"] for r in records_index.load(reports).latest} == {"a", "new"}
    assert len(list(store.read_file(store.run_file(reports, "torch.onnx", CELL, "old")))) == 1  # still there
    folder = store.run_file(reports, "torch.onnx", CELL, "x").parent
    # the withdrawn record does not count as done; the re-run's does
    old_only = reports / "only-old"
    store.write_all(store.run_file(old_only, "torch.onnx", CELL, "old"),
                    [rec("1.7.1", "wrong_shape", "old", "2026-12-01T11:00:00Z")])
    old_folder = store.run_file(old_only, "torch.onnx", CELL, "x").parent
    assert incremental.done(old_folder) and not incremental.done(old_folder, None, withdrawn.load(reports))
    assert incremental.done(folder, None, withdrawn.load(reports))


@pytest.mark.parametrize(("text", "key", "value"), [
    ('{"schema": 2, "withdrawn": []}', "'schema'", "2"),
    ('{"schema": 1, "withdrawn": {}}', "'withdrawn'", "{}"),
    ('{"schema": 1, "withdrawn": [{"run_id": "r", "cell": "c", "reason": "", "fixed_by": "f", "replaced_by": "n"}]}',
     "'withdrawn[0].reason'", "''"),
    ('{"schema": 1, "withdrawn": [{"run_id": "r", "cell": "c", "reason": "why", "fixed_by": "f"}]}',
     "'withdrawn[0].replaced_by'", "None"),
])
def test_a_bad_ledger_exits_2_naming_file_key_and_value(tmp_path: Path, text: str, key: str, value: str) -> None:
    (tmp_path / "records").mkdir()
    (tmp_path / withdrawn.FILE).write_text(text)
    with pytest.raises(withdrawn.WithdrawnError, match=re.escape(key)):
        withdrawn.load(tmp_path)
    done = subprocess.run(convtrack_command(["--reports", str(tmp_path)], "changes"), capture_output=True, text=True,
                          timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT / "src")))
    assert done.returncode == 2, done.stderr
    assert str(tmp_path / withdrawn.FILE) in done.stderr and key in done.stderr and value in done.stderr


def test_the_committed_ledger_names_runs_that_exist_and_their_replacements() -> None:
    reports = ROOT / "reports"
    for run_id, cell in withdrawn.load(reports):
        entry = next(e for e in json.loads((reports / withdrawn.FILE).read_text())["withdrawn"]
                     if (e["run_id"], e["cell"]) == (run_id, cell))
        folder = next((reports / "records").glob(f"*/{cell}"))
        assert (folder / f"{run_id}.jsonl").exists() and (folder / f"{entry['replaced_by']}.jsonl").exists()


def test_the_ledger_is_parsed_once_per_version_of_the_file(tmp_path: Path) -> None:
    ledger(tmp_path)
    before = withdrawn._parse.cache_info().misses
    first = withdrawn.load(tmp_path)
    first.clear()  # a caller's copy: the cache's own dict stays whole
    assert withdrawn.load(tmp_path) == {("old", CELL): "the adapter did not name the outputs in dynamic_axes"}
    assert withdrawn._parse.cache_info().misses == before + 1
    ledger(tmp_path, run_id="older", reason="another run")  # an edit is read again
    assert withdrawn.load(tmp_path) == {("older", CELL): "another run"}
    assert withdrawn._parse.cache_info().misses == before + 2
