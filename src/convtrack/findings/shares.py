"""Outcome shares in the failure analysis' shape (crash / invalid / load / run / wrong model / pass), per task and
per case, and the silent share per release.

A **task** is one (cell, case, opset, mode): its newest record counts once. A **case** counts once per
(converter, mode) under `case_symptom`'s rule. Harness outcomes (not_applicable, env_error, build_error,
harness_error) are never a converter's result: they are left out of every share and counted apart.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from convtrack.analysis import version_key
from convtrack.findings.rows import Row, others, release_label
from convtrack.outcomes import PAPER_SYMPTOM, Outcome, Symptom

ALL = "all"  # the row over every kind of case
KINDS = ("model", "synthetic", "issue")
LOUD = (Symptom.CRASH, Symptom.INVALID, Symptom.LOAD, Symptom.RUN)

CASE_RULE = ("A case counts once per converter and mode, over all its tasks (every release, opset and onnxruntime "
             "measured): wrong model if any task is silently wrong (mismatch or wrong_shape); pass if every task "
             "passes; otherwise the loud symptom most of its failing tasks show (a tie goes to the earlier stage). "
             "A case whose tasks are all harness outcomes is left out and counted apart. For \"wrong / ran\", a case "
             "ran when any of its tasks converted, ran and was compared (pass or wrong model).")


def by_symptom() -> dict[str, list[str]]:
    """Symptom -> the outcomes it groups (PAPER_SYMPTOM turned around), for the tables that show the mapping."""
    out: dict[str, list[str]] = {}
    for outcome, symptom in PAPER_SYMPTOM.items():
        out.setdefault(symptom.value, []).append(outcome.value)
    return out


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclasses.dataclass
class Shares:
    """One row of the shares table: converter results of one converter, mode and kind of case, in one unit."""

    converter: str
    mode: str
    kind: str  # a case kind, or ALL
    unit: str  # "task" or "case"
    n: int  # converter results (tasks or cases)
    counts: dict[str, int]  # symptom -> count, every symptom
    shares: dict[str, float]  # symptom -> count / n (sum 1 when n > 0)
    failure_shares: dict[str, float]  # failure symptom -> count / failures (sum 1 when there are failures)
    silent_of_failures: float | None  # wrong model / failures: the paper's "33 % of past failures" compares here
    silent_of_ran: float | None  # wrong model / (pass + wrong model): the paper's "8 % of converted models"
    harness: int  # tasks (or cases with only harness outcomes) left out


def _shares(converter: str, mode: str, kind: str, unit: str, symptoms: list[Symptom], harness: int,
            ran: int | None = None) -> Shares:
    """`ran`: how many of them converted, ran and were compared (default: those that pass or answer wrongly)."""
    counts = Counter(symptoms)
    n = len(symptoms)
    wrong, passed = counts[Symptom.WRONG_MODEL], counts[Symptom.PASS]
    failures = n - passed
    return Shares(converter, mode, kind, unit, n, {s.value: counts[s] for s in Symptom},
                  {s.value: counts[s] / n for s in Symptom} if n else {},
                  {s.value: counts[s] / failures for s in Symptom if s is not Symptom.PASS} if failures else {},
                  ratio(wrong, failures), ratio(wrong, passed + wrong if ran is None else ran), harness)


def case_symptom(outcomes: Iterable[Outcome]) -> Symptom | None:
    """One case's symptom from its tasks' outcomes (CASE_RULE); None when no task has a converter result."""
    symptoms = [PAPER_SYMPTOM[o] for o in outcomes if o.is_converter_result]
    if not symptoms:
        return None
    if Symptom.WRONG_MODEL in symptoms:
        return Symptom.WRONG_MODEL
    loud: Counter[Symptom] = Counter(s for s in symptoms if s is not Symptom.PASS)
    if not loud:
        return Symptom.PASS
    return max(LOUD, key=lambda s: (loud[s], -LOUD.index(s)))


def _groups(rows: list[Row]) -> dict[tuple[str, str, str], list[Row]]:
    """(converter, mode, kind) -> rows, each row also under its converter and mode's ALL."""
    out: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for r in rows:
        out[(r["converter"], r["mode"], ALL)].append(r)
        out[(r["converter"], r["mode"], str(r.get("case_kind")))].append(r)
    return out


def _order(key: tuple[str, str, str]) -> tuple[Any, ...]:
    converter, mode, kind = key
    return converter, mode, (KINDS + (ALL,)).index(kind) if kind in (*KINDS, ALL) else len(KINDS) + 1, kind


def outcome_shares(rows: list[Row]) -> list[Shares]:
    """Per (converter, mode, kind): the task row, then the case row."""
    out = []
    for key, part in sorted(_groups(rows).items(), key=lambda item: _order(item[0])):
        tasks = [PAPER_SYMPTOM[r["outcome"]] for r in part if r["outcome"].is_converter_result]
        out.append(_shares(*key, "task", tasks, len(part) - len(tasks)))
        by_case: dict[str, list[Outcome]] = defaultdict(list)
        for r in part:
            by_case[r["case"]].append(r["outcome"])
        symptoms = [case_symptom(o) for o in by_case.values()]
        cases = [s for s in symptoms if s is not None]
        ran = sum(1 for o in by_case.values() if any(x is Outcome.PASS or x.is_silent for x in o))
        out.append(_shares(*key, "case", cases, len(symptoms) - len(cases), ran))
    return out


@dataclasses.dataclass
class ReleaseSilence:
    """The silent share of one cell and mode: how many converter results were wrong models."""

    converter: str
    mode: str
    release: str  # 'torch 2.9.1', 'tensorflow 2.15.1 + tf2onnx 1.17.0'
    others: dict[str, str]  # the cell's other axes (onnxruntime, onnx)
    cell: str
    results: int
    silent: int
    failures: int
    ran: int  # pass + silent: converted, ran and compared
    silent_of_results: float | None
    silent_of_ran: float | None
    silent_of_failures: float | None


def silent_by_release(rows: list[Row]) -> list[ReleaseSilence]:
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for r in rows:
        groups[(r["converter"], r["mode"], r["cell"])].append(r)
    out = []
    for (converter, mode, cell), part in groups.items():
        results = [r["outcome"] for r in part if r["outcome"].is_converter_result]
        silent = sum(1 for o in results if o.is_silent)
        failures = sum(1 for o in results if o.is_failure)
        ran = silent + sum(1 for o in results if o is Outcome.PASS)
        out.append(ReleaseSilence(converter, mode, release_label(part[0]), others(part[0]), cell, len(results),
                                  silent, failures, ran, ratio(silent, len(results)), ratio(silent, ran),
                                  ratio(silent, failures)))

    def key(s: ReleaseSilence) -> tuple[Any, ...]:
        return (s.converter, s.mode, tuple(version_key(w) for w in s.release.split()),
                tuple(version_key(v) for v in s.others.values()))
    return sorted(out, key=key)
