"""`convtrack repro`: the script's pins, tolerance and safety, and a real failure reproduced by `uv run` in an empty
folder from a committed record."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, write_case
from convtrack import cli, recordref, repro, repro_case

CASE = '''CASE = {"converter": "torch.onnx", "issue": "https://github.com/pytorch/pytorch/issues/1",
        "requires": ["timm"]}


def build():
    from convtrack.suite import seeded

    return None, seeded((2, 3))
'''
HOSTILE = 'x"\n__import__("os").system("touch PWNED")\n#'


def _record(**extra: object) -> dict:
    return {"record_id": "0123456789abcdef0123", "cell": "torch2.15.0-ort1.20.1-onnx1.17.0", "case": "issues/c",
            "converter": "torch.onnx", "opset": 17, "mode": "legacy", "outcome": "mismatch", "created": "2026",
            "run_id": "r", "versions": {"python": "3.11.7", "torch": "2.15.0", "onnx": "1.17.0",
                                        "transformers": "5.24.0", "timm": "1.0.9", "numpy": "1.26.4 --index-url=x"},
            "metrics": {"tolerance": {"rtol": 0.002, "base_atol": 1e-5}, "outputs": [{"atol": 3e-4}, {"atol": None}]},
            **extra}


def _case(tmp_path: Path) -> repro_case.suite.Case:
    write_case(tmp_path, "issues/c.py", CASE)
    case = repro_case.find_case(tmp_path, "issues/c")
    assert case is not None
    return case


def test_pins_tolerance_and_no_convtrack(tmp_path: Path) -> None:
    env = {"freeze": ["protobuf==5.29.1", "torchvision==0.30.0"], "cell": {"case_packages": {"timm": ["torchvision"]}}}
    text = repro.generate(_record(), _case(tmp_path), env)
    tree = ast.parse(text)
    assert repro_case.convtrack_imports(text) == []
    assert '# requires-python = "==3.11.*"' in text
    deps = text.split("# dependencies = [\n", 1)[1].split("# ]", 1)[0]
    # recorded versions, protobuf and the case's companions (timm needs torchvision); transformers is not needed;
    # a version that is no version is left out
    assert [d.strip(' #",') for d in deps.splitlines()] == [
        "onnx==1.17.0", "protobuf==5.29.1", "timm==1.0.9", "torch==2.15.0", "torchvision==0.30.0"]
    assigned = {t.id: ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
                for t in n.targets if isinstance(t, ast.Name) and t.id in ("RTOL", "ATOL", "OPSET", "RECORDED")}
    assert assigned == {"RTOL": 0.002, "ATOL": [3e-4, 1e-5], "OPSET": 17, "RECORDED": "mismatch"}


def test_record_text_never_becomes_code(tmp_path: Path) -> None:
    text = repro.generate(_record(signature=HOSTILE, created=HOSTILE, cell=HOSTILE), _case(tmp_path))
    calls = [n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Name) and n.func.id == "__import__"]
    assert not calls
    assert "touch PWNED" in text  # shown, as comment text only


def test_harness_outcomes_have_nothing_to_reproduce(tmp_path: Path) -> None:
    with pytest.raises(repro.ReproError, match="harness outcome"):
        repro.generate(_record(outcome="env_error"), _case(tmp_path))


REAL = "torch2.15.0-ort1.20.1-onnx1.17.0/issues/pytorch_78442@17/legacy"  # legacy int64 floor division: truncates


def test_uv_run_reproduces_a_committed_failure_in_an_empty_folder(tmp_path: Path, cell_python: Path) -> None:
    """cell_python warms the uv cache with the same torch; the script resolves its own environment from it."""
    if shutil.which("uv") is None:
        pytest.skip(reason="uv is not installed: pip install -e '.[test]' installs it")
    record = recordref.resolve(REAL, ROOT / "reports")
    script = tmp_path / "repro.py"
    assert cli.main(["--config", str(ROOT / "convtrack.toml"), "repro", REAL, "-o", str(script)]) == 0
    text = script.read_text()
    assert repro_case.convtrack_imports(text) == [] and "convtrack" not in [
        n.module.split(".")[0] for n in ast.walk(ast.parse(text)) if isinstance(n, ast.ImportFrom) and n.module]
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copy(script, empty / "repro.py")
    done = subprocess.run(["uv", "run", "repro.py"], cwd=empty, capture_output=True, text=True, timeout=900,
                          check=False)
    assert done.returncode == 1, done.stdout + done.stderr[-3000:]
    assert f"outcome: {record['outcome']}" in done.stdout and "REPRODUCED" in done.stdout
    assert sorted(p.name for p in empty.iterdir()) == ["repro.py"]  # nothing left behind in the folder
