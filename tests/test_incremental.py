"""Incremental runs that keep models: a converted task is done only when its artefact is in the store."""

from __future__ import annotations

from pathlib import Path

from conftest import keep_artefact
from convtrack import artefact_store, incremental, store
from convtrack.outcomes import Outcome


def _record(case: str, outcome: Outcome, artefact: str | None) -> store.Record:
    return store.Record(run_id="r", converter="torch.onnx", framework="torch", cell="torch2.15.0", case=case,
                        case_kind="model", case_hash="h", opset=18, mode="legacy", versions={}, outcome=outcome,
                        env_lock="lock", artefact=artefact)


def test_a_converted_task_without_its_kept_artefact_runs_again(tmp_path: Path) -> None:
    artefacts = tmp_path / "artefacts"
    kept, damaged = keep_artefact(artefacts), keep_artefact(artefacts, model=b"damaged")
    artefact_store.blob_path(artefacts, artefact_store.put(artefacts, b"damaged")).unlink()
    folder = tmp_path / "cell"
    store.write_all(folder / "r.jsonl", [
        _record("models/kept", Outcome.PASS, kept), _record("models/lost", Outcome.MISMATCH, "ff" * 32),
        _record("models/damaged", Outcome.PASS, damaged),
        _record("models/none", Outcome.PASS, None), _record("models/noconv", Outcome.CONVERT_ERROR, None)])
    every = {k[1] for k in incremental.done(folder)}
    keeping = {k[1] for k in incremental.done(folder, tmp_path / "artefacts")}
    assert every == {"models/kept", "models/lost", "models/damaged", "models/none", "models/noconv"}
    assert keeping == {"models/kept", "models/noconv"}  # nothing to keep when the converter wrote no model
