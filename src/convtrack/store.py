"""Records on disk: append-only JSON Lines, one file per cell run, schema version in every record.

The format is documented field by field in reports/README.md. Readers call `upgrade` on every record so
older schema versions stay readable; writers only ever append.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
RECORD_FIELDS = (
    "schema", "run_id", "record_id", "created", "converter", "mode", "case", "case_kind", "case_hash",
    "opset", "cell", "versions", "outcome", "signature", "error", "metrics", "timings",
)


class SchemaError(ValueError):
    """A record whose schema this version of convtrack cannot read."""


@dataclasses.dataclass
class Record:
    run_id: str
    converter: str
    cell: str
    case: str
    case_kind: str
    case_hash: str
    opset: int
    mode: str | None
    versions: dict[str, str]
    outcome: str
    signature: str | None = None
    error: str | None = None
    reason: str | None = None  # why not_applicable / env_error, in words
    metrics: dict[str, Any] = dataclasses.field(default_factory=dict)
    timings: dict[str, float] = dataclasses.field(default_factory=dict)
    model: dict[str, Any] = dataclasses.field(default_factory=dict)  # ONNX size and op histogram
    framework: str = ""  # the framework axis of the converter: torch, tensorflow
    failed_seed: int | None = None
    tags: list[str] = dataclasses.field(default_factory=list)
    created: str = ""
    record_id: str = ""
    schema: int = SCHEMA_VERSION

    def __post_init__(self) -> None:
        if not self.created:
            self.created = now()
        if not self.record_id:
            self.record_id = record_id(self.run_id, self.cell, self.case, self.opset, self.mode)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        data = upgrade(data)
        known = {f.name for f in dataclasses.fields(cls)}
        record = cls(**{k: v for k, v in data.items() if k in known})
        return record


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_run_id() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def record_id(run_id: str, cell: str, case: str, opset: int, mode: str | None) -> str:
    key = "|".join([run_id, cell, case, str(opset), str(mode)])
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a record of any readable schema up to SCHEMA_VERSION (the upgrade path lives here)."""
    version = data.get("schema")
    if version == SCHEMA_VERSION:
        return data
    raise SchemaError(f"record schema {version!r} is not readable by this convtrack (reads {SCHEMA_VERSION})")


class RecordWriter:
    """Appends records to one file, flushed and fsynced per record so a crash loses nothing written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()

    def write(self, record: Record | dict[str, Any]) -> None:
        data = record.to_dict() if isinstance(record, Record) else record
        self._fh.write(json.dumps(data, sort_keys=True, default=str) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_file(reports: Path, converter: str, cell: str, run_id: str) -> Path:
    return reports / "records" / converter / cell / f"{run_id}.jsonl"


def iter_files(reports: Path) -> Iterator[Path]:
    yield from sorted((reports / "records").rglob("*.jsonl"))


def read_file(path: Path) -> Iterator[dict[str, Any]]:
    """Records of one file; a truncated last line (a writer killed mid-write) is skipped, not fatal."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                if fh.read(1) == "":  # only the final line may be partial
                    break
                raise SchemaError(f"{path}:{lineno}: not JSON: {exc}") from exc
            try:
                yield upgrade(data)
            except SchemaError as exc:
                raise SchemaError(f"{path}:{lineno}: {exc}") from exc


def load(reports: Path) -> list[dict[str, Any]]:
    return [rec for path in iter_files(reports) for rec in read_file(path)]


def write_all(path: Path, records: Iterable[Record | dict[str, Any]]) -> None:
    with RecordWriter(path) as writer:
        for rec in records:
            writer.write(rec)
