"""Op and op-sequence coverage from hand-made records, the committed ONNX op table, and `convtrack coverage`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import write_case
from convtrack import analysis, cli, coverage, store

TABLE = {"onnx": "test", "ops": {
    "Add": {"since": [1, 7, 14], "deprecated": None}, "Relu": {"since": [1, 14], "deprecated": None},
    "Conv": {"since": [1, 11], "deprecated": None}, "Gelu": {"since": [20], "deprecated": None},
    "Upsample": {"since": [7, 9, 10], "deprecated": 10},
}}


def rec(case: str, ops: dict[str, int] | None, seqs: dict[str, list[str]] | None = None, *, opset: int = 17,
        converter: str = "torch.onnx", mode: str = "legacy", created: str = "2026-01-01T00:00:00Z",
        case_hash: str = "h") -> dict[str, Any]:
    model = {} if ops is None else {"ops": ops, "sequences": seqs or {"2": [], "3": []}}
    return {"schema": 1, "run_id": created, "record_id": f"{case}{opset}{mode}{created}", "created": created,
            "converter": converter, "framework": "torch", "cell": "torch2.6.0", "mode": mode, "case": case,
            "case_kind": "model", "case_hash": case_hash, "opset": opset, "versions": {"torch": "2.6.0"},
            "outcome": "pass" if ops is not None else "convert_error", "model": model}


RECORDS = [
    rec("models/a", {"Conv": 1, "Relu": 2}, {"2": ["Conv>Relu", "Relu>Relu"], "3": ["Conv>Relu>Relu"]}),
    rec("models/a", {"Conv": 1, "Relu": 1}, {"2": ["Conv>Relu"], "3": []}, mode="dynamo"),
    rec("models/b", {"Relu": 1, "Add": 1, "com.microsoft::Gelu": 1}, {"2": ["Relu>Add"], "3": []}),
    rec("models/c", None),  # never converted: no model, reaches nothing
    rec("models/d", {"Add": 3}, opset=13),
    rec("models/a", {"Sub": 1}, converter="tf2onnx", mode="-"),
]


def test_opset_ops_respect_introduction_and_deprecation() -> None:
    assert coverage.opset_ops(9, TABLE) == ["Add", "Conv", "Relu", "Upsample"]
    assert coverage.opset_ops(17, TABLE) == ["Add", "Conv", "Relu"]
    assert coverage.opset_ops(20, TABLE) == ["Add", "Conv", "Gelu", "Relu"]


def test_counts_are_distinct_cases_per_op_and_sequence() -> None:
    cov = coverage.compute(RECORDS, "torch.onnx", 20, TABLE)
    assert cov.records == 5 and cov.cases == ["models/a", "models/b", "models/d"]
    assert cov.ops == {"Relu": 2, "Add": 2, "Conv": 1, "com.microsoft::Gelu": 1}  # models/a counted once
    assert cov.sequences["2"] == {"Conv>Relu": 1, "Relu>Add": 1, "Relu>Relu": 1}
    assert cov.sequences["3"] == {"Conv>Relu>Relu": 1}
    assert cov.unreached == ["Gelu"] and cov.reached == ["Add", "Conv", "Relu"]
    assert cov.outside == ["com.microsoft::Gelu"]
    data = cov.to_dict()
    assert data["defined"] == 4 and data["reached"] == 3 and json.dumps(data)


def test_from_frame_uses_newest_records_and_filters_opset() -> None:
    newer = rec("models/b", {"Relu": 1}, created="2026-02-01T00:00:00Z")  # replaces b's older record
    df = analysis.frame([*RECORDS, newer])
    by_conv = {c.converter: c for c in coverage.from_frame(df)}
    assert set(by_conv) == {"torch.onnx", "tf2onnx"}
    torch = by_conv["torch.onnx"]
    assert torch.opset == 17 and "Add" in torch.ops and torch.ops["Add"] == 1  # only models/d still has Add
    (only13,) = coverage.from_frame(df, "torch.onnx", 13)
    assert only13.opset == 13 and only13.cases == ["models/d"]
    assert coverage.from_frame(df, "torch.onnx", 99) == []
    (dynamo,) = coverage.from_frame(df, "torch.onnx", mode="dynamo")
    assert dynamo.ops == {"Conv": 1, "Relu": 1}


def test_the_committed_table_is_onnx_1_17() -> None:
    table = coverage.onnx_table()
    assert table["onnx"] == "1.17.0" and table["max_opset"] == 22 and len(table["ops"]) > 180
    ops18 = coverage.opset_ops(18)
    assert {"Conv", "Relu", "LayerNormalization", "Col2Im"} <= set(ops18)
    assert "Gelu" not in ops18 and "Gelu" in coverage.opset_ops(20) and "Upsample" not in ops18


def test_render_names_unreached_ops() -> None:
    text = coverage.render(coverage.compute(RECORDS, "torch.onnx", 20, TABLE), top=1)
    assert "3 of 4 ops of opset 20 reached (75%)" in text
    assert "unreached (1): Gelu" in text and "bigrams (3 distinct, top 1)" in text and "(+2)" in text


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    store.write_all(store.run_file(tmp_path / "reports", "torch.onnx", "c", "r1"), RECORDS)
    return tmp_path / "reports"


def test_cli_text_and_json(reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    none = tmp_path / "no-suites"
    assert cli.main(["--reports", str(reports), "--suites", str(none), "coverage", "--converter", "torch.onnx"]) == 0
    out = capsys.readouterr().out
    assert "== torch.onnx: opset 17" in out and "unreached (" in out and "Conv>Relu 1" in out
    assert cli.main(["--reports", str(reports), "--suites", str(none), "coverage", "--opset", "13", "--json"]) == 0
    (data,) = json.loads(capsys.readouterr().out)
    assert data["opset"] == 13 and data["ops"] == {"Add": 1} and "Conv" in data["unreached"]


def test_cli_counts_only_records_of_current_case_sources(reports: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    suites = tmp_path / "suites"
    write_case(suites, "models/b.py", 'CASE = {"converter": "torch.onnx"}\n')
    hashes = analysis.current_hashes(suites)
    current = rec("models/b", {"Relu": 1}, created="2025-01-01T00:00:00Z", case_hash=hashes["models/b"])
    store.write_all(store.run_file(reports, "torch.onnx", "c", "r0"), [current])
    assert cli.main(["--reports", str(reports), "--suites", str(suites), "coverage", "--json"]) == 0
    (data,) = json.loads(capsys.readouterr().out)
    assert data["cases"] == 1 and data["ops"] == {"Relu": 1}  # the newer stale record of b is left out
    assert cli.main(["--reports", str(reports), "--suites", str(suites), "coverage", "--all-hashes",
                     "--json", "--converter", "torch.onnx"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["cases"] == 3


def test_cli_without_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--reports", str(tmp_path), "coverage"]) == 0  # nothing to show is not an error
    assert "no records" in capsys.readouterr().err
