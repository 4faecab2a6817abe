"""Installability data for tests: real uv refusals, offline (with the index switched off, or from a folder of
wheels whose names and, for one, METADATA say what uv needs to refuse them); and the data file written with the
real writer."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from convtrack import installability, installability_report
from convtrack.installability_report import Entry, Interpreter

TARGET_311 = Interpreter("3.11", None, None)

needs_uv = pytest.mark.skipif(shutil.which("uv") is None, reason="uv is not installed")


def offline(cmd: list[str], stdin: str) -> tuple[int, str, str]:
    """The probe's real uv command with the index switched off: a real uv answer in milliseconds, no network."""
    return installability._run([*cmd[:-1], "--no-index", cmd[-1]], stdin)


def local_wheels(folder: Path) -> installability.Runner:
    """The probe's real uv command answering from `folder` only (--no-index --find-links): real uv refusals of
    every kind, with no network."""
    def run(cmd: list[str], stdin: str) -> tuple[int, str, str]:
        return installability._run([*cmd[:-1], "--no-index", "--find-links", str(folder), cmd[-1]], stdin)
    return run


def wheels(folder: Path) -> Path:
    """torch 1.12.1 for cp310 only, 1.10.2 for aarch64 only, and 2.0.1 needing a sympy that is nowhere."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "torch-1.12.1-cp310-cp310-manylinux2014_x86_64.whl").touch()
    (folder / "torch-1.10.2-cp311-cp311-manylinux2014_aarch64.whl").touch()
    with zipfile.ZipFile(folder / "torch-2.0.1-py3-none-any.whl", "w") as z:
        z.writestr("torch-2.0.1.dist-info/METADATA",
                   "Metadata-Version: 2.1\nName: torch\nVersion: 2.0.1\nRequires-Dist: sympy==99\n")
        z.writestr("torch-2.0.1.dist-info/WHEEL", "Wheel-Version: 1.0\nGenerator: t\nRoot-Is-Purelib: true\n"
                   "Tag: py3-none-any\n")
        z.writestr("torch-2.0.1.dist-info/RECORD", "")
    return folder


def report(entries: list[Entry], interps: list[Interpreter] | None = None) -> dict[str, object]:
    """The data file's content for torch.onnx (matrix on 3.11), as `convtrack matrix installable` makes it."""
    interps = interps or [Interpreter("3.10", "3.10.13", "/x/bin/python"), TARGET_311]
    return installability_report.report("torch.onnx", "torch", "3.11", "1.8", entries, interps,
                                        "2026-11-30T00:00:00Z", "uv 0.13.9 (x86_64-unknown-linux-gnu)",
                                        "https://pypi.org/simple")


def torch_file(reports: Path, scratch: Path) -> Path:
    """reports/installability/torch.onnx.json with every kind of answer: on 3.10 everything installs; on 3.11 (the
    matrix's) 1.12.1 has no cp311 wheel, 1.10.2 no wheel for the platform and 2.0.1's dependencies do not resolve;
    on 3.12 1.12.1 has no cp312 wheel and the probe of 2.6.0 failed."""
    runner = local_wheels(wheels(scratch))
    py310 = Interpreter("3.10", "3.10.13", "/x/bin/python")
    py312 = Interpreter("3.12", None, None)
    entries = [*(Entry("torch", v, "3.10", "3.10.13", True, None, 20) for v in ["1.10.2", "1.12.1", "2.0.1",
                                                                                   "2.6.0"]),
               *(installability.probe("torch", v, TARGET_311, runner=runner) for v in ["1.10.2", "1.12.1", "2.0.1"]),
               Entry("torch", "2.6.0", "3.11", None, True, None, 20),
               installability.probe("torch", "1.12.1", py312, runner=runner),
               Entry("torch", "2.6.0", "3.12", None, None, "probe failed: uv pip compile did not finish within 180 s")]
    return installability_report.write(reports, report(entries, [py310, TARGET_311, py312]))
