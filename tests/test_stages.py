from __future__ import annotations

import errno
from types import SimpleNamespace

import pytest

from convtrack import suite
from convtrack.cell import stages
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


def test_environment_errors_are_env_error_even_when_wrapped() -> None:
    def full() -> None:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as exc:
            raise RuntimeError("Failed to export the model to ONNX") from exc

    with pytest.raises(stages.StageFailure) as info:
        stages.timed({}, "convert_s", Outcome.CONVERT_ERROR, full)
    assert info.value.outcome is Outcome.ENV_ERROR
    assert "ENOSPC" in (info.value.reason or "") and "convert" in (info.value.reason or "")


def test_adapter_misuse_is_harness_error() -> None:
    # an unknown keyword raises in the caller's frame: here a frame of convtrack's own adapter file
    exc = TypeError("export() got an unexpected keyword argument 'dynamic_shapes'")
    code = compile("raise exc", str(stages.PACKAGE_DIR / "converters" / "torch_onnx.py"), "exec")
    try:
        exec(code, {"exc": exc})
    except TypeError as raised:
        failure = stages.classify("convert_s", Outcome.CONVERT_ERROR, raised)
    assert failure.outcome is Outcome.HARNESS_ERROR
    assert "adapter misuse" in (failure.reason or "")
    # the same TypeError raised inside a framework's own code is the converter's
    code = compile("raise exc", "/site-packages/torch/onnx/_internal/exporter.py", "exec")
    try:
        exec(code, {"exc": TypeError(str(exc))})
    except TypeError as raised:
        assert stages.classify("convert_s", Outcome.CONVERT_ERROR, raised).outcome is Outcome.CONVERT_ERROR


# What dynamo 2.1 said for 20 synthetic graphs (the records' error text), with this checkout's package path.
DYNAMO_21 = f'''call_method SetVariable() __contains__ [ConstantVariable(int)] {{}}

from user code:
   File "{stages.PACKAGE_DIR}/cell/synthetic_torch.py", line 71, in forward
    return tuple(env[o] for o in g.outputs)
  File "{stages.PACKAGE_DIR}/synthetic_graph.py", line 64, in outputs
    return [i for i in range(first, first + len(self.nodes)) if i not in used]
'''


def test_exporter_failing_on_convtracks_own_code_is_harness_error() -> None:
    failure = stages.classify("convert_s", Outcome.CONVERT_ERROR, RuntimeError(DYNAMO_21))
    assert failure.outcome is Outcome.HARNESS_ERROR
    assert "synthetic_graph.py" in (failure.reason or "")
    # the innermost frame on a model op line of synthetic_torch.py is the exporter's handling of an op
    op_line = DYNAMO_21.split("  File")[0]
    assert stages.classify("convert_s", Outcome.CONVERT_ERROR, RuntimeError(op_line)).outcome is \
        Outcome.CONVERT_ERROR


def test_an_environment_inside_the_package_folder_is_not_convtracks_code() -> None:
    # nox keeps its environments beside the noxfile, inside the package: what the exporter failed on there is
    # transformers' code (the torch 2.12.1 hf_swin record's message), the converter's failure, not the harness's
    venv = stages.PACKAGE_DIR / "sessions" / ".nox" / "torch_onnx-torch2-12-1" / "lib" / "python3.11"
    message = ("Could not guard on data-dependent expression\n\nThe following call raised this error:\n"
               f'  File "{venv}/site-packages/transformers/models/swin/modeling_swin.py", line 578, in '
               "set_shift_and_window_size\n    if min(input_resolution) <= self.window_size:\n")
    assert stages.classify("convert_s", Outcome.CONVERT_ERROR, RuntimeError(message)).outcome is \
        Outcome.CONVERT_ERROR
    code = compile("raise exc", str(venv / "site-packages" / "timm" / "models" / "eva.py"), "exec")
    try:
        exec(code, {"exc": TypeError("unsupported operand")})
    except TypeError as raised:
        assert stages.classify("convert_s", Outcome.CONVERT_ERROR, raised).outcome is Outcome.CONVERT_ERROR


def test_interruptions_inside_a_stage_are_harness_error() -> None:
    def interrupt() -> None:
        raise KeyboardInterrupt

    def leave() -> None:
        raise SystemExit(0)

    for fn in (interrupt, leave):
        with pytest.raises(stages.StageFailure) as info:
            stages.timed({}, "build_s", Outcome.BUILD_ERROR, fn)
        assert info.value.outcome is Outcome.HARNESS_ERROR
        assert "build stage" in (info.value.reason or "")


@pytest.mark.parametrize(("meta", "words"), [
    ({"rtol": "tight"}, "'CASE.rtol': value 'tight'"), ({"timeout": "soon"}, "'CASE.timeout': value 'soon'"),
    ({"min_opset": "eighteen"}, "'CASE.min_opset'"), ({"atol": True}, "'CASE.atol'"), ({"atol": -1}, "non-negative"),
    ({"converter": "torch.onnx", "dynamic": [0]}, "'CASE.dynamic': value [0]: expected a dict of input index"),
    ({"converter": "torch.onnx", "export_no_grad": 1}, "'CASE.export_no_grad'"),
])
def test_malformed_case_values_name_key_and_value(meta: dict, words: str) -> None:
    assert words in (stages.meta_problem(meta) or "")


def test_wellformed_case_values_pass() -> None:
    assert stages.meta_problem({"rtol": 1e-3, "atol": 0, "timeout": 60, "min_opset": 17, "modes": ["legacy"]}) is None


def test_a_failure_records_where_it_was_raised_without_machine_paths() -> None:
    # the converter's frame under an environment's site-packages, called from convtrack's adapter
    venv = "/home/someone/.nox/tf2onnx-tf2-16-2/lib/python3.11/site-packages"
    inner = compile("def from_keras():\n    raise KeyError('keras_tensor_1')\n", f"{venv}/tf2onnx/convert.py", "exec")
    outer = compile("from_keras()\n", str(stages.PACKAGE_DIR / "cell" / "converters" / "tf2onnx.py"), "exec")
    scope: dict[str, object] = {}
    exec(inner, scope)
    try:
        exec(outer, scope)
    except KeyError as raised:
        result = stages.classify("convert_s", Outcome.CONVERT_ERROR, raised).result({})
    assert result["outcome"] == "convert_error"
    assert result["where"][-2:] == ["convtrack/cell/converters/tf2onnx.py:1 <module>",
                                    "tf2onnx/convert.py:2 from_keras"]
    assert not any("/home/" in frame for frame in result["where"])
    assert stages.where(KeyError("never raised")) == []  # no traceback: nothing to say


def test_a_suppressed_context_is_not_the_root() -> None:
    # torch.export handles an IndexError, then raises its own error `from None`: that one is the root
    try:
        try:
            [][0]
        except IndexError:
            raise RuntimeError("Could not guard on data-dependent expression u0 < 0") from None
    except RuntimeError as raised:
        failure = stages.classify("convert_s", Outcome.CONVERT_ERROR, raised)
    assert failure.root is failure.exc
    assert failure.signature.startswith("RuntimeError: Could not guard on data-dependent expression")
    # an implicit context that nothing suppressed is still followed
    try:
        try:
            [][0]
        except IndexError:
            raise RuntimeError("wrapper")  # noqa: B904
    except RuntimeError as raised:
        assert type(stages.chain(raised)[-1]) is IndexError


def test_a_tracer_failing_to_import_the_case_module_by_our_loaders_name_is_harness_error() -> None:
    # run 41dcf1 (torch 2.3.1, seq_tcn's weight_norm), wrapped as the dynamo exporter wraps it
    try:
        try:
            raise ModuleNotFoundError(f"No module named '{suite.CASE_MODULE}models_seq_tcn'")
        except ModuleNotFoundError as exc:
            raise RuntimeError("Failed to export the model to ONNX") from exc
    except RuntimeError as raised:
        failure = stages.classify("convert_s", Outcome.CONVERT_ERROR, raised)
    assert failure.outcome is Outcome.HARNESS_ERROR and "loader" in (failure.reason or "")
    # a package the model needs that the cell lacks stays the converter's (or the case's) failure
    missing = ModuleNotFoundError("No module named 'onnxscript'")
    assert stages.classify("convert_s", Outcome.CONVERT_ERROR, missing).outcome is Outcome.CONVERT_ERROR
