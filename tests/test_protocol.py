"""The runner-worker protocol: its messages match the record and the plan the host writes, and the runner turns a
result key that is no record field into a harness error instead of dropping it."""

from __future__ import annotations

import dataclasses
import json
import typing
from pathlib import Path

import pytest

from convtrack import defaults, matrix, plan, protocol, store, suite
from convtrack.cell.runner import Runner
from convtrack.outcomes import Outcome

CELL = matrix.Cell("torch.onnx", "torch", "3.11", {"torch": "2.15.0", "onnxruntime": "1.20.1"},
                   {"torch": "==2.15.0"}, [matrix.Task(18, "legacy"), matrix.Task(18, "dynamo", "no dynamo here")])
CASE = suite.Case("models/a", Path("/suites/models/a.py"), "h" * 64, {"converter": "torch.onnx", "kind": "model"})


def keys(typed: type) -> tuple[set[str], set[str]]:
    """(required, optional) keys of a TypedDict."""
    return set(typed.__required_keys__), set(typed.__optional_keys__)  # type: ignore[attr-defined]


def test_result_keys_are_record_fields() -> None:
    required, optional = keys(protocol.Result)
    fields = {f.name for f in dataclasses.fields(store.Record)}
    assert required == {"outcome"}
    assert (required | optional) - protocol.RUNNER_ONLY <= fields
    assert protocol.RUNNER_ONLY <= optional


def test_the_host_writes_every_plan_key_the_runner_reads(tmp_path: Path) -> None:
    made = plan.make(CELL, [CASE], "run-1")
    required, _ = keys(protocol.Plan)
    assert required <= set(made)
    cell_required, cell_optional = keys(protocol.PlanCell)
    assert cell_required | cell_optional <= set(made["cell"])
    task_required, _ = keys(protocol.PlanTask)
    assert all(task_required == set(t) for t in made["cell"]["tasks"])
    assert (made["case_timeout"], made["memory_limit_gb"]) == (defaults.TIMEOUT_S, defaults.MEMORY_GB)
    again = json.loads(plan.write(made, tmp_path / "plan.json").read_text())
    assert again == json.loads(json.dumps(made))


def test_messages_are_one_line_each_and_read_back() -> None:
    result: protocol.Result = {"outcome": "pass", "metrics": {"max_abs": 0.0}, "leftovers": []}
    line = protocol.dumps(result)
    assert line.endswith("\n") and line.count("\n") == 1
    assert protocol.result_of(protocol.loads(line)) == result
    hello = protocol.hello_of(protocol.loads(protocol.dumps({"ok": False, "error": "ImportError: torch"})))
    assert hello["ok"] is False
    for bad in ('{"ack": true}', "[1]"):
        with pytest.raises(ValueError, match="worker protocol"):
            protocol.result_of(protocol.loads(bad))


def test_a_misspelt_result_key_becomes_a_harness_error(tmp_path: Path) -> None:
    runner = Runner(plan.make(CELL, [CASE], "run-1"), tmp_path / "out.jsonl", tmp_path / "log")
    task = typing.cast(protocol.PlanTask, dataclasses.asdict(CELL.tasks[0]))
    good = runner.record(CASE, task, {"outcome": "pass", "signature": None, "leftovers": ["thread x"]})
    assert good.outcome is Outcome.PASS and good.cell == CELL.id
    bad = runner.record(CASE, task, {"outcome": "pass", "sigature": "x"})  # type: ignore[typeddict-unknown-key]
    assert bad.outcome is Outcome.HARNESS_ERROR and "sigature" in (bad.reason or "")
