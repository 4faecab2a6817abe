"""Shared fixtures. Heavy ones build a real cell environment with uv, reusing the uv cache."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
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


# A tiny project on disk: one torch.onnx matrix, its cases (and a replay matrix), addressed by the CLI's folder
# flags. The tests and the benchmarks (benchmarks/bench_rerun.py, bench_jobs.py) that run `convtrack` on a scratch
# project all write it here.
TINY_PACKAGES = {"numpy": "1.26.4", "onnxscript": "0.7.2"}
NO_MODEL_CASE = 'CASE = {"converter": "torch.onnx"}\ndef build(): pass\n'  # for runs that stop before any build


def tiny_matrix(torch: Sequence[str] = ("2.15.0",), onnxruntime: Sequence[str] = ("1.20.1",),
                modes: Sequence[str] = ("legacy",), opsets: Sequence[int] = (18,),
                packages: Mapping[str, str] = TINY_PACKAGES, presets: Mapping[str, Sequence[str]] | None = None) -> str:
    """matrix/torch.toml of a tiny project: the axes and loop given, one cell per torch x onnxruntime release,
    `presets` as name -> torch releases."""
    lines = ['converter = "torch.onnx"', 'framework = "torch"', 'python = "3.11"', "[axes]",
             f"torch = {json.dumps(list(torch))}", f"onnxruntime = {json.dumps(list(onnxruntime))}",
             'onnx = ["1.17.0"]', "[loop]", f"mode = {json.dumps(list(modes))}", f"opset = {json.dumps(list(opsets))}"]
    if packages:
        lines += ["[packages]", *(f'{k} = "{v}"' for k, v in packages.items())]
    for name, releases in (presets or {}).items():
        lines += [f"[presets.{name}]", f"torch = {json.dumps(list(releases))}"]
    return "\n".join(lines) + "\n"


def project_flags(root: Path, reports: str = "reports") -> list[str]:
    """The CLI's folder flags for a project under root (its records under root/REPORTS)."""
    return ["--matrix-dir", str(root / "matrix"), "--suites", str(root / "suites"), "--reports", str(root / reports),
            "--work", str(root / "work")]


def tiny_project(root: Path, cases: Mapping[str, str], matrix: str | None = None,
                 replay: str | None = None) -> list[str]:
    """Write a tiny project under root: matrix/torch.toml (`tiny_matrix()` unless given), matrix/replay.toml when
    `replay` is, and each case (path under suites/ -> source); returns its `project_flags`."""
    (root / "matrix").mkdir(parents=True, exist_ok=True)
    (root / "matrix" / "torch.toml").write_text(tiny_matrix() if matrix is None else matrix)
    if replay is not None:
        (root / "matrix" / "replay.toml").write_text(replay)
    for rel, body in cases.items():
        write_case(root / "suites", rel, body)
    return project_flags(root)


def convtrack_command(flags: Sequence[str], *args: str) -> list[str]:
    """`python -m convtrack.cli FLAGS ARGS` with this Python (give PYTHONPATH=src in its environment)."""
    return [sys.executable, "-m", "convtrack.cli", *flags, *args]


def keep_artefact(store: Path, model: bytes = b"model", inputs: tuple[bytes, ...] = (b"x",)) -> str:
    """A manifest naming a model, inputs and an output, stored with the store's own `put`; its digest."""
    from convtrack import artefact_store

    seeds = [{"inputs": [artefact_store.put(store, i) for i in inputs], "outputs": [artefact_store.put(store, b"y")],
              "tolerance": {}}]
    data = {"format": artefact_store.FORMAT, "model": artefact_store.put(store, model), "seeds": seeds, "source": {}}
    return artefact_store.put(store, artefact_store.canonical(data))
