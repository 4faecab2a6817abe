"""Shared fixtures. Heavy ones build a real cell environment with uv, reusing the uv cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# The cheapest real cell that exercises both exporters: newest torch, no torchvision.
CELL_REQUIREMENTS = ["torch==2.15.0", "onnxruntime==1.20.1", "onnx==1.17.0", "numpy==1.26.4", "onnxscript==0.7.2"]
CELL_DIR = ROOT / ".convtrack" / "test-cell"


# The same cell with the onnxruntime release that fixed MaxPool ceil_mode output shapes (blame's second witness).
CELL_ORT_1_21_REQUIREMENTS = [r.replace("onnxruntime==1.20.1", "onnxruntime==1.21.0") for r in CELL_REQUIREMENTS]
CELL_ORT_1_21_DIR = ROOT / ".convtrack" / "test-cell-ort1.21.0"


def _build_cell(cell_dir: Path = CELL_DIR, requirements: list[str] = CELL_REQUIREMENTS) -> Path:
    python = cell_dir / "bin" / "python"
    stamp = cell_dir / "requirements.txt"
    wanted = "\n".join(requirements)
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    if shutil.which("uv") is None:
        pytest.skip(reason="uv is not installed: pip install -e '.[test]' installs it")
    shutil.rmtree(cell_dir, ignore_errors=True)
    subprocess.run(["uv", "venv", "-q", "-p", "3.11", str(cell_dir)], check=True)
    subprocess.run(["uv", "pip", "install", "-q", "--python", str(python), *requirements], check=True)
    stamp.write_text(wanted)
    return python


@pytest.fixture(scope="session")
def cell_python() -> Path:
    """The python of a real torch cell, built once per machine and reused (uv hardlinks from its cache)."""
    return _build_cell()


@pytest.fixture(scope="session")
def cell_python_ort_1_21() -> Path:
    """The torch cell with onnxruntime 1.21.0 instead of 1.20.1 (uv installs torch again from its cache)."""
    return _build_cell(CELL_ORT_1_21_DIR, CELL_ORT_1_21_REQUIREMENTS)


@pytest.fixture
def cell_env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT / "src"))


def write_case(root: Path, rel: str, body: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body)
    return path
