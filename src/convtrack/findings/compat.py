"""The version-compatibility table users ask for: which framework x converter x onnxruntime x onnx combinations
install and pass.

One row per cell (one installed combination) of a full run: its pass rate over converter results, and what the
harness set apart with the reasons the records give: the environment did not build or import (env_error), the case
failed in the framework (build_error), a matrix rule or a missing case dependency excluded it (not_applicable), or
convtrack's own fault (harness_error). A cell *installs* when any of its records got past the environment; it does
not when its records are environment errors only; it was *excluded* when every task is not_applicable (the matrix
rules leave nothing to run, so nothing was built).
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from typing import Any

from convtrack import converter_info
from convtrack.analysis import version_key
from convtrack.findings.rows import Row, package
from convtrack.outcomes import Outcome

REASONS_SHOWN = 3  # the most frequent reasons per cell
INSTALLS, FAILS, EXCLUDED = "yes", "no", "excluded"


@dataclasses.dataclass
class Reason:
    outcome: str
    reason: str
    tasks: int


@dataclasses.dataclass
class CellCompat:
    converter: str
    cell: str
    framework: str
    framework_version: str
    converter_version: str
    onnxruntime: str
    onnx: str
    modes: list[str]
    tasks: int
    results: int  # converter results
    passed: int
    pass_rate: float | None
    installs: str  # INSTALLS, FAILS or EXCLUDED
    harness: dict[str, int]  # harness outcome -> tasks
    reasons: list[Reason]


def _reason(r: Row) -> str:
    text = r.get("reason") or r.get("signature") or r.get("error") or "(no reason recorded)"
    return str(text).splitlines()[0][:300]


def _version(r: Row, name: str) -> str:
    return str(r["axes"].get(name) or r["versions"].get(name) or "-")


def _installs(outcomes: list[Outcome]) -> str:
    if all(o is Outcome.NOT_APPLICABLE for o in outcomes):
        return EXCLUDED
    built = any(o not in (Outcome.ENV_ERROR, Outcome.NOT_APPLICABLE) for o in outcomes)
    return INSTALLS if built else FAILS


def cell(part: list[Row]) -> CellCompat:
    first = part[0]
    framework = str(first.get("framework") or converter_info.describe(str(first["converter"])).framework)
    outcomes = [r["outcome"] for r in part]
    results = [o for o in outcomes if o.is_converter_result]
    passed = sum(1 for o in results if o is Outcome.PASS)
    harness = Counter(str(o) for o in outcomes if not o.is_converter_result)
    reasons = Counter((str(r["outcome"]), _reason(r)) for r in part if not r["outcome"].is_converter_result)
    return CellCompat(first["converter"], first["cell"], framework, _version(first, framework),
                      _version(first, package(first)), _version(first, "onnxruntime"), _version(first, "onnx"),
                      sorted({r["mode"] for r in part}), len(part), len(results), passed,
                      passed / len(results) if results else None,
                      installs=_installs(outcomes),
                      harness=dict(sorted(harness.items())),
                      reasons=[Reason(o, text, n) for (o, text), n in reasons.most_common(REASONS_SHOWN)])


def table(rows: list[Row]) -> list[CellCompat]:
    cells: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        cells[(r["converter"], r["cell"])].append(r)
    out = [cell(part) for part in cells.values()]

    def key(c: CellCompat) -> tuple[Any, ...]:
        return (c.converter, version_key(c.framework_version), version_key(c.converter_version),
                version_key(c.onnxruntime), version_key(c.onnx), c.cell)
    return sorted(out, key=key)


@dataclasses.dataclass
class SetApart:
    """One reason the harness gave, over every cell: which outcome, how many tasks, in which cells."""

    outcome: str
    reason: str
    tasks: int
    cells: list[str]


def set_apart(rows: list[Row]) -> list[SetApart]:
    """Every distinct harness reason of the newest records, most tasks first."""
    tasks: Counter[tuple[str, str]] = Counter()
    cells: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        if not r["outcome"].is_converter_result:
            key = (str(r["outcome"]), _reason(r))
            tasks[key] += 1
            cells[key].add(r["cell"])
    return [SetApart(o, text, n, sorted(cells[(o, text)])) for (o, text), n in
            sorted(tasks.items(), key=lambda item: (-item[1], item[0]))]
