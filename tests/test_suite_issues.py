"""The torch.onnx issue reproducers under suites/issues/: coverage, metadata and the paper's labels.

Host-side only: case files are parsed with `convtrack.suite.discover` (ast), never imported.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from convtrack import suite

ROOT = Path(__file__).resolve().parents[1]
# The 200 issues labelled by Jajal et al. (ISSTA 2024), in the shared/ folder beside the checkout.
PAPER_CSV = ROOT.parent / "shared" / "reference" / "paper_200_issues.csv"
TORCH_RELEASE = re.compile(r"^torch \d+\.\d+(\.\d+)?$")


def torch_issue_cases() -> list[suite.Case]:
    return suite.discover(ROOT / "suites", "torch.onnx", ["issues/"])


def test_at_least_40_torch_issue_reproducers_12_of_them_silent() -> None:
    cases = torch_issue_cases()
    assert len(cases) >= 40, [c.id for c in cases]
    silent = [c.id for c in cases if "silent" in c.tags]
    assert len(silent) >= 12, silent


@pytest.mark.parametrize("case", torch_issue_cases(), ids=lambda c: c.id)
def test_issue_case_metadata(case: suite.Case) -> None:
    meta = case.meta
    assert case.kind == "issue"
    assert re.match(r"^https://github\.com/[\w.-]+/[\w.-]+/(issues|pull)/\d+$", meta["issue"]), meta["issue"]
    number = meta["issue"].rsplit("/", 1)[1]
    assert Path(case.id).name.endswith(f"_{number}"), "file name must carry the issue number"
    assert isinstance(meta.get("description"), str) and meta["description"]
    assert isinstance(meta.get("stated"), dict) and meta["stated"].get("symptom")
    observed = meta.get("observed")
    assert isinstance(observed, dict) and observed, "observed must come from real runs"
    releases = [k for k in observed if TORCH_RELEASE.match(k)]
    assert len(releases) >= 2, f"observed covers {releases}: at least two torch releases are required"
    assert all(isinstance(observed[k], str) and observed[k] for k in releases)
    assert isinstance(observed.get("agrees_with_issue"), bool | str)
    if "paper" in meta:
        assert set(meta["paper"]) >= {"symptom", "cause", "location"}


def test_paper_labels_match_the_csv() -> None:
    if not PAPER_CSV.exists():
        pytest.skip(reason=f"{PAPER_CSV} not available on this machine")
    with PAPER_CSV.open(newline="", encoding="utf-8") as f:
        rows = {row["issue_url"].rstrip("/"): row for row in csv.DictReader(f)}
    cases = torch_issue_cases()
    for case in cases:
        row = rows.get(case.meta["issue"].rstrip("/"))
        paper = case.meta.get("paper")
        if row is None:
            assert paper is None, f"{case.id}: 'paper' given but the issue is not among the paper's 200"
            continue
        assert paper is not None, f"{case.id}: the issue is in the paper's CSV; add its labels"
        assert paper["symptom"] == row["symptom"], case.id
        assert paper["cause"] == row["cause"], case.id
        assert paper["location"] == row["location"], case.id
        if "cause_subtype" in paper:
            assert paper["cause_subtype"] == row["cause_subtype"], case.id
    assert any("paper" in c.meta for c in cases)


TF_RELEASE = re.compile(r"^tensorflow \d+\.\d+(\.\d+)? \+ tf2onnx \d+\.\d+(\.\d+)?$")


@pytest.mark.parametrize("case", suite.discover(ROOT / "suites", "tf2onnx", ["issues/"]), ids=lambda c: c.id)
def test_tf2onnx_issue_case_observed_from_real_runs(case: suite.Case) -> None:
    observed = case.meta.get("observed")
    assert isinstance(observed, dict) and observed, "observed must come from real runs (convtrack suite observe)"
    releases = [k for k in observed if TF_RELEASE.match(k)]
    assert len(releases) >= 2, f"observed covers {releases}: at least two releases are required"
    assert isinstance(observed.get("agrees_with_issue"), str)
    if "structural" in case.meta["stated"]["symptom"]:
        assert case.meta.get("expect_ops"), "a structural issue names the ops its fix produces (expect_ops)"
