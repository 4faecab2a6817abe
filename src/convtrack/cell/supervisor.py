"""One supervised worker process, seen from the runner: start it, hand it a task, read its answer within a
timeout and a memory limit, kill it and everything it started.

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
CLOSE_GRACE_S = 60.0  # a retired worker finishes its leftover threads within this, or is killed


class WorkerLost(Exception):
    def __init__(self, outcome: Outcome, detail: str) -> None:
        super().__init__(detail)
        self.outcome = outcome


class Worker:
    """One supervised worker process; `submit` returns its result or raises WorkerLost."""

    def __init__(self, converter: str, log: TextIO, memory_bytes: int) -> None:
        env = dict(os.environ, PYTHONFAULTHANDLER="1")
        # Exporters drop files (SARIF reports, external data) in the working directory: give them a scratch one.
        self.scratch = tempfile.TemporaryDirectory(prefix="convtrack-worker-")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "convtrack.cell.worker", converter],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env, start_new_session=True,
            cwd=self.scratch.name, preexec_fn=lifeline.preexec(),  # dies with the runner, even on SIGKILL
        )
        self.memory_bytes = memory_bytes
        self._buf = b""
        self.log = log
        try:
            self.hello: Hello = protocol.hello_of(self._read(IMPORT_TIMEOUT_S))
        except ValueError as exc:  # its first line is no hello: nothing can be asked of this worker
            self.kill()
            raise WorkerLost(Outcome.HARNESS_ERROR, str(exc)) from None

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
                    self.kill()  # descendants of a dead worker must not outlive it
                    raise WorkerLost(Outcome.CRASH, describe_exit(code))
                self._buf += chunk
                continue
            status = self.proc.poll()
            if status is not None:  # dead, but a forked descendant still holds the pipe open: no EOF comes
                self.kill()
                raise WorkerLost(Outcome.CRASH, describe_exit(status))
            rss = lifeline.tree_rss_bytes(self.proc.pid)  # the worker and everything a case started
            if rss > self.memory_bytes:
                self.kill()
                raise WorkerLost(Outcome.CRASH, f"memory limit exceeded: {rss / 2**30:.1f} GiB resident")
        line, self._buf = self._buf.split(b"\n", 1)
        return protocol.loads(line)

    def send(self, task: Task, ack_timeout: float = ACK_TIMEOUT_S) -> None:
        """Hand over a task; returns once the worker acknowledged it, i.e. survived releasing the last one."""
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(protocol.dumps(task).encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            code = self.proc.wait()
            self.kill()
            raise WorkerLost(Outcome.CRASH, describe_exit(code)) from None
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
        try:  # the whole process group: the worker and anything it forked, even when the worker is gone
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()
        self.scratch.cleanup()

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


def describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"worker killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"worker killed by signal {-code}"
    return f"worker exited with status {code}"
