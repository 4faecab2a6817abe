"""`convtrack run --only AXIS=V1,V2`: a slice of a preset's cells, and a clear exit 2 for what the preset lacks."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import ROOT, convtrack_command
from convtrack import matrix
from convtrack.commands.run import only_cells


def _dynamo_11_15() -> list[matrix.Cell]:
    return matrix.expand_all(ROOT / "matrix", "dynamo_11_15", "torch.onnx")


def test_only_keeps_the_cells_taking_the_named_values() -> None:
    cells = _dynamo_11_15()
    kept = only_cells(cells, ["torch=2.14.1,2.15.0"])
    assert sorted(c.axes["torch"] for c in kept) == ["2.14.1", "2.15.0"]
    assert {c.id for c in kept} < {c.id for c in cells}
    assert only_cells(cells, []) == cells
    both = only_cells(cells, ["torch=2.14.1,2.15.0", "torch=2.15.0"])
    assert [c.axes["torch"] for c in both] == ["2.15.0"]


@pytest.mark.parametrize(("item", "says"), [
    ("torch", "expected AXIS=VALUE"),
    ("torch=", "expected AXIS=VALUE"),
    ("tensorflow=2.15.1", "no cell has the axis 'tensorflow'"),
    ("torch=2.15.0,9.9.9", "not ['9.9.9']"),
])
def test_only_names_what_the_preset_lacks(item: str, says: str) -> None:
    with pytest.raises(ValueError, match=says.replace("[", r"\[").replace("]", r"\]")):
        only_cells(_dynamo_11_15(), [item])


def test_a_bad_only_exits_2_before_any_environment(tmp_path) -> None:
    flags = ["--matrix-dir", str(ROOT / "matrix"), "--suites", str(ROOT / "suites"),
             "--reports", str(tmp_path / "reports"), "--work", str(tmp_path / "work")]
    cmd = convtrack_command(flags, "run", "--preset", "dynamo_11_15", "--no-site",
                            "--only", "torch=1.0.0")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False, cwd=ROOT)
    assert proc.returncode == 2, proc.stderr
    assert "--only 'torch=1.0.0': torch takes" in proc.stderr and "not ['1.0.0']" in proc.stderr
    assert not (tmp_path / "work").exists()
