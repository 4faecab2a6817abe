"""CASE values are type-checked when a case is read: a wrong value is an input error (file, key, value; exit 2)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import write_case
from convtrack import cli, suite

MULTILINE = '''CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/p/p/issues/1",
    "observed": "",
}
def build():
    return None, []
'''


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("converter", '"torch.onxx"'),
        ("kind", '"modle"'),
        ("description", "3"),
        ("tags", '"slow"'),
        ("tags", '["ok", 1]'),
        ("issue", "7"),
        ("requires", '"torchvision"'),
        ("min_opset", '"13"'),
        ("min_opset", "True"),
        ("rtol", '"tight"'),
        ("atol", "-1e-5"),
        ("tolerance_reason", '""'),
        ("timeout", '"soon"'),
        ("timeout", "0"),
        ("stated", '"crash"'),
        ("observed", "[]"),
        ("paper", '"Crash"'),
        ("modes", '"legacy"'),
        ("modes", '["legacy", "dynamo2"]'),
        ("entry", '"build it"'),
        ("dynamic", '{0: [0]}'),
        ("dynamic", '{"0": "batch"}'),
        ("export_no_grad", '"yes"'),
        ("generator", "20"),
        ("expect_ops", '{"present": "LSTM"}'),
        ("expect_ops", '{"presnt": ["LSTM"]}'),
        ("expect_signature", '"keras_tensor_("'),
        ("expect_signature", '["a"]'),
    ],
)
def test_a_value_of_the_wrong_type_names_file_key_and_value(tmp_path: Path, key: str, value: str) -> None:
    write_case(tmp_path, "models/bad.py", f'CASE = {{"converter": "torch.onnx", "{key}": {value}}}\n')
    if key == "converter":
        write_case(tmp_path, "models/bad.py", f"CASE = {{\"converter\": {value}}}\n")
    with pytest.raises(suite.CaseError) as err:
        suite.discover(tmp_path)
    message = str(err.value)
    assert "bad.py" in message and f"'CASE.{key}'" in message
    assert repr(ast.literal_eval(value)) in message  # the value as written


def test_every_meta_key_has_a_type() -> None:
    assert suite.META_KEYS == frozenset(suite.META_TYPES)
    assert {"converter", "timeout", "rtol", "modes", "expect_signature"} <= suite.META_KEYS


def test_good_values_pass(tmp_path: Path) -> None:
    body = ('CASE = {"converter": "torch.onnx", "tags": [], "min_opset": 18, "rtol": 1e-3, "atol": 0, '
            '"timeout": 60, "modes": ["dynamo"], "dynamic": {"0": [0, 2]}, "export_no_grad": True, '
            '"expect_ops": {"absent": ["Loop"], "min_opset": 13}, "entry": "make"}\n')
    write_case(tmp_path, "models/good.py", body)
    assert suite.discover(tmp_path)[0].meta["modes"] == ["dynamo"]


def test_the_project_suite_type_checks() -> None:
    assert len(suite.discover(Path(__file__).resolve().parents[1] / "suites")) > 200


def test_suite_list_exits_2_naming_file_key_and_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_case(tmp_path, "models/bad.py", 'CASE = {"converter": "torch.onnx", "timeout": "soon"}\n')
    assert cli.main(["--suites", str(tmp_path), "suite", "list"]) == 2
    err = capsys.readouterr().err
    assert "bad.py" in err and "'CASE.timeout'" in err and "'soon'" in err
    write_case(tmp_path, "models/bad.py", 'CASE = {"converter": "tf2onx"}\n')
    assert cli.main(["--suites", str(tmp_path), "suite", "list", "--json"]) == 2
    assert "'tf2onx' is not one of ['tf2onnx', 'torch.onnx']" in capsys.readouterr().err


def test_expect_signature_is_not_hashed(tmp_path: Path) -> None:
    path = write_case(tmp_path, "issues/pytorch_1.py", MULTILINE)
    before = suite.discover(tmp_path)[0].hash
    path.write_text(MULTILINE.replace('    "observed"', '    "expect_signature": "get_pool_ceil",\n    "observed"'))
    assert suite.discover(tmp_path)[0].hash == before  # adding it, on its own line
    path.write_text(MULTILINE.replace('    "observed"', '    "expect_signature": r"a\\.b|c",\n    "observed"'))
    assert suite.discover(tmp_path)[0].hash == before  # editing it
    inline = MULTILINE.replace('"observed": ""', '"expect_signature": "x", "observed": ""')
    path.write_text(inline)
    assert suite.discover(tmp_path)[0].hash == before  # sharing a line with another key
    path.write_text(MULTILINE.replace("None, []", "None, [1]"))
    assert suite.discover(tmp_path)[0].hash != before  # the code still is hashed
