"""One supervised worker process, seen from the runner: start it, hand it a task, read its answer within a
timeout and a memory limit, kill it and everything it started. `Supervised` is the process handle the converter
tasks' `Worker` and the replay track's worker (convtrack.cell.replay) share.

Whatever ends the worker (a signal, an exit, a hang, memory past the limit) surfaces as WorkerLost with the
outcome to record (crash or timeout); the runner decides which task it is charged to.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from typing import Any, TextIO

from convtrack import lifeline, protocol
from convtrack.outcomes import Outcome
from convtrack.protocol import Hello, Result, Task

IMPORT_TIMEOUT_S = 600.0
ACK_TIMEOUT_S = 300.0  # releasing the previous task (dropping a model, gc) never takes this long
# A task whose worker got less CPU than this share of its timeout was starved by the host: it gets more wall time,
# up to the cap (a Keras NASNet that converts in 130 s passed 300 s with four processes on two cores). A task that
# used its CPU and still has no result times out at its own timeout, as before.
STARVED_SHARE = 0.6
STARVED_CAP = 3.0
CLOSE_GRACE_S = 60.0  # a retired worker finishes its leftover threads within this, or is killed


class WorkerLost(Exception):
    def __init__(self, outcome: Outcome, detail: str) -> None:
        super().__init__(detail)
        self.outcome = outcome


class Supervised:
    """A supervised child process answering in JSON lines on its stdout, in its own process group: each line is
    read within a timeout and a memory limit on the resident memory of its whole process tree, and whatever ends
    it surfaces as WorkerLost (crash or timeout). The converter tasks' Worker and the replay track's worker
    (convtrack.cell.replay) are both one."""

    name = "worker"  # in the exit descriptions a lost process's records carry

    def __init__(self, argv: list[str], log: TextIO, memory_bytes: int, env: dict[str, str] | None = None,
                 cwd: str | None = None) -> None:
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env, start_new_session=True,
            cwd=cwd, preexec_fn=lifeline.preexec(),  # dies with the runner, even on SIGKILL
        )
        self.memory_bytes = memory_bytes
        self._buf = b""
        self.log = log

    def _lost(self, code: int) -> WorkerLost:
        self.kill()  # descendants of a dead worker must not outlive it
        return WorkerLost(Outcome.CRASH, describe_exit(code, self.name))

    def _read(self, timeout: float) -> dict[str, Any]:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        start = time.monotonic()
        deadline, cpu0 = start + timeout, lifeline.tree_cpu_seconds(self.proc.pid)
        while b"\n" not in self._buf:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                later = self._starved(timeout, start, cpu0)
                if later is not None:
                    deadline = later
                    continue
                cpu = lifeline.tree_cpu_seconds(self.proc.pid) - cpu0
                self.kill()
                raise WorkerLost(Outcome.TIMEOUT, self._timed_out(timeout, time.monotonic() - start, cpu))
            ready, _, _ = select.select([fd], [], [], min(0.5, remaining))
            if ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise self._lost(self.proc.wait())
                self._buf += chunk
                continue
            status = self.proc.poll()
            if status is not None:  # dead, but a forked descendant still holds the pipe open: no EOF comes
                raise self._lost(status)
            rss = lifeline.tree_rss_bytes(self.proc.pid)  # the worker and everything a task started
            if rss > self.memory_bytes:
                self.kill()
                raise WorkerLost(Outcome.CRASH, f"memory limit exceeded: {rss / 2**30:.1f} GiB resident")
        line, self._buf = self._buf.split(b"\n", 1)
        return protocol.loads(line)

    def _starved(self, timeout: float, start: float, cpu0: float) -> float | None:
        """A later deadline when the machine, not the task, ate the time: the worker tree got less than
        STARVED_SHARE of `timeout` in CPU (a loaded host runs other cells and tests), up to STARVED_CAP x `timeout`
        of wall time; None when the task had its CPU and still gave no result (a timeout of its own)."""
        now = time.monotonic()
        used = lifeline.tree_cpu_seconds(self.proc.pid) - cpu0
        if used >= STARVED_SHARE * timeout or now - start >= STARVED_CAP * timeout:
            return None
        return min(start + STARVED_CAP * timeout, now + max(timeout - used, 1.0))

    @staticmethod
    def _timed_out(timeout: float, wall: float, cpu: float) -> str:
        """The timeout's text: its first line alone makes the signature (outcomes.signature), so an extended
        deadline does not make a new failure of an old one; the second says what the task had."""
        extended = " (the deadline was extended: the host was loaded)" if wall > timeout * 1.05 else ""
        return (f"no result within {timeout:.0f} s\nwaited {wall:.0f} s of wall time; the task's processes used "
                f"{cpu:.0f} CPU-s{extended}")

    def _write(self, line: str) -> None:
        """One request line to the worker; a worker already gone is WorkerLost (crash)."""
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(line.encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise self._lost(self.proc.wait()) from None

    def kill(self) -> None:
        try:  # the whole process group: the worker and anything it forked, even when the worker is gone
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()

    def close(self, grace: float = CLOSE_GRACE_S) -> int | None:
        """End the worker (EOF on its stdin); its exit code, or None when it had to be killed."""
        if self.proc.stdin:
            try:
                self.proc.stdin.close()
            except BrokenPipeError:
                pass
        try:
            code: int | None = self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            code = None
        self.kill()
        return code


class Worker(Supervised):
    """One supervised converter worker process; `submit` returns its result or raises WorkerLost."""

    def __init__(self, converter: str, log: TextIO, memory_bytes: int) -> None:
        # Exporters drop files (SARIF reports, external data) in the working directory: give them a scratch one.
        self.scratch = tempfile.TemporaryDirectory(prefix="convtrack-worker-")
        super().__init__([sys.executable, "-m", "convtrack.cell.worker", converter], log, memory_bytes,
                         env=dict(os.environ, PYTHONFAULTHANDLER="1"), cwd=self.scratch.name)
        try:
            self.hello: Hello = protocol.hello_of(self._read(IMPORT_TIMEOUT_S))
        except ValueError as exc:  # its first line is no hello: nothing can be asked of this worker
            self.kill()
            raise WorkerLost(Outcome.HARNESS_ERROR, str(exc)) from None

    def send(self, task: Task, ack_timeout: float = ACK_TIMEOUT_S) -> None:
        """Hand over a task; returns once the worker acknowledged it, i.e. survived releasing the last one."""
        self._write(protocol.dumps(task))
        ack = self._read(ack_timeout)
        if not ack.get("ack"):
            raise ValueError(f"worker protocol: expected an ack, got {str(ack)[:200]}")

    def result(self, timeout: float) -> Result:
        """The result of the task last sent; ValueError for anything that is not one."""
        return protocol.result_of(self._read(timeout))

    def submit(self, task: Task, timeout: float) -> Result:
        self.send(task)
        return self.result(timeout)

    def kill(self) -> None:
        super().kill()
        self.scratch.cleanup()


def describe_exit(code: int, name: str = "worker") -> str:
    if code < 0:
        try:
            return f"{name} killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"{name} killed by signal {-code}"
    return f"{name} exited with status {code}"
