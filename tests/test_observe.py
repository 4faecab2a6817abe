"""observe: the CASE 'observed' value derived from records, and rewriting it in a case file."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from conftest import write_case
from convtrack import claims, observe, suite
from convtrack.outcomes import Outcome

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
    assert claims.expected_outcomes("wrong-output (NaN)") == {Outcome.MISMATCH}
    assert claims.expected_outcomes("wrong-dtype") == {Outcome.WRONG_SHAPE}
    assert Outcome.CONVERT_ERROR in claims.expected_outcomes("export crash (None shape)")
    assert claims.expected_outcomes("ort-runtime (Reshape)") == {Outcome.RUN_ERROR}
    assert claims.expected_outcomes("something else") == frozenset()


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
    # the issue was reported on torch 1.9, whose exporter is the legacy one: the dynamo failure is not counted
    assert obs.agrees.endswith("(2 of 2 releases pass in some mode/opset); other modes, not counted: "
                               "convert_error on torch 2.1.2")


def test_agreement_no_partly_unknown_and_unjudged() -> None:
    passing = {"torch 2.15.0": [{"outcome": "pass"}]}
    assert observe.agreement({"symptom": "wrong-output"}, passing).startswith("no: passes on every release run")
    other = {"torch 2.1.2": [{"outcome": "run_error"}]}
    later = {"torch 2.1.2": [{"outcome": "mismatch"}]}  # a crash that became a silent wrong answer
    assert observe.agreement({"symptom": "export-crash"}, later).startswith("partly: the issue states 'export-crash'")
    assert observe.agreement({"symptom": "wrong-shape"}, other).startswith(
        "no: 'wrong-shape' never shows; only failures at an earlier stage, which hide it: run_error")
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


# ---- honest agreement: signature, mode, stated versions, harness outcomes -------------------------------------

def rec(outcome: str, mode: str = "legacy", signature: str | None = None, **kw: Any) -> dict[str, Any]:
    return {"outcome": outcome, "mode": mode, "opset": 17, "signature": signature} | kw


def test_a_failure_with_another_error_than_the_stated_one_is_not_yes() -> None:
    stated = {"symptom": "export crash (AttributeError: _captures)"}
    keras3 = {"tensorflow 2.17.1 + tf2onnx 1.15.1": [rec("convert_error", "-", "AttributeError: output_names")],
              "tensorflow 2.15.1 + tf2onnx 1.15.1": [rec("pass", "-")]}
    assert observe.agreement(stated, keras3).startswith("yes:")  # the symptom class alone would say yes
    verdict = observe.agreement(stated, keras3, expect_signature="_captures")
    assert verdict.startswith("no: the stated error /_captures/ never shows; other failures: convert_error")
    raw = {"tensorflow 2.12.1 + tf2onnx 1.14.0": [rec("convert_error", "-", "AttributeError: N",
                                                      error="'FuncGraph' object has no attribute '_captures'")]}
    assert observe.agreement(stated, raw, expect_signature="_captures").startswith("yes: convert_error")


def test_the_stated_error_at_another_stage_is_yes_and_says_so() -> None:
    stated = {"symptom": "export crash (Unsupported ops: PartitionedCall)"}
    by_label = {"tensorflow 2.12.1 + tf2onnx 1.14.0": [
        rec("invalid_model", "-", "ValidationError: No Op registered for PartitionedCall")]}
    assert observe.agreement(stated, by_label, expect_signature="PartitionedCall").startswith(
        "yes: the stated error shows at another stage: invalid_model on tensorflow 2.12.1 + tf2onnx 1.14.0")


def test_a_silent_failure_has_no_error_text_and_is_judged_by_its_stage() -> None:
    stated = {"symptom": "export-crash", "exporters": ["legacy"]}
    by_label = {"torch 2.1.2": [rec("mismatch")]}
    assert observe.agreement(stated, by_label, expect_signature="divisor_override").startswith("partly:")


def test_failures_of_another_mode_never_count() -> None:
    stated = {"symptom": "export-crash", "exporters": ["dynamo"]}
    by_label = {"torch 2.1.2": [rec("convert_error", "legacy", "TypeError: x"), rec("pass", "dynamo")],
                "torch 2.6.0": [rec("pass", "legacy"), rec("pass", "dynamo")]}
    verdict = observe.agreement(stated, by_label)
    assert verdict.startswith("no: passes on every release run in the issue's mode (dynamo) (2 releases)")
    assert verdict.endswith("other modes, not counted: convert_error on torch 2.1.2")


def test_an_old_issue_is_about_the_legacy_exporter() -> None:
    stated = {"symptom": "wrong-output", "torch": "1.8"}
    by_label = {"torch 2.6.0": [rec("pass"), rec("convert_error", "dynamo", "Unsupported FX nodes")]}
    assert observe.agreement(stated, by_label, converter="torch.onnx").startswith(
        "no: passes on every release run in the issue's mode (legacy; reported on torch 1.8, before export(dynamo=) "
        "existed)")
    assert claims.stated_modes({"torch": "2026 builds"}, "torch.onnx") == ((), "")
    assert claims.stated_modes({"torch": "1.8"}, "tf2onnx") == ((), "")


def test_a_reproducer_passing_everywhere_says_so_with_the_stated_versions() -> None:
    passing = {"torch 2.1.2": [rec("pass")], "torch 2.9.1": [rec("pass")]}
    control = observe.agreement({"symptom": "export-crash", "fixed": "1.13-era (argsort symbolic)"}, passing)
    assert control == ("no: passes on every release run (2 releases); stated fixed in 1.13, before the oldest release "
                       "run (2.1.2): a control")
    gap = observe.agreement({"symptom": "export-crash", "broken": "2.13.0 (cu126)", "works": "2.12.1"}, passing)
    assert gap.endswith("the stated broken release 2.13.0 was never run")


def test_harness_outcomes_never_count() -> None:
    by_label = {"torch 2.1.2": [rec(o.value) for o in Outcome if not o.is_converter_result] + [rec("pass")]}
    assert observe.agreement({"symptom": "export-crash"}, by_label).startswith("no: passes on every release run")
    only = {"torch 2.1.2": [rec("harness_error"), rec("env_error")]}
    assert observe.agreement({"symptom": "export-crash"}, only).startswith("unknown:")


def test_the_stated_fix_boundary_is_checked() -> None:
    stated = {"symptom": "ort-load", "fixed": "2.3 (PR #120619, inferred)"}
    reproduced = {"torch 2.1.2": [rec("invalid_model")], "torch 2.4.1": [rec("pass")]}
    assert "the stated fix in 2.3 is reproduced" in observe.agreement(stated, reproduced)
    contradicted = {"torch 2.1.2": [rec("invalid_model")], "torch 2.4.1": [rec("invalid_model")]}
    assert "it persists past the stated fix in 2.3 (torch 2.4.1)" in observe.agreement(stated, contradicted)
    later_stage = {"torch 2.1.2": [rec("run_error")], "torch 2.4.1": [rec("pass")]}
    assert observe.agreement(stated, later_stage).startswith("yes: the stated fix in 2.3 is reproduced")
    assert claims.stated_fixed({"fixed": "2.1 for opset >= 14"}) is None  # conditional on the opset
    assert claims.stated_fixed({"fixed": "2.0", "broken": "1.10-1.13 and 2.1+"}) is None  # broke again


def test_observe_points_to_other_cases_with_the_stated_error(tmp_path: Path) -> None:
    source = SOURCE.replace('"observed": ""', '"expect_signature": "KeyError: \'keras_tensor_",\n    "observed": ""')
    write_case(tmp_path, "issues/pytorch_1.py", source)
    case = suite.load_case(tmp_path / "issues" / "pytorch_1.py", tmp_path)
    other = record(case, "2.1.2", "convert_error", signature="KeyError: 'keras_tensor_N'") | {"case": "models/m"}
    obs = observe.observe(case, [record(case, "2.1.2", "pass"), other])
    assert obs is not None and obs.agrees.endswith("the stated error shows in 1 records of 1 other cases (models/m)")
