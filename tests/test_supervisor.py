"""The runner's handle on a worker process, with the host's own Python (no framework installed): the worker says
hello, a framework that does not import is reported in it, and the process is gone after close."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT
from convtrack.cell import supervisor


@pytest.fixture
def src_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "src"))


@pytest.mark.usefixtures("src_on_path")
def test_a_worker_without_its_framework_says_so_in_its_hello(tmp_path: Path) -> None:
    """The host Python is the worker's Python here."""
    if _importable("torch"):
        pytest.skip(reason="torch is installed in the host Python: the hello would be ok")
    with open(tmp_path / "log", "w") as log:
        worker = supervisor.Worker("torch.onnx", log, memory_bytes=2 * 2**30)
        assert worker.hello["ok"] is False and "torch" in worker.hello.get("error", "")
        pid = worker.proc.pid
        assert worker.close(grace=30) == 1  # the worker exits 1 after a failed hello
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@pytest.mark.usefixtures("src_on_path")
def test_an_unknown_converter_is_no_hello_but_a_failed_one(tmp_path: Path) -> None:
    with open(tmp_path / "log", "w") as log:
        worker = supervisor.Worker("no.such.converter", log, memory_bytes=2 * 2**30)
        assert worker.hello["ok"] is False and "unknown converter 'no.such.converter'" in worker.hello.get("error", "")
        worker.close(grace=30)


def test_exit_codes_read_as_words() -> None:
    assert supervisor.describe_exit(-11) == "worker killed by signal SIGSEGV"
    assert supervisor.describe_exit(3) == "worker exited with status 3"


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None
