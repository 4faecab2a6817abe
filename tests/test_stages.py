from __future__ import annotations

from types import SimpleNamespace

import pytest

from convtrack import stages
from convtrack.outcomes import Outcome


def fail_wrapped() -> None:
    try:
        raise IndexError("list index out of range at 0x7fff1234")
    except IndexError as exc:
        raise RuntimeError("Failed to export the model to ONNX. Generating SARIF report") from exc


def test_signature_names_wrapper_and_root_cause() -> None:
    timings: dict[str, float] = {}
    with pytest.raises(stages.StageFailure) as info:
        stages.timed(timings, "convert_s", Outcome.CONVERT_ERROR, fail_wrapped)
    failure = info.value
    assert failure.outcome is Outcome.CONVERT_ERROR
    assert failure.signature == "RuntimeError <- IndexError: list index out of range at 0x?"
    assert "SARIF" in failure.error and "IndexError" in failure.error
    assert "convert_s" in timings


def test_unsupported_and_ort_status_tags() -> None:
    def unsupported() -> None:
        raise RuntimeError("Exporting the operator 'aten::foo' to ONNX opset version 13 is not supported")

    def ort_fail() -> None:
        raise RuntimeError("[ONNXRuntimeError] : 9 : NOT_IMPLEMENTED : Could not find an implementation")

    with pytest.raises(stages.StageFailure) as a:
        stages.timed({}, "convert_s", Outcome.CONVERT_ERROR, unsupported)
    assert a.value.tags == ["unsupported_op"]
    with pytest.raises(stages.StageFailure) as b:
        stages.timed({}, "load_s", Outcome.LOAD_ERROR, ort_fail)
    assert b.value.tags == ["ort:NOT_IMPLEMENTED"]


def node(op: str, inputs: list[str], outputs: list[str]) -> SimpleNamespace:
    return SimpleNamespace(op_type=op, domain="", input=inputs, output=outputs)


def test_op_sequences_follow_data_flow_edges() -> None:
    graph = SimpleNamespace(node=[node("Conv", ["x"], ["a"]), node("Relu", ["a"], ["b"]),
                                  node("Add", ["b", "a"], ["c"])])
    assert stages.op_sequences(graph, 2) == {"Conv>Relu", "Relu>Add", "Conv>Add"}
    assert stages.op_sequences(graph, 3) == {"Conv>Relu>Add"}
