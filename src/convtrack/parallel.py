"""Run cells as separate nox processes, up to N at once, within the disk budget.

Every child is started from this process's main thread with a parent-death signal (lifeline.preexec): the
signal fires when the creating *thread* ends, so no helper thread ever starts one. A SIGKILL of `convtrack run`
therefore still takes every nox, runner and worker with it; on Ctrl-C the children get the terminal's SIGINT
themselves and whatever is left is killed before the interrupt goes on.

With one job the children write straight to the terminal, as before (and without a disk budget all cells share one
nox process, `run_together`); with more their output goes through a pipe each and `console.Console` prints it line
by line, prefixed by the cell id.
"""

from __future__ import annotations

import dataclasses
import os
import selectors
import subprocess
import sys
import time
from collections.abc import Callable
from typing import IO, TextIO

from convtrack import lifeline
from convtrack.console import Console
from convtrack.disk_budget import Budget, release_of
from convtrack.matrix import Cell

POLL_S = 1.0


@dataclasses.dataclass
class CellEnd:
    """How one cell's process ended: its exit status (None when refused), wall time, refusal reason."""

    status: int | None = None
    seconds: float = 0.0
    refused: str | None = None


@dataclasses.dataclass
class _Running:
    cell: Cell
    proc: subprocess.Popen[bytes]
    started: float


class Scheduler:
    def __init__(self, cells: list[Cell], command: Callable[[Cell], list[str]], env: dict[str, str], jobs: int,
                 budget: Budget | None = None, out: TextIO = sys.stderr) -> None:
        self.pending = list(cells)
        self.cells = list(cells)
        self.command = command
        self.env = env
        self.jobs = max(1, jobs)
        self.budget = budget
        self.out = out
        self.console = Console(out) if self.jobs > 1 else None
        self.running: list[_Running] = []
        self.results: dict[str, CellEnd] = {}
        self._sel = selectors.DefaultSelector()
        self._pipes: dict[str, IO[bytes]] = {}
        self._waiting_said = ""
        self._changed = True  # admission is decided again only when a cell ended (du of a big cache costs seconds)

    def say(self, text: str) -> None:
        if self.console is not None:  # above the live lines, never through them
            self.console.say(f"convtrack: {text}")
        else:
            print(f"convtrack: {text}", file=self.out, flush=True)

    def run(self) -> dict[str, CellEnd]:
        try:
            while self.pending or self.running:
                if self._changed:
                    self._changed = False
                    self._start_what_fits()
                self._pump()
        except BaseException:
            self._kill_all()
            raise
        return self.results

    def _start_what_fits(self) -> None:
        while self.pending and len(self.running) < self.jobs:
            cell = self.pending[0]
            if self.budget is not None:
                verdict, why = self.budget.admit(cell, [r.cell for r in self.running])
                if verdict == "wait":
                    if why != self._waiting_said:
                        self.say(f"waiting: {why}")
                        self._waiting_said = why
                    return
                if verdict == "refuse":
                    self.pending.pop(0)
                    self.results[cell.id] = CellEnd(refused=why)
                    self.say(f"disk budget: {why}")
                    self._release_maybe_done(cell)
                    continue
            self.pending.pop(0)
            self._start(cell)

    def _start(self, cell: Cell) -> None:
        piped = self.console is not None
        # through a pipe, Python children (nox, the runner) would hold their stdout until a buffer fills
        env = dict(self.env, PYTHONUNBUFFERED="1") if piped else self.env
        proc = subprocess.Popen(self.command(cell), env=env, preexec_fn=lifeline.preexec(),
                                stdout=subprocess.PIPE if piped else None,
                                stderr=subprocess.STDOUT if piped else None)
        if proc.stdout is not None:
            os.set_blocking(proc.stdout.fileno(), False)
            self._sel.register(proc.stdout, selectors.EVENT_READ, cell.id)
            self._pipes[cell.id] = proc.stdout
        self.running.append(_Running(cell, proc, time.monotonic()))
        if self.jobs > 1:
            self.say(f"started {cell.id} ({len(self.running)} of {self.jobs} running, {len(self.pending)} waiting)")

    def _pump(self) -> None:
        """Show output until a child ends (or POLL_S passes), then reap the ended ones."""
        if self._pipes:
            for key, _ in self._sel.select(POLL_S):
                self._read(key.data)
        else:
            time.sleep(POLL_S if all(r.proc.poll() is None for r in self.running) else 0)
        if self.budget is not None:
            self.budget.meter.sample()
        for r in [r for r in self.running if r.proc.poll() is not None]:
            self._finish(r)

    def _read(self, cell_id: str) -> bytes:
        """One chunk of a cell's output, shown; b"" when nothing is ready or the pipe closed (then forgotten)."""
        pipe = self._pipes[cell_id]
        try:
            data = os.read(pipe.fileno(), 1 << 16)
        except BlockingIOError:
            return b""
        if data and self.console is not None:
            self.console.feed(cell_id, data)
        elif not data:
            self._close(cell_id)
        return data

    def _close(self, cell_id: str) -> None:
        pipe = self._pipes.pop(cell_id, None)
        if pipe is not None:
            self._sel.unregister(pipe)
            pipe.close()
        if self.console is not None:
            self.console.flush(cell_id)

    def _finish(self, r: _Running) -> None:
        while r.cell.id in self._pipes and self._read(r.cell.id):
            pass  # what the cell wrote before it ended
        self._close(r.cell.id)  # a descendant still holding the pipe is not waited for
        self.running.remove(r)
        self._changed = True
        end = self.results[r.cell.id] = CellEnd(status=r.proc.returncode, seconds=time.monotonic() - r.started)
        if self.jobs > 1:
            self.say(f"finished {r.cell.id} (exit {end.status}, {end.seconds:.0f} s)")
        self._release_maybe_done(r.cell)

    def _release_maybe_done(self, cell: Cell) -> None:
        """After the last cell of a framework release: its environments (and cache entries) go."""
        if self.budget is None:
            return
        release = release_of(cell)
        unfinished = self.pending + [r.cell for r in self.running]
        if any(release_of(c) == release for c in unfinished):
            return
        done = [c for c in self.cells if release_of(c) == release and c.id in self.results]
        # deleting gigabytes can take minutes on a disk with online discard: say so first
        self.say(f"{release[0]} {release[1]} finished: removing its environments"
                 + (" and uv cache entries..." if self.budget.prune_cache else "..."))
        self.say(f"{release[0]} {release[1]}: " + self.budget.release_done(done, unfinished))

    def _kill_all(self) -> None:
        for r in self.running:
            try:
                r.proc.kill()  # its own children follow by their parent-death signals
            except ProcessLookupError:
                pass
        for r in self.running:
            r.proc.wait()


def run_together(cells: list[Cell], command: list[str], env: dict[str, str]) -> dict[str, CellEnd]:
    """All cells in one process, one after another (one job, no disk budget): a nox start (~0.6 s) per run, not per
    cell, which a no-change re-run of many cells would feel. Every cell gets the process's exit status."""
    with subprocess.Popen(command, env=env, preexec_fn=lifeline.preexec()) as proc:
        try:
            status = proc.wait()
        except BaseException:
            proc.kill()  # its own children follow by their parent-death signals
            proc.wait()
            raise
    return {c.id: CellEnd(status=status) for c in cells}
