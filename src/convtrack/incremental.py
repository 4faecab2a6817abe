"""Incremental runs: a task already recorded for the same key is skipped, so a re-run after a kill resumes and a
no-change re-run executes nothing.

The key of a task is (environment lock, case id and content hash, opset, mode, harness version), within its cell. The
environment lock is a hash of the cell's resolved `uv pip freeze`: a new release of any dependency makes a new
key, an unchanged cell keeps it. Only the cell's own record folder is read, never the whole store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convtrack import artefact_prune, artefact_store, store, withdrawn
from convtrack.outcomes import Outcome

# Outcomes that say the harness or the machine failed: never proof that a task is done, always retried.
RETRY = {Outcome.ENV_ERROR.value, Outcome.HARNESS_ERROR.value}
# env lock (or "" for not_applicable), case id, case hash, opset, mode, harness version; the id keeps two cases
# with identical content apart
Key = tuple[str, str, str, int, str, str]


def env_lock(freeze: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(freeze)).encode()).hexdigest()[:16]


def key(lock: str, case: str, case_hash: str, opset: int, mode: str | None) -> Key:
    return (lock, case, case_hash, int(opset), str(mode), store.HARNESS_VERSION)


def done(cell_folder: Path, artefacts: Path | None = None,
         withdrawn_runs: Mapping[tuple[str, str], str] | None = None) -> set[Key]:
    """Keys of the tasks already recorded in one cell's folder (not_applicable ones under the env lock "").

    With `artefacts` (a run that keeps its models), a task whose converter wrote a model is done only when its
    record names an artefact found in that store: otherwise it runs again to keep one. A record of a withdrawn run
    (`withdrawn.load(reports)`) is not done either.
    """
    keys: set[Key] = set()
    if not cell_folder.is_dir():
        return keys
    gone = artefact_prune.pruned(artefacts) if artefacts is not None else set()
    for path in sorted(cell_folder.glob("*.jsonl")):
        for rec in withdrawn.keep(store.read_file(path, warn=lambda _: None), withdrawn_runs or {}):
            if artefacts is None or not lacks_artefact(rec, artefacts, gone):
                keys.update(_keys(rec))
    return keys




def lacks_artefact(rec: dict[str, Any], artefacts: Path, pruned: set[str] | frozenset[str] = frozenset()) -> bool:
    """A converted task whose artefact is not whole in `artefacts` (artefact_store.complete: its manifest and every
    blob it names) and was not pruned from it after its replay (`pruned`: artefact_prune.pruned)."""
    if not Outcome(rec["outcome"]).wrote_model:
        return False
    digest = rec.get("artefact")
    if isinstance(digest, str) and digest in pruned:
        return False
    return not (isinstance(digest, str) and artefact_store.complete(artefacts, digest))


def _keys(rec: dict[str, Any]) -> list[Key]:
    if rec.get("harness_version") != store.HARNESS_VERSION or rec["outcome"] in RETRY:
        return []
    if rec["outcome"] == Outcome.NOT_APPLICABLE.value:  # decided without an environment: any lock will do
        return [key("", rec["case"], rec["case_hash"], rec["opset"], rec["mode"])]
    lock = rec.get("env_lock")
    return [key(lock, rec["case"], rec["case_hash"], rec["opset"], rec["mode"])] if lock else []
