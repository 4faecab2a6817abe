"""The paper's figures are counted from its labelled issues, and ours are set beside them per converter and mode."""

from __future__ import annotations

import math

from convtrack.findings import paper
from convtrack.findings.shares import ALL, Shares


def test_issue_symptoms_are_counted_from_the_labelled_issues() -> None:
    figures = paper.figures()
    by = {i.converter: i for i in figures.issue_symptoms}
    assert set(by) == {"all", "torch.onnx", "tf2onnx"}
    assert by["all"].issues == by["torch.onnx"].issues + by["tf2onnx"].issues == 200
    for i in figures.issue_symptoms:
        assert sum(i.counts.values()) == i.issues and math.isclose(sum(i.shares.values()), 1.0)
    # the shape the paper reports: crashes the most common symptom, wrong models about a third
    assert max(by["all"].counts, key=by["all"].counts.__getitem__) == "Crash"
    assert 0.3 < by["all"].shares["Wrong Model"] < 0.35
    assert figures.wrong_of_converted == 0.08 and "2303.17708" in figures.wrong_of_converted_source


def _shares(converter: str, mode: str, kind: str, unit: str, wrong: int, crash: int, passed: int) -> Shares:
    n = wrong + crash + passed
    counts = {"crash": crash, "invalid": 0, "load": 0, "run": 0, "wrong model": wrong, "pass": passed}
    failures = wrong + crash
    return Shares(converter, mode, kind, unit, n, counts, {k: v / n for k, v in counts.items()},
                  {k: v / failures for k, v in counts.items() if k != "pass"}, wrong / failures,
                  wrong / (wrong + passed), 0)


def test_ours_beside_the_papers_per_converter_and_mode() -> None:
    rows = [_shares("torch.onnx", "legacy", ALL, "task", 1, 3, 6),
            _shares("torch.onnx", "legacy", ALL, "case", 1, 1, 2),
            _shares("torch.onnx", "legacy", "model", "task", 0, 3, 3)]
    (b,) = paper.beside(rows, paper.figures())
    assert (b.converter, b.mode, b.paper_issues) == ("torch.onnx", "legacy", 100)
    assert b.crash_of_failures == (0.75, 0.5) and b.wrong_of_failures == (0.25, 0.5)
    assert b.wrong_of_ran == (1 / 7, 1 / 3) and b.wrong_of_ran_models == (0.0, None)
