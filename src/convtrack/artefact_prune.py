"""`convtrack replay --prune`: delete the kept models the replay track has finished with, and say so.

A kept artefact (`convtrack run --keep-models`, convtrack.cell.artefacts) is a manifest blob naming the model's, the
inputs' and the reference outputs' blobs, all under <work>/artefacts/sha256/. Once an artefact has a replay record
on every onnxruntime release asked for, its bytes serve nothing more here, and a torch history keeps gigabytes of
them. Pruning removes its manifest and every blob no remaining manifest names (inputs are shared between opsets and
modes), and appends its digest to the store's ledger, `pruned`: a `run --keep-models` then counts the task as kept
(it re-runs only tasks whose model was never kept) and `replay` counts it apart from models kept elsewhere.
A `run --keep-models` in a work folder without that ledger (a new machine, a fresh clone) adopts into it the
artefacts the committed replay records show replayed everywhere (`adopt`): the records, not the folder, are what
says a model served its purpose, so a new machine does not convert every replayed task again.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from convtrack import artefact_store

LEDGER = "pruned"  # one manifest digest per line, in the store's root
blob = artefact_store.blob_path


def pruned(store: Path) -> set[str]:
    """The digests of the artefacts pruned from `store` after their replay."""
    try:
        return {line.strip() for line in (store / LEDGER).read_text().splitlines() if line.strip()}
    except OSError:
        return set()


def adopt(store: Path, digests: Iterable[str]) -> int:
    """Append to `store`'s ledger the `digests` it does not hold yet (artefacts replayed everywhere per the records,
    kept and pruned elsewhere); how many were added."""
    new = sorted(set(digests) - pruned(store))
    if new:
        store.mkdir(parents=True, exist_ok=True)
        with (store / LEDGER).open("a") as ledger:
            ledger.writelines(f"{d}\n" for d in new)
    return len(new)


def replayed_everywhere(replays: Iterable[Mapping[str, Any]], releases: Iterable[str],
                        retry: Iterable[str]) -> set[str]:
    """The artefacts with a replay record (not a harness retry) on every release in `releases`."""
    wanted, again = set(releases), set(retry)
    seen: dict[str, set[str]] = defaultdict(set)
    for r in replays:
        if r.get("artefact") and str(r["outcome"]) not in again:
            seen[str(r["artefact"])].add(str((r.get("axes") or {}).get("onnxruntime")))
    return {a for a, got in seen.items() if wanted <= got}


def droppable(replays: Iterable[Mapping[str, Any]], releases: Iterable[str], retry: Iterable[str],
              named: set[str], published: Iterable[Mapping[str, Any]]) -> tuple[set[str], set[str]]:
    """(the artefacts to prune, those held back): replayed on every release of `releases` and named by a record
    (`named`), less those a `published` transition of the track names, whose exact bytes an audit or a re-run of
    the transition needs. A change set apart (a release that predates the model's format) publishes nothing: nearly
    every model has one at onnxruntime 1.17 -> 1.18, so holding those would hold everything."""
    done = replayed_everywhere(replays, releases, retry) & named
    held = done & {str(t["artefact"]) for t in published if t.get("artefact") and not t.get("set_apart")}
    return done - held, held


def manifests(store: Path) -> dict[str, set[str]]:
    """Every manifest in `store` (a JSON blob naming a model and its seeds) -> the blobs it names: its model, inputs
    and outputs. Read from the disk, not from the records: a run keeping models into the same store meanwhile writes
    manifests that share input and output blobs (content-addressed) with older ones."""
    found: dict[str, set[str]] = {}
    for path in store.glob("sha256/*/*"):
        try:
            if path.name.startswith("."):
                continue
            with path.open("rb") as fh:
                if fh.read(1) != b"{":  # a model or an array, never JSON
                    continue
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or "seeds" not in data:
            continue
        found[path.parent.name + path.name] = artefact_store.named_blobs(data)
    return found


def prune(store: Path, drop: set[str]) -> tuple[int, int]:
    """Remove the artefacts `drop` from `store`, keeping every blob another manifest in it still names (`manifests`);
    (artefacts removed, bytes freed). The ledger is written before any file goes, so an interrupted prune never
    leaves a removed artefact unrecorded. It holds the store's lock exclusive: a task keeping an artefact meanwhile
    (holding it shared) waits, so no blob its new manifest names is deleted under it."""
    if not store.is_dir():
        return 0, 0
    with artefact_store.store_lock(store, shared=False):
        return _prune(store, drop)


def _prune(store: Path, drop: set[str]) -> tuple[int, int]:
    on_disk = manifests(store)
    drop = {d for d in drop if d in on_disk}
    if not drop:
        return 0, 0
    needed = {b for d, named in on_disk.items() if d not in drop for b in named}
    with (store / LEDGER).open("a") as ledger:
        ledger.writelines(f"{d}\n" for d in sorted(drop))
    freed = 0
    for digest in sorted(drop):
        for name in sorted(on_disk[digest] - needed) + [digest]:
            path = blob(store, name)
            try:
                size = path.stat().st_size
                path.unlink()
            except OSError:
                continue
            freed += size
    return len(drop), freed
