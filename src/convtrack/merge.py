"""Merging record shards (one folder per CI runner) into one reports folder, append-only.

A shard is any folder holding record files: a reports folder (`records/...`), its `records/` folder, or a
downloaded artifact. Every record is validated before anything is written; a record of a schema this
convtrack cannot read, or one missing a fixed field, stops the merge with its file and line. Records are
deduplicated by `record_id` (against the destination and across shards), written to their canonical file
`records/<converter>/<cell>/<run id>.jsonl`, and existing files are only ever appended to, never rewritten.
The cell's `<run id>.env.json` is copied alongside when the destination has none.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from convtrack import lock, store

REQUIRED = ("schema", "run_id", "record_id", "converter", "cell", "case", "opset", "outcome")


@dataclasses.dataclass
class MergeResult:
    files: int = 0
    read: int = 0
    added: int = 0
    duplicates: int = 0
    conflicts: list[str] = dataclasses.field(default_factory=list)  # same record_id, different content
    written: list[Path] = dataclasses.field(default_factory=list)
    env_files: int = 0

    def summary(self) -> str:
        text = (f"{self.read} records in {self.files} files: {self.added} added, {self.duplicates} duplicates "
                f"skipped, {len(self.written)} record files written to, {self.env_files} env files copied")
        if self.conflicts:
            text += f"; {len(self.conflicts)} record ids with differing content kept as first seen"
        return text


def shard_files(shard: Path) -> list[Path]:
    if shard.is_file():
        return [shard]
    if not shard.is_dir():
        raise FileNotFoundError(f"{shard}: no such shard folder")
    return sorted(shard.rglob("*.jsonl"))


def read_validated(path: Path) -> list[dict[str, Any]]:
    """Every record of one shard file, or SchemaError naming the file and line."""
    records = []
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            if lineno == len(lines):  # only a final line without newline may be partial (writer killed)
                break
            raise store.SchemaError(f"{path}:{lineno}: not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise store.SchemaError(f"{path}:{lineno}: a record must be a JSON object")
        try:
            data = store.upgrade(data)
        except store.SchemaError as exc:
            raise store.SchemaError(f"{path}:{lineno}: {exc}") from exc
        missing = [k for k in REQUIRED if data.get(k) in (None, "")]
        if missing:
            raise store.SchemaError(f"{path}:{lineno}: record without {', '.join(missing)}")
        records.append(data)
    return records


def existing_ids(into: Path) -> dict[str, dict[str, Any]]:
    return {r["record_id"]: r for path in store.iter_files(into) for r in store.read_file(path)}


def _target(into: Path, rec: dict[str, Any]) -> Path:
    for part in (rec["converter"], rec["cell"], rec["run_id"]):
        if "/" in str(part) or str(part) in ("", ".", ".."):
            raise store.SchemaError(f"record {rec['record_id']}: unsafe path component {part!r}")
    return store.run_file(into, rec["converter"], rec["cell"], rec["run_id"])


def _appendable(path: Path) -> Path:
    """The file to append to: `path`, unless it ends in a partial line; then a fresh sibling."""
    if not path.exists() or path.stat().st_size == 0:
        return path
    with open(path, "rb") as fh:
        fh.seek(-1, 2)
        if fh.read(1) == b"\n":
            return path
    n = 1
    while (path.with_name(f"{path.stem}.merged-{n}.jsonl")).exists():
        n += 1
    return path.with_name(f"{path.stem}.merged-{n}.jsonl")


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def merge(shards: Iterable[Path], into: Path) -> MergeResult:
    result = MergeResult()
    shards = list(shards)
    planned: list[tuple[Path, list[dict[str, Any]]]] = []
    for shard in shards:  # validate everything before writing anything
        for path in shard_files(shard):
            if into.resolve() in path.resolve().parents:
                continue  # the destination itself passed as a shard
            records = read_validated(path)
            result.files += 1
            result.read += len(records)
            planned.append((path, records))
    with lock.folder_lock(into):  # a concurrent merge into the same folder waits, then sees what this one wrote
        return _write(planned, into, result)


def _write(planned: list[tuple[Path, list[dict[str, Any]]]], into: Path, result: MergeResult) -> MergeResult:
    seen = existing_ids(into)
    batches: dict[Path, list[dict[str, Any]]] = {}
    env_sources: dict[Path, Path] = {}
    for path, records in planned:
        for rec in records:
            rid = rec["record_id"]
            if rid in seen:
                result.duplicates += 1
                if not _same(seen[rid], rec) and rid not in result.conflicts:
                    result.conflicts.append(rid)
                continue
            seen[rid] = rec
            target = _target(into, rec)
            batches.setdefault(target, []).append(rec)
            env = path.with_name(f"{rec['run_id']}.env.json")
            if env.exists():
                env_sources.setdefault(target.with_name(env.name), env)
    for target, records in batches.items():
        out = _appendable(target)
        with store.RecordWriter(out) as writer:
            for rec in records:
                writer.write(rec)
        result.added += len(records)
        result.written.append(out)
    for target, source in env_sources.items():
        if not target.exists():
            shutil.copyfile(source, target)
            result.env_files += 1
    return result
