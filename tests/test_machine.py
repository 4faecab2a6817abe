"""The memory limit per worker tree with -j N: N trees must fit the machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from convtrack import defaults, machine


def test_meminfo_is_read(tmp_path: Path) -> None:
    (tmp_path / "meminfo").write_text("MemTotal:       24522752 kB\nMemFree:  1 kB\n")
    assert machine.mem_total_gb(tmp_path / "meminfo") == pytest.approx(23.39, abs=0.01)
    assert machine.mem_total_gb(tmp_path / "none") is None
    real = machine.mem_total_gb()
    assert real is None or real > 0


def test_one_job_keeps_the_default_and_two_share_the_machine() -> None:
    assert machine.worker_memory_gb(1, None, total=23.4) == (defaults.MEMORY_GB, "")
    gb, note = machine.worker_memory_gb(2, None, total=23.4)
    assert gb == 10.5 and "2 cells at once" in note
    assert machine.worker_memory_gb(2, 8.0, total=23.4) == (8.0, "")
    assert machine.worker_memory_gb(2, None, total=64.0) == (defaults.MEMORY_GB, "")


def test_an_explicit_limit_that_does_not_fit_is_an_input_error() -> None:
    with pytest.raises(ValueError, match=r"--memory-gb 12 x -j 2 = 24 GiB does not fit .* use --memory-gb 10.5"):
        machine.worker_memory_gb(2, 12.0, total=23.4)
