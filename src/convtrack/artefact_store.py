"""The artefact store's layout, shared by the cell that keeps artefacts and the host that replays and prunes them.

    <store>/sha256/ab/cdef...          a blob: its name is the sha256 of its bytes
    <store>/.convtrack.lock            the store's lock
    <store>/pruned                     the digests of the artefacts pruned after their replay (artefact_prune)

A blob is written once, atomically (a reader never sees half of one; two writers write the same bytes), and read
back only if its bytes still hash to its name. An artefact's manifest is a blob of canonical JSON (its format,
model, seeds, source: convtrack.cell.artefacts), so its digest is the artefact's id.

Keeping an artefact holds the store's lock shared, so puts of concurrent tasks interleave freely, while a prune
holds it exclusive: a prune never sees a manifest half-written, nor deletes a shared input blob that a manifest
being kept is about to name. Standard library only: the cell and the host import it alike.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from convtrack import lock

FORMAT = "convtrack-artefact/1"


def store_lock(store: Path, shared: bool) -> lock.FileLock:
    """The store's lock: shared while a task keeps its artefact, exclusive while a prune deletes blobs."""
    return lock.FileLock(store / lock.LOCK_NAME, log=None, shared=shared)


def blob_path(store: Path, digest: str) -> Path:
    return store / "sha256" / digest[:2] / digest[2:]


def put(store: Path, data: bytes) -> str:
    """Store `data` under its sha256 (once: an existing blob is left alone) and return the hex digest."""
    digest = hashlib.sha256(data).hexdigest()
    path = blob_path(store, digest)
    if path.exists():
        return digest
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # atomic: a reader never sees half a blob, two writers write the same bytes
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest


def get(store: Path, digest: str) -> bytes:
    data = blob_path(store, digest).read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        raise ValueError(f"artefact blob {digest[:12]} is corrupt (its bytes hash to something else)")
    return data


def canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), default=str).encode()


def named_blobs(data: dict[str, Any]) -> set[str]:
    """The blobs a manifest names: its model, every seed's inputs and outputs."""
    named = {str(data.get("model"))}
    for seed in data.get("seeds") or []:
        named.update(str(d) for d in [*seed.get("inputs", []), *seed.get("outputs", [])])
    return named


def whole(store: Path, artefact: str) -> dict[str, Any] | None:
    """The artefact's manifest when it can be replayed from `store` (the manifest and every blob it names are
    there), else None. A manifest that outlived a blob it names (stop 24's prune raced a keep, before the lock) is
    no artefact: replaying it can only fail in the harness, and a run that keeps models must convert the task again."""
    try:
        data = manifest(store, artefact)
    except (OSError, ValueError):
        return None
    return data if all(blob_path(store, d).is_file() for d in named_blobs(data)) else None


def complete(store: Path, artefact: str) -> bool:
    return whole(store, artefact) is not None


def manifest(store: Path, artefact: str) -> dict[str, Any]:
    data = json.loads(get(store, artefact))
    if data.get("format") != FORMAT:
        raise ValueError(f"artefact {artefact[:12]}: unknown format {data.get('format')!r} (reads {FORMAT})")
    return dict(data)
