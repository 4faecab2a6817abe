"""Outcome shares in the paper's shape: every share row sums to 1, harness outcomes are left out and counted, and the
per-case rule (wrong model if any task is; pass only if all pass; else the most frequent loud symptom)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from convtrack.findings import rows, shares
from convtrack.findings.shares import case_symptom
from convtrack.outcomes import Outcome, Symptom
from findings_records import load, torch, write

Oc = Outcome


def test_a_case_is_wrong_model_if_any_of_its_tasks_is() -> None:
    assert case_symptom([Oc.PASS, Oc.PASS, Oc.MISMATCH]) is Symptom.WRONG_MODEL
    assert case_symptom([Oc.CONVERT_ERROR, Oc.CONVERT_ERROR, Oc.WRONG_SHAPE]) is Symptom.WRONG_MODEL


def test_a_case_passes_only_when_every_task_with_a_result_passes() -> None:
    assert case_symptom([Oc.PASS, Oc.NOT_APPLICABLE, Oc.PASS]) is Symptom.PASS
    assert case_symptom([Oc.PASS, Oc.PASS, Oc.RUN_ERROR]) is Symptom.RUN


def test_otherwise_the_most_frequent_loud_symptom_and_ties_go_to_the_earlier_stage() -> None:
    assert case_symptom([Oc.RUN_ERROR, Oc.RUN_ERROR, Oc.CONVERT_ERROR, Oc.PASS]) is Symptom.RUN
    assert case_symptom([Oc.RUN_ERROR, Oc.TIMEOUT, Oc.PASS]) is Symptom.CRASH  # a timeout is a crash for a user
    assert case_symptom([Oc.LOAD_ERROR, Oc.INVALID_MODEL]) is Symptom.INVALID


def test_a_case_with_only_harness_outcomes_has_no_symptom() -> None:
    assert case_symptom([Oc.NOT_APPLICABLE, Oc.ENV_ERROR, Oc.HARNESS_ERROR]) is None
    assert case_symptom([]) is None


@pytest.fixture
def counted(tmp_path: Path) -> list[shares.Shares]:
    records = [
        # issues/a: wrong model on one of three tasks -> a wrong-model case
        torch("2.6.0", "issues/a", "pass"), torch("2.9.1", "issues/a", "mismatch"), torch("2.9.1", "issues/a", "pass",
                                                                                          opset=18),
        # issues/b: two crashes, one run error -> a crash case
        torch("2.6.0", "issues/b", "convert_error", signature="E: x"), torch("2.9.1", "issues/b", "convert_error",
                                                                            signature="E: x"),
        torch("2.9.1", "issues/b", "run_error", opset=18),
        # models/c: passes where it ran; a not_applicable task is left out
        torch("2.6.0", "models/c", "pass", kind="model"), torch("2.9.1", "models/c", "not_applicable", kind="model",
                                                                reason="rule"),
        # models/d: only harness outcomes -> no case row, counted apart
        torch("2.6.0", "models/d", "env_error", kind="model", reason="no wheel"),
    ]
    latest, _ = load(write(tmp_path, records))
    return shares.outcome_shares(rows.newest(latest).rows)


def _row(found: list[shares.Shares], kind: str, unit: str) -> shares.Shares:
    return next(s for s in found if (s.kind, s.unit) == (kind, unit))


def test_shares_sum_to_one_and_harness_is_counted_apart(counted: list[shares.Shares]) -> None:
    for s in counted:
        assert math.isclose(sum(s.shares.values()), 1.0), s
        assert sum(s.counts.values()) == s.n
        if s.failure_shares:
            assert math.isclose(sum(s.failure_shares.values()), 1.0), s
    tasks = _row(counted, shares.ALL, "task")
    assert (tasks.n, tasks.harness) == (7, 2)
    assert tasks.counts == {"crash": 2, "invalid": 0, "load": 0, "run": 1, "wrong model": 1, "pass": 3}
    assert tasks.silent_of_failures == 1 / 4 and tasks.silent_of_ran == 1 / 4


def test_the_per_case_rule_over_the_records(counted: list[shares.Shares]) -> None:
    cases = _row(counted, shares.ALL, "case")
    assert (cases.n, cases.harness) == (3, 1)  # models/d has only harness outcomes
    assert cases.counts == {"crash": 1, "invalid": 0, "load": 0, "run": 0, "wrong model": 1, "pass": 1}
    assert cases.silent_of_ran == 1 / 2  # a, c ran; a answered wrongly
    model = _row(counted, "model", "case")
    assert (model.n, model.counts["pass"], model.harness) == (1, 1, 1)


def test_silent_share_per_release(tmp_path: Path) -> None:
    records = [torch("2.6.0", "issues/a", "pass"), torch("2.6.0", "issues/b", "mismatch"),
               torch("2.9.1", "issues/a", "wrong_shape"), torch("2.9.1", "issues/b", "mismatch"),
               torch("2.9.1", "issues/c", "convert_error", signature="E"),
               *(torch("2.10.0", f"issues/{c}", "not_applicable", reason="rule") for c in "abc")]
    latest, _ = load(write(tmp_path, records))
    found = shares.silent_by_release(rows.newest(latest).rows)
    assert [s.release for s in found] == ["torch 2.6.0", "torch 2.9.1", "torch 2.10.0"]  # PEP 440 order
    first, second, third = found
    assert (first.results, first.silent, first.silent_of_results) == (2, 1, 0.5)
    assert (second.silent, second.failures, second.ran, second.silent_of_failures) == (2, 3, 2, 2 / 3)
    assert second.silent_of_ran == 1.0 and second.others == {"onnx": "1.17.0", "onnxruntime": "1.20.1"}
    assert (third.results, third.silent_of_results) == (0, None)


def test_the_mapping_table_covers_every_converter_result_and_no_harness_outcome() -> None:
    grouped = shares.by_symptom()
    assert sorted(o for outcomes in grouped.values() for o in outcomes) == sorted(
        o.value for o in Outcome if o.is_converter_result)
    assert grouped["wrong model"] == ["wrong_shape", "mismatch"]


def test_a_case_ran_when_any_of_its_tasks_was_compared(tmp_path: Path) -> None:
    """The per-case 'wrong / ran' counts a case that crashed on one release but passed on another as ran."""
    records = [torch("2.6.0", "models/a", "convert_error", kind="model", signature="E"),
               torch("2.9.1", "models/a", "pass", kind="model"),
               torch("2.6.0", "models/b", "mismatch", kind="model"), torch("2.9.1", "models/b", "pass", kind="model"),
               torch("2.6.0", "models/c", "run_error", kind="model"), torch("2.9.1", "models/c", "run_error",
                                                                           kind="model")]
    latest, _ = load(write(tmp_path, records))
    cases = _row(shares.outcome_shares(rows.newest(latest).rows), "model", "case")
    assert cases.counts["crash"] == 1 and cases.counts["wrong model"] == 1 and cases.counts["run"] == 1
    assert cases.silent_of_ran == 1 / 2  # a and b ran; c never did
