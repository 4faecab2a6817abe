"""The messages between the host, a cell's runner and its worker, typed once and used on every end.

    host ──plan.json──▶ runner ──Task──▶ worker          (one JSON object per line on the worker's stdin)
                        runner ◀─Hello── worker          (once, after importing the framework)
                        runner ◀─Ack, Result── worker    (per task: the ack once the last task is released)
    host ◀─exit status── runner                          (EXIT_DISK_FULL, or 0)

The plan is written by the host and read inside the cell, so this module sits beside convtrack.defaults in the
layer both sides import (standard library only), not in convtrack.cell, which the host never imports. TypedDicts,
not dataclasses: every message crosses a process boundary as JSON, and a TypedDict is that JSON with a type.
A `Result`'s keys are `store.Record` fields (tests/test_protocol.py holds them to it), except `leftovers`, which
only the runner reads.
"""

from __future__ import annotations

import json
from typing import Any, TypedDict, cast

from convtrack.defaults import MEMORY_GB, TIMEOUT_S

EXIT_DISK_FULL = 3  # the runner's status when the records folder's disk is full (the host tells it from a crash)


class PlanTask(TypedDict):
    """One (opset, mode) of the cell: matrix.Task as JSON; `na` is the exclusion reason."""

    opset: int
    mode: str | None
    na: str | None


class _PlanCellOptional(TypedDict, total=False):
    python: str
    requirements: dict[str, str]
    tags: list[str]
    id: str
    channel: str
    case_packages: dict[str, list[str]]
    case_na: dict[str, str]


class PlanCell(_PlanCellOptional):
    """The cell as the runner needs it (matrix.Cell.to_dict() writes these and more)."""

    converter: str
    framework: str
    axes: dict[str, str]
    tasks: list[PlanTask]
    na: str | None


class _PlanOptional(TypedDict, total=False):
    env_lock: str | None  # the incremental-run key of the cell's environment
    skip: list[list[Any]]  # [case id, opset, mode] of tasks already recorded


class Plan(_PlanOptional):
    run_id: str
    cell_id: str
    cell: PlanCell
    cases: list[dict[str, Any]]  # suite.Case.to_dict() of each case to replay
    case_timeout: float
    memory_limit_gb: float


REPEAT_TAG = "repeat:"  # a record tag: the outcome of an isolated failure's repeat on a fresh worker (cell.runner)


class _TaskLimits(TypedDict, total=False):
    timeout: float  # the task's timeout: the blame assessment of a failure stays within it
    memory_bytes: int | None  # the runner's limit on the worker's process tree, passed on to the assessment
    isolated: bool  # a task of an isolated mode (cell.runner): the cyclic collector stays paused while it runs


class Task(_TaskLimits):
    """Runner -> worker: one case at one opset and mode."""

    case: dict[str, Any]
    opset: int
    mode: str | None


class _HelloOptional(TypedDict, total=False):
    versions: dict[str, str]  # when ok: python and every recorded package's version
    error: str  # when not ok: why the framework did not import
    type: str


class Hello(_HelloOptional):
    ok: bool


class Ack(TypedDict):
    ack: bool


class ModelFields(TypedDict, total=False):
    """What a converted model's file says, known before it is checked or run."""

    produced_opset: int | None
    declared_outputs: list[dict[str, Any]] | None


class Assessment(TypedDict, total=False):
    """What the cell says about whose a failure is (convtrack.cell.assess); never changes the outcome."""

    blame: dict[str, Any] | None  # failures only: whose the failure is (convtrack.cell.blame)
    first_divergence: dict[str, Any] | None  # mismatches only: where the model first departs


class Kept(TypedDict, total=False):
    """`run --keep-models`: the id of the converted model, inputs and references kept for the replay track."""

    artefact: str | None


class _ResultOptional(ModelFields, Assessment, Kept, total=False):
    signature: str | None
    error: str | None
    reason: str | None
    metrics: dict[str, Any]
    timings: dict[str, float]
    model: dict[str, Any]
    failed_seed: int | None
    tags: list[str]
    where: list[str]  # a failure's innermost frames (convtrack.cell.stages.where)
    leftovers: list[str]  # threads a task left running: the runner retires the worker (not a record field)


class Result(_ResultOptional):
    """Worker -> runner (or the runner's own verdict on a task): the outcome and what the record says about it."""

    outcome: str


RUNNER_ONLY = frozenset({"leftovers"})  # Result keys that are not record fields


def make_plan(run_id: str, cell_id: str, cell: PlanCell, cases: list[dict[str, Any]],
              case_timeout: float = TIMEOUT_S, memory_limit_gb: float = MEMORY_GB) -> Plan:
    return {"run_id": run_id, "cell_id": cell_id, "cell": cell, "cases": cases, "case_timeout": case_timeout,
            "memory_limit_gb": memory_limit_gb}


def dumps(message: Plan | Task | Hello | Ack | Result) -> str:
    """One message as one line (numpy scalars and paths as their text)."""
    return json.dumps(message, default=str) + "\n"


def loads(line: bytes | str) -> dict[str, Any]:
    """One message line; ValueError when it is no JSON object (garbage on the protocol pipe)."""
    data = json.loads(line)
    if not isinstance(data, dict):
        raise ValueError(f"worker protocol: expected a JSON object, got {str(data)[:200]}")
    return data


def hello_of(data: dict[str, Any]) -> Hello:
    if not isinstance(data.get("ok"), bool):
        raise ValueError(f"worker protocol: expected a hello, got {str(data)[:200]}")
    return cast(Hello, data)


def result_of(data: dict[str, Any]) -> Result:
    if not isinstance(data.get("outcome"), str):
        raise ValueError(f"worker protocol: expected a result, got {str(data)[:200]}")
    return cast(Result, data)
