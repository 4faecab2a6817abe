"""confounds: the packages that moved with an axis, and which of them set a change apart."""

from __future__ import annotations

from convtrack import confounds


def test_also_changed_names_another_python_minor_but_not_a_patch() -> None:
    b, a = {"versions": {"torch": "1.13.1", "python": "3.10.13"}}, {"versions": {"torch": "2.0.1", "python": "3.11.7"}}
    assert confounds.also_changed(b, a, ["torch"]) == {"python": ["3.10.13", "3.11.7"]}
    patch = {"versions": {"torch": "2.0.1", "python": "3.11.9"}}
    assert confounds.also_changed(a, patch, ["torch"]) == {}


def test_also_changed_names_non_axis_packages_that_differ() -> None:
    before = {"versions": {"python": "3.11.7", "torch": "2.1.2", "onnx": "1.17.0", "transformers": "4.46.3",
                           "torchvision": "0.16.2"}}
    after = {"versions": {"python": "3.11.9", "torch": "2.6.0", "onnx": "1.17.0", "transformers": "5.24.0"}}
    # torchvision is installed before only (a case package the after run's cases did not need): not a change
    assert confounds.also_changed(before, after, ["torch", "onnx"]) == {"transformers": ["4.46.3", "5.24.0"]}


def test_stack_changed_keeps_the_modes_export_packages_only() -> None:
    also = {"onnxscript": ["0.1.0", "0.2.7"], "transformers": ["4.46.3", "5.24.0"]}
    assert confounds.stack_changed("torch.onnx", "dynamo", also) == {"onnxscript": ["0.1.0", "0.2.7"]}
    assert confounds.stack_changed("torch.onnx", "legacy", also) == {}  # the legacy exporter runs no onnxscript
    assert confounds.stack_changed("no-such-converter", "dynamo", also) == {}


def test_case_changed_keeps_what_the_case_imports_but_packages_locked_to_the_framework() -> None:
    also = {"transformers": ["4.46.3", "5.24.0"], "torchvision": ["0.16.2", "0.21.0"], "numpy": ["1.26.4", "2.1"]}
    imports = ("transformers", "torchvision")
    # torchvision pins one torch release each, so it cannot be held: never a reason to set a change apart
    assert confounds.case_changed("torch.onnx", also, imports) == {"transformers": ["4.46.3", "5.24.0"]}


def test_harness_changed_names_both_versions_and_reads_a_missing_one_as_none() -> None:
    assert confounds.harness_changed({"harness_version": "0.1.0"}, {"harness_version": "0.1.0"}) == {}
    assert confounds.harness_changed({}, {"harness_version": "0.1.0"}) == {"harness_version": ["none", "0.1.0"]}


SDPA = "UnsupportedOperatorError: Exporting the operator 'aten::scaled_dot_product_attention' to ONNX opset 11"


def test_path_switched_names_a_case_package_that_takes_the_new_path_within_the_step() -> None:
    assert confounds.path_switched("torch.onnx", "torch", "1.13.1", "2.0.1", ["timm"], SDPA) == {
        "timm path": ["before torch 2.0", "scaled_dot_product_attention from torch 2.0"]}
    # transformers switches at 2.1.1: 2.0.1 -> 2.1.2 crosses it, 2.1.2 -> 2.2.2 does not
    assert set(confounds.path_switched("torch.onnx", "torch", "2.0.1", "2.1.2", ["transformers"], SDPA)) == {
        "transformers path"}
    assert confounds.path_switched("torch.onnx", "torch", "2.1.2", "2.2.2", ["transformers"], SDPA) == {}


def test_path_switched_needs_the_package_the_axis_and_a_failure_on_the_new_path() -> None:
    assert confounds.path_switched("torch.onnx", "torch", "1.13.1", "2.0.1", [], SDPA) == {}  # torch's own module
    assert confounds.path_switched("torch.onnx", "torch", "1.13.1", "2.0.1", ["timm"], "KeyError: x") == {}
    assert confounds.path_switched("torch.onnx", "torch", "1.13.1", "2.0.1", ["timm"], None) == {}
    assert confounds.path_switched("torch.onnx", "onnxruntime", "1.20.1", "1.23.2", ["timm"], SDPA) == {}
    assert confounds.path_switched("tf2onnx", "tensorflow", "2.15.1", "2.16.2", ["timm"], SDPA) == {}


def test_adapter_switched_names_the_step_across_which_the_adapter_calls_the_exporter_otherwise() -> None:
    # the adapter names torch 1.7's outputs in dynamic_axes (no shape inference there), not 1.8's
    assert confounds.adapter_switched("torch.onnx", "torch", "1.7.1", "1.8.1", "legacy", ("pass", "wrong_shape")) == {
        "adapter call": ["before torch 1.8",
                         "from torch 1.8: outputs named in dynamic_axes before torch 1.8, inferred by the exporter "
                         "from 1.8"]}
    # only the declared-shape verdict depends on it, only in legacy mode, only across 1.8
    assert confounds.adapter_switched("torch.onnx", "torch", "1.7.1", "1.8.1", "legacy", ("pass", "crash")) == {}
    assert confounds.adapter_switched("torch.onnx", "torch", "1.7.1", "1.8.1", "dynamo", ("pass", "wrong_shape")) == {}
    assert confounds.adapter_switched("torch.onnx", "torch", "1.8.1", "1.9.1", "legacy", ("wrong_shape", "pass")) == {}
    assert confounds.adapter_switched("torch.onnx", "onnxruntime", "1.19.2", "1.20.1", "legacy",
                                      ("pass", "wrong_shape")) == {}
    assert confounds.adapter_switched("tf2onnx", "tensorflow", "1.7.1", "1.8.1", "-", ("pass", "wrong_shape")) == {}


def test_a_change_between_models_of_two_opsets_is_set_apart() -> None:
    """torch 2.7.1's dynamo exporter writes opset 18 when asked for 17 (its version conversion failed) and passes;
    2.8.0 fails at 17: a change between an opset-18 model and none, not 2.8.0's regression at 17."""
    asked_17 = {"opset": 17}
    wrote_18 = {**asked_17, "produced_opset": 18}
    assert confounds.opset_not_honoured(wrote_18, {**asked_17, "produced_opset": None}) == {
        confounds.PRODUCED: ["18", "none"]}
    assert confounds.opset_not_honoured({**asked_17, "produced_opset": None}, {**asked_17, "produced_opset": 17}) == {}
    assert confounds.opset_not_honoured(wrote_18, wrote_18) == {}  # both wrote 18: like with like
    assert confounds.opset_not_honoured(wrote_18, {**asked_17, "produced_opset": 17}) == {
        confounds.PRODUCED: ["18", "17"]}
    assert confounds.opset_not_honoured(asked_17, {**asked_17, "produced_opset": 17.0}) == {}  # a frame's float


def test_reference_ignored_sets_apart_a_fix_into_a_pass_on_a_constant_reference_only() -> None:
    vacuous = {"outcome": "pass", "metrics": {"tier": 0, "inputs_ignored": True}}
    assert confounds.reference_ignored(vacuous, fixed=True) == {"reference": ["-", "the same on every input"]}
    assert confounds.reference_ignored(vacuous, fixed=False) == {}  # a regression from it: the failure is real
    assert confounds.reference_ignored({"outcome": "pass", "metrics": {"tier": 0}}, fixed=True) == {}


def test_unstable_names_the_side_whose_repeat_on_a_fresh_worker_gave_another_verdict() -> None:
    flaky = {"outcome": "convert_error", "tags": ["unsupported_op", "repeat:pass"]}
    steady = {"outcome": "convert_error", "tags": ["repeat:convert_error"]}
    passed = {"outcome": "pass", "tags": []}
    assert confounds.repeated(flaky) == "pass" and confounds.repeated(passed) is None
    found = confounds.unstable(passed, flaky)
    assert found == {confounds.UNSTABLE: ["-", "convert_error, then pass"]}
    assert confounds.unstable_text(found) == "after: convert_error, then pass"
    assert confounds.unstable(passed, steady) == {}  # the repeat reproduced the failure: the step stands
    assert confounds.unstable({"outcome": "pass"}, {"outcome": "crash", "tags": None}) == {}
