from __future__ import annotations

from pathlib import Path

import pytest

from convtrack import matrix

ROOT = Path(__file__).resolve().parents[1]

BASE = """
converter = "torch.onnx"
framework = "torch"
[axes]
torch = ["2.1.2", "2.6.0", "2.16.0rc1"]
onnxruntime = ["1.18.1", "1.20.1"]
[loop]
mode = ["legacy", "dynamo"]
opset = [17, 18, 20]
[packages]
numpy = "2.1.0"
onnxscript = "0.7.2"
[[rule]]
when = { onnxruntime = "<=1.18.99" }
pin = { numpy = "<2" }
[[rule]]
when = { torch = "<2.5" }
pin = { onnxscript = "0.1.0" }
[[rule]]
when = { torch = "<2.5", mode = "dynamo", opset = "!=18" }
exclude = "dynamo_export is fixed at opset 18"
[[rule]]
when = { torch = "<2.4", mode = "legacy", opset = ">=20" }
exclude = "legacy max opset 19"
[[rule]]
when = { torch = "==2.6.0", onnxruntime = "1.18.1" }
exclude = "excluded pair"
[presets.quick]
torch = ["2.6.0"]
onnxruntime = ["1.20.1"]
opset = [18]
"""


def write(tmp_path: Path, text: str, name: str = "torch.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def cells(tmp_path: Path, text: str = BASE, preset: str | None = None) -> dict[str, matrix.Cell]:
    return {c.id: c for c in matrix.expand(matrix.load(write(tmp_path, text)), preset)}


def test_expansion_is_the_cartesian_product_of_cell_axes(tmp_path: Path) -> None:
    got = cells(tmp_path)
    assert len(got) == 6
    assert "torch2.6.0-ort1.20.1" in got
    assert all(len(c.tasks) == 6 for c in got.values())


def test_pins_follow_rules_and_never_override_axes(tmp_path: Path) -> None:
    got = cells(tmp_path)
    old = got["torch2.1.2-ort1.18.1"]
    assert old.requirements["numpy"] == "<2"
    assert old.requirements["onnxscript"] == "==0.1.0"
    assert old.requirements["torch"] == "==2.1.2"
    new = got["torch2.6.0-ort1.20.1"]
    assert new.requirements["numpy"] == "==2.1.0"
    assert new.requirements["onnxscript"] == "==0.7.2"
    assert "onnxscript==0.7.2" in new.pip_args()


def test_loop_exclusions_are_kept_with_their_reason(tmp_path: Path) -> None:
    tasks = {(t.opset, t.mode): t.na for t in cells(tmp_path)["torch2.1.2-ort1.20.1"].tasks}
    assert tasks[(18, "dynamo")] is None
    assert tasks[(17, "dynamo")] == "dynamo_export is fixed at opset 18"
    assert tasks[(20, "legacy")] == "legacy max opset 19"
    assert tasks[(17, "legacy")] is None


def test_cell_level_exclusion_marks_every_task(tmp_path: Path) -> None:
    cell = cells(tmp_path)["torch2.6.0-ort1.18.1"]
    assert cell.na == "excluded pair"
    assert all(t.na == "excluded pair" for t in cell.tasks)


def test_release_candidates_are_the_rc_channel(tmp_path: Path) -> None:
    got = cells(tmp_path)
    assert got["torch2.16.0rc1-ort1.20.1"].channel == "rc"
    assert "rc" in got["torch2.16.0rc1-ort1.20.1"].tags
    assert got["torch2.6.0-ort1.20.1"].channel == "stable"


def test_preset_narrows_cells_and_loops_and_tags(tmp_path: Path) -> None:
    got = cells(tmp_path, preset="quick")
    assert list(got) == ["torch2.6.0-ort1.20.1"]
    assert [(t.opset, t.mode) for t in got["torch2.6.0-ort1.20.1"].tasks] == [(18, "legacy"), (18, "dynamo")]
    assert "quick" in cells(tmp_path)["torch2.6.0-ort1.20.1"].tags
    assert "quick" not in cells(tmp_path)["torch2.1.2-ort1.20.1"].tags


@pytest.mark.parametrize(
    ("old", "new", "key", "value"),
    [
        ('torch = ["2.1.2", "2.6.0", "2.16.0rc1"]', 'torch = ["2.x"]', "axes.torch", "2.x"),
        ("opset = [17, 18, 20]", 'opset = ["seventeen"]', "loop.opset", "seventeen"),
        ('mode = ["legacy", "dynamo"]', 'mode = ["jit"]', "loop.mode", "jit"),
        ('when = { torch = "<2.5" }', 'when = { torchh = "<2.5" }', "rule[1].when.torchh", "<2.5"),
        ('when = { torch = "<2.5" }', 'when = { torch = "<<2.5" }', "rule[1].when.torch", "<<2.5"),
        ('pin = { onnxscript = "0.1.0" }', 'pin = { onnxscript = "zero" }', "rule[1].pin.onnxscript", "zero"),
        ('torch = ["2.6.0"]', 'torch = ["2.7.0"]', "presets.quick.torch", "2.7.0"),
    ],
)
def test_malformed_matrix_names_file_key_and_value(tmp_path: Path, old: str, new: str, key: str, value: str) -> None:
    assert old in BASE
    path = write(tmp_path, BASE.replace(old, new, 1))
    with pytest.raises(matrix.MatrixError) as err:
        matrix.expand(matrix.load(path))
    message = str(err.value)
    assert str(path) in message
    assert f"key '{key}'" in message
    assert value in message


HELD = """
[held]
onnxruntime = "1.20.1"
[presets.legacy_only]
torch = ["2.1.2", "2.6.0"]
mode = ["legacy"]
[presets.old_runtime]
onnxruntime = ["1.18.1"]
"""


def test_a_preset_naming_no_value_of_a_held_axis_takes_the_held_one(tmp_path: Path) -> None:
    assert set(cells(tmp_path, BASE + HELD, "legacy_only")) == {"torch2.1.2-ort1.20.1", "torch2.6.0-ort1.20.1"}
    assert set(cells(tmp_path, BASE + HELD, "old_runtime")) == {
        "torch2.1.2-ort1.18.1", "torch2.6.0-ort1.18.1", "torch2.16.0rc1-ort1.18.1"}
    assert len(cells(tmp_path, BASE + HELD)) == 6  # no preset: every value, held or not
    assert "legacy_only" in cells(tmp_path, BASE + HELD)["torch2.6.0-ort1.20.1"].tags
    assert "legacy_only" not in cells(tmp_path, BASE + HELD)["torch2.6.0-ort1.18.1"].tags


@pytest.mark.parametrize(("held", "key", "says"), [
    ('[held]\nonnx = "1.17.0"\n', "held.onnx", "not a cell axis"),
    ('[held]\nopset = 18\n', "held.opset", "not a cell axis"),
    ('[held]\nonnxruntime = "1.19.2"\n', "held.onnxruntime", "not among the declared values"),
])
def test_a_bad_held_value_names_file_key_and_value(tmp_path: Path, held: str, key: str, says: str) -> None:
    path = write(tmp_path, BASE + held)
    with pytest.raises(matrix.MatrixError, match=says) as err:
        matrix.load(path)
    assert str(path) in str(err.value) and f"key '{key}'" in str(err.value)


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "converter = [")
    with pytest.raises(matrix.MatrixError, match="not valid TOML") as err:
        matrix.load(path)
    assert str(path) in str(err.value)


def test_unknown_preset_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(matrix.MatrixError, match="no such preset"):
        matrix.expand(matrix.load(write(tmp_path, BASE)), "nightly")


def test_project_matrix_encodes_the_measured_facts() -> None:
    got = {c.id: c for c in matrix.expand_all(ROOT / "matrix", converter="torch.onnx")
           if c.axes["onnxruntime"] == "1.20.1"}
    t24 = next(c for c in got.values() if c.axes["torch"] == "2.4.1")
    assert t24.requirements["onnxscript"] == "==0.1.0"
    t21 = next(c for c in got.values() if c.axes["torch"] == "2.1.2")
    na = {(t.opset, t.mode): t.na for t in t21.tasks}
    assert na[(18, "dynamo")] is None and na[(17, "dynamo")] and na[(20, "legacy")]
    newest = next(c for c in got.values() if c.axes["torch"] == "2.15.0")
    assert "onnx" in newest.requirements and "torchvision" not in newest.requirements
    quick = matrix.expand_all(ROOT / "matrix", "quick", "torch.onnx")
    assert len(quick) == 1 and {t.mode for t in quick[0].tasks} == {"legacy", "dynamo"}
    assert len({t.opset for t in quick[0].tasks}) == 2


def test_cell_from_axes_applies_rules_to_unlisted_versions(tmp_path: Path) -> None:
    m = matrix.load(write(tmp_path, BASE))
    cell = matrix.cell_from_axes(m, {"torch": "2.3.1", "onnxruntime": "1.20.1"})
    assert cell.id == "torch2.3.1-ort1.20.1"
    assert cell.requirements["onnxscript"] == "==0.1.0"
    assert {(t.opset, t.mode): t.na for t in cell.tasks}[(20, "legacy")] == "legacy max opset 19"
    with pytest.raises(matrix.MatrixError, match="every axis"):
        matrix.cell_from_axes(m, {"torch": "2.3.1"})
