"""convtrack merge: dedup by record_id, append-only, schema mismatches stop the merge with file and line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import write_case
from convtrack import cli, matrix, plan, store, suite
from convtrack.merge import merge


def _rec(run_id: str, case: str, outcome: str = "pass", cell: str = "torch2.6.0-ort1.20.1") -> store.Record:
    return store.Record(run_id=run_id, converter="torch.onnx", framework="torch", cell=cell, case=case,
                        case_kind="model", case_hash="h", opset=17, mode="legacy", versions={"torch": "2.6.0"},
                        outcome=outcome, created="2026-11-25T00:00:00Z")  # fixed: "now" made the re-uploaded
    # shard's record differ from the first whenever the two writes straddled a second (a flaky conflict under load)


def _shard(root: Path, run_id: str, cases: list[str], cell: str = "torch2.6.0-ort1.20.1") -> Path:
    path = store.run_file(root, "torch.onnx", cell, run_id)
    store.write_all(path, [_rec(run_id, c, cell=cell) for c in cases])
    path.with_name(f"{run_id}.env.json").write_text('{"freeze": []}\n')
    return root


def test_merge_deduplicates_and_is_idempotent(tmp_path: Path) -> None:
    a = _shard(tmp_path / "a", "run1", ["models/x", "models/y"])
    b = _shard(tmp_path / "b" / "records", "run2", ["models/x"])  # an artifact of reports/records
    _shard(tmp_path / "b2", "run1", ["models/x"])  # the same record again from a re-uploaded shard
    into = tmp_path / "reports"
    result = merge([a, b, tmp_path / "b2"], into)
    assert (result.read, result.added, result.duplicates) == (4, 3, 1)
    assert not result.conflicts
    assert sorted(r["record_id"] for r in store.load(into)) == sorted(
        store.record_id(run, "torch2.6.0-ort1.20.1", case, 17, "legacy")
        for run, case in [("run1", "models/x"), ("run1", "models/y"), ("run2", "models/x")])
    assert (into / "records" / "torch.onnx" / "torch2.6.0-ort1.20.1" / "run2.env.json").exists()
    again = merge([a, b], into)
    assert (again.added, again.duplicates) == (0, 3)
    assert len(store.load(into)) == 3



def test_flattened_artifacts_are_routed_by_record_content(tmp_path: Path) -> None:
    """download-artifact gives records-N/<run id>.jsonl (+ .env.json) with the folders stripped."""
    for n, cell in enumerate(["torch2.6.0-ort1.20.1", "torch2.9.0-ort1.20.1"]):
        shard = tmp_path / "shards" / f"records-{n}"
        store.write_all(shard / "run1.jsonl", [_rec("run1", "models/x", cell=cell)])
        (shard / "run1.env.json").write_text(f'{{"cell": "{cell}"}}\n')
    into = tmp_path / "reports"
    assert merge([tmp_path / "shards"], into).added == 2
    for cell in ["torch2.6.0-ort1.20.1", "torch2.9.0-ort1.20.1"]:
        folder = into / "records" / "torch.onnx" / cell
        assert (folder / "run1.jsonl").exists() and cell in (folder / "run1.env.json").read_text()

def test_existing_files_are_only_appended_to(tmp_path: Path) -> None:
    into = _shard(tmp_path / "reports", "run1", ["models/x"])
    target = store.run_file(into, "torch.onnx", "torch2.6.0-ort1.20.1", "run1")
    before = target.read_bytes()
    shard = _shard(tmp_path / "s", "run1", ["models/x", "models/z"])
    result = merge([shard], into)
    assert (result.added, result.duplicates) == (1, 1)
    after = target.read_bytes()
    assert after.startswith(before) and len(after) > len(before)


def test_partial_last_line_in_destination_is_not_appended_to(tmp_path: Path) -> None:
    into = _shard(tmp_path / "reports", "run1", ["models/x"])
    target = store.run_file(into, "torch.onnx", "torch2.6.0-ort1.20.1", "run1")
    with open(target, "a") as fh:
        fh.write('{"schema": 1, "run_')  # a writer killed mid-line
    before = target.read_bytes()
    result = merge([_shard(tmp_path / "s", "run1", ["models/z"])], into)
    assert result.added == 1 and target.read_bytes() == before
    assert result.written[0].name == "run1.merged-1.jsonl"
    assert len(store.load(into)) == 2


def test_schema_mismatch_names_file_and_line_and_writes_nothing(tmp_path: Path) -> None:
    good = _shard(tmp_path / "good", "run1", ["models/x"])
    bad = tmp_path / "bad" / "x.jsonl"
    bad.parent.mkdir()
    lines = [json.dumps(_rec("run3", "models/a").to_dict()), json.dumps({**_rec("run3", "models/b").to_dict(),
                                                                         "schema": 99})]
    bad.write_text("\n".join(lines) + "\n")
    into = tmp_path / "reports"
    with pytest.raises(store.SchemaError, match=rf"{bad}:2: record schema 99"):
        merge([good, bad.parent], into)
    assert not into.exists()
    assert cli.main(["--reports", str(into), "merge", str(good), str(bad.parent)]) == 2
    bad.write_text(json.dumps({k: v for k, v in _rec("run3", "models/a").to_dict().items() if k != "outcome"}) + "\n")
    with pytest.raises(store.SchemaError, match=rf"{bad}:1: record without outcome"):
        merge([bad.parent], into)


def test_cli_merge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _shard(tmp_path / "a", "run1", ["models/x"])
    assert cli.main(["merge", str(a), "--into", str(tmp_path / "r")]) == 0
    assert "1 added" in capsys.readouterr().err
    assert cli.main(["merge", str(tmp_path / "missing"), "--into", str(tmp_path / "r")]) == 2


LINEAR = '''CASE = {"converter": "torch.onnx"}
def build():
    import torch
    from convtrack.suite import seeded
    return torch.nn.Linear(4, 3).eval(), seeded((2, 4))
'''


@pytest.mark.integration
def test_merge_shards_of_two_real_runs(tmp_path: Path, cell_python: Path, cell_env: dict[str, str]) -> None:
    root = tmp_path / "suites"
    write_case(root, "models/linear.py", LINEAR)
    cases = suite.discover(root)
    cell = matrix.Cell("torch.onnx", "torch", "3.11", {"torch": "2.15.0"}, {},
                       [matrix.Task(17, "legacy"), matrix.Task(18, "legacy")])
    shards = []
    for n in (1, 2):
        run_id = store.new_run_id()
        shard = tmp_path / f"shard{n}"
        plan_path = plan.write(plan.make(cell, cases, run_id), tmp_path / f"plan{n}.json")
        out = store.run_file(shard, cell.converter, cell.id, run_id)
        out.parent.mkdir(parents=True)
        subprocess.run([str(cell_python), "-m", "convtrack.cell.runner", "--plan", str(plan_path), "--out", str(out),
                        "--quiet"], env=cell_env, check=True, timeout=600)
        shards.append(shard / "records")
    into = tmp_path / "reports"
    result = merge(shards, into)
    assert (result.read, result.added, result.duplicates) == (4, 4, 0)
    records = store.load(into)
    assert {r["outcome"] for r in records} == {"pass"} and len({r["run_id"] for r in records}) == 2
    assert merge(shards, into).added == 0
    assert len(store.load(into)) == 4
