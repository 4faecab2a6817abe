"""ruff and mypy are part of the test command, so CI enforces them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("tool", [["ruff", "check", "src", "tests", "noxfile.py", "suites", "benchmarks"],
                                  [sys.executable, "-m", "mypy"]])
def test_tool_is_clean(tool: list[str]) -> None:
    if shutil.which(tool[0]) is None and tool[0] != sys.executable:
        pytest.skip(reason=f"{tool[0]} not installed")
    result = subprocess.run(tool, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
