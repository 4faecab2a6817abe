"""README: the two set-up commands, .ci/run running exactly the test one, and the pictures it shows exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAIN = "pip install -e . && convtrack run --preset quick"
TESTS = "pip install -e '.[test]' && python -m pytest"


def test_readme_gives_the_main_job_and_the_test_command() -> None:
    assert MAIN in README and TESTS in README


def test_ci_runs_exactly_the_readme_test_command() -> None:
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert any(line.replace("pip install -q", "pip install") == TESTS for line in lines), lines


def test_every_picture_the_readme_shows_is_committed() -> None:
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert pictures, "the README shows a screenshot of the matrix"
    for rel in pictures:
        path = ROOT / rel
        assert path.exists() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", rel
