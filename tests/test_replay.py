"""The replay track end to end: convert once in a real torch cell keeping the artefact, replay it on two real
onnxruntime releases in environments without torch, and find the runtime's fix between them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, keep_artefact, write_case
from convtrack import artefact_store, defaults, matrix, plan, replay, replay_matrix, replay_track, store, suite

pytestmark = pytest.mark.integration

# MaxPool ceil_mode with a dynamic batch: onnxruntime 1.20.1 computes a 2x2 map where torch gives 1x1 (wrong_shape),
# 1.21.0 computes torch's (pass); the model declares no static spatial dims (tests/test_assess.py measured it).
MAXPOOL = '''CASE = {"converter": "torch.onnx", "modes": ["legacy"], "dynamic": {"0": [2, 3]}}
def build():
    import torch
    from convtrack.suite import seeded
    return torch.nn.Sequential(torch.nn.MaxPool2d(3, stride=3, padding=1, ceil_mode=True)).eval(), \\
        seeded((1, 3, 2, 2))
'''
FAILS = '''CASE = {"converter": "torch.onnx"}
def build():
    raise RuntimeError("no model")
'''


def convert_keeping(tmp_path: Path, cell_python: Path) -> Path:
    """Run two cases at opset 18 (legacy) in the real cell with --keep-models' variable set; returns reports/."""
    root = tmp_path / "suites"
    write_case(root, "issues/maxpool_ceil.py", MAXPOOL)
    write_case(root, "models/fails.py", FAILS)
    cell = matrix.Cell("torch.onnx", "torch", "3.11", {"torch": "2.15.0", "onnxruntime": "1.20.1", "onnx": "1.17.0"},
                       {}, [matrix.Task(18, "legacy")])
    plan_path = plan.write(plan.make(cell, suite.discover(root), "run-convert"), tmp_path / "plan.json")
    out = store.run_file(tmp_path / "reports", "torch.onnx", cell.id, "run-convert")
    out.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"),
               **{defaults.ARTEFACTS_ENV: str(tmp_path / "work" / defaults.ARTEFACTS_DIR)})
    subprocess.run([str(cell_python), "-m", "convtrack.cell.runner", "--plan", str(plan_path), "--out", str(out),
                    "--log", str(tmp_path / "log.txt"), "--quiet"], env=env, check=True, timeout=600)
    return tmp_path / "reports"


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory, cell_python: Path) -> tuple[Path, Path, list]:
    tmp = tmp_path_factory.mktemp("replay")
    reports, work = convert_keeping(tmp, cell_python), tmp / "work"
    rmatrix = replay_matrix.load(ROOT / "matrix" / "replay.toml")
    items, missing = replay.sources(store.load(reports), work / defaults.ARTEFACTS_DIR)
    ends = [replay.run_release(reports, work, rmatrix, v, items, "run-replay", 120.0, False, log=lambda _: None)
            for v in ("1.20.1", "1.21.0")]
    assert missing == 0 and [e.error for e in ends] == [None, None] and [e.records for e in ends] == [1, 1]
    return reports, work, items


def test_the_converted_task_names_its_artefact_and_a_failed_build_keeps_none(replayed: tuple) -> None:
    reports, work, items = replayed
    by_case = {r["case"]: r for r in store.load(reports)}
    kept = by_case["issues/maxpool_ceil"]
    assert kept["outcome"] == "wrong_shape" and len(kept["artefact"]) == 64
    assert (work / defaults.ARTEFACTS_DIR / "sha256" / kept["artefact"][:2] / kept["artefact"][2:]).is_file()
    assert by_case["models/fails"]["outcome"] == "build_error" and by_case["models/fails"]["artefact"] is None
    assert [i["artefact"] for i in items] == [kept["artefact"]]


def test_replay_records_live_apart_and_say_where_the_model_came_from(replayed: tuple) -> None:
    reports, _, items = replayed
    recs = {r["axes"]["onnxruntime"]: r for r in replay.load(reports)}
    assert set(recs) == {"1.20.1", "1.21.0"}
    old, new = recs["1.20.1"], recs["1.21.0"]
    assert old["cell"] == "replay-torch2.15.0-ort1.20.1-onnx1.17.0" and new["cell"].startswith("replay-")
    assert store.parse_cell(new["cell"]) == {"torch": "2.15.0", "onnxruntime": "1.21.0", "onnx": "1.17.0"}
    assert old["outcome"] == "wrong_shape" and new["outcome"] == "pass"
    assert old["metrics"]["outputs"][0]["actual_shape"] == [1, 3, 2, 2]
    assert new["metrics"]["tolerance"]["method"] == "float64"  # the converting task's calibrated tolerance
    assert new["replay"]["source_cell"] == "torch2.15.0-ort1.20.1-onnx1.17.0"
    assert new["replay"]["source_outcome"] == "wrong_shape" and new["replay"]["onnxruntime"] == "1.21.0"
    assert new["versions"]["onnxruntime"] == "1.21.0" and "torch" not in new["versions"]
    assert new["artefact"] == items[0]["artefact"] and new["case"] == "issues/maxpool_ceil"
    # the converter track never sees them: store.load reads reports/records only
    assert {r["cell"] for r in store.load(reports)} == {"torch2.15.0-ort1.20.1-onnx1.17.0"}


def test_no_framework_is_installed_or_imported_in_a_replay_environment(replayed: tuple) -> None:
    reports, work, _ = replayed
    python = work / "replay" / "envs" / "ort1.21.0" / "bin" / "python"
    probe = "import importlib.util as u; print([m for m in ('torch', 'tensorflow', 'onnxscript') if u.find_spec(m)])"
    assert subprocess.run([str(python), "-c", probe], capture_output=True, text=True,
                          check=True).stdout.strip() == "[]"
    assert not [t for r in replay.load(reports) for t in r["tags"] if t.startswith("framework_loaded")]


def test_the_runtime_fix_is_a_replay_transition_blamed_on_the_runtime(replayed: tuple) -> None:
    reports, _, _ = replayed
    (t,) = replay_track.transitions(replay.load(reports))
    assert (t["kind"], t["axis"], t["before_version"], t["after_version"]) == ("fix", "onnxruntime", "1.20.1", "1.21.0")
    assert (t["before_outcome"], t["after_outcome"], t["blame"]) == ("wrong_shape", "pass", "runtime")
    assert t["fixed"] == {"torch": "2.15.0", "onnx": "1.17.0"}
    assert t["also_changed"].get("onnxruntime") is None  # the axis itself is not "also changed"
    assert t["source_outcome"] == "wrong_shape"


def test_a_second_replay_of_the_same_environment_runs_nothing(replayed: tuple) -> None:
    reports, work, items = replayed
    rmatrix = replay_matrix.load(ROOT / "matrix" / "replay.toml")
    end = replay.run_release(reports, work, rmatrix, "1.21.0", items, "run-again", 120.0, False, log=lambda _: None)
    assert (end.skipped, end.records, end.error) == (1, 0, None)


def test_a_replay_past_its_timeout_is_recorded_and_costs_only_itself(replayed: tuple, tmp_path: Path) -> None:
    import shutil

    reports, work, items = replayed
    copy = tmp_path / "reports"
    shutil.copytree(reports, copy)
    rmatrix = replay_matrix.load(ROOT / "matrix" / "replay.toml")
    end = replay.run_release(copy, work, rmatrix, "1.21.0", items * 2, "run-slow", 1e-4, True, log=lambda _: None)
    assert (end.records, end.error) == (2, None)
    slow = [r for r in replay.load(copy) if r["run_id"] == "run-slow"]
    assert [r["outcome"] for r in slow] == ["timeout", "timeout"]  # the worker restarted for the second one
    assert "no result within" in slow[0]["error"]


def test_sources_take_the_newest_kept_artefact_per_model_and_count_the_missing(tmp_path: Path) -> None:
    from convtrack.outcomes import Outcome

    def rec(cell: str, artefact: str | None, created: str, case: str = "issues/x") -> dict:
        return store.Record(run_id=created, converter="torch.onnx", framework="torch", cell=cell, case=case,
                            case_kind="issue", case_hash="h", opset=18, mode="legacy", versions={},
                            outcome=Outcome.PASS, artefact=artefact, created=created).to_dict()

    kept = tmp_path / "artefacts"
    a, b, damaged = (keep_artefact(kept, model) for model in (b"a", b"b", b"c"))
    artefact_store.blob_path(kept, artefact_store.put(kept, b"c")).unlink()  # its manifest outlived its model
    records = [rec("torch2.15.0-ort1.20.1-onnx1.17.0", a, "1"),
               rec("torch2.15.0-ort1.23.2-onnx1.17.0", b, "2"),  # same model, converted in another ort cell
               rec("torch2.14.1-ort1.20.1-onnx1.17.0", "c" * 64, "3"),  # named, but not in this store
               rec("torch2.14.1-ort1.20.1-onnx1.17.0", None, "4", case="issues/y"),
               rec("torch2.13.0-ort1.20.1-onnx1.17.0", damaged, "5")]  # in the store, but not whole: missing
    items, missing = replay.sources(records, kept)
    assert missing == 2 and [(i["artefact"], i["replay"]["source_cell"]) for i in items] == [
        (b, "torch2.15.0-ort1.23.2-onnx1.17.0")]
    assert items[0]["replay"]["model"] == artefact_store.put(kept, b"b")
    assert items[0]["source_axes"] == {"torch": "2.15.0", "onnxruntime": "1.23.2", "onnx": "1.17.0"}
    (planned,) = replay.for_release(items, "1.21.0")
    assert planned["cell"] == "replay-torch2.15.0-ort1.21.0-onnx1.17.0"
    assert replay.sources(records, kept, ["issues/z"]) == ([], 0)


def test_an_environment_that_cannot_be_built_is_recorded_and_retried(replayed: tuple, tmp_path: Path) -> None:
    import dataclasses

    _, _, items = replayed
    rmatrix = dataclasses.replace(replay_matrix.load(ROOT / "matrix" / "replay.toml"), python="3.99")
    reports = tmp_path / "reports"
    end = replay.run_release(reports, tmp_path / "work", rmatrix, "1.21.0", items, "run-noenv", 60.0, False,
                             log=lambda _: None)
    assert end.error and "could not be built" in end.line()
    (rec,) = replay.load(reports)
    assert rec["outcome"] == "env_error" and rec["artefact"] == items[0]["artefact"]
    assert replay.done(reports) == set()  # an env_error is never proof that a replay is done


def test_load_near_reads_only_the_named_releases_and_their_replayed_neighbours(tmp_path: Path) -> None:
    from convtrack.outcomes import Outcome

    versions = ["1.15.1", "1.19.2", "1.20.1", "1.21.1", "1.23.2"]
    for v in versions:
        cell = f"replay-torch2.8.0-ort{v}-onnx1.17.0"
        store.write_all(replay.records_root(tmp_path) / "torch.onnx" / cell / "r.jsonl", [store.Record(
            run_id="r", converter="torch.onnx", framework="torch", cell=cell, case="issues/x", case_kind="issue",
            case_hash="h", opset=20, mode="dynamo", versions={"onnxruntime": v}, outcome=Outcome.PASS)])
    assert replay.neighbours(versions, {"1.20.1"}) == {"1.19.2", "1.20.1", "1.21.1"}
    assert replay.neighbours(versions, {"1.15.1", "9.9"}) == {"1.15.1", "1.19.2"}
    near = replay.load(tmp_path, near={"1.20.1"})
    assert sorted(r["versions"]["onnxruntime"] for r in near) == ["1.19.2", "1.20.1", "1.21.1"]
    assert len(replay.load(tmp_path)) == len(versions)
