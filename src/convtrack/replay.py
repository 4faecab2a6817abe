"""The onnxruntime replay track, host side: replay every kept artefact on each onnxruntime release.

`convtrack run --keep-models` keeps each converted model with its inputs and the framework's outputs
(convtrack.cell.artefacts) and names it in the task's record (`artefact`). Here, per onnxruntime release of
matrix/replay.toml, one small uv environment (onnxruntime + numpy + onnx, no framework) replays the newest artefact
of every (converter, source cell without its onnxruntime, case, opset, mode): the converter is held exactly fixed,
so a change of outcome between two adjacent onnxruntime releases is the runtime's (convtrack.replay_track).

Replay records live apart from the converter track, under reports/replay/<converter>/<replay cell>/<run>.jsonl,
so no pass rate, matrix row, gate or converter transition ever counts them. A replay cell id is the source cell's
with its onnxruntime replaced by the replaying one, prefixed `replay-` ('replay-torch2.15.0-ort1.23.2-onnx1.17.0');
`replay` in each record names the source cell and record. Runs are incremental: an artefact already replayed in an
environment of the same lock (its `uv pip freeze`) by the same harness is skipped.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from convtrack import artefact_prune, artefact_store, cellrun, defaults, incremental, lifeline, store
from convtrack.analysis import version_key
from convtrack.outcomes import Outcome
from convtrack.replay_matrix import ReplayMatrix

FOLDER = "replay"  # reports/replay/: the replay track's records
RETRY = incremental.RETRY  # harness and environment outcomes are never proof that a replay is done


def records_root(reports: Path) -> Path:
    return reports / FOLDER


def iter_files(reports: Path) -> list[Path]:
    return sorted(records_root(reports).rglob("*.jsonl"))


def load(reports: Path, near: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Every replay record (validated and upgraded like any record); with `near`, only those of the onnxruntime
    releases named and their neighbours among the replayed ones (what a witness of those releases needs)."""
    files = iter_files(reports)
    if near is not None:
        files = [f for f in files if _release(f) in neighbours({_release(f) for f in files}, set(near))]
    return [rec for path in files for rec in store.read_file(path)]


def _release(path: Path) -> str:
    return store.parse_cell(path.parent.name).get("onnxruntime", "")


def neighbours(replayed: Iterable[str], wanted: set[str]) -> set[str]:
    """The releases in `wanted` that were replayed, with the replayed release just before and after each."""
    ordered = sorted(set(replayed), key=version_key)
    at = [i for i, v in enumerate(ordered) if v in wanted]
    return {ordered[j] for i in at for j in (i - 1, i, i + 1) if 0 <= j < len(ordered)}


def replay_axes(source_axes: dict[str, str], onnxruntime: str) -> dict[str, str]:
    """The source cell's axes with the replaying onnxruntime in place of its own (appended when it had none)."""
    return {**source_axes, "onnxruntime": onnxruntime}


def cell_id(source_axes: dict[str, str], onnxruntime: str) -> str:
    return store.REPLAY_PREFIX + store.cell_id(replay_axes(source_axes, onnxruntime))


def _held(axes: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """What made the model: the source cell's axes except onnxruntime, which converts nothing."""
    return tuple(sorted((k, str(v)) for k, v in axes.items() if k != "onnxruntime"))


def sources(records: Iterable[dict[str, Any]], artefacts: Path,
            select: list[str] | None = None) -> tuple[list[dict[str, Any]], int]:
    """(the artefact to replay per (converter, held axes, case, opset, mode), how many named ones are missing:
    neither whole in the store (artefact_store.whole) nor pruned from it after their replay).

    The newest record with a kept artefact wins; source cells that differ only in their onnxruntime usually
    convert to the same bytes, i.e. the same artefact, replayed once.
    """
    newest: dict[tuple[Any, ...], dict[str, Any]] = {}
    for rec in sorted(records, key=lambda r: (str(r.get("created", "")), str(r.get("run_id", "")))):
        if not rec.get("artefact") or (select and not any(s in rec["case"] for s in select)):
            continue
        axes = dict(rec.get("axes") or store.parse_cell(rec["cell"]))
        newest[(rec["converter"], _held(axes), rec["case"], rec["opset"], str(rec["mode"]))] = rec
    kept = {r["artefact"]: m for r in newest.values() if (m := artefact_store.whole(artefacts, r["artefact"]))}
    found = [r for r in newest.values() if r["artefact"] in kept]
    gone = artefact_prune.pruned(artefacts)
    pruned = sum(1 for r in newest.values() if r["artefact"] in gone and r not in found)  # adopted ones may be here
    items = [{"converter": r["converter"], "framework": r["framework"], "case": r["case"], "case_kind": r["case_kind"],
              "case_hash": r["case_hash"], "opset": r["opset"], "mode": r["mode"], "artefact": r["artefact"],
              "source_axes": _ordered_axes(r),
              "replay": {"source_cell": r["cell"], "source_record": r["record_id"], "source_run": r["run_id"],
                         "source_outcome": str(r["outcome"]), "source_versions": r.get("versions") or {},
                         "model": str(kept[r["artefact"]]["model"])}}
             for r in found]
    return sorted(items, key=lambda i: (i["converter"], i["replay"]["source_cell"], i["case"], i["opset"],
                                        str(i["mode"]))), len(newest) - len(found) - pruned


def _ordered_axes(rec: dict[str, Any]) -> dict[str, str]:
    """The record's axes in its cell id's order (records are written with sorted keys; ids are not)."""
    axes = {str(k): str(v) for k, v in (rec.get("axes") or {}).items()}
    order = list(store.parse_cell(rec["cell"]))
    return dict(sorted(axes.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))


def for_release(items: list[dict[str, Any]], onnxruntime: str) -> list[dict[str, Any]]:
    """The plan items of one onnxruntime release: each source item with its replay cell id and axes."""
    return [{**i, "cell": cell_id(i["source_axes"], onnxruntime), "axes": replay_axes(i["source_axes"], onnxruntime)}
            for i in items]


def done(reports: Path) -> set[tuple[str, str, str, str]]:
    """(replay cell, artefact, environment lock, harness version) of every replay already recorded."""
    return {(r["cell"], str(r.get("artefact")), str(r.get("env_lock")), str(r.get("harness_version")))
            for r in load(reports) if r["outcome"] not in RETRY}


@dataclasses.dataclass
class Release:
    """What one onnxruntime release's replay did."""

    onnxruntime: str
    planned: int = 0
    skipped: int = 0
    records: int = 0
    error: str | None = None  # why its environment could not be built

    def line(self) -> str:
        if self.error:
            return f"onnxruntime {self.onnxruntime}: environment could not be built: {self.error.splitlines()[0]}"
        return (f"onnxruntime {self.onnxruntime}: {self.records} replayed, {self.skipped} of {self.planned} already "
                "recorded for this environment lock")


def environment(work: Path, rmatrix: ReplayMatrix, onnxruntime: str) -> tuple[str, list[str] | None, str]:
    """(python, frozen requirements or None when it failed, installer output) of one release's replay env."""
    venv = work / "replay" / "envs" / f"ort{onnxruntime}"
    created = None if (venv / "bin" / "python").exists() else cellrun.create_venv(venv, rmatrix.python)
    python = str(venv / "bin" / "python")
    result = created if created is not None and created.returncode != 0 else cellrun.install(
        python, rmatrix.requirements(onnxruntime))
    if result.returncode != 0:
        return python, None, cellrun.uv_error(result.stdout + result.stderr)
    return python, cellrun.freeze(python), ""


def run_release(reports: Path, work: Path, rmatrix: ReplayMatrix, onnxruntime: str, items: list[dict[str, Any]],
                run_id: str, timeout: float, force: bool, log: Callable[[str], None] = print,
                recorded: set[tuple[str, str, str, str]] | None = None,
                memory_gb: float = defaults.MEMORY_GB) -> Release:
    """Replay `items` on one onnxruntime release; its records go to reports/replay/. `recorded` is `done(reports)`
    when the caller read it once for many releases. `memory_gb` bounds the resident memory of the replay worker's
    process tree: a replay past it is recorded as a crash of its own model, as a converter task's is."""
    out = Release(onnxruntime, planned=len(items))
    python, frozen, problem = environment(work, rmatrix, onnxruntime)
    planned = for_release(items, onnxruntime)
    if frozen is None:
        out.error = problem
        _env_errors(reports, run_id, planned, onnxruntime, problem)
        return out
    lock = incremental.env_lock(frozen)
    seen = set() if force else recorded if recorded is not None else done(reports)
    todo = [i for i in planned if (i["cell"], i["artefact"], lock, store.HARNESS_VERSION) not in seen]
    out.skipped = len(planned) - len(todo)
    if not todo:
        return out
    plan = {"run_id": run_id, "onnxruntime": onnxruntime, "env_lock": lock, "timeout": timeout,
            "memory_limit_gb": memory_gb, "items": todo,
            "store": str((work / defaults.ARTEFACTS_DIR).resolve()), "records": str(records_root(reports).resolve())}
    plan_path = work / "plans" / f"{run_id}-replay-ort{onnxruntime}.json"
    plan_path.parent.mkdir(parents=True, exist_ok=True)
    plan_path.write_text(json.dumps(plan, indent=1))
    log_path = work / "logs" / f"{run_id}-replay-ort{onnxruntime}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(cellrun.harness_path(work)))
    log(f"onnxruntime {onnxruntime}: replaying {len(todo)} artefacts ({out.skipped} already recorded)")
    code = subprocess.run([python, "-m", "convtrack.cell.replay", "--plan", str(plan_path), "--log", str(log_path)],
                          env=env, check=False, preexec_fn=lifeline.preexec()).returncode
    out.records = sum(1 for _ in _written(reports, todo, run_id))
    if code != 0:
        out.error = f"the replay runner exited with status {code}; its log: {log_path}"
    return out


def _written(reports: Path, items: list[dict[str, Any]], run_id: str) -> Iterable[dict[str, Any]]:
    for cell in sorted({(i["converter"], i["cell"]) for i in items}):
        path = records_root(reports) / cell[0] / cell[1] / f"{run_id}.jsonl"
        if path.exists():
            yield from store.read_file(path)


def _env_errors(reports: Path, run_id: str, items: list[dict[str, Any]], onnxruntime: str, problem: str) -> None:
    """env_error records for every replay of a release whose environment could not be built (retried next run)."""
    first = problem.splitlines()[0] if problem else "uv failed"
    for (converter, cell), group in _by_cell(items).items():
        path = records_root(reports) / converter / cell / f"{run_id}.jsonl"
        store.write_all(path, [store.Record(
            run_id=run_id, converter=converter, framework=i["framework"], cell=cell, axes=i["axes"], case=i["case"],
            case_kind=i["case_kind"], case_hash=i["case_hash"], opset=i["opset"], mode=i["mode"],
            versions={"onnxruntime": onnxruntime}, outcome=Outcome.ENV_ERROR, artefact=i["artefact"],
            reason="the replay environment could not be built", signature=first, error=problem,
            replay={**i["replay"], "onnxruntime": onnxruntime}) for i in group])


def _by_cell(items: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for i in items:
        out.setdefault((i["converter"], i["cell"]), []).append(i)
    return out
