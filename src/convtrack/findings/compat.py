"""The version-compatibility table users ask for: which framework x converter x onnxruntime x onnx combinations
install and pass, and on which Python (older releases have wheels for older interpreters only).

One row per cell (one installed combination) of a full run: its pass rate over converter results, and what the
harness set apart with the reasons the records give: the environment did not build or import (env_error), the case
failed in the framework (build_error), a matrix rule or a missing case dependency excluded it (not_applicable), or
convtrack's own fault (harness_error). A cell *installs* when any of its records got past the environment; it does
not when its records are environment errors only; it was *excluded* when every task is not_applicable (the matrix
rules leave nothing to run, so nothing was built).

Beside the measured cells: the framework releases that do not install here at all, per interpreter, grouped by the
kind of the installer's reason (`not_installable`), from the committed reports/installability/<converter>.json
(`convtrack matrix installable`), read through `installability_report.load_all`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from typing import Any

from convtrack import converter_info, installability_report
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
    python: str  # the interpreter's minor ("3.10"), "-" where no record names it (records before the field)
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


def _python(part: list[Row]) -> str:
    found = next((str(v) for r in part if (v := r["versions"].get("python"))), None)
    return ".".join(found.split(".")[:2]) if found else "-"


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
                      _python(part), sorted({r["mode"] for r in part}), len(part), len(results), passed,
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


@dataclasses.dataclass
class Refused:
    """Framework releases of one kind of refusal on one interpreter: "no cp311 wheel: torch 1.8.1, 1.9.1"."""

    python: str  # the minor
    kind: str  # installability_report.kind: NO_WHEEL, NO_PLATFORM_WHEEL, NOT_ON_INDEX, NO_RESOLUTION or PROBE_FAILED
    reason: str  # installability_report.short_reason
    releases: list[str]  # oldest first


@dataclasses.dataclass
class Installability:
    """One converter's installability file, summarised: what does not install here, per interpreter and kind."""

    converter: str
    framework: str
    source: str  # the file, relative to the reports folder: installability/torch.onnx.json
    created: str | None
    uv: str | None
    matrix_python: str
    releases: list[str]  # probed, oldest first
    pythons: list[str]  # probed, oldest first
    refused: list[Refused]  # by interpreter, then kind (probe failures last)


def not_installable(reports: list[installability_report.Report]) -> list[Installability]:
    """Per converter's file: the releases that do not install (or could not be probed), grouped by interpreter and
    by the kind of reason, in version order."""
    out = []
    for r in sorted(reports, key=lambda r: r.converter):
        groups: dict[tuple[str, str], list[installability_report.Entry]] = defaultdict(list)
        for e in r.entries:
            if (k := installability_report.kind(e)) is not None:
                groups[(e.python, k)].append(e)
        order = sorted(groups, key=lambda pk: (version_key(pk[0]), installability_report.KINDS.index(pk[1])))
        refused = [Refused(python, k, str(installability_report.short_reason(groups[(python, k)][0])),
                           sorted(dict.fromkeys(e.version for e in groups[(python, k)]), key=version_key))
                   for python, k in order]
        out.append(Installability(r.converter, r.framework, f"{installability_report.FOLDER}/{r.path.name}",
                                  r.created, r.uv, r.matrix_python, sorted(r.releases, key=version_key),
                                  sorted({e.python for e in r.entries}, key=version_key), refused))
    return out
