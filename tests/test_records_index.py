"""The records index gives what the pandas path gave: the same newest record per task in the same order, the same
transitions, the same counts; its cache follows the files (a grown file is read again, a broken cache ignored)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from convtrack import analysis, records_index, store, transitions
from convtrack.site.common import latest_rows

ROOT = Path(__file__).resolve().parents[1]


def rec(opset: int = 17, outcome: str = "pass", run: str = "r1", created: str = "2026-11-25T10:00:00Z",
        torch: str = "2.6.0", **kw: Any) -> dict[str, Any]:
    r = store.Record(run_id=run, converter="torch.onnx", framework="torch", cell=f"torch{torch}-ort1.20.1",
                     case="models/x", case_kind="model", case_hash="h", opset=opset, mode="legacy",
                     versions={"torch": torch, "onnxruntime": "1.20.1"}, outcome=outcome, created=created, **kw)
    return r.to_dict()


def write(reports: Path, run: str, records: list[dict[str, Any]], cell: str = "torch2.6.0-ort1.20.1") -> Path:
    path = store.run_file(reports, "torch.onnx", cell, run)
    store.write_all(path, records)
    return path


def test_committed_records_give_the_pandas_path_s_newest_records_transitions_and_counts() -> None:
    reports = ROOT / "reports"
    records = store.load(reports)
    frame = analysis.frame(records)
    index = records_index.load(reports, cache=False)
    old = latest_rows(frame)
    assert [r["record_id"] for r in index.latest] == [r["record_id"] for r in old]
    for new, was in zip(index.latest, old, strict=True):
        # equal values; only the frame turned integer columns with gaps into floats (17 -> 17.0) and None modes to "-"
        assert {k: v for k, v in new.items() if k != "mode"} == {k: was[k] for k in new if k != "mode"}
        assert (new["mode"] or "-") == was["mode"]
    assert transitions.scan(index.slim).to_dict() == transitions.scan(frame).to_dict()
    assert index.outcomes == Counter(str(r["outcome"]) for r in records) and index.total == len(records)


def test_newest_by_created_then_run_id_ties_to_the_record_read_last(tmp_path: Path) -> None:
    write(tmp_path, "a", [rec(outcome="pass", run="a", created="2026-11-25T10:00:00Z")])
    write(tmp_path, "b", [rec(outcome="mismatch", run="b", created="2026-11-25T09:00:00Z"),
                          rec(opset=18, outcome="crash", run="b"), rec(opset=18, outcome="timeout", run="b")])
    index = records_index.load(tmp_path)
    assert [(r["opset"], r["outcome"].value) for r in index.latest] == [(17, "pass"), (18, "timeout")]
    assert [r["record_id"] for r in index.latest] == [r["record_id"] for r in latest_rows(analysis.load(tmp_path))]
    assert index.total == 4 and index.outcomes["crash"] == 1


def test_the_cache_follows_the_files(tmp_path: Path) -> None:
    path = write(tmp_path, "a", [rec()])
    assert [r["outcome"].value for r in records_index.load(tmp_path).latest] == ["pass"]
    assert (tmp_path / records_index.CACHE).exists()
    store.write_all(path, [rec(outcome="crash", created="2026-11-26T10:00:00Z")])  # the file grows
    assert [r["outcome"].value for r in records_index.load(tmp_path).latest] == ["crash"]
    write(tmp_path, "b", [rec(outcome="timeout", run="b", created="2026-11-27T10:00:00Z")])  # a new file
    assert [r["outcome"].value for r in records_index.load(tmp_path).latest] == ["timeout"]
    path.unlink()
    assert records_index.load(tmp_path).total == 1


def test_a_broken_or_foreign_cache_is_ignored(tmp_path: Path) -> None:
    write(tmp_path, "a", [rec()])
    (tmp_path / records_index.CACHE).parent.mkdir()
    for text in ("not json", json.dumps({"format": -1, "files": {"x": 1}}), "[]"):
        (tmp_path / records_index.CACHE).write_text(text)
        assert records_index.load(tmp_path).total == 1


def test_a_torn_last_line_is_skipped_as_store_skips_it(tmp_path: Path) -> None:
    path = write(tmp_path, "a", [rec()])
    with open(path, "a") as fh:
        fh.write('{"schema": 2, "run_')
    warnings: list[str] = []
    index = records_index.load(tmp_path, warn=warnings.append)
    assert index.total == 1 and len(warnings) == 1 and "torn last line" in warnings[0]


def test_slim_rows_carry_what_the_scan_reads(tmp_path: Path) -> None:
    write(tmp_path, "a", [rec(outcome="pass", run="a")], cell="torch2.6.0-ort1.20.1")
    write(tmp_path, "b", [rec(outcome="convert_error", run="b", torch="2.9.1", signature="E: x",
                              created="2026-11-26T10:00:00Z", metrics={"tier": 2})], cell="torch2.9.1-ort1.20.1")
    index = records_index.load(tmp_path)
    assert index.slim[1]["metrics"] == {"tier": 2} and index.slim[1]["signature"] == "E: x"
    assert index.slim[1]["axes"] == {"torch": "2.9.1", "onnxruntime": "1.20.1"}
    (t,) = transitions.scan(index.slim).transitions
    assert (t.kind.value, t.before_version, t.after_version) == ("regression", "2.6.0", "2.9.1")
    assert transitions.scan(index.slim).to_dict() == transitions.scan(analysis.load(tmp_path)).to_dict()
    assert records_index.slim(tmp_path) == index.slim  # what `changes` reads, without the full newest records


def test_records_of_one_case_are_store_load_filtered(tmp_path: Path) -> None:
    write(tmp_path, "a", [rec(), rec(opset=18, outcome="crash")])
    write(tmp_path, "b", [rec(run="b", created="2026-11-26T10:00:00Z"),
                          {**rec(run="b"), "case": "models/y", "record_id": "other"}])
    want = [r for r in store.load(tmp_path) if r["case"] == "models/x"]
    assert records_index.records_of(tmp_path, "torch.onnx", "models/x") == want and len(want) == 3
    assert records_index.records_of(tmp_path, "tf2onnx", "models/x") == []
