"""Case hashes in analysis: records made from an older case source are flagged not comparable or dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import write_case
from convtrack import analysis, suite

CASE = '''CASE = {"converter": "torch.onnx"}
def build():
    return None, []
'''


def rec(case: str, case_hash: str | None, created: str, outcome: str = "pass", cell: str = "c1") -> dict[str, Any]:
    return {"schema": 1, "run_id": created, "record_id": f"{case}{created}", "created": created,
            "converter": "torch.onnx", "framework": "torch", "cell": cell, "mode": "legacy", "case": case,
            "case_kind": "model", "case_hash": case_hash, "opset": 17, "versions": {"torch": "2.6.0"},
            "outcome": outcome}


def test_current_hashes_follow_the_source_and_keep_ids(tmp_path: Path) -> None:
    path = write_case(tmp_path, "models/a.py", CASE)
    before = analysis.current_hashes(tmp_path)
    path.write_text(CASE + "# edited\n")
    after = analysis.current_hashes(tmp_path)
    assert set(before) == set(after) == {"models/a"} and before != after
    assert after == {c.id: c.hash for c in suite.discover(tmp_path)}


def test_current_hashes_include_generated_cases(tmp_path: Path) -> None:
    write_case(tmp_path, "synthetic/g.py", CASE.replace(
        '"torch.onnx"', '"torch.onnx", "generator": {"count": 2, "min_ops": 5, "max_ops": 6}'))
    hashes = analysis.current_hashes(tmp_path, converter="torch.onnx")
    assert len(hashes) == 2 and all(k.startswith("synthetic/g/s000") for k in hashes)
    assert analysis.current_hashes(tmp_path, converter="tf2onnx") == {}


def test_mark_comparable_flags_old_hashes_removed_cases_and_missing_hashes() -> None:
    df = analysis.frame([rec("models/a", "old", "2026-01-01T00:00:00Z", "mismatch"),
                         rec("models/a", "new", "2026-01-02T00:00:00Z"),
                         rec("models/gone", "x", "2026-01-02T00:00:00Z"),
                         rec("models/b", None, "2026-01-02T00:00:00Z")])
    marked = analysis.mark_comparable(df, {"models/a": "new", "models/b": "hb"})
    assert marked["comparable"].tolist() == [False, True, False, False]
    assert marked["comparable"].dtype == bool
    assert "comparable" not in df  # the input is not modified


def test_drop_stale_and_latest_marked() -> None:
    df = analysis.frame([rec("models/a", "new", "2026-01-01T00:00:00Z"),
                         rec("models/a", "old", "2026-01-02T00:00:00Z", "mismatch"),  # newer, but stale source
                         rec("models/b", "hb", "2026-01-01T00:00:00Z", cell="c2")])
    hashes = {"models/a": "new", "models/b": "hb"}
    assert len(analysis.drop_stale(df, hashes)) == 2
    flagged = analysis.latest_marked(df, hashes).set_index("case")
    assert flagged.loc["models/a", "outcome"] == "mismatch" and not flagged.loc["models/a", "comparable"]
    dropped = analysis.latest_marked(df, hashes, drop=True).set_index("case")
    assert dropped.loc["models/a", "outcome"] == "pass" and dropped["comparable"].all()
    table = analysis.compatibility(analysis.drop_stale(df, hashes))
    assert table.loc["models/a"].dropna().tolist() == ["ok"]


def test_empty_frames_stay_empty() -> None:
    empty = analysis.frame([])
    assert analysis.mark_comparable(empty, {}).empty
    assert analysis.latest_marked(empty, {"a": "h"}, drop=True).empty
