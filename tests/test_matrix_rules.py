"""Matrix value types, case-level rules, case dependencies, and the measured incompatibility windows."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

from convtrack import matrix, store, suite
from test_matrix import BASE, cells, write

ROOT = Path(__file__).resolve().parents[1]

CASE_RULES = BASE + """
[case_packages]
torchvision = []
timm = ["torchvision"]
transformers = []
[[rule]]
when = { torch = "<2.5" }
pin = { torchvision = "~=0.16.0", timm = "1.0.31", transformers = "4.42.4" }
[[rule]]
when = { torch = "<2.5", onnxruntime = "1.18.1" }
cases = ["models/a", "seq"]
exclude = "known window"
"""


@pytest.mark.parametrize(
    ("old", "new", "key", "value"),
    [
        ('framework = "torch"', 'framework = "torch"\npython = 3.10', "python", "3.1"),
        ('when = { torch = "<2.5" }', "when = { torch = 2 }", "rule[1].when.torch", "2"),
        ('when = { torch = "<2.5" }', 'when = { torch = ["<2.5", 2.4] }', "rule[1].when.torch", "2.4"),
        ('torch = ["2.1.2", "2.6.0", "2.16.0rc1"]', 'torch = ["2.1.2", 2.10]', "axes.torch", "2.1"),
        ('numpy = "2.1.0"', "numpy = 2.1", "packages.numpy", "2.1"),
        ('pin = { onnxscript = "0.1.0" }', "pin = { onnxscript = 0.1 }", "rule[1].pin.onnxscript", "0.1"),
        ('torch = ["2.6.0"]', "torch = [2.6]", "presets.quick.torch", "2.6"),
        ("opset = [17, 18, 20]", "opset = [17, true]", "loop.opset", "True"),
        ('mode = "dynamo", opset = "!=18"', 'mode = "dynamo", opset = true', "rule[2].when.opset", "True"),
        ('exclude = "legacy max opset 19"', 'exclude = "x"\nreason = 19', "rule[3].reason", "19"),
        ('exclude = "legacy max opset 19"', 'exclude = "x"\nneeds = "onnx"', "rule[3].needs", "onnx"),
        ('exclude = "legacy max opset 19"', 'exclude = "x"\ncases = ["a"]', "rule[3].cases", "['a']"),
        ('pin = { onnxscript = "0.1.0" }', 'pin = { onnxscript = "0.1.0" }\ncases = ["a"]', "rule[1].cases", "a"),
    ],
)
def test_a_value_of_the_wrong_type_names_file_key_and_value(tmp_path: Path, old: str, new: str, key: str,
                                                             value: str) -> None:
    assert old in BASE
    path = write(tmp_path, BASE.replace(old, new, 1))
    with pytest.raises(matrix.MatrixError) as err:
        matrix.expand(matrix.load(path))
    message = str(err.value)
    assert str(path) in message and f"key '{key}'" in message and value in message


def test_the_cli_exits_2_on_a_float_version(tmp_path: Path) -> None:
    from convtrack import cli

    (tmp_path / "m").mkdir()
    write(tmp_path / "m", BASE.replace('framework = "torch"', 'framework = "torch"\npython = 3.10'))
    assert cli.main(["--matrix-dir", str(tmp_path / "m"), "matrix", "check"]) == 2


def test_a_case_level_rule_names_exact_cases_or_tags_in_matching_cells_only(tmp_path: Path) -> None:
    got = cells(tmp_path, CASE_RULES)
    cell = got["torch2.1.2-ort1.18.1"]
    assert cell.na is None and all(t.na is None or "opset" in t.na for t in cell.tasks)
    assert cell.case_exclusion("models/a", []) == "known window"
    assert cell.case_exclusion("models/ab", []) is None  # an id is exact, never a substring
    assert cell.case_exclusion("models/lstm", ["seq", "rnn"]) == "known window"
    assert got["torch2.1.2-ort1.20.1"].case_exclusion("models/a", []) is None
    assert got["torch2.6.0-ort1.18.1"].case_na == {}  # excluded whole: the cell-level reason wins


def test_case_packages_are_installed_only_for_cases_that_require_them(tmp_path: Path) -> None:
    cell = cells(tmp_path, CASE_RULES)["torch2.1.2-ort1.20.1"]
    every = cell.pip_args()
    assert {"torchvision~=0.16.0", "timm==1.0.31", "transformers==4.42.4"} <= set(every)
    base = cell.pip_args(requires=[])
    assert not any(a.startswith(("torchvision", "timm", "transformers")) for a in base)
    assert "torch==2.1.2" in base and "onnxscript==0.1.0" in base
    assert set(cell.pip_args(["transformers"])) - set(base) == {"transformers==4.42.4"}
    # timm imports torchvision: its pin comes along, so uv never picks a torchvision for the wrong torch
    assert set(cell.pip_args(["timm"])) - set(base) == {"timm==1.0.31", "torchvision~=0.16.0"}
    # a requirement the cell does not pin is not installed (the worker records the case not_applicable)
    newest = cells(tmp_path, CASE_RULES)["torch2.6.0-ort1.20.1"]
    assert newest.pip_args(["torchvision"]) == newest.pip_args([])


def test_a_cell_round_trips_its_case_packages_and_exclusions(tmp_path: Path) -> None:
    cell = cells(tmp_path, CASE_RULES)["torch2.1.2-ort1.18.1"]
    again = matrix.Cell.from_dict(cell.to_dict())
    assert again.case_na == cell.case_na and again.case_packages == cell.case_packages


# torch patch release -> the torchvision release built for it (uv pip compile, Python 3.11, linux, 2026-11-30)
TORCHVISION = {
    "2.0.1": "0.15.2", "2.1.0": "0.16.0", "2.1.1": "0.16.1", "2.1.2": "0.16.2", "2.2.2": "0.17.2",
    "2.3.1": "0.18.1", "2.4.0": "0.19.0", "2.4.1": "0.19.1", "2.5.1": "0.20.1", "2.6.0": "0.21.0",
    "2.7.1": "0.22.1", "2.8.0": "0.23.0", "2.9.0": "0.24.0", "2.9.1": "0.24.1", "2.10.0": "0.25.0",
    "2.11.0": "0.26.0", "2.12.0": "0.27.0", "2.12.1": "0.27.1", "2.13.0": "0.28.0", "2.14.1": "0.29.2",
}


def project_cell(torch: str) -> matrix.Cell:
    m = next(x for x in matrix.load_dir(ROOT / "matrix") if x.converter == "torch.onnx")
    return matrix.cell_from_axes(m, {"torch": torch, "onnxruntime": "1.20.1", "onnx": "1.17.0"})


@pytest.mark.parametrize(("torch", "vision"), sorted(TORCHVISION.items()))
def test_every_torch_patch_release_gets_its_own_torchvision(torch: str, vision: str) -> None:
    spec = SpecifierSet(project_cell(torch).requirements["torchvision"])
    assert vision in spec
    # the lower bound: no torchvision of an older minor (those do not pin torch, uv could backtrack to them)
    older = f"0.{int(vision.split('.')[1]) - 1}.0"
    assert older not in spec


def test_torch_2_15_has_no_torchvision_or_timm_yet() -> None:
    assert not {"torchvision", "timm"} & set(project_cell("2.15.0").requirements)


@pytest.mark.parametrize(("torch", "onnxscript"), [
    ("2.1.2", "==0.1.0"), ("2.4.1", "==0.1.0"), ("2.5.1", "==0.2.7"), ("2.6.0", "==0.2.7"),
    ("2.9.1", "==0.7.2"), ("2.15.0", "==0.7.2"),
])
def test_onnxscript_follows_the_measured_window(torch: str, onnxscript: str) -> None:
    cell = project_cell(torch)
    assert cell.requirements["onnxscript"] == onnxscript
    # onnxscript 0.2.7 serializes bools into int attributes, which protobuf >= 6 rejects
    assert (cell.requirements.get("protobuf") == "<6") == (onnxscript == "==0.2.7")


def test_transformers_for_torch_2_1_is_the_measured_release() -> None:
    assert project_cell("2.1.2").requirements["transformers"] == "==4.42.4"
    assert project_cell("2.4.1").requirements["transformers"] == "==4.46.3"


def test_the_keras3_window_names_existing_from_keras_cases_and_spares_its_reproducer() -> None:
    tf = {c.id: c for c in matrix.expand_all(ROOT / "matrix", converter="tf2onnx")}
    window = tf["tf2.17.1-tf2onnx1.16.1-onnx1.14.1-ort1.20.1"]
    cases = {c.id: c for c in suite.discover(ROOT / "suites", "tf2onnx")}
    assert len(window.case_na) == 17 and set(window.case_na) <= set(cases)
    assert all("from_keras" in cases[c].tags for c in window.case_na)
    assert window.case_exclusion("issues/tf2onnx_2348", cases["issues/tf2onnx_2348"].tags) is None
    assert window.case_exclusion("models/keras_tf_function_mlp", ["from_function"]) is None
    for fine in ("tf2.17.1-tf2onnx1.17.0-onnx1.14.1-ort1.20.1", "tf2.15.1-tf2onnx1.16.1-onnx1.14.1-ort1.20.1"):
        assert tf[fine].case_na == {}


@pytest.mark.integration
@pytest.mark.skipif(shutil.which("uv") is None, reason="uv is not installed")
@pytest.mark.parametrize("torch", ["2.1.0", "2.4.0", "2.9.0", "2.12.0"])
def test_patch_releases_resolve_with_their_case_packages(tmp_path: Path, torch: str) -> None:
    """Against the package index: the pins resolve for a patch release the axes do not list."""
    req = tmp_path / "req.in"
    req.write_text("\n".join(project_cell(torch).pip_args()) + "\n")
    out = subprocess.run(["uv", "pip", "compile", "-q", "--python-version", "3.11", "--python-platform",
                          "x86_64-manylinux_2_28", str(req)], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert f"torchvision=={TORCHVISION[torch]}" in out.stdout.splitlines()


PYTHON_RULE = BASE + """
[[rule]]
when = { torch = "<2.5" }
python = "3.10"
reason = "old releases have no wheels for the matrix's interpreter"
"""


@pytest.mark.parametrize(
    ("new", "key", "value"),
    [
        ("python = 3.10", "rule[5].python", "3.1"),  # TOML's float 3.1, not "3.10"
        ('python = "3.10.13"', "rule[5].python", "3.10.13"),  # a minor: what the id suffix and uv look up
        ('python = "python3.10"', "rule[5].python", "python3.10"),
        ('python = "3.7"', "rule[5].python", "3.7"),  # older than the cell side runs on (3.8)
        ('python = "3.10"\ncases = ["a"]\nexclude = "x"', "rule[5].cases", "['a']"),
    ],
)
def test_a_rules_python_is_validated_like_the_other_keys(tmp_path: Path, new: str, key: str, value: str) -> None:
    path = write(tmp_path, PYTHON_RULE.replace('python = "3.10"', new, 1))
    with pytest.raises(matrix.MatrixError) as err:
        matrix.expand(matrix.load(path))
    message = str(err.value)
    assert str(path) in message and f"key '{key}'" in message and value in message


def test_a_rules_python_may_not_depend_on_a_loop_axis(tmp_path: Path) -> None:
    path = write(tmp_path, PYTHON_RULE.replace('when = { torch = "<2.5" }\npython',
                                               'when = { torch = "<2.5", opset = 17 }\npython'))
    with pytest.raises(matrix.MatrixError, match="key 'rule\\[5\\].when.opset'.*cell axes only"):
        matrix.load(path)


def test_the_cli_exits_2_on_a_bad_rule_python_before_any_environment(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from convtrack import cli

    (tmp_path / "m").mkdir()
    path = write(tmp_path / "m", PYTHON_RULE.replace('python = "3.10"', "python = 3.10"))
    assert cli.main(["--matrix-dir", str(tmp_path / "m"), "matrix", "check"]) == 2
    assert cli.main(["--matrix-dir", str(tmp_path / "m"), "--work", str(tmp_path / "w"), "--reports",
                     str(tmp_path / "r"), "run", "--preset", "quick", "--no-site"]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "rule[5].python" in err and "3.1" in err
    assert not (tmp_path / "w").exists() and not (tmp_path / "r").exists()


def test_a_rules_python_gives_matching_cells_that_interpreter_and_a_later_rule_wins(tmp_path: Path) -> None:
    got = cells(tmp_path, PYTHON_RULE + '[[rule]]\nwhen = { torch = "==2.1.2", onnxruntime = "1.18.1" }\n'
                                        'python = "3.12"\n')
    assert {c.id: c.python for c in got.values()} == {
        "torch2.1.2-ort1.18.1-py3.12": "3.12", "torch2.1.2-ort1.20.1-py3.10": "3.10",
        "torch2.6.0-ort1.18.1": "3.11", "torch2.6.0-ort1.20.1": "3.11",
        "torch2.16.0rc1-ort1.18.1": "3.11", "torch2.16.0rc1-ort1.20.1": "3.11"}
    # a rule naming the matrix's own interpreter changes nothing, the id included
    same = cells(tmp_path, BASE + '[[rule]]\nwhen = { torch = "<2.5" }\npython = "3.11"\n')
    assert set(same) == set(cells(tmp_path, BASE))


def test_project_matrix_runs_torch_1_13_on_python_3_10_below_its_opset_ceiling() -> None:
    got = {c.id: c for c in matrix.expand_all(ROOT / "matrix", "legacy_py310", "torch.onnx")}
    assert list(got) == ["torch1.13.1-ort1.20.1-onnx1.17.0-py3.10"]
    (cell,) = got.values()
    assert cell.python == "3.10" and cell.requirements["numpy"] == "==1.26.4"
    assert cell.requirements["torchvision"] == "~=0.14.0" and cell.requirements["transformers"] == "==4.42.4"
    na = {(t.opset, t.mode): t.na for t in cell.tasks}
    assert na[(13, "legacy")] is None and na[(17, "legacy")] is None and na[(13, "dynamo")]
    full = next(c for c in matrix.expand_all(ROOT / "matrix", None, "torch.onnx")
                if c.axes["torch"] == "1.13.1" and c.axes["onnxruntime"] == "1.20.1" and c.axes["onnx"] == "1.17.0")
    ceiling = {(t.opset, t.mode): t.na for t in full.tasks}
    assert "at most opset 17" in str(ceiling[(18, "legacy")]) and "at most opset 17" in str(ceiling[(20, "legacy")])
    # every cell on the matrix's interpreter keeps its id: no suffix anywhere else (but the interpreter bridge)
    older = ("1.4.0", "1.5.1", "1.6.0", "1.7.1", "1.8.1", "1.9.1", "1.10.2", "1.11.0", "1.12.1", "1.13.1")
    assert all(c.python_rule is None for c in matrix.expand_all(ROOT / "matrix")
               if c.axes.get("onnxruntime") != "1.18.1" and c.axes.get("torch") not in older
               and c.axes.get("tensorflow") not in ("2.2.3", "2.3.4", "2.4.4", "2.5.3", "2.6.5", "2.7.4", "2.8.4",
                                                    "2.9.3", "2.10.1", "2.11.1"))


def test_project_matrix_runs_tf_before_2_8_on_python_3_8_with_onnxruntime_1_10() -> None:
    got = {c.id: c for c in matrix.expand_all(ROOT / "matrix", "tf_before_2_8", "tf2onnx")}
    runnable = {i: c for i, c in got.items() if any(t.na is None for t in c.tasks)}
    assert set(runnable) == {f"tf{v}-tf2onnx1.13.0-onnx1.12.0-ort1.10.0-py3.8"
                             for v in ("2.2.3", "2.3.4", "2.4.4", "2.5.3", "2.6.5", "2.7.4")} | {
        "tf2.7.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8", "tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.10"}
    old = runnable["tf2.2.3-tf2onnx1.13.0-onnx1.12.0-ort1.10.0-py3.8"]
    assert old.python == "3.8" and old.requirements["numpy"] == "<1.22"  # the later pin wins over TF < 2.14's
    assert old.requirements["keras"] == "==2.4.3"  # the cases import keras; TF 2.2-2.4 ship none
    assert "keras" not in runnable["tf2.7.4-tf2onnx1.13.0-onnx1.12.0-ort1.10.0-py3.8"].requirements
    assert [t.opset for t in old.tasks if t.na is None] == [13, 14, 15]  # onnxruntime 1.10's ceiling
    bridge = runnable["tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.10"]
    assert [t.opset for t in bridge.tasks if t.na is None] == [13, 14, 15, 16, 17]
    assert "numpy >= 1.21.6" in str(got["tf2.6.5-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8"].tasks[0].na)


def test_the_python_bridge_runs_each_step_that_moves_the_interpreter_on_one_interpreter() -> None:
    # a change across another Python minor is set apart; onnxruntime 1.18.1 holds the interpreter for two steps
    got = {c.axes["torch"]: c for c in matrix.expand_all(ROOT / "matrix", "python_bridge", "torch.onnx")}
    assert {v: c.python for v, c in got.items()} == {"1.10.2": "3.9", "1.11.0": "3.9", "1.13.1": "3.10",
                                                     "2.0.1": "3.10"}
    assert got["1.11.0"].requirements["timm"] == "==1.0.30"  # timm 1.0.31 needs Python 3.10
    assert got["2.0.1"].id == "torch2.0.1-ort1.18.1-onnx1.17.0-py3.10"
    assert all(t.mode == "legacy" for c in got.values() for t in c.tasks if t.na is None)
    others = [c for c in matrix.expand_all(ROOT / "matrix", None, "torch.onnx")
              if c.axes.get("onnxruntime") == "1.18.1" and c.axes["torch"] not in got]
    assert others and all(t.na and "interpreter bridges only" in t.na for c in others for t in c.tasks)


def test_every_recorded_cell_still_in_the_matrix_keeps_its_id() -> None:
    """The records of a cell live under its id: a cell on the matrix's interpreter must keep the id it had."""
    by_axes = {(c.converter, tuple(sorted(c.axes.items()))): c.id for c in matrix.expand_all(ROOT / "matrix")}
    checked = 0
    for folder in sorted((ROOT / "reports" / "records").glob("*/*")):
        if not folder.is_dir():
            continue
        key = (folder.parent.name, tuple(sorted(store.parse_cell(folder.name).items())))
        if key in by_axes:
            assert by_axes[key] == folder.name
            checked += 1
    assert checked >= 5


def test_matrix_list_shows_a_cells_other_interpreter_and_only_then(capsys: pytest.CaptureFixture[str]) -> None:
    from convtrack import cli

    assert cli.main(["--matrix-dir", str(ROOT / "matrix"), "matrix", "list", "--preset", "legacy_py310"]) == 0
    out = capsys.readouterr().out
    assert "torch1.13.1-ort1.20.1-onnx1.17.0-py3.10" in out and "    python:  3.10" in out
    assert cli.main(["--matrix-dir", str(ROOT / "matrix"), "matrix", "list", "--preset", "releases"]) == 0
    out = capsys.readouterr().out
    assert "python:" not in out and "-py3" not in out and "torch2.6.0-ort1.20.1-onnx1.17.0 " in out


def test_project_matrix_runs_opset_19_only_as_the_legacy_ceiling_of_torch_2_1_to_2_3() -> None:
    got = {c.axes["torch"]: {(t.opset, t.mode): t.na for t in c.tasks}
           for c in matrix.expand_all(ROOT / "matrix", None, "torch.onnx") if c.axes["onnxruntime"] == "1.20.1"
           and c.axes["onnx"] == "1.17.0"}
    runs_19 = {v for v, na in got.items() if na[(19, "legacy")] is None}
    assert runs_19 == {"2.1.2", "2.2.2", "2.3.1"}
    assert all(na[(19, "dynamo")] for na in got.values())
    # 11 and 15 run on the legacy exporter of every release from 1.11 (1.13.1 included); 1.4-1.10 do not install
    # with onnxruntime 1.20.1 (Python 3.8 and 3.9)
    old = {"1.4.0", "1.5.1", "1.6.0", "1.7.1", "1.8.1", "1.9.1", "1.10.2"}
    assert all(na[(11, "legacy")] is None and na[(15, "legacy")] is None for v, na in got.items() if v not in old)
    assert all("no wheel for Python 3.8 or 3.9" in str(got[v][(11, "legacy")]) for v in old)
    assert "at most opset 18" in str(got["2.0.1"][(19, "legacy")])
    # 16 likewise, the newest of torch 1.12 alone; 1.11's is 15
    assert {v for v, na in got.items() if na[(16, "legacy")] is None} == {"1.12.1"}
    assert "at most opset 15" in str(got["1.11.0"][(16, "legacy")])
    assert all(na[(14, "legacy")] for na in got.values())  # 14: the newest of torch 1.10 alone, on onnxruntime 1.19.2


def test_project_matrix_runs_opset_23_on_dynamo_from_torch_2_8_in_onnx_1_19_cells_alone() -> None:
    cells = [c for c in matrix.expand_all(ROOT / "matrix", None, "torch.onnx") if not c.na]
    runs_23 = {(c.axes["torch"], c.axes["onnxruntime"], c.axes["onnx"], t.mode)
               for c in cells for t in c.tasks if t.opset == 23 and t.na is None}
    assert {v for v, *_ in runs_23} == {"2.8.0", "2.9.1", "2.10.0", "2.11.0", "2.12.1", "2.13.0", "2.14.1", "2.15.0"}
    assert {(ort, onnx, mode) for _, ort, onnx, mode in runs_23} == {("1.23.2", "1.19.1", "dynamo")}
    # the onnx 1.19.1 cells run nothing else, and only with onnxruntime 1.23.2
    newer = [c for c in cells if c.axes["onnx"] == "1.19.1"]
    assert newer and all(c.axes["onnxruntime"] == "1.23.2" for c in newer)
    assert all(t.opset == 23 for c in newer for t in c.tasks if t.na is None)
    grid = {c.id for c in matrix.expand_all(ROOT / "matrix", "history_grid_opset23", "torch.onnx") if not c.na}
    assert len(grid) == 8 and all(i.endswith("-ort1.23.2-onnx1.19.1") for i in grid)


def test_project_matrix_runs_torch_1_4_to_1_6_on_python_3_8() -> None:
    got = {c.axes["torch"]: c for c in matrix.expand_all(ROOT / "matrix", "legacy_py38", "torch.onnx")}
    assert {v: (c.python, c.requirements["onnxruntime"], c.requirements["numpy"], c.requirements["torchvision"])
            for v, c in got.items()} == {"1.4.0": ("3.8", "==1.19.2", "==1.24.4", "~=0.5.0"),
                                         "1.5.1": ("3.8", "==1.19.2", "==1.24.4", "~=0.6.0"),
                                         "1.6.0": ("3.8", "==1.19.2", "==1.24.4", "~=0.7.0")}
    assert all(c.id.endswith("-py3.8") and [(t.opset, t.mode) for t in c.tasks if t.na is None] == [(11, "legacy")]
               for c in got.values())


def test_project_matrix_runs_torch_1_7_to_1_10_on_python_3_9_and_bridges_them_to_1_11() -> None:
    got = {c.axes["torch"]: c for c in matrix.expand_all(ROOT / "matrix", "legacy_oldest", "torch.onnx")}
    assert {v: (c.python, c.requirements["onnxruntime"], c.requirements["timm"]) for v, c in got.items()} == {
        "1.7.1": ("3.9", "==1.19.2", "==0.9.16"), "1.8.1": ("3.9", "==1.19.2", "==1.0.30"),
        "1.9.1": ("3.9", "==1.19.2", "==1.0.30"),
        "1.10.2": ("3.9", "==1.19.2", "==1.0.30"), "1.11.0": ("3.10", "==1.19.2", "==1.0.31")}
    assert all(c.requirements["setuptools"] == "<70" for v, c in got.items() if v != "1.11.0")  # pkg_resources
    runs = {v: sorted(t.opset for t in c.tasks if t.na is None) for v, c in got.items()}
    assert got["1.7.1"].requirements["transformers"] == "==4.30.2"  # no torch.fx, no torch.utils._pytree
    assert got["1.7.1"].requirements["torchvision"] == "~=0.8.0"
    assert runs == {"1.7.1": [11], "1.8.1": [11, 13], "1.9.1": [11, 13], "1.10.2": [11, 13, 14], "1.11.0": [11, 13, 15]}
    full = {(c.axes["torch"], c.axes["onnxruntime"]): c for c in matrix.expand_all(ROOT / "matrix", None, "torch.onnx")}
    assert "only" in str(full[("2.6.0", "1.19.2")].na)  # the bridge runtime is not a whole torch axis


def test_project_matrix_runs_torch_1_11_and_1_12_on_python_3_10_with_their_torchvision() -> None:
    got = {c.axes["torch"]: c for c in matrix.expand_all(ROOT / "matrix", "legacy_older", "torch.onnx")}
    assert set(got) == {"1.11.0", "1.12.1"}
    assert {v: (c.python, c.requirements["torchvision"]) for v, c in got.items()} == {
        "1.11.0": ("3.10", "~=0.12.0"), "1.12.1": ("3.10", "~=0.13.0")}


def test_project_matrix_runs_older_tf_on_python_3_10_with_the_one_tf2onnx_and_onnx_that_resolve() -> None:
    got = [c for c in matrix.expand_all(ROOT / "matrix", "tf_older", "tf2onnx")
           if any(t.na is None for t in c.tasks)]
    assert {c.id: c.python for c in got} == {"tf2.10.1-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10": "3.10",
                                             "tf2.11.1-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10": "3.10",
                                             "tf2.12.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1": "3.11"}
    assert {c.requirements["protobuf"] for c in got if c.python == "3.10"} == {"==3.19.6"}
    oldest = [c for c in matrix.expand_all(ROOT / "matrix", "tf_oldest", "tf2onnx")]
    assert {(c.id, c.python, c.requirements["protobuf"]) for c in oldest} == {
        ("tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10", "3.10", "==3.19.6"),
        ("tf2.9.3-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10", "3.10", "==3.19.6")}
    full = {c.id: c for c in matrix.expand_all(ROOT / "matrix", None, "tf2onnx")}
    ceiling = {t.opset: t.na for t in full["tf2.12.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1"].tasks}
    assert ceiling[17] is None and "at most opset 17" in str(ceiling[18])


def test_tf2onnx_1_12_runs_only_where_it_resolves_and_up_to_its_ceiling() -> None:
    full = {c.id: c for c in matrix.expand_all(ROOT / "matrix", None, "tf2onnx") if c.axes["tf2onnx"] == "1.12.1"}
    runnable = {i for i, c in full.items() if any(t.na is None for t in c.tasks)}
    assert runnable == {"tf2.8.4-tf2onnx1.12.1-onnx1.12.0-ort1.20.1-py3.10",
                        "tf2.9.3-tf2onnx1.12.1-onnx1.12.0-ort1.20.1-py3.10"}
    assert "flatbuffers ~= 1.12" in str(full["tf2.10.1-tf2onnx1.12.1-onnx1.12.0-ort1.20.1-py3.10"].tasks[0].na)
    ceiling = {t.opset: t.na for t in full["tf2.9.3-tf2onnx1.12.1-onnx1.12.0-ort1.20.1-py3.10"].tasks}
    assert ceiling[17] is None and "at most opset 17" in str(ceiling[18])
    # appended last: the value held where another axis varies stays 1.13.0
    tf = next(m for m in matrix.load_dir(ROOT / "matrix") if m.converter == "tf2onnx")
    assert tf.axes["tf2onnx"][0] == "1.13.0"
