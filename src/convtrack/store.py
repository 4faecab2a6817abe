"""Records on disk: append-only JSON Lines, one file per cell run, schema version in every record.

The format is documented field by field in reports/README.md. Readers call `upgrade` on every record so
older schema versions stay readable; writers only ever append.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import errno
import functools
import gc
import hashlib
import json
import os
import re
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from convtrack import __version__, lock
from convtrack.outcomes import Outcome

SCHEMA_VERSION = 3
HARNESS_VERSION = __version__
# Short names used in cell ids ("torch2.6.0-ort1.20.1-onnx1.17.0"); `parse_cell` is the only reader of an id.
SHORT_NAMES = {"onnxruntime": "ort", "tensorflow": "tf", "onnxscript": "oxs"}
# Fields every record of the current schema carries (values may be null where the table in reports/README.md says).
REQUIRED = (
    "schema", "run_id", "record_id", "created", "converter", "framework", "cell", "axes", "case", "case_kind",
    "case_hash", "opset", "mode", "versions", "outcome",
)


class SchemaError(ValueError):
    """A record this version of convtrack cannot read; the message names the file and line."""


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
    outcome: Outcome
    axes: dict[str, str] = dataclasses.field(default_factory=dict)  # the cell's axis values
    signature: str | None = None
    error: str | None = None
    reason: str | None = None  # why a harness outcome (not_applicable, env_error, harness_error, ...), in words
    metrics: dict[str, Any] = dataclasses.field(default_factory=dict)
    timings: dict[str, float] = dataclasses.field(default_factory=dict)
    model: dict[str, Any] = dataclasses.field(default_factory=dict)  # ONNX size and op histogram
    produced_opset: int | None = None  # the model's ai.onnx opset_import (may differ from `opset`)
    declared_outputs: list[dict[str, Any]] | None = None  # the model's graph outputs: name, shape, dtype
    framework: str = ""  # the framework axis of the converter: torch, tensorflow
    failed_seed: int | None = None
    tags: list[str] = dataclasses.field(default_factory=list)
    harness_version: str = HARNESS_VERSION
    env_lock: str | None = None  # hash of the cell's resolved `uv pip freeze`: part of the incremental-run key
    # whose failure (converter, runtime, model-spec, unknown; not-assessed before schema 3): verdict, reason,
    # reference; None where blame does not apply (see convtrack.cell.blame)
    blame: dict[str, Any] | None = None
    # a mismatch's first diverging node: against, op_type, node, output, max_abs, or a reason why none
    first_divergence: dict[str, Any] | None = None
    # the converted model, inputs and references kept for replay (sha256 of the artefact's manifest; `convtrack run
    # --keep-models`); None when none was kept. Optional: absent in records written before it, read as None
    artefact: str | None = None
    # a replay-track record (convtrack.replay): where its artefact came from and what replayed it; None otherwise
    replay: dict[str, Any] | None = None
    # a failure's innermost frames of its root exception, outermost first ("tf2onnx/convert.py:529 from_keras"):
    # whose code raised it, the converter's, the framework's or ours. Optional like `artefact`
    where: list[str] | None = None
    created: str = ""
    record_id: str = ""
    schema: int = SCHEMA_VERSION

    def __post_init__(self) -> None:
        self.outcome = Outcome(self.outcome)
        if not self.axes:
            self.axes = parse_cell(self.cell)
        if not self.created:
            self.created = now()
        if not self.record_id:
            self.record_id = record_id(self.run_id, self.cell, self.case, self.opset, self.mode)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["outcome"] = self.outcome.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        data = upgrade(data)
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})



def produced_opset(record: Mapping[str, Any]) -> int | None:
    """A record's produced_opset as an int (None when absent, NaN or not a number: a frame gives 18.0 or NaN)."""
    value = record.get("produced_opset")
    if isinstance(value, bool) or not isinstance(value, (int, float)):  # noqa: UP038 (cells run on 3.9)
        return None
    return int(value) if value == value else None

def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_run_id() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def record_id(run_id: str, cell: str, case: str, opset: int, mode: str | None) -> str:
    key = "|".join([run_id, cell, case, str(opset), str(mode)])
    return hashlib.sha256(key.encode()).hexdigest()[:20]


PYTHON_TAG = "py"  # a cell on another interpreter than its matrix's: 'torch1.13.1-ort1.20.1-onnx1.17.0-py3.10'


def cell_id(axes: dict[str, str], python: str | None = None) -> str:
    """The id of the cell with these axis values, in their order; `python` only for a cell whose interpreter is
    not its matrix's (a rule's `python`), so every cell on the matrix's interpreter keeps its id."""
    return "-".join([*(f"{SHORT_NAMES.get(k, k)}{v}" for k, v in axes.items()),
                     *([f"{PYTHON_TAG}{python}"] if python else [])])


def cell_python(cell: str) -> str | None:
    """The interpreter a cell id names ('...-py3.10' -> '3.10'), None for a cell on its matrix's interpreter."""
    m = re.search(rf"-{PYTHON_TAG}(\d+\.\d+)$", cell)
    return m.group(1) if m else None


REPLAY_PREFIX = "replay-"  # the cell id of a replay-track record starts with it (convtrack.replay)
_LONG_NAMES = {**{short: name for name, short in SHORT_NAMES.items()}, PYTHON_TAG: "python"}  # no `|`: Python 3.8
# <package><version>: the version is the shortest tail that reads as one (digits and dots first), so a package
# name may hold digits itself: 'tf2onnx1.17.0', 'paddle2onnx1.2.0'.
_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*?)(\d+(?:\.\d+)+[^-]*|\d+)$")


def parse_cell(cell: str) -> dict[str, str]:
    """Axis values of a cell id: 'torch2.6.0-ort1.20.1' -> {'torch': '2.6.0', 'onnxruntime': '1.20.1'}."""
    return dict(_parse_cell(cell))  # a copy: callers may change it


@functools.lru_cache(maxsize=4096)  # every schema-1 record is upgraded through here: a few hundred cells at most
def _parse_cell(cell: str) -> dict[str, str]:
    # A replay-track cell ('replay-torch2.15.0-ort1.23.2-onnx1.17.0', convtrack.replay) has the axes of the cell it
    # names: its records live apart (reports/replay/), so they never meet a converter cell's.
    axes: dict[str, str] = {}
    for token in (cell[len(REPLAY_PREFIX):] if cell.startswith(REPLAY_PREFIX) else cell).split("-"):
        m = _TOKEN.match(token)
        if not m:
            raise SchemaError(f"cell id {cell!r}: token {token!r} is not <package><version>")
        axes[_LONG_NAMES.get(m.group(1), m.group(1))] = m.group(2)
    return axes


def _upgrade_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 -> 2: axes from the cell id, produced_opset from the model, the tolerance in metrics."""
    out = dict(data)
    out["axes"] = parse_cell(str(data.get("cell", "")))
    imports = (data.get("model") or {}).get("opset_imports") or {}
    out["produced_opset"] = imports.get("ai.onnx")
    out["declared_outputs"] = None  # schema 1 did not record them
    out["harness_version"] = "schema-1"  # written before the harness recorded its version
    metrics = data.get("metrics") or {}
    if metrics and "rtol" in metrics:
        out["metrics"] = {**metrics, "tolerance": {"rtol": metrics["rtol"], "atol": metrics["atol"],
                                                    "noise": None, "source": "fixed"}}
    out["schema"] = 2
    return out


# Outcomes whose blame the cell assesses (convtrack.cell.blame.ASSESSED; the host does not import cell code).
BLAMED_OUTCOMES = frozenset({"mismatch", "wrong_shape", "load_error", "run_error"})
NOT_ASSESSED = "not-assessed"


def _upgrade_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 -> 3: blame and first_divergence did not exist; a failure that would carry blame says so."""
    out = dict(data)
    out["blame"] = ({"verdict": NOT_ASSESSED, "reason": "recorded before blame was assessed (schema 2)",
                     "reference": None} if str(data.get("outcome")) in BLAMED_OUTCOMES else None)
    out["first_divergence"] = None
    out["schema"] = 3
    return out


# The upgrade chain: schema N -> N + 1, applied until the record is current.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _upgrade_1_to_2, 2: _upgrade_2_to_3}


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a record of any readable schema up to SCHEMA_VERSION (the upgrade chain lives here)."""
    version = data.get("schema")
    while version != SCHEMA_VERSION:
        step = UPGRADES.get(version) if isinstance(version, int) else None
        if step is None:
            raise SchemaError(f"record schema {version!r} is not readable by this convtrack (reads "
                              f"{sorted(UPGRADES)} and {SCHEMA_VERSION})")
        data = step(data)
        version = data.get("schema")
    return data


def validate(data: dict[str, Any]) -> None:
    """Raise SchemaError when a current-schema record misses a required field or holds an unknown outcome."""
    missing = [k for k in REQUIRED if k not in data or (data[k] in (None, "") and k not in ("mode",))]
    if missing:
        raise SchemaError(f"record without {', '.join(missing)}")
    try:
        Outcome(data["outcome"])
    except ValueError:
        raise SchemaError(f"unknown outcome {data['outcome']!r}") from None
    if not isinstance(data["opset"], int) or isinstance(data["opset"], bool):
        raise SchemaError(f"opset must be an integer, got {data['opset']!r}")


class DiskFull(OSError):
    """The records file could not take another record (disk full, quota, file-size limit); it ends on a whole line."""


_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


class RecordWriter:
    """Appends records to one file, flushed and fsynced per record so a crash loses nothing written.

    Each append holds the folder's lock file (merges append to the same files) and is all-or-nothing: a write the
    disk cannot take is cut back to the last whole record and raises DiskFull, so readers never see a torn line.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._lock = lock.folder_lock(path.parent, log=None)

    def write(self, record: Record | dict[str, Any]) -> None:
        data = record.to_dict() if isinstance(record, Record) else record
        line = (json.dumps(data, sort_keys=True, default=str) + "\n").encode()
        with self._lock:
            start = os.fstat(self._fd).st_size
            try:
                view = memoryview(line)
                while view:
                    view = view[os.write(self._fd, view):]
                os.fsync(self._fd)
            except OSError as exc:
                if exc.errno not in _FULL:
                    raise
                os.ftruncate(self._fd, start)  # frees the space it took: the file ends on a whole record again
                raise DiskFull(exc.errno, f"no space for another record in {self.path} ({exc.strerror})") from None

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_file(reports: Path, converter: str, cell: str, run_id: str) -> Path:
    return reports / "records" / converter / cell / f"{run_id}.jsonl"


def iter_files(reports: Path) -> Iterator[Path]:
    yield from sorted((reports / "records").rglob("*.jsonl"))


def _warn(message: str) -> None:
    print(f"convtrack: warning: {message}", file=sys.stderr)


def read_file(path: Path, warn: Callable[[str], None] = _warn) -> Iterator[dict[str, Any]]:
    """Current-schema records of one file, validated.

    A torn final line (a writer killed mid-write) is skipped with a warning naming the file and line; any
    other unreadable line, missing field or unknown outcome raises SchemaError naming file and line.
    """
    for _, data in read_file_offsets(path, warn):
        yield data


def read_file_offsets(path: Path, warn: Callable[[str], None] = _warn) -> Iterator[tuple[int, dict[str, Any]]]:
    """read_file with each record's byte offset in the file, so an index can read that one line again later."""
    offset = 0
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                if fh.read(1) == b"":  # only the final line may be partial
                    warn(f"{path}:{lineno}: torn last line skipped ({exc}): {line[:80]!r}")
                    break
                raise SchemaError(f"{path}:{lineno}: not JSON: {exc}") from exc
            yield start, parse(data, f"{path}:{lineno}")


def read_at(path: Path, offset: int) -> dict[str, Any]:
    """The record on the line that starts at `offset` (an offset from read_file_offsets)."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        return parse(json.loads(fh.readline()), f"{path}@{offset}")


def parse(data: Any, where: str) -> dict[str, Any]:
    """A decoded line as a current-schema record, validated, its outcome typed; SchemaError names `where`."""
    try:
        if not isinstance(data, dict):
            raise SchemaError("a record must be a JSON object")
        data = upgrade(data)
        validate(data)
    except SchemaError as exc:
        raise SchemaError(f"{where}: {exc}") from exc
    data["outcome"] = Outcome(data["outcome"])  # typed from here on: readers never see a bare string
    return data


def load(reports: Path, warn: Callable[[str], None] = _warn) -> list[dict[str, Any]]:
    # Loading creates millions of small dicts that are never cyclic garbage: the collector's passes over them were
    # most of the load time at 100,000 records (7.7 s -> 3.1 s without them, audit 2026-11-30).
    enabled = gc.isenabled()
    gc.disable()
    try:
        from convtrack import withdrawn  # host side only: the cell side imports this module, never calls load

        gone = withdrawn.load(reports)
        return list(withdrawn.keep((rec for path in iter_files(reports) for rec in read_file(path, warn)), gone))
    finally:
        if enabled:
            gc.enable()


def load_typed(reports: Path, warn: Callable[[str], None] = _warn) -> list[Record]:
    """Every record as a typed Record (outcome an Outcome)."""
    return [Record.from_dict(rec) for rec in load(reports, warn)]


def write_all(path: Path, records: Iterable[Record | dict[str, Any]]) -> None:
    with RecordWriter(path) as writer:
        for rec in records:
            writer.write(rec)
