"""The failure analysis' own figures, to set ours beside: Jajal et al., "Analysis of Failures and Risks in Deep
Learning Model Converters: A Case Study in the ONNX Ecosystem", ISSTA 2024 (arXiv:2303.17708).

The issue study's symptoms are counted from its 200 labelled issues (`data/paper_200_issues.csv`, one row per
issue: converter, URL, symptom, cause, location and the row of the paper's artifact), never copied as numbers.
The per-model figure is the one sentence of the abstract that states it.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter
from collections.abc import Callable
from importlib import resources

from convtrack.findings.shares import ALL, Shares
from convtrack.outcomes import Symptom

CITATION = ("Jajal et al., Analysis of Failures and Risks in Deep Learning Model Converters: A Case Study in the "
            "ONNX Ecosystem, ISSTA 2024 (arXiv:2303.17708)")
CSV = "paper_200_issues.csv"
# arXiv:2303.17708v2, abstract: "DL model converters commonly fail by producing models that exhibit incorrect
# behavior: 33% of past failures and 8% of converted models fell into this category." Not in the issue table.
WRONG_OF_CONVERTED = 0.08
WRONG_OF_CONVERTED_SOURCE = "arXiv:2303.17708v2, abstract: 8% of converted models exhibit incorrect behaviour"
# The paper's symptom labels that our symptoms correspond to; its other labels (Build Failure: our env_error,
# Unreported, Bad Performance) have no converter outcome here.
OURS = {"Crash": "crash", "Wrong Model": "wrong model"}


@dataclasses.dataclass
class IssueSymptoms:
    """The paper's issue study for one converter (or "all"): symptom -> issues."""

    converter: str
    issues: int
    counts: dict[str, int]
    shares: dict[str, float]


@dataclasses.dataclass
class Paper:
    citation: str
    issue_symptoms: list[IssueSymptoms]
    wrong_of_converted: float
    wrong_of_converted_source: str
    ours: dict[str, str]  # paper symptom -> our symptom


def _rows() -> list[dict[str, str]]:
    text = (resources.files("convtrack") / "data" / CSV).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _symptoms(converter: str, rows: list[dict[str, str]]) -> IssueSymptoms:
    counts = Counter(r["symptom"] for r in rows)
    n = len(rows)
    ordered = dict(counts.most_common())
    return IssueSymptoms(converter, n, ordered, {k: v / n for k, v in ordered.items()})


def figures() -> Paper:
    rows = _rows()
    per = [_symptoms(c, [r for r in rows if r["converter"] == c]) for c in sorted({r["converter"] for r in rows})]
    return Paper(CITATION, [_symptoms("all", rows), *per], WRONG_OF_CONVERTED, WRONG_OF_CONVERTED_SOURCE, dict(OURS))


@dataclasses.dataclass
class Beside:
    """Our figures for one converter and mode beside the paper's for that converter (tasks, cases)."""

    converter: str
    mode: str
    paper_issues: int
    paper_crash: float | None  # of the paper's issues of this converter
    paper_wrong: float | None
    paper_wrong_of_converted: float
    crash_of_failures: tuple[float | None, float | None]  # ours: tasks, cases
    wrong_of_failures: tuple[float | None, float | None]
    wrong_of_ran: tuple[float | None, float | None]
    wrong_of_ran_models: tuple[float | None, float | None]  # real architectures (models/) only


def _find(rows: list[Shares], converter: str, mode: str, unit: str, kind: str) -> Shares | None:
    return next((s for s in rows if (s.converter, s.mode, s.unit, s.kind) == (converter, mode, unit, kind)), None)


def _both(rows: list[Shares], converter: str, mode: str, kind: str,
          value: Callable[[Shares], float | None]) -> tuple[float | None, float | None]:
    task, case = (_find(rows, converter, mode, unit, kind) for unit in ("task", "case"))
    return (value(task) if task else None, value(case) if case else None)


def beside(rows: list[Shares], p: Paper) -> list[Beside]:
    issue = {i.converter: i for i in p.issue_symptoms}
    out = []
    for converter, mode in dict.fromkeys((s.converter, s.mode) for s in rows):
        i = issue.get(converter) or issue["all"]
        out.append(Beside(
            converter, mode, i.issues, i.shares.get("Crash"), i.shares.get("Wrong Model"), p.wrong_of_converted,
            _both(rows, converter, mode, ALL, lambda s: s.failure_shares.get(Symptom.CRASH.value)),
            _both(rows, converter, mode, ALL, lambda s: s.silent_of_failures),
            _both(rows, converter, mode, ALL, lambda s: s.silent_of_ran),
            _both(rows, converter, mode, "model", lambda s: s.silent_of_ran)))
    return out
