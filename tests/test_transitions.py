"""The one classifier and the scan on synthetic record histories: kinds (regression, became silent, fix,
changed), normalised signatures, ordering, probes, flakes, case hashes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from convtrack import analysis, cli, confounds, store, transitions
from convtrack.outcomes import Outcome
from convtrack.transitions import State, TransitionKind, classify

REGRESSION, FIX, CHANGED = TransitionKind.REGRESSION, TransitionKind.FIX, TransitionKind.CHANGED
_clock = iter(range(86_400))


def _created() -> str:
    t = next(_clock)
    return f"2026-11-25T{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}Z"


def rec(torch: str, outcome: str, *, ort: str = "1.20.1", case: str = "issues/x", opset: int = 17,
        mode: str | None = "legacy", signature: str | None = None, tier: int | None = None,
        case_hash: str = "h1", run: str = "r1", python: str = "3.11.7") -> dict[str, Any]:
    cell = f"torch{torch}-ort{ort}-onnx1.17.0"
    r = store.Record(run_id=run, converter="torch.onnx", cell=cell, case=case, case_kind="issue",
                     case_hash=case_hash, opset=opset, mode=mode, framework="torch",
                     versions={"python": python, "torch": torch, "onnxruntime": ort, "onnx": "1.17.0",
                               "numpy": "1.26.4"},
                     outcome=outcome, signature=signature, metrics={"tier": tier} if tier is not None else {},
                     created=_created())
    return r.to_dict()


def scan(records: list[dict[str, Any]]) -> transitions.Scan:
    return transitions.scan(analysis.frame(records))


def test_pep440_order_puts_2_9_before_2_10() -> None:
    found = scan([rec("2.10.0", "convert_error", signature="E: boom"), rec("2.9.1", "pass"),
                  rec("2.8.0", "pass")]).transitions
    assert len(found) == 1
    t = found[0]
    assert (t.kind, t.axis, t.before_version, t.after_version) == ("regression", "torch", "2.9.1", "2.10.0")
    assert (t.before_outcome, t.after_outcome, t.after_signature) == ("pass", "convert_error", "E: boom")
    assert t.before_cell == "torch2.9.1-ort1.20.1-onnx1.17.0" and t.after_cell == "torch2.10.0-ort1.20.1-onnx1.17.0"
    assert t.fixed == {"onnx": "1.17.0", "onnxruntime": "1.20.1"}
    assert not t.confirmed and not t.flaky
    assert set(t.to_dict()) >= {"kind", "converter", "case", "opset", "mode", "axis", "fixed", "confirmed", "flaky"}


def test_fix_and_regression_and_other_axes_are_held_fixed() -> None:
    records = [rec("2.1.2", "invalid_model", signature="S"), rec("2.6.0", "pass"),
               # another onnxruntime: its own line, and its own onnxruntime-axis comparison
               rec("2.1.2", "invalid_model", signature="S", ort="1.23.2"),
               rec("2.6.0", "run_error", signature="R", ort="1.23.2")]
    found = scan(records).transitions
    kinds = {(t.axis, t.kind, t.fixed.get("onnxruntime", t.fixed.get("torch"))) for t in found}
    assert ("torch", "fix", "1.20.1") in kinds  # invalid_model -> pass
    assert ("torch", "changed", "1.23.2") in kinds  # invalid_model -> run_error: another failure, neither
    assert ("onnxruntime", "regression", "2.6.0") in kinds  # pass on ort 1.20.1 -> run_error on 1.23.2


def test_harness_outcomes_are_never_transitions_and_are_skipped_over() -> None:
    found = scan([rec("2.1.2", "pass"), rec("2.4.1", "env_error"), rec("2.5.0", "not_applicable"),
                  rec("2.6.0", "build_error"), rec("2.9.1", "mismatch", tier=8)]).transitions
    assert [(t.before_version, t.after_version, t.kind) for t in found] == [("2.1.2", "2.9.1", "regression")]


def test_a_new_signature_is_changed_not_a_regression() -> None:
    found = scan([rec("2.1.2", "convert_error", signature="A"), rec("2.4.1", "convert_error", signature="A"),
                  rec("2.6.0", "convert_error", signature="B")]).transitions
    assert [(t.before_version, t.kind, t.after_signature) for t in found] == [("2.4.1", CHANGED, "B")]


def test_mismatch_tiers_are_not_compared() -> None:
    # before the tolerance is calibrated a tier step is noise: neither a regression nor a change
    assert classify(State(Outcome.MISMATCH, None, 4), State(Outcome.MISMATCH, None, 8)) is None
    found = scan([rec("2.1.2", "mismatch", tier=3), rec("2.4.1", "mismatch", tier=4),
                  rec("2.6.0", "mismatch", tier=8)]).transitions
    assert found == []


def test_different_case_hashes_are_not_comparable() -> None:
    result = scan([rec("2.1.2", "pass", case_hash="old"), rec("2.6.0", "convert_error", signature="E",
                                                                   case_hash="new")])
    assert result.transitions == []
    assert [(n.before_version, n.after_version) for n in result.not_comparable] == [("2.1.2", "2.6.0")]
    # once the older version is re-run with the new source, the pair compares again
    result = scan([rec("2.1.2", "pass", case_hash="old"), rec("2.6.0", "convert_error", signature="E",
                                                                   case_hash="new"),
                   rec("2.1.2", "pass", case_hash="new", run="r2")])
    assert [t.kind for t in result.transitions] == [REGRESSION] and result.not_comparable == []


def test_repeated_agreeing_records_confirm_and_disagreeing_ones_are_flaky() -> None:
    base = [rec("2.1.2", "pass"), rec("2.6.0", "crash", signature="SIGSEGV")]
    assert not scan(base).transitions[0].confirmed
    confirmed = scan([*base, rec("2.1.2", "pass", run="r2"), rec("2.6.0", "crash", signature="SIGSEGV", run="r2")])
    assert confirmed.transitions[0].confirmed and not confirmed.transitions[0].flaky
    flaky = scan([*base, rec("2.1.2", "pass", run="r2"), rec("2.6.0", "pass", run="r2")])
    # the newest records agree (pass, pass), but the crash did happen once: listed, flaky, never confirmed
    t = flaky.transitions[0]
    assert (t.kind, t.after_outcome, t.flaky, t.confirmed) == (REGRESSION, Outcome.CRASH, True, False)
    flaky = scan([*base, rec("2.1.2", "pass", run="r2"), rec("2.6.0", "pass", run="r2"),
                  rec("2.6.0", "crash", signature="SIGSEGV", run="r3")])
    t = flaky.transitions[0]
    assert t.flaky and not t.confirmed


def test_modes_and_opsets_are_separate_lines() -> None:
    found = scan([rec("2.1.2", "pass", mode=None), rec("2.6.0", "pass", mode=None),
                  rec("2.1.2", "pass", opset=18), rec("2.6.0", "wrong_shape", opset=18)]).transitions
    assert [(t.opset, t.mode) for t in found] == [(18, "legacy")]


def test_axes_come_from_the_record() -> None:
    # schema 2: the record's `axes` say which packages are axes; nothing is re-derived from ids or matrix files
    r1, r2 = rec("2.1.2", "pass"), rec("2.6.0", "load_error", signature="L")
    for r in (r1, r2):
        r["converter"] = "other"
        r["axes"] = {"torch": r["versions"]["torch"]}
    found = transitions.scan(analysis.frame([r1, r2])).transitions
    assert [(t.axis, t.kind, t.fixed) for t in found] == [("torch", REGRESSION, {})]


def test_find_over_stored_records(tmp_path: Path) -> None:
    store.write_all(tmp_path / "records" / "torch.onnx" / "c" / "r1.jsonl",
                    [rec("2.1.2", "pass"), rec("2.6.0", "invalid_model", signature="S")])
    found = transitions.find(analysis.load(tmp_path))
    assert [(t.kind, t.axis) for t in found] == [(REGRESSION, "torch")]


def test_changes_command_json_and_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store.write_all(tmp_path / "records" / "torch.onnx" / "c" / "r1.jsonl",
                    [rec("2.1.2", "pass"), rec("2.6.0", "invalid_model", signature="S")])
    assert cli.main(["--reports", str(tmp_path), "changes", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["transitions"][0]["kind"] == "regression" and data["transitions"][0]["after_version"] == "2.6.0"
    assert cli.main(["--reports", str(tmp_path), "changes"]) == 0
    out = capsys.readouterr().out
    assert "regression" in out and "2.1.2 -> 2.6.0" in out and "unconfirmed" in out


def test_reworded_advice_after_the_first_sentence_is_the_same_failure() -> None:
    # measured: torch 2.6.0 vs 2.15.0 on issues/pytorch_177013 differ only after the first sentence
    old = ("UnsupportedOperatorError: Exporting the operator 'aten::x' to ONNX opset version N is not supported. "
           "Please feel free to request support or submit a pull request on PyTorc")
    new = "UnsupportedOperatorError: Exporting the operator 'aten::x' to ONNX opset version N is not supported"
    assert classify(State(Outcome.CONVERT_ERROR, old), State(Outcome.CONVERT_ERROR, new)) is None
    other = State(Outcome.CONVERT_ERROR, "UnsupportedOperatorError: aten::y")
    assert classify(State(Outcome.CONVERT_ERROR, old), other) is CHANGED


@pytest.mark.parametrize("rerun_after, expect", [("invalid_model", "confirmed"), ("pass", "flaky")])
def test_confirm_reruns_the_two_cells_once_with_only_that_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str],
                                                                rerun_after: str, expect: str) -> None:
    from convtrack import cellrun, matrix, suite

    (tmp_path / "suites" / "issues").mkdir(parents=True)
    (tmp_path / "suites" / "issues" / "x.py").write_text(
        'CASE = {"converter": "torch.onnx", "issue": "https://github.com/pytorch/pytorch/issues/1"}\n')
    (tmp_path / "suites" / "issues" / "y.py").write_text(
        'CASE = {"converter": "torch.onnx", "issue": "https://github.com/pytorch/pytorch/issues/2"}\n')
    digest = suite.discover(tmp_path / "suites")[0].hash
    store.write_all(tmp_path / "records" / "torch.onnx" / "c" / "r1.jsonl",
                    [rec("2.1.2", "pass", case_hash=digest), rec("2.6.0", "invalid_model", signature="S",
                                                                   case_hash=digest)])
    runs: list[tuple[str, list[str], list[tuple[int, str | None]]]] = []

    def execute(cell: matrix.Cell, cases: list[suite.Case], settings: cellrun.Settings, **_: Any) -> Path:
        runs.append((cell.id, [c.id for c in cases], [(t.opset, t.mode) for t in cell.tasks]))
        outcome = "pass" if cell.axes["torch"] == "2.1.2" else rerun_after
        out = store.run_file(settings.reports, cell.converter, cell.id, settings.run_id)
        store.write_all(out, [rec(cell.axes["torch"], outcome, signature=None if outcome == "pass" else "S",
                                  case_hash=digest, run=settings.run_id)])
        return out

    monkeypatch.setattr(cellrun, "execute", execute)
    assert cli.main(["--reports", str(tmp_path), "--suites", str(tmp_path / "suites"), "changes", "--confirm",
                     "--json"]) == 0
    assert sorted(runs) == [("torch2.1.2-ort1.20.1-onnx1.17.0", ["issues/x"], [(17, "legacy")]),
                            ("torch2.6.0-ort1.20.1-onnx1.17.0", ["issues/x"], [(17, "legacy")])]
    t = json.loads(capsys.readouterr().out)["transitions"][0]
    assert (t["confirmed"], t["flaky"]) == ((True, False) if expect == "confirmed" else (False, True))


def _older_harness(record: dict[str, Any]) -> dict[str, Any]:
    return {**record, "harness_version": "schema-1"}


def test_verdicts_of_an_older_harness_are_superseded_not_flaky() -> None:
    # an uncalibrated mismatch from an older harness, then today's harness says pass on both releases
    records = [_older_harness(rec("2.9.1", "mismatch", tier=4)), rec("2.6.0", "pass"), rec("2.9.1", "pass")]
    assert scan(records).transitions == []


def test_a_newer_harness_outcome_supersedes_an_older_converter_result() -> None:
    # a failure the older harness charged to the converter, now not_applicable by a matrix rule
    records = [rec("2.6.0", "pass"), _older_harness(rec("2.9.1", "convert_error", signature="E: x")),
               rec("2.9.1", "not_applicable")]
    assert scan(records).transitions == []
    # without the newer record, the older harness's result still counts
    assert [t.kind for t in scan(records[:2]).transitions] == [transitions.TransitionKind.REGRESSION]


def _with(record: dict[str, Any], **versions: str) -> dict[str, Any]:
    return {**record, "versions": {**record["versions"], **versions}}


def test_a_change_that_moved_the_dynamo_exporters_onnxscript_too_is_not_the_releases() -> None:
    # torch 2.2.2 -> 2.3.1 with onnxscript pinned per era: the dynamo outcome cannot be charged to torch alone
    before = _with(rec("2.2.2", "pass", mode="dynamo"), onnxscript="0.1.0.dev20240327")
    after = _with(rec("2.3.1", "convert_error", mode="dynamo", signature="E"), onnxscript="0.1.0")
    result = scan([before, after])
    assert result.transitions == []
    (n,) = result.not_comparable
    assert n.stack == {"onnxscript": ["0.1.0.dev20240327", "0.1.0"]}
    assert n.why.startswith("a regression that is not torch's alone") and "onnxscript" in n.why
    # the legacy exporter never imports onnxscript: the same move leaves its change the release's
    legacy = scan([{**before, "mode": "legacy"}, {**after, "mode": "legacy"}])
    assert [t.kind for t in legacy.transitions] == [REGRESSION] and legacy.not_comparable == []
    assert legacy.transitions[0].also_changed == {"onnxscript": ["0.1.0.dev20240327", "0.1.0"]}


def test_a_record_under_an_earlier_pin_is_superseded_not_a_flaky_repeat() -> None:
    # torch 2.2.2 first ran with onnxscript 0.1.0 (fails), then with the era's nightly (passes)
    old = _with(rec("2.2.2", "convert_error", mode="dynamo", signature="E", run="r1"), onnxscript="0.1.0")
    new = _with(rec("2.2.2", "pass", mode="dynamo", run="r2"), onnxscript="0.1.0.dev20240327")
    after = _with(rec("2.4.1", "pass", mode="dynamo"), onnxscript="0.1.0.dev20240327")
    result = scan([old, new, after])
    assert result.transitions == [] and result.not_comparable == []  # pass -> pass, no flake from the old pin


def test_a_change_that_moved_a_package_the_case_imports_is_not_the_releases() -> None:
    # hf models on torch 2.2.2 -> 2.3.1 under transformers 4.42.4 -> 4.46.3: the model code itself moved
    before = _with(rec("2.2.2", "pass", case="models/hf_opt"), transformers="4.42.4", torchvision="0.17.2")
    after = _with(rec("2.3.1", "convert_error", case="models/hf_opt", signature="E"), transformers="4.46.3",
                  torchvision="0.18.1")
    imports = {("models/hf_opt", "h1"): ("transformers",)}
    result = transitions.scan(analysis.frame([before, after]), imports)
    assert result.transitions == []
    (n,) = result.not_comparable
    assert n.stack == {"transformers": ["4.42.4", "4.46.3"]} and "the case's own transformers" in n.why
    # without the suite's requires nothing tells the scan what the case imports: the change is listed
    assert [t.kind for t in scan([before, after]).transitions] == [REGRESSION]
    # torchvision is released in lockstep with torch (each pins one torch): it never sets a change apart
    tv = {("models/hf_opt", "h1"): ("torchvision",)}
    assert [t.kind for t in transitions.scan(analysis.frame([before, after]), tv).transitions] == [REGRESSION]
    # the records' own source edited since (only another hash is known): the current source's imports stand in
    other = {("models/hf_opt", "h2"): ("transformers",)}
    assert [n.stack for n in transitions.scan(analysis.frame([before, after]), other).not_comparable] == [
        {"transformers": ["4.42.4", "4.46.3"]}]
    # ... but a record's own source, when known, decides
    own = {("models/hf_opt", "h1"): (), ("models/hf_opt", "h2"): ("transformers",)}
    assert [t.kind for t in transitions.scan(analysis.frame([before, after]), own).transitions] == [REGRESSION]


def test_a_failure_on_the_path_a_case_package_takes_from_the_after_release_on_is_set_apart() -> None:
    # timm calls F.scaled_dot_product_attention once torch has it (2.0): the exporter was handed another model
    sdpa = "UnsupportedOperatorError: Exporting the operator 'aten::scaled_dot_product_attention' to ONNX opset 11"
    records = [rec("1.13.1", "pass", case="models/timm_beit", opset=11),
               rec("2.0.1", "convert_error", case="models/timm_beit", opset=11, signature=sdpa),
               rec("2.1.2", "convert_error", case="models/timm_beit", opset=11, signature="SymbolicValueError: x")]
    imports = {("models/timm_beit", "h1"): ("timm",)}
    result = transitions.scan(analysis.frame(records), imports)
    (n,) = [n for n in result.not_comparable if n.after_version == "2.0.1"]
    assert n.kind == "regression" and n.stack == {
        "timm path": ["before torch 2.0", "scaled_dot_product_attention from torch 2.0"]}
    assert "the case's timm path before torch 2.0 -> scaled_dot_product_attention from torch 2.0" in n.why
    # 2.0.1 -> 2.1.2 is on the new path on both sides: a change there is torch's (here: another failure)
    assert [(t.kind, t.after_version) for t in result.transitions] == [(CHANGED, "2.1.2")]
    # a case that imports no such package (torch's own nn module calling the fused attention) stays torch's
    assert [t.after_version for t in scan(records[:2]).transitions] == ["2.0.1"]


def test_a_change_across_another_interpreter_is_set_apart_and_a_bridge_on_one_interpreter_measures_it() -> None:
    # torch 1.10 has no cp310 wheel and 1.11 runs on 3.10 by the matrix's rule: the step also moved Python
    crash = "crash: worker killed by signal SIGSEGV"
    moved = [rec("1.10.2", "crash", signature=crash, python="3.9.18"), rec("1.11.0", "pass", python="3.10.13")]
    result = scan(moved)
    (apart,) = result.not_comparable
    assert result.transitions == [] and apart.kind == "fix"
    assert apart.stack == {"python": ["3.9.18", "3.10.13"]}
    assert "the interpreter (python 3.9.18 -> 3.10.13)" in apart.why
    # both releases on 3.9 at another onnxruntime (a bridge cell): the same step is the release's
    bridge = [rec(v, o, ort="1.18.1", signature=s, python="3.9.18")
              for v, o, s in (("1.10.2", "crash", crash), ("1.11.0", "pass", None))]
    (t,) = scan(moved + bridge).transitions
    assert (t.kind, t.fixed["onnxruntime"], t.before_version) == (FIX, "1.18.1", "1.10.2")
    # a patch release of the interpreter is not a cause; the gate's pair rule is the scan's
    patch = [rec("2.5.1", "pass", python="3.11.7"), rec("2.6.0", "convert_error", python="3.11.9")]
    assert [t.kind for t in scan(patch).transitions] == [REGRESSION]
    assert transitions.set_apart(*moved) == {"python": ["3.9.18", "3.10.13"]} and transitions.set_apart(*patch) == {}


def test_a_declared_shape_change_across_the_adapter_s_switch_is_set_apart() -> None:
    # pytorch_120075: torch 1.7.1 passes with its outputs named by the adapter; 1.8.1 infers a static length
    records = [rec("1.7.1", "pass", opset=11), rec("1.8.1", "wrong_shape", opset=11), rec("1.9.1", "pass", opset=11)]
    result = scan(records)
    (apart,) = result.not_comparable
    assert (apart.kind, apart.after_version) == ("regression", "1.8.1") and "adapter call" in apart.stack
    assert "how the harness called the exporter" in apart.why
    assert [(t.kind, t.after_version) for t in result.transitions] == [(FIX, "1.9.1")]  # 1.9 fixed the inference
    # a crash across the same step is the exporter's
    assert [t.kind for t in scan([rec("1.7.1", "pass", opset=11), rec("1.8.1", "crash", opset=11)]).transitions] == [
        REGRESSION]


def test_a_pass_and_a_mismatch_judged_by_different_harness_versions_are_set_apart() -> None:
    # the older harness's tolerance passed what today's calls a mismatch: the step may be the policy's
    records = [_older_harness(rec("2.6.0", "pass")), rec("2.9.1", "mismatch", tier=4)]
    result = scan(records)
    assert result.transitions == []
    (apart,) = result.not_comparable
    assert (apart.kind, apart.stack) == ("regression", {"harness_version": ["schema-1", store.HARNESS_VERSION]})
    assert "the harness that judged the regression" in apart.why
    # a crash is a crash under any tolerance: a convert_error -> mismatch step across harness versions is listed
    records = [_older_harness(rec("2.6.0", "convert_error", signature="E: x")), rec("2.9.1", "mismatch", tier=4)]
    (t,) = scan(records).transitions
    assert t.kind is REGRESSION and t.became_silent


def test_confirm_rejudges_both_sides_of_a_change_set_apart_for_the_harness(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from convtrack import cellrun, matrix, suite

    (tmp_path / "suites" / "issues").mkdir(parents=True)
    (tmp_path / "suites" / "issues" / "x.py").write_text(
        'CASE = {"converter": "torch.onnx", "issue": "https://github.com/pytorch/pytorch/issues/1"}\n')
    digest = suite.discover(tmp_path / "suites")[0].hash
    store.write_all(tmp_path / "records" / "torch.onnx" / "c" / "r1.jsonl",
                    [_older_harness(rec("2.1.2", "pass", case_hash=digest)),
                     rec("2.6.0", "mismatch", tier=4, case_hash=digest)])
    runs: list[str] = []

    def execute(cell: matrix.Cell, cases: list[suite.Case], settings: cellrun.Settings, **_: Any) -> Path:
        runs.append(cell.id)
        outcome = "pass" if cell.axes["torch"] == "2.1.2" else "mismatch"
        out = store.run_file(settings.reports, cell.converter, cell.id, settings.run_id)
        store.write_all(out, [rec(cell.axes["torch"], outcome, tier=None if outcome == "pass" else 4,
                                  case_hash=digest, run=settings.run_id)])
        return out

    monkeypatch.setattr(cellrun, "execute", execute)
    assert cli.main(["--reports", str(tmp_path), "--suites", str(tmp_path / "suites"), "changes", "--confirm",
                     "--json"]) == 0
    assert sorted(runs) == ["torch2.1.2-ort1.20.1-onnx1.17.0", "torch2.6.0-ort1.20.1-onnx1.17.0"]
    shown = json.loads(capsys.readouterr().out)
    assert shown["not_comparable"] == []  # both sides are today's harness's now: a regression, listed
    assert [(t["kind"], t["before_outcome"], t["after_outcome"]) for t in shown["transitions"]] == [
        ("regression", "pass", "mismatch")]


def test_changes_filters_apply_to_the_changes_set_apart_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store.write_all(tmp_path / "records" / "torch.onnx" / "c" / "r1.jsonl",
                    [rec("2.1.2", "pass", case_hash="old"), rec("2.6.0", "convert_error", signature="E",
                                                                   case_hash="new")])
    assert cli.main(["--reports", str(tmp_path), "changes", "--json", "--axis", "torch"]) == 0
    assert len(json.loads(capsys.readouterr().out)["not_comparable"]) == 1
    assert cli.main(["--reports", str(tmp_path), "changes", "--json", "--axis", "onnxruntime"]) == 0
    assert json.loads(capsys.readouterr().out)["not_comparable"] == []  # a torch pair: not onnxruntime's
    assert cli.main(["--reports", str(tmp_path), "changes", "--axis", "onnxruntime"]) == 0
    assert "not comparable" not in capsys.readouterr().out


def test_set_apart_is_the_scans_rule_for_one_pair_of_records() -> None:
    """The gate's baseline and candidate are set apart exactly when the scan would set their change apart."""
    before = _with(rec("2.4.1", "pass", mode="dynamo"), onnxscript="0.1.0", transformers="4.46.3")
    after = _with(rec("2.5.1", "convert_error", mode="dynamo", signature="E"), onnxscript="0.2.7",
                  transformers="5.24.0")
    assert transitions.set_apart(before, after, ("transformers",)) == {
        "onnxscript": ["0.1.0", "0.2.7"], "transformers": ["4.46.3", "5.24.0"]}
    legacy = [{**r, "mode": "legacy"} for r in (before, after)]
    assert transitions.set_apart(*legacy) == {}  # the legacy exporter runs no onnxscript: the release's change
    assert transitions.set_apart(before, {**after, "outcome": "pass", "signature": None}) == {}  # no change at all
    judged = _older_harness(rec("2.4.1", "pass"))
    assert list(transitions.set_apart(judged, rec("2.5.1", "mismatch"))) == ["harness_version"]
    assert confounds.moves({"onnxscript": ["0.1.0", "0.2.7"]}) == "onnxscript 0.1.0 -> 0.2.7"


def test_a_transition_names_the_opset_each_side_wrote() -> None:
    before, after = rec("2.6.0", "pass", opset=11), rec("2.7.1", "mismatch", opset=11)
    before["produced_opset"] = after["produced_opset"] = 18  # the exporter wrote another opset than asked
    (t,) = scan([before, after]).transitions
    assert t.written == [18, 18]
    failed = rec("2.7.1", "convert_error", opset=11, signature="E")
    (t,) = scan([rec("2.6.0", "pass", opset=11), failed]).transitions
    assert t.written == [11, None]  # the failing side wrote no model; a record without produced_opset: as asked
    older = rec("2.6.0", "mismatch", opset=13)  # a record from before produced_opset: the asked opset
    assert transitions.written(transitions.State.of(older), older, 13) == 13
    keys = {transitions.model_key({**t.to_dict(), "opset": o}) for o in (11, 13)}
    assert len(keys) == 1  # what was asked does not tell two models apart, what was written does


def _judged(r: dict[str, Any], max_abs: float, atol: float, method: str | None) -> dict[str, Any]:
    return {**r, "metrics": {"max_abs": max_abs, "tier": 4,
                             "tolerance": {"method": method, "atol": atol, "exact": False}}}


def _calibration_pairs() -> list[list[dict[str, Any]]]:
    # measured on TF 2.2.3 -> 2.3.4 (keras_resnet50 @13): TF 2.2's FusedBatchNorm takes no float64, so 2.2.3's
    # verdict used the fixed atol 1e-5; 2.3.4's pass was judged by the float64-calibrated atol 3.1e-3
    noise = [_judged(rec("2.2.3", "mismatch"), 3.0e-4, 1e-5, None), _judged(rec("2.3.4", "pass"), 3.7e-4, 3.1e-3,
                                                                            "float64")]
    beyond = [_judged(rec("2.2.3", "mismatch"), 1.97, 1e-5, None), _judged(rec("2.3.4", "pass"), 0.0, 3.1e-3,
                                                                           "float64")]
    return [noise, beyond]


def test_a_mismatch_within_the_other_sides_calibrated_noise_is_set_apart_one_beyond_it_is_a_fix() -> None:
    noise, beyond = _calibration_pairs()
    result = scan(noise)
    assert result.transitions == []
    (apart,) = result.not_comparable
    assert apart.kind == "fix" and apart.stack == {
        "tolerance": ["fixed atol 1e-05", "atol 0.0031 calibrated on float64"]}
    assert "float64-calibrated noise" in apart.why
    (t,) = scan(beyond).transitions  # an error of 1.97 is no float32 noise, whatever the tolerance
    assert t.kind is FIX
    # both sides calibrated, or both fixed: the release's step
    both = [_judged(rec("2.2.3", "mismatch"), 3.0e-4, 1e-5, None), _judged(rec("2.3.4", "pass"), 3.7e-4, 1e-5, None)]
    assert [t.kind for t in scan(both).transitions] == [FIX]


def test_the_records_index_carries_what_the_calibration_rule_reads(tmp_path: Path) -> None:
    from convtrack import records_index

    for pair in _calibration_pairs():
        for r in pair:
            store.write_all(store.run_file(tmp_path, "torch.onnx", r["cell"], r["run_id"] + r["cell"]),
                            [store.Record(**{**r, "run_id": r["run_id"] + r["cell"]})])
        slim = records_index.load(tmp_path).slim
        assert [t.kind for t in transitions.scan(slim).transitions] == [
            t.kind for t in scan([dict(r) for r in pair]).transitions]
        for path in (tmp_path / "records").rglob("*.jsonl"):
            path.unlink()


def _ignoring(r: dict[str, Any]) -> dict[str, Any]:
    """A pass judged on references that were the same on every seed (a zero-initialised head)."""
    judged = _judged(r, 0.0, 1e-5, "float64")
    return {**judged, "metrics": {**judged["metrics"], "inputs_ignored": True}}


def test_a_fix_into_a_pass_on_a_reference_that_ignores_its_inputs_is_set_apart(tmp_path: Path) -> None:
    from convtrack import records_index

    records = [rec("1.12.1", "convert_error", signature="E: x"), _ignoring(rec("1.13.1", "pass")),
               rec("2.0.1", "mismatch")]
    for found in (scan(records), None):
        if found is None:  # the records index carries the flag too
            for r in records:
                store.write_all(store.run_file(tmp_path, "torch.onnx", r["cell"], "r" + r["cell"]),
                                [store.Record(**{**r, "run_id": "r" + r["cell"]})])
            found = transitions.scan(records_index.load(tmp_path).slim)
        (apart,) = found.not_comparable
        assert apart.kind == "fix" and apart.stack == {"reference": ["-", "the same on every input"]}
        assert "same outputs on every input" in apart.why
        # the mismatch after it is a real wrong model: the regression stays
        assert [(t.kind, t.after_version) for t in found.transitions] == [(REGRESSION, "2.0.1")]


def test_a_verdict_with_measured_noise_supersedes_one_judged_by_the_fixed_atol_in_the_same_cell() -> None:
    # TF 2.3.4's keras_mobilenet: a harness fault left the float64 reference out (fixed atol: mismatch at 3.4e-5);
    # the re-run measured the noise (atol 4e-4: pass). The fixed-atol verdict is no repeat that makes it flaky.
    records = [rec("2.2.3", "pass"), _judged(rec("2.3.4", "mismatch"), 3.4e-5, 1e-5, None),
               _judged(rec("2.3.4", "pass"), 3.4e-5, 4e-4, "float64")]
    result = scan(records)
    assert result.transitions == [] and result.not_comparable == []
    # a crash is no tolerance verdict: a disagreeing convert_error still shows as flaky
    records = [rec("2.2.3", "pass"), rec("2.3.4", "convert_error", signature="E: x"),
               _judged(rec("2.3.4", "pass"), 3.4e-5, 4e-4, "float64")]
    (t,) = scan(records).transitions
    assert t.flaky


def test_a_change_whose_failure_its_repeat_did_not_reproduce_is_set_apart_a_reproduced_one_stays(
        tmp_path: Path) -> None:
    from convtrack import records_index

    def failing(torch: str, again: str) -> dict[str, Any]:
        return {**rec(torch, "convert_error", mode="dynamo", signature="E: x", opset=18), "tags": [f"repeat:{again}"]}

    records = [rec("2.3.1", "pass", mode="dynamo", opset=18), failing("2.4.1", "pass"),
               rec("2.5.1", "pass", mode="dynamo", opset=18)]
    for found in (scan(records), None):
        if found is None:  # the records index carries the repeat's outcome too
            for r in records:
                store.write_all(store.run_file(tmp_path, "torch.onnx", r["cell"], "r" + r["cell"]),
                                [store.Record(**{**r, "run_id": "r" + r["cell"]})])
            found = transitions.scan(records_index.load(tmp_path).slim)
        assert found.transitions == []
        assert [(a.kind, a.stack) for a in found.not_comparable] == [
            ("regression", {"repeat on a fresh worker": ["-", "convert_error, then pass"]}),
            ("fix", {"repeat on a fresh worker": ["convert_error, then pass", "-"]})]
        assert "a repeat on a fresh worker gave another verdict" in found.not_comparable[0].why
    reproduced = [records[0], failing("2.4.1", "convert_error")]
    assert [t.kind for t in scan(reproduced).transitions] == [REGRESSION]
