"""What the committed records under reports/ must keep showing: the claims the issues and the README make.

Host side only (pandas); the records themselves came from real runs of `convtrack run` and `convtrack bisect`.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from pathlib import Path

import pandas as pd
from packaging.version import Version

from convtrack import analysis, transitions

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def current() -> pd.DataFrame:
    """The newest record of every task whose case source is the current one."""
    df = analysis.load(ROOT / "reports")
    return analysis.latest_marked(df, analysis.current_hashes(ROOT / "suites"), drop=True)


def test_the_whole_torch_suite_on_at_least_three_torch_releases() -> None:
    df = current()
    torch = df[df["converter"] == "torch.onnx"]
    cases = {str(c) for c in analysis.current_hashes(ROOT / "suites", "torch.onnx")}
    per_release: dict[str, set[str]] = defaultdict(set)
    for version, case in zip(torch["versions"].map(lambda v: v.get("torch")), torch["case"], strict=True):
        per_release[str(version)].add(str(case))
    complete = sorted(v for v, seen in per_release.items() if seen >= cases)
    assert len(complete) >= 3, {v: len(s) for v, s in per_release.items()}


def test_tf2onnx_2088_is_fixed_between_tf2onnx_releases_as_the_issue_says() -> None:
    """onnx/tensorflow-onnx#2088: wrong Conv->Mul folding in tf2onnx 1.9-1.14.0, fixed in 1.15.0 (PR #2152)."""
    found = [t for t in transitions.find(current()) if t.case == "issues/tf2onnx_2088" and t.axis == "tf2onnx"]
    assert found, "no tf2onnx transition recorded for issues/tf2onnx_2088"
    # where the opset has no record of the releases in between (TF 2.12.1 @14/16 is recorded for 1.13.0 and 1.17.0
    # only so far), the step spans them: it still contains the fix
    for t in found:
        assert t.kind == "fix" and (t.before_outcome, t.after_outcome) == ("mismatch", "pass")
        assert Version(t.before_version) <= Version("1.14.0") and Version(t.after_version) >= Version("1.15.1")
    assert any((t.before_version, t.after_version) == ("1.14.0", "1.15.1") for t in found)
