"""The worker's own helpers (its task loop runs in a real cell: tests/test_runner.py)."""

from __future__ import annotations

import gc

import pytest

from convtrack.cell.worker import collector_paused


def test_collector_paused_turns_the_cyclic_collector_off_for_an_isolated_task_only_and_restores_it() -> None:
    assert gc.isenabled()
    with collector_paused(True):
        assert not gc.isenabled()
    assert gc.isenabled()
    with collector_paused(False):
        assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused(True):
        raise RuntimeError("the task failed")
    assert gc.isenabled()  # restored however the task ended
    gc.disable()
    try:
        with collector_paused(True):
            pass
        assert not gc.isenabled()  # a collector the process had off stays off
    finally:
        gc.enable()
