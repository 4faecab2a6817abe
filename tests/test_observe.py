"""observe: the CASE 'observed' value derived from records, and rewriting it in a case file."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from conftest import write_case
from convtrack import observe, suite

SOURCE = '''"""An issue."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/1",
    "description": "é: non-ASCII before the value must not shift the byte offsets",
    "stated": {"symptom": "wrong-output", "torch": "1.9"},
    "observed": "",
}


def build():
    return None
'''


def record(case: suite.Case, torch: str, outcome: str, opset: int = 17, mode: str = "legacy",
           created: str = "2026-11-29T00:00:00Z", **kw: Any) -> dict[str, Any]:
    return {"case": case.id, "case_hash": case.hash, "converter": "torch.onnx", "framework": "torch",
            "cell": f"torch{torch}", "opset": opset, "mode": mode, "outcome": outcome,
            "versions": {"torch": torch}, "created": created} | kw


def a_case(tmp_path: Path) -> suite.Case:
    write_case(tmp_path, "issues/pytorch_1.py", SOURCE)
    return suite.load_case(tmp_path / "issues" / "pytorch_1.py", tmp_path)


def test_expected_outcomes_follow_the_stated_symptom() -> None:
    assert observe.expected_outcomes("wrong-output (NaN)") == {"mismatch"}
    assert observe.expected_outcomes("wrong-dtype") == {"wrong_shape"}
    assert "convert_error" in observe.expected_outcomes("export crash (None shape)")
    assert observe.expected_outcomes("ort-runtime (Reshape)") == {"run_error"}
    assert observe.expected_outcomes("something else") == frozenset()


def test_observe_groups_by_release_and_judges_agreement(tmp_path: Path) -> None:
    case = a_case(tmp_path)
    records = [record(case, "2.1.2", "mismatch"), record(case, "2.1.2", "pass", opset=18),
               record(case, "2.1.2", "convert_error", opset=18, mode="dynamo"), record(case, "2.15.0", "pass"),
               record(case, "2.15.0", "pass", case_hash="stale"), record(case, "2.15.0", "pass", mode="-")]
    obs = observe.observe(case, records)
    assert obs is not None
    assert list(obs.releases) == ["torch 2.1.2", "torch 2.15.0"]
    assert obs.releases["torch 2.15.0"] == "pass @17; legacy: pass @17"  # "-" is a mode-less converter
    assert obs.releases["torch 2.1.2"] == "dynamo: convert_error @18; legacy: mismatch @17, pass @18"
    assert obs.agrees.startswith("yes: mismatch on torch 2.1.2")
    assert obs.agrees.endswith("(2 of 2 releases pass in some mode/opset)")


def test_agreement_no_partly_unknown_and_unjudged() -> None:
    passing = {"torch 2.15.0": [{"outcome": "pass"}]}
    assert observe.agreement({"symptom": "wrong-output"}, passing).startswith("no: passes on all 1 releases")
    other = {"torch 2.1.2": [{"outcome": "run_error"}]}
    assert observe.agreement({"symptom": "wrong-shape"}, other).startswith("partly: the issue states 'wrong-shape'")
    harness = {"torch 2.1.2": [{"outcome": "build_error"}]}
    assert observe.agreement({"symptom": "wrong-output"}, harness).startswith("unknown:")
    assert observe.agreement({"symptom": "structural (GRU not mapped)"}, passing).startswith("n/a:")
    unjudged_failing = observe.agreement({"symptom": "structural"}, other)
    assert unjudged_failing.startswith("n/a:") and unjudged_failing.endswith("failures seen: run_error on torch 2.1.2")


def test_no_records_of_the_current_hash_is_none(tmp_path: Path) -> None:
    case = a_case(tmp_path)
    assert observe.observe(case, [record(case, "2.1.2", "pass", case_hash="older")]) is None


def test_write_replaces_the_value_and_keeps_the_hash(tmp_path: Path) -> None:
    case = a_case(tmp_path)
    meta = {"torch 2.1.2": "legacy: mismatch @17 " + "x" * 150, "agrees_with_issue": "yes: \"quoted\""}
    assert observe.write(case.path, meta) is True
    reloaded = suite.load_case(case.path, tmp_path)
    assert reloaded.meta["observed"] == meta
    assert reloaded.hash == case.hash  # observed is documentation: records stay comparable
    text = case.path.read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) <= 120
    ast.parse(text)
    assert observe.write(case.path, meta) is False  # idempotent


def test_structural_issues_are_judged_from_the_op_histogram() -> None:
    expect = {"present": ["LSTM"], "absent": ["Loop"], "min_opset": 13}

    def rec(ops: dict[str, int], opset: int = 15, outcome: str = "pass") -> dict[str, Any]:
        return {"outcome": outcome, "opset": opset, "model": {"ops": ops}}

    fixed = {"tensorflow 2.15.1 + tf2onnx 1.17.0": [rec({"LSTM": 1, "Squeeze": 1})]}
    broken = {"tensorflow 2.12.1 + tf2onnx 1.14.0": [rec({"Loop": 1, "MatMul": 4})],
              "tensorflow 2.12.1 + tf2onnx 1.9.0": [rec({"Loop": 1}, opset=11)]}  # below min_opset: not checked
    old, new = "tensorflow 2.12.1 + tf2onnx 1.14.0", "tensorflow 2.15.1 + tf2onnx 1.17.0"
    assert observe.structural(expect, {**broken, **fixed}) == ([old], [old, new])
    stated = {"symptom": "structural (Loop instead of LSTM)"}
    assert observe.agreement(stated, {**broken, **fixed}, expect).startswith(
        "yes: the converted model lacks LSTM, no Loop from opset 13 on tensorflow 2.12.1 + tf2onnx 1.14.0")
    assert observe.agreement(stated, fixed, expect) == (
        "no: LSTM, no Loop from opset 13 in every converted model (1 releases)")
    failed = {"tensorflow 2.17.1 + tf2onnx 1.17.0": [{"outcome": "convert_error", "opset": 15, "model": {}}]}
    assert observe.agreement(stated, failed, expect).startswith("unknown: no converted model to inspect")


def test_a_release_in_two_cells_is_never_mixed(tmp_path: Path) -> None:
    case = a_case(tmp_path)
    records = [record(case, "2.15.0", "wrong_shape", opset=o, cell="torch2.15.0-ort1.20.1") for o in (17, 18)]
    records.append(record(case, "2.15.0", "pass", cell="torch2.15.0-ort1.23.2"))
    obs = observe.observe(case, records)
    assert obs is not None and obs.releases == {
        "torch 2.15.0": "legacy: wrong_shape @17 18", "torch 2.15.0 (torch2.15.0-ort1.23.2)": "legacy: pass @17"}
