"""Converter descriptions: the cell's converter classes read theirs, and a third converter's description flows
through matrix validation, suite validation, issue claims and the site's labels with no edit to those modules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import write_case
from convtrack import claims, converter_info, matrix, observe, store, suite
from convtrack.cell import converters
from convtrack.converter_info import ConverterInfo, ModeSince, Option
from convtrack.findings import rows as findings_rows
from convtrack.matrix_values import MatrixError
from convtrack.site import changes as site_changes
from convtrack.site import common, downloads, grouping

PADDLE = ConverterInfo(
    name="paddle2onnx", framework="paddlepaddle", packages=("paddlepaddle", "paddle2onnx"),
    modes=("static", "dygraph"), release_axes=("paddlepaddle", "paddle2onnx"),
    export_options={"input_spec": Option(lambda v: isinstance(v, list), "a list of input specs")},
    mode_since={"dygraph": ModeSince("2.0", "paddle.jit.save")},
    repos={"paddle2onnx": "PaddlePaddle/Paddle2ONNX"},
)
MATRIX = '''converter = "paddle2onnx"
framework = "paddlepaddle"
[axes]
paddlepaddle = ["2.6.0"]
paddle2onnx = ["1.2.0", "1.3.0"]
onnxruntime = ["1.20.1"]
[loop]
opset = [17]
mode = MODES
'''


@pytest.fixture
def paddle() -> Iterator[ConverterInfo]:
    converter_info.register(PADDLE)
    yield PADDLE
    converter_info.unregister(PADDLE.name)


def test_each_converter_class_reads_its_description() -> None:
    classes = converters.available()
    assert set(classes) == set(converter_info.known()) == {"torch.onnx", "tf2onnx"}
    for name, cls in classes.items():
        info = converter_info.get(name)
        assert cls.info is info and (cls.name, cls.framework, cls.packages) == (name, info.framework, info.packages)


def test_release_labels_name_every_release_axis() -> None:
    versions = {"torch": "2.9.1", "tensorflow": "2.15.1", "tf2onnx": "1.17.0"}
    assert converter_info.get("torch.onnx").release_label(versions) == "torch 2.9.1"
    assert converter_info.get("tf2onnx").release_label(versions) == "tensorflow 2.15.1 + tf2onnx 1.17.0"
    assert converter_info.describe("jax2onnx", "jax").release_axes == ("jax",)  # unknown: its framework alone


def test_a_third_converter_passes_matrix_validation(paddle: ConverterInfo, tmp_path: Path) -> None:
    (tmp_path / "paddle.toml").write_text(MATRIX.replace("MODES", '["static", "dygraph"]'))
    cells = matrix.expand(matrix.load(tmp_path / "paddle.toml"))
    assert [c.id for c in cells] == ["paddlepaddle2.6.0-paddle2onnx1.2.0-ort1.20.1",
                                     "paddlepaddle2.6.0-paddle2onnx1.3.0-ort1.20.1"]
    assert {t.mode for t in cells[0].tasks} == {"static", "dygraph"}
    assert store.parse_cell(cells[0].id) == cells[0].axes  # a digit in a package name is no version
    (tmp_path / "paddle.toml").write_text(MATRIX.replace("MODES", '["dynamo"]'))
    with pytest.raises(MatrixError, match="not an exporter mode of paddle2onnx"):
        matrix.load(tmp_path / "paddle.toml")
    converter_info.unregister(PADDLE.name)
    (tmp_path / "paddle.toml").write_text(MATRIX.replace("MODES", '["static"]'))
    with pytest.raises(MatrixError, match="unknown converter"):
        matrix.load(tmp_path / "paddle.toml")


def test_a_third_converter_passes_suite_validation(paddle: ConverterInfo, tmp_path: Path) -> None:
    write_case(tmp_path, "models/p.py", 'CASE = {"converter": "paddle2onnx", "modes": ["dygraph"], '
                                        '"input_spec": [[1, 3]]}\ndef build():\n    return None, []\n')
    (case,) = suite.discover(tmp_path)
    assert suite.export_options(case) == {"input_spec": [[1, 3]]}
    write_case(tmp_path, "models/p.py", 'CASE = {"converter": "paddle2onnx", "modes": ["legacy"]}\n')
    with pytest.raises(suite.CaseError, match="not an exporter mode of paddle2onnx"):
        suite.discover(tmp_path)
    write_case(tmp_path, "models/p.py", 'CASE = {"converter": "torch.onnx", "input_spec": []}\n')
    with pytest.raises(suite.CaseError, match="'CASE.input_spec': unknown for converter 'torch.onnx'"):
        suite.discover(tmp_path)


def test_a_third_converters_mode_history_reads_old_issues(paddle: ConverterInfo) -> None:
    assert claims.stated_modes({"paddlepaddle": "1.8"}, "paddle2onnx") == (
        ("static",), "reported on paddlepaddle 1.8, before paddle.jit.save existed")
    assert claims.stated_modes({"paddlepaddle": "2.6"}, "paddle2onnx") == ((), "")


def _row(version: str, outcome: str = "pass") -> dict[str, Any]:
    axes = {"paddlepaddle": "2.6.0", "paddle2onnx": version, "onnxruntime": "1.20.1"}
    return {"converter": "paddle2onnx", "framework": "paddlepaddle", "cell": store.cell_id(axes), "axes": axes,
            "versions": {"python": "3.11.7", **axes}, "case": "models/p", "opset": 17, "mode": "static",
            "outcome": outcome}


def test_a_third_converter_gets_site_labels_and_release_pages(paddle: ConverterInfo) -> None:
    rows = [_row("1.2.0"), _row("1.3.0", "mismatch")]
    assert observe.release_label(rows[0]) == "paddlepaddle 2.6.0 + paddle2onnx 1.2.0"
    info = common.cell_info(rows)[("paddle2onnx", rows[1]["cell"])]
    assert info["release"] == {"paddlepaddle": "2.6.0", "paddle2onnx": "1.3.0"}
    assert info["converter_version"] == "1.3.0" and info["framework_version"] == "2.6.0"
    assert site_changes.axes_of("paddle2onnx", "paddlepaddle") == ["paddlepaddle", "paddle2onnx"]
    pages = {(p["axis"], p["version"]) for p in site_changes.releases(rows, [])}
    assert ("paddle2onnx", "1.3.0") in pages and ("paddlepaddle", "2.6.0") in pages
    labels = sorted(b["label"] for b in downloads.badges(rows))
    assert labels == ["paddlepaddle 2.6.0 paddle2onnx 1.2.0 static", "paddlepaddle 2.6.0 paddle2onnx 1.3.0 static"]
    assert grouping.compare_url("paddle2onnx", "1.2.0", "1.3.0") == \
        "https://github.com/PaddlePaddle/Paddle2ONNX/compare/v1.2.0...v1.3.0"
    assert findings_rows.release_label(rows[1]) == "paddlepaddle 2.6.0 + paddle2onnx 1.3.0"
    assert findings_rows.package(rows[1]) == "paddle2onnx"


def test_release_parts_reads_the_leading_numbers_of_a_release() -> None:
    assert converter_info.release_parts("2.4.1+cpu") == (2, 4, 1)
    assert converter_info.release_parts("1.7.1+cu110", 2) == (1, 7)
    assert converter_info.release_parts("2.5.0rc1") == (2, 5)
    assert converter_info.release_parts("") == (-1,)


def test_isolated_modes_are_those_whose_release_precedes_the_mode_s_bound() -> None:
    info = converter_info.get("torch.onnx")
    assert info.isolated_modes("2.4.1") == {"dynamo"} and info.isolated_modes("2.1.2+cpu") == {"dynamo"}
    assert info.isolated_modes("2.5.0") == frozenset() and info.isolated_modes("2.10.0") == frozenset()
    assert converter_info.get("tf2onnx").isolated_modes("2.15.1") == frozenset()
