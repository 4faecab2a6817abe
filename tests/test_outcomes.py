from __future__ import annotations

from convtrack.outcomes import Outcome, is_unsupported_op, signature


def test_order_follows_the_pipeline() -> None:
    assert Outcome.CONVERT_ERROR.rank < Outcome.INVALID_MODEL.rank < Outcome.RUN_ERROR.rank < Outcome.PASS.rank
    assert Outcome.MISMATCH.rank < Outcome.PASS.rank


def test_harness_outcomes_are_not_converter_results() -> None:
    for o in (Outcome.NOT_APPLICABLE, Outcome.ENV_ERROR, Outcome.BUILD_ERROR):
        assert not o.is_converter_result and not o.is_failure
    assert Outcome.MISMATCH.is_failure and Outcome.MISMATCH.is_silent
    assert not Outcome.PASS.is_failure


def test_signature_normalises_numbers_addresses_and_paths() -> None:
    a = signature("RuntimeError", "Tensor at 0x7f3a12 has size 17 in /tmp/abc/model.onnx\nsecond line")
    b = signature("RuntimeError", "Tensor at 0x7f3b99 has size 42 in /var/x/y.onnx\nother")
    assert a == b
    assert a.startswith("RuntimeError: ") and "second" not in a


def test_unsupported_op_detection() -> None:
    assert is_unsupported_op("Exporting the operator 'aten::tril' to ONNX opset version 13 is not supported")
    assert is_unsupported_op("UnsupportedOperatorError: aten::foo")
    assert not is_unsupported_op("list index out of range")


def test_numbers_glued_to_names_are_normalised() -> None:
    a = signature("ValueError", "Tensor keras_tensor_14 has no shape (node Transpose_53)")
    b = signature("ValueError", "Tensor keras_tensor_7 has no shape (node Transpose_2)")
    assert a == b
    assert "Conv2d" in signature("E", "Conv2d failed")


def test_every_converter_result_has_one_paper_symptom_and_harness_outcomes_none() -> None:
    from convtrack.outcomes import PAPER_SYMPTOM, Symptom

    assert set(PAPER_SYMPTOM) == {o for o in Outcome if o.is_converter_result}
    assert {o for o, s in PAPER_SYMPTOM.items() if s is Symptom.WRONG_MODEL} == {o for o in Outcome if o.is_silent}
    assert PAPER_SYMPTOM[Outcome.PASS] is Symptom.PASS and {Symptom.CRASH: 1}["crash"] == 1  # hashed as its string


def test_onnxruntimes_cpp_frame_is_dropped_so_the_message_fits_and_releases_agree() -> None:
    from convtrack.outcomes import signature

    frame = ("[ONNXRuntimeError] : 1 : FAIL : Load model from /tmp/x/model.onnx failed:/onnxruntime_src/onnxruntime/"
             "core/graph/model.cc:149 onnxruntime::Model::Model(onnx::ModelProto&&, const {}PathString&, "
             "const onnxruntime::logging::Logger&) Unsupported model IR version: 10, max supported IR version: 9")
    old, new = signature("Fail", frame.format("")), signature("Fail", frame.format("onnxruntime::"))
    assert old == new and old.endswith("failed:Unsupported model IR version: N, max supported IR version: N")
