"""The headlines are worded from the computed figures: wrong-model shares, real architectures against the rest,
changes, the longest-lived open failure, compatibility and the reproducers that differ."""

from __future__ import annotations

from pathlib import Path

from convtrack import findings
from findings_records import load, torch, write


def test_headlines_follow_the_figures(tmp_path: Path) -> None:
    records = [torch("2.6.0", "models/a", "pass", kind="model"), torch("2.9.1", "models/a", "pass", kind="model"),
               torch("2.6.0", "issues/b", "pass"), torch("2.9.1", "issues/b", "mismatch"),
               torch("2.6.0", "synthetic/c", "run_error", kind="synthetic", signature="R"),
               torch("2.9.1", "synthetic/c", "run_error", kind="synthetic", signature="R")]
    latest, found = load(write(tmp_path, records))
    lines = findings.compute(latest, found).headlines
    assert lines[0] == ("Wrong models (converted, ran, answered wrongly): torch.onnx legacy 25.0 % of tasks, "
                        "1 of 3 cases.")
    assert lines[1] == ("Real architectures (models/): 0 of 1 case-and-mode results answered wrongly anywhere; "
                        "wrong-model case-and-mode results elsewhere: issue reproducers 1.")
    assert lines[2].startswith("1 regressions (0 became silent) and 0 fixes over 1 pairs")
    assert "since torch ≤ 2.6.0 (2 releases)" in lines[3] and "synthetic/c" in lines[3]
    assert lines[4] == "2 combinations recorded, 0 that do not install; pass rates from 33.3 % to 66.7 %."
    assert len(lines) == 5  # no suite given: no line about the reproducers
