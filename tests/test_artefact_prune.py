"""Pruning replayed artefacts: shared blobs stay, the ledger says what went, and runs and replays read the ledger."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from convtrack import artefact_prune, artefact_store, incremental, lock, replay, store
from convtrack.outcomes import Outcome


def keep(kept: Path, model: bytes, opset: int) -> str:
    """An artefact laid out as convtrack.cell.artefacts.keep stores one (its blobs and canonical manifest), with
    byte strings for tensors: the host side has no onnx to serialise them."""
    seeds = [{"inputs": [artefact_store.put(kept, b"inputs shared by every opset")],
              "outputs": [artefact_store.put(kept, f"outputs {opset}".encode())], "tolerance": {}}]
    manifest = {"format": artefact_store.FORMAT, "model": artefact_store.put(kept, model), "seeds": seeds,
                "source": {"opset": opset}}
    return artefact_store.put(kept, artefact_store.canonical(manifest))


def rec(cell: str, opset: int, artefact: str | None, outcome: Outcome = Outcome.PASS) -> dict:
    return store.Record(run_id="r", converter="torch.onnx", framework="torch", cell=cell, case="issues/x",
                        case_kind="issue", case_hash="h", opset=opset, mode="legacy", versions={},
                        outcome=outcome, artefact=artefact).to_dict()


def test_a_pruned_artefact_leaves_the_blobs_another_still_names_and_is_in_the_ledger(tmp_path: Path) -> None:
    kept = tmp_path / "artefacts"
    a, b = keep(kept, b"model-13", 13), keep(kept, b"model-17", 17)
    inputs = artefact_store.manifest(kept, b)["seeds"][0]["inputs"]
    count, freed = artefact_prune.prune(kept, {a})
    assert count == 1 and freed > len(b"model-13")
    assert not artefact_prune.blob(kept, a).exists() and artefact_prune.blob(kept, b).exists()
    assert all(artefact_prune.blob(kept, d).exists() for d in inputs)  # shared with b: kept
    whole = artefact_store.manifest(kept, b)
    assert all(artefact_prune.blob(kept, d).exists() for d in [whole["model"], *whole["seeds"][0]["outputs"]])
    assert artefact_prune.pruned(kept) == {a}
    assert artefact_prune.prune(kept, {a}) == (0, 0)  # already gone: nothing to do


def test_only_artefacts_replayed_on_every_release_are_chosen() -> None:
    def replayed(artefact: str, version: str, outcome: str = "pass") -> dict:
        return {"artefact": artefact, "outcome": outcome, "axes": {"onnxruntime": version}}

    rows = [replayed("a", "1.20.1"), replayed("a", "1.21.1"), replayed("b", "1.20.1"),
            replayed("b", "1.21.1", "env_error"), replayed("c", "1.21.1")]
    assert artefact_prune.replayed_everywhere(rows, ["1.20.1", "1.21.1"], incremental.RETRY) == {"a"}


def test_runs_that_keep_models_count_a_pruned_one_as_kept_and_replay_counts_it_apart(tmp_path: Path) -> None:
    kept = tmp_path / "artefacts"
    a = keep(kept, b"model-13", 13)
    cell = "torch2.8.0-ort1.20.1-onnx1.17.0"
    folder = tmp_path / "records" / cell
    store.write_all(folder / "r.jsonl", [store.Record(
        run_id="r", converter="torch.onnx", framework="torch", cell=cell, case="issues/x", case_kind="issue",
        case_hash="h", opset=13, mode="legacy", versions={}, outcome=Outcome.PASS, artefact=a, env_lock="lock")])
    assert len(incremental.done(folder, kept)) == 1
    artefact_prune.prune(kept, {a})
    assert len(incremental.done(folder, kept)) == 1  # pruned after its replay: not converted again
    assert incremental.lacks_artefact(rec(cell, 13, "f" * 64), kept)  # never kept: runs again
    items, missing = replay.sources([rec(cell, 13, a)], kept)
    assert items == [] and missing == 0  # pruned, not "kept on another machine"


def test_adopt_appends_only_new_digests_to_a_ledger_it_may_create(tmp_path: Path) -> None:
    folder = tmp_path / "fresh" / "artefacts"
    assert artefact_prune.adopt(folder, ["a" * 64, "b" * 64]) == 2
    assert artefact_prune.adopt(folder, ["b" * 64, "c" * 64]) == 1
    assert artefact_prune.pruned(folder) == {"a" * 64, "b" * 64, "c" * 64}
    assert artefact_prune.adopt(folder, []) == 0


def test_a_manifest_no_record_names_yet_keeps_its_shared_blobs(tmp_path: Path) -> None:
    """A run keeping models into the same store meanwhile: its manifest shares the inputs of a pruned artefact."""
    kept = tmp_path / "artefacts"
    a, b = keep(kept, b"model-13", 13), keep(kept, b"model-17", 17)
    assert set(artefact_prune.manifests(kept)) == {a, b}
    inputs = artefact_store.manifest(kept, b)["seeds"][0]["inputs"]
    assert artefact_prune.prune(kept, {a})[0] == 1  # b is named by no record read yet: found on the disk
    assert artefact_prune.blob(kept, b).exists() and all(artefact_prune.blob(kept, d).exists() for d in inputs)


def test_the_artefacts_of_published_transitions_are_held_back_from_a_prune() -> None:
    rows = [{"artefact": a, "outcome": "pass", "axes": {"onnxruntime": v}} for a in "abc" for v in ("1.20.1", "1.21.1")]
    published = [{"artefact": "b", "kind": "fix"}, {"artefact": "z", "kind": "regression"},
                 {"artefact": "a", "kind": "fix", "set_apart": "IR version"}]  # 1.17 cannot read it: no fix
    drop, held = artefact_prune.droppable(rows, ["1.20.1", "1.21.1"], incremental.RETRY, {"a", "b"}, published)
    assert (drop, held) == ({"a"}, {"b"})  # c: no record names it here; z: not replayed everywhere


def test_a_prune_waits_for_a_task_keeping_an_artefact(tmp_path: Path) -> None:
    kept = tmp_path / "artefacts"
    a = keep(kept, b"model-13", 13)
    keeping = [artefact_store.store_lock(kept, shared=True) for _ in range(2)]  # two tasks keeping at once
    with keeping[0], keeping[1]:
        probe = lock.FileLock(kept / lock.LOCK_NAME, timeout=0.2, log=None)
        with pytest.raises(lock.LockTimeout):
            probe.acquire()  # what prune takes: exclusive, so it waits for both
    assert artefact_prune.prune(kept, {a})[0] == 1


def test_a_manifest_names_its_model_for_the_replay_records(tmp_path: Path) -> None:
    kept = tmp_path / "artefacts"
    a = keep(kept, b"model-13", 13)
    assert (artefact_store.whole(kept, a) or {})["model"] == hashlib.sha256(b"model-13").hexdigest()
    assert artefact_store.whole(kept, "f" * 64) is None  # pruned or never here
