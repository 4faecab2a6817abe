"""The runner inside a cell: replays every case x opset x mode of a plan and appends one record each.

Tasks execute in a supervised worker process (convtrack.worker). A task that kills the worker (signal,
abort), outlives its timeout or grows past the memory limit is recorded as crash or timeout, the worker
is restarted, and the run carries on: one case never costs another its record.

    python -m convtrack.runner --plan plan.json --out records.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from convtrack.outcomes import SHORT, Outcome
from convtrack.store import Record, RecordWriter
from convtrack.suite import Case

DEFAULT_TIMEOUT_S = 300.0
DEFAULT_MEMORY_GB = 12.0
IMPORT_TIMEOUT_S = 600.0


class WorkerLost(Exception):
    def __init__(self, outcome: Outcome, detail: str) -> None:
        super().__init__(detail)
        self.outcome = outcome


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Worker:
    """One supervised worker process; `submit` returns its result or raises WorkerLost."""

    def __init__(self, converter: str, log: TextIO, memory_bytes: int) -> None:
        env = dict(os.environ, PYTHONFAULTHANDLER="1")
        # Exporters drop files (SARIF reports, external data) in the working directory: give them a scratch one.
        self.scratch = tempfile.TemporaryDirectory(prefix="convtrack-worker-")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "convtrack.worker", converter],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env, start_new_session=True,
            cwd=self.scratch.name,
        )
        self.memory_bytes = memory_bytes
        self._buf = b""
        self.log = log
        self.hello = self._read(IMPORT_TIMEOUT_S)

    def _read(self, timeout: float) -> dict[str, Any]:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buf:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise WorkerLost(Outcome.TIMEOUT, f"no result within {timeout:.0f} s")
            ready, _, _ = select.select([fd], [], [], min(0.5, remaining))
            if ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    code = self.proc.wait()
                    raise WorkerLost(Outcome.CRASH, _describe_exit(code))
                self._buf += chunk
            rss = _rss_bytes(self.proc.pid)
            if rss > self.memory_bytes:
                self.kill()
                raise WorkerLost(Outcome.CRASH, f"memory limit exceeded: {rss / 2**30:.1f} GiB resident")
        line, self._buf = self._buf.split(b"\n", 1)
        return json.loads(line)

    def submit(self, task: dict[str, Any], timeout: float) -> dict[str, Any]:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write((json.dumps(task) + "\n").encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise WorkerLost(Outcome.CRASH, _describe_exit(self.proc.wait())) from None
        return self._read(timeout)

    def kill(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()
        self.scratch.cleanup()

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
        self.scratch.cleanup()


def _describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"worker killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"worker killed by signal {-code}"
    return f"worker exited with status {code}"


def _tasks(plan: dict[str, Any]) -> Iterator[tuple[Case, dict[str, Any]]]:
    """Case-major order, so a model is built once and reused across opsets and modes."""
    for raw in plan["cases"]:
        case = Case.from_dict(raw)
        for task in plan["cell"]["tasks"]:
            yield case, task


class Runner:
    def __init__(self, plan: dict[str, Any], out: Path, log_path: Path, quiet: bool = False) -> None:
        self.plan = plan
        self.cell = plan["cell"]
        self.out = out
        self.log_path = log_path
        self.quiet = quiet
        self.timeout = float(plan.get("case_timeout", DEFAULT_TIMEOUT_S))
        self.memory = int(float(plan.get("memory_limit_gb", DEFAULT_MEMORY_GB)) * 2**30)
        self.versions: dict[str, str] = {}

    def record(self, case: Case, task: dict[str, Any], result: dict[str, Any]) -> Record:
        return Record(
            run_id=self.plan["run_id"], converter=self.cell["converter"], framework=self.cell["framework"],
            cell=self.plan["cell_id"],
            case=case.id, case_kind=case.kind, case_hash=case.hash, opset=int(task["opset"]), mode=task["mode"],
            versions=self.versions or dict(self.cell["axes"]),
            **{k: v for k, v in result.items() if k in Record.__dataclass_fields__},
        )

    def _start(self, log: TextIO) -> Worker | dict[str, Any]:
        """A ready worker, or the env_error result when the framework cannot be imported."""
        try:
            worker = Worker(self.cell["converter"], log, self.memory)
        except WorkerLost as lost:
            return {"outcome": Outcome.ENV_ERROR.value, "reason": f"worker failed to start: {lost}",
                    "signature": f"WorkerLost: {lost}"}
        if not worker.hello.get("ok"):
            worker.close()
            err = str(worker.hello.get("error"))
            return {"outcome": Outcome.ENV_ERROR.value, "error": err, "reason": "framework failed to import",
                    "signature": err.splitlines()[0][:200]}
        self.versions = worker.hello["versions"]
        return worker

    def run(self) -> int:
        """Returns the number of records written."""
        tasks = list(_tasks(self.plan))
        written = 0
        worker: Worker | dict[str, Any] | None = None
        with RecordWriter(self.out) as writer, open(self.log_path, "a") as log:
            for i, (case, task) in enumerate(tasks, 1):
                started = time.monotonic()
                if task.get("na"):
                    result = {"outcome": Outcome.NOT_APPLICABLE.value, "reason": task["na"]}
                else:
                    if worker is None:
                        worker = self._start(log)
                    result = worker if isinstance(worker, dict) else self._submit(worker, case, task, log)
                    if isinstance(worker, Worker) and worker.proc.poll() is not None:
                        worker = None  # lost: restart for the next task
                writer.write(self.record(case, task, result))
                written += 1
                self._progress(i, len(tasks), case, task, result, time.monotonic() - started)
            if isinstance(worker, Worker):
                worker.close()
        return written

    def _submit(self, worker: Worker, case: Case, task: dict[str, Any], log: TextIO) -> dict[str, Any]:
        timeout = float(case.meta.get("timeout", self.timeout))
        log.flush()
        offset = self.log_path.stat().st_size
        try:
            return worker.submit({"case": case.to_dict(), "opset": task["opset"], "mode": task["mode"]}, timeout)
        except WorkerLost as lost:
            tail = _tail(self.log_path, offset)
            return {"outcome": lost.outcome.value, "signature": f"{lost.outcome.value}: {lost}",
                    "error": f"{lost}\n{tail}".strip()[:2000], "timings": {"total_s": timeout}
                    if lost.outcome is Outcome.TIMEOUT else {}}

    def _progress(self, i: int, n: int, case: Case, task: dict[str, Any], result: dict[str, Any],
                  seconds: float) -> None:
        if self.quiet:
            return
        outcome = Outcome(result["outcome"])
        mode = task["mode"] or "-"
        print(f"[{i:>4}/{n}] {case.id:<40} opset {task['opset']:<2} {mode:<7} {SHORT[outcome]:<6}"
              f" {seconds:6.1f}s", file=sys.stderr, flush=True)


def _tail(path: Path, offset: int, lines: int = 15) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            text = fh.read().decode(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.strip().splitlines()[-lines:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m convtrack.runner", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plan", type=Path, required=True, help="plan JSON written by the host (cell + cases)")
    parser.add_argument("--out", type=Path, required=True, help="JSON Lines file to append records to")
    parser.add_argument("--log", type=Path, help="worker stderr log (default: next to --out, .log)")
    parser.add_argument("--quiet", action="store_true", help="no per-task progress lines")
    args = parser.parse_args(argv)
    plan = json.loads(args.plan.read_text())
    log = args.log or args.out.with_suffix(".log")
    n = Runner(plan, args.out, log, args.quiet).run()
    print(f"convtrack runner: {n} records -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
