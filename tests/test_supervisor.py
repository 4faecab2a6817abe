"""The runner's handle on a worker process, with the host's own Python (no framework installed): the worker says
hello, a framework that does not import is reported in it, and the process is gone after close."""

from __future__ import annotations

import os
import sys
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


HOG_WORKER = '''import json, sys, time
print(json.dumps({"ok": True, "versions": {"onnxruntime": "0.0"}, "frameworks": []}), flush=True)
hog = []
for line in sys.stdin:
    if json.loads(line)["artefact"] == "hog":  # grows until the supervisor kills it (2 GiB at most)
        while len(hog) < 128:
            hog.append(b"\\x01" * (16 << 20))
            time.sleep(0.05)
        time.sleep(60)
    print(json.dumps({"outcome": "pass", "metrics": {}, "timings": {}}), flush=True)
'''


def test_a_replay_over_the_memory_limit_is_a_crash_of_its_own_model_only(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The replay worker is the converter tasks' supervised process: memory-bounded, and restarted after a loss."""
    from convtrack import replay
    from convtrack.cell import replay as cell_replay

    script = tmp_path / "hog_worker.py"
    script.write_text(HOG_WORKER)
    monkeypatch.setattr(cell_replay.ReplayWorker, "COMMAND", (str(script),))
    source = {"torch": "2.15.0", "onnxruntime": "1.20.1", "onnx": "1.17.0"}
    items = [{"converter": "torch.onnx", "framework": "torch", "case": f"issues/{a}", "case_kind": "issue",
              "case_hash": "h", "opset": 18, "mode": "legacy", "artefact": a, "source_axes": source,
              "replay": {"source_cell": "torch2.15.0-ort1.20.1-onnx1.17.0"}} for a in ("ok1", "hog", "ok2")]
    reports = tmp_path / "reports"
    plan = {"run_id": "run-hog", "onnxruntime": "1.21.0", "env_lock": "lock", "timeout": 60.0,
            "memory_limit_gb": 0.25, "items": replay.for_release(items, "1.21.0"), "store": str(tmp_path / "store"),
            "records": str(replay.records_root(reports))}
    with open(tmp_path / "log", "w") as log:
        assert cell_replay.Runner(plan, log, quiet=True).run() == 3
    by_case = {r["case"]: r for r in replay.load(reports)}
    assert [str(by_case[f"issues/{a}"]["outcome"]) for a in ("ok1", "hog", "ok2")] == ["pass", "crash", "pass"]
    assert "memory limit exceeded" in by_case["issues/hog"]["error"]


def test_a_lost_replay_worker_says_it_was_the_replay_worker() -> None:
    assert supervisor.describe_exit(-9, "replay worker") == "replay worker killed by signal SIGKILL"


ANSWER_AFTER = '''import json, sys, time
mode, seconds = sys.argv[1], float(sys.argv[2])
end = time.monotonic() + seconds
while time.monotonic() < end:
    if mode == "sleep":
        time.sleep(0.05)
print(json.dumps({"done": True}), flush=True)
time.sleep(60)
'''


def _answer(tmp_path: Path, mode: str, seconds: float, timeout: float) -> tuple[str, float, str]:
    import time

    script = tmp_path / "answer.py"
    script.write_text(ANSWER_AFTER)
    with open(tmp_path / "log", "w") as log:
        proc = supervisor.Supervised([sys.executable, str(script), mode, str(seconds)], log, memory_bytes=2**30)
        start = time.monotonic()
        detail = ""
        try:
            got = "answered" if proc._read(timeout).get("done") else "?"
        except supervisor.WorkerLost as lost:
            got, detail = lost.outcome.value, str(lost)
        finally:
            proc.kill()
    return got, time.monotonic() - start, detail


def test_a_task_the_host_starved_of_cpu_gets_more_wall_time_and_a_busy_one_does_not(tmp_path: Path) -> None:
    """A waiting worker (what a starved one looks like: little CPU in its time) is given up to STARVED_CAP x its
    timeout; one that used its CPU times out at its own timeout."""
    assert _answer(tmp_path, "sleep", 2.0, timeout=1.0)[0] == "answered"  # 2 s of wall, ~0 s of CPU: not a timeout
    outcome, took, detail = _answer(tmp_path, "sleep", 30.0, timeout=1.0)
    assert outcome == "timeout" and took < 1.0 * supervisor.STARVED_CAP + 2
    assert detail.startswith("no result within 1 s\nwaited ") and "deadline was extended" in detail
    outcome, took, detail = _answer(tmp_path, "spin", 30.0, timeout=1.0)
    assert outcome == "timeout" and took < 1.0 * supervisor.STARVED_CAP + 2
    assert detail.startswith("no result within 1 s\nwaited ")  # extended too when this host is loaded


def test_a_timeout_keeps_its_signature_whatever_the_wall_time() -> None:
    from convtrack.outcomes import signature

    own, extended = supervisor.Supervised._timed_out(300, 301, 299), supervisor.Supervised._timed_out(300, 812, 140)
    assert "used 299 CPU-s" in own and "extended" not in own
    assert "waited 812 s of wall time; the task's processes used 140 CPU-s (the deadline was extended" in extended
    assert signature("WorkerLost", own) == signature("WorkerLost", extended) == signature(
        "WorkerLost", "no result within 300 s")


def test_only_a_task_short_of_cpu_gets_a_later_deadline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule itself, with the CPU figure given (a busy host makes a spinning worker look starved too)."""
    import time

    from convtrack import lifeline

    with open(tmp_path / "log", "w") as log:
        proc = supervisor.Supervised([sys.executable, "-c", "import time; time.sleep(60)"], log, memory_bytes=2**30)
        try:
            start = time.monotonic() - 100.0  # a task given 100 s, now at its deadline
            monkeypatch.setattr(lifeline, "tree_cpu_seconds", lambda _: 90.0)
            assert proc._starved(100.0, start, cpu0=0.0) is None  # it had 90 s of CPU: its own timeout
            monkeypatch.setattr(lifeline, "tree_cpu_seconds", lambda _: 20.0)
            later = proc._starved(100.0, start, cpu0=0.0)
            assert later is not None and time.monotonic() + 79 < later <= start + supervisor.STARVED_CAP * 100.0
            # past the cap, a starved task times out all the same
            assert proc._starved(100.0, start - 250.0, cpu0=0.0) is None
        finally:
            proc.kill()
