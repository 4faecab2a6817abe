from __future__ import annotations

from pathlib import Path

from convtrack import analysis, store


def rec(cell: str, torch: str, case: str, outcome: str, run: str = "r1", created: str = "2026-01-01T00:00:00Z",
        opset: int = 17) -> store.Record:
    return store.Record(run_id=run, converter="torch.onnx", cell=cell, case=case, case_kind="model",
                        case_hash="h", framework="torch", opset=opset, mode="legacy",
                        versions={"torch": torch}, outcome=outcome, created=created)


def write(tmp: Path, records: list[store.Record]) -> None:
    store.write_all(tmp / "records" / "torch.onnx" / "x" / "r.jsonl", records)


def test_latest_keeps_the_newest_record_per_result(tmp_path: Path) -> None:
    write(tmp_path, [rec("t2.6", "2.6.0", "a", "mismatch", "r1", "2026-01-01T00:00:00Z"),
                     rec("t2.6", "2.6.0", "a", "pass", "r2", "2026-02-01T00:00:00Z")])
    latest = analysis.latest(analysis.load(tmp_path))
    assert list(latest["outcome"]) == ["pass"]


def test_compatibility_orders_cells_by_pep440_version(tmp_path: Path) -> None:
    write(tmp_path, [rec("t2.10", "2.10.0", "a", "pass"), rec("t2.9", "2.9.1", "a", "convert_error"),
                     rec("t2.10", "2.10.0", "b", "mismatch")])
    table = analysis.compatibility(analysis.load(tmp_path))
    assert [c[0] for c in table.columns] == ["t2.9", "t2.10"]
    assert table.loc["a", ("t2.9", "legacy", 17)] == "CONV"
    assert table.loc["b", ("t2.10", "legacy", 17)] == "MISM"


def test_empty_reports_give_an_empty_frame(tmp_path: Path) -> None:
    assert analysis.load(tmp_path).empty
