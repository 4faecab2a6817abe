"""The runner inside a cell: replays every case x opset x mode of a plan and appends one record each.

Tasks execute in a supervised worker process (convtrack.cell.worker). A task that kills the worker (signal,
abort), outlives its timeout or grows past the memory limit is recorded as crash or timeout, the worker
is restarted, and the run carries on: one case never costs another its record.

A crash is charged to the task that caused it. The worker acknowledges each task only after it has released
the previous one (its model dropped, garbage collected); a task's record is written once that ack (or a clean
exit) proves the worker survived it. A worker that dies between a result and the next ack turns the held result
into a crash of *that* task; a task that leaves non-daemon threads running retires the worker at once, so a late
crash from them is still charged to it. Every record is written once; none is rewritten.

A converter's `isolated_before` (converter_info) names modes whose export depends on the process it runs in, on
framework releases before a given one (torch 2.1-2.4's dynamo_export): there a task gets a fresh worker that runs
nothing before or after it, so no other task's leftovers can change its verdict, and the worker keeps the cyclic
garbage collector paused while it runs (`worker.collector_paused`: the export failed or passed by which garbage
was freed when). In case some other process state still decides it, a failure there runs once more on another
fresh worker and the record carries the repeat's outcome as the tag `repeat:OUTCOME`; a step whose verdict its
repeat did not reproduce is set apart (`confounds.unstable`). Only the first attempt is recorded, once.

    python -m convtrack.cell.runner --plan plan.json --out records.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from convtrack import converter_info, protocol
from convtrack.cell import stages
from convtrack.cell.supervisor import CLOSE_GRACE_S, Worker, WorkerLost, describe_exit
from convtrack.outcomes import SHORT, Outcome
from convtrack.protocol import Plan, PlanTask, Result
from convtrack.store import DiskFull, Record, RecordWriter
from convtrack.suite import Case


def _tasks(plan: Plan) -> Iterator[tuple[Case, PlanTask]]:
    """Case-major order, so a model is built once and reused across opsets and modes; tasks the host found
    already recorded (`skip`: case id, opset, mode) are left out."""
    skip = {(c, int(o), str(m)) for c, o, m in plan.get("skip", [])}
    for raw in plan["cases"]:
        case = Case.from_dict(raw)
        for task in plan["cell"]["tasks"]:
            if (case.id, int(task["opset"]), str(task["mode"])) not in skip:
                yield case, task


_PENDING: Result = {"outcome": Outcome.HARNESS_ERROR.value, "reason": "runner: no result was read"}  # replaced


@dataclasses.dataclass
class Held:
    """A task's result, written once the worker proved it survived the task (see the module doc)."""

    index: int
    case: Case
    task: PlanTask
    result: Result
    seconds: float
    log_offset: int
    from_worker: bool


class Runner:
    def __init__(self, plan: Plan, out: Path, log_path: Path, quiet: bool = False) -> None:
        self.plan = plan
        self.cell = plan["cell"]
        self.out = out
        self.log_path = log_path
        self.quiet = quiet
        self.timeout = float(plan["case_timeout"])
        self.memory = int(float(plan["memory_limit_gb"]) * 2**30)
        self.versions: dict[str, str] = {}
        self.held: list[Held] = []
        # the worker, or the env_error result of a worker that could not start (every later task's result)
        self.worker: Worker | Result | None = None
        self.total = 0
        self.written = 0
        self.failures = 0  # tasks whose outcome is neither pass nor not_applicable, for the progress line
        self.started = time.monotonic()
        self.cell_id = str(plan.get("cell_id", ""))
        info = converter_info.describe(self.cell["converter"], self.cell["framework"])
        release = str(self.cell["axes"].get(self.cell["framework"], ""))
        self.isolated = info.isolated_modes(release)
        self.kept: list[Held] | None = None  # while not None, flushed results are kept here, not written

    def record(self, case: Case, task: PlanTask, result: Result) -> Record:
        fields: dict[str, Any] = {k: v for k, v in result.items() if k not in protocol.RUNNER_ONLY}
        unknown = sorted(set(fields) - set(Record.__dataclass_fields__))
        if unknown:  # a misspelt key is the harness's bug: say so in the record instead of dropping the value
            fields = {"outcome": Outcome.HARNESS_ERROR.value, "signature": f"runner: unknown result keys {unknown}",
                      "reason": f"runner: the result has keys that are no record field: {unknown}"}
        return Record(
            run_id=self.plan["run_id"], converter=self.cell["converter"], framework=self.cell["framework"],
            cell=self.plan["cell_id"], axes=dict(self.cell["axes"]),
            case=case.id, case_kind=case.kind, case_hash=case.hash, opset=int(task["opset"]), mode=task["mode"],
            versions=self.versions or dict(self.cell["axes"]), env_lock=self.plan.get("env_lock"), **fields,
        )

    def _start(self, log: TextIO) -> Worker | Result:
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
        self.versions = worker.hello.get("versions", {})
        return worker

    def run(self) -> int:
        """Returns the number of records written."""
        tasks = list(_tasks(self.plan))
        self.total = len(tasks)
        self.worker = None
        try:
            with RecordWriter(self.out) as writer, open(self.log_path, "a") as log:
                self._run_all(writer, log, tasks)
        finally:  # disk full or any other stop: the worker and its process group go too
            if isinstance(self.worker, Worker) and self.worker.proc.poll() is None:
                self.worker.kill()
        return self.written

    def _run_all(self, writer: RecordWriter, log: TextIO, tasks: list[tuple[Case, PlanTask]]) -> None:
        worker = self.worker
        for i, (case, task) in enumerate(tasks, 1):
            started = time.monotonic()
            offset = _size(log, self.log_path)
            if task.get("na"):
                self._hold(writer, Held(i, case, task, {"outcome": Outcome.NOT_APPLICABLE.value,
                                                        "reason": task["na"]}, 0.0, offset, False))
                continue
            problem = stages.meta_problem(case.meta)
            if problem:  # the runner reads `timeout` itself: a malformed case never reaches the worker
                self._hold(writer, Held(i, case, task, {"outcome": Outcome.HARNESS_ERROR.value, "reason": problem,
                                                        "signature": problem[:200]}, 0.0, offset, False))
                continue
            if task["mode"] in self.isolated:
                if isinstance(worker, Worker):
                    self._retire(writer, worker)
                worker = self.worker = None
                self._isolated(writer, log, Held(i, case, task, _PENDING, 0.0, offset, True), started)
                continue
            if worker is None:
                worker = self.worker = self._start(log)
            if isinstance(worker, dict):
                self._hold(writer, Held(i, case, task, worker, 0.0, offset, False))
                continue
            worker = self.worker = self._one(writer, worker, log, Held(i, case, task, _PENDING, 0.0, offset, True),
                                             started)
        if isinstance(worker, Worker):
            self._retire(writer, worker)
        self._flush(writer)

    def _isolated(self, writer: RecordWriter, log: TextIO, held: Held, started: float) -> None:
        """One task alone on a fresh worker; a failure once more on another (the module doc). Only the first
        attempt's result is written, with the tag `repeat:OUTCOME` when there was a repeat."""
        first = self._alone(writer, log, held, started)
        if first is not None and Outcome(first.result["outcome"]).is_failure:
            repeat = dataclasses.replace(held, result=_PENDING, log_offset=_size(log, self.log_path))
            again = self._alone(writer, log, repeat, time.monotonic())
            if again is not None:
                first.result = {**first.result, "tags": [*first.result.get("tags", []),
                                                         f"{protocol.REPEAT_TAG}{again.result['outcome']}"]}
        if first is not None:
            self.held.append(first)
            self._flush(writer)

    def _alone(self, writer: RecordWriter, log: TextIO, held: Held, started: float) -> Held | None:
        """`held` run on a worker of its own, retired after it: its final result (None when the worker failed to
        start: that env_error result is then written)."""
        worker = self._start(log)
        if isinstance(worker, dict):
            self._hold(writer, dataclasses.replace(held, result=worker, from_worker=False))
            return None
        self.kept = []
        try:
            self.worker = self._one(writer, self._started(worker), log, held, started)
            if isinstance(self.worker, Worker):
                self._retire(writer, self.worker)
            self.worker = None
            self._flush(writer)
            return next((h for h in self.kept if h.from_worker), None)
        finally:
            self.kept = None

    def _started(self, worker: Worker) -> Worker:
        self.worker = worker  # run() kills it if the run stops while it is alive
        return worker

    def _one(self, writer: RecordWriter, worker: Worker, log: TextIO, held: Held, started: float) -> Worker | None:
        """Run one task on `worker`; the worker to use next (None: start a new one)."""
        timeout = float(held.case.meta.get("timeout", self.timeout))
        # the timeout and memory limit bound the blame assessment of a failure as well
        payload: protocol.Task = {"case": held.case.to_dict(), "opset": held.task["opset"], "mode": held.task["mode"],
                                  "timeout": timeout, "memory_bytes": self.memory,
                                  "isolated": held.task["mode"] in self.isolated}
        for attempt in (1, 2):
            try:
                worker.send(payload)
                break
            except (WorkerLost, ValueError) as lost:
                if attempt == 1:  # died releasing the previous task: that task's crash; retry on a fresh worker
                    self._blame_held(lost)
                    self._flush(writer)
                else:
                    held.result = self._lost(lost, held.log_offset, timeout) if isinstance(lost, WorkerLost) else {
                        "outcome": Outcome.HARNESS_ERROR.value, "reason": f"runner: {lost}"}
                    self._hold(writer, held)
                    self._flush(writer)
                    return None
                fresh = self._start(log)
                if isinstance(fresh, dict):
                    held.result = fresh
                    self._hold(writer, held)
                    return None
                worker = fresh
        self._flush(writer)  # the ack proves the worker survived every held task
        try:
            held.result = worker.result(timeout)
        except WorkerLost as lost:
            held.result = self._lost(lost, held.log_offset, timeout)
            held.seconds = time.monotonic() - started
            self._hold(writer, held)
            self._flush(writer)
            return None
        except Exception as exc:  # garbage on the protocol pipe: the harness's problem, never the converter's
            worker.kill()
            held.result = {"outcome": Outcome.HARNESS_ERROR.value, "reason": f"runner: {type(exc).__name__}: {exc}"}
            self._hold(writer, held)
            self._flush(writer)
            return None
        held.seconds = time.monotonic() - started
        self._hold(writer, held)
        if held.result.get("leftovers"):  # threads still running after the result: retire now, charge it here
            self._retire(writer, worker)
            return None
        return worker

    def _retire(self, writer: RecordWriter, worker: Worker) -> None:
        """Close the worker; an abnormal exit is charged to the task whose result is held."""
        code = worker.close()
        if code is None:
            self._blame_held(WorkerLost(Outcome.TIMEOUT, f"worker did not exit within {CLOSE_GRACE_S:.0f} s "
                                                         "after its last result (threads left running)"))
        elif code != 0:
            self._blame_held(WorkerLost(Outcome.CRASH, describe_exit(code)))
        self._flush(writer)

    def _blame_held(self, lost: Exception) -> None:
        """The worker died after sending the held result: that task caused it. Its raw result is kept."""
        held = next((h for h in reversed(self.held) if h.from_worker), None)
        if held is None:
            return
        outcome = lost.outcome if isinstance(lost, WorkerLost) else Outcome.HARNESS_ERROR
        before = held.result.get("outcome")
        tail = _tail(self.log_path, held.log_offset)
        held.result = {
            **held.result, "outcome": outcome.value,
            "signature": f"{outcome.value}: {lost} (after the result)",
            "error": f"the worker died after sending this task's result ({before}): {lost}\n{tail}".strip()[:2000],
            "tags": [*held.result.get("tags", []), f"after_result:{before}"],
        }

    def _lost(self, lost: WorkerLost, offset: int, timeout: float) -> Result:
        tail = _tail(self.log_path, offset)
        return {"outcome": lost.outcome.value, "signature": f"{lost.outcome.value}: {lost}",
                "error": f"{lost}\n{tail}".strip()[:2000],
                "timings": {"total_s": timeout} if lost.outcome is Outcome.TIMEOUT else {}}

    def _hold(self, writer: RecordWriter, held: Held) -> None:
        self.held.append(held)
        if not held.from_worker and not any(h.from_worker for h in self.held):
            self._flush(writer)

    def _flush(self, writer: RecordWriter) -> None:
        if self.kept is not None:  # an isolated attempt (_alone): its result is written once its repeat is known
            self.kept.extend(self.held)
            self.held = []
            return
        for held in self.held:
            writer.write(self.record(held.case, held.task, held.result))
            self.written += 1
            self._progress(held)
        self.held = []

    def _progress(self, held: Held) -> None:
        outcome = Outcome(held.result["outcome"])
        if outcome not in (Outcome.PASS, Outcome.NOT_APPLICABLE):
            self.failures += 1
        if self.quiet:
            return
        mode = held.task["mode"] or "-"
        elapsed = time.monotonic() - self.started
        eta = elapsed / self.written * (self.total - self.written) if self.written else 0.0
        print(f"[{held.index:>4}/{self.total}] {held.case.id:<40} opset {held.task['opset']:<2} {mode:<7} "
              f"{SHORT[outcome]:<6} {held.seconds:6.1f}s | {self.cell_id}: {self.written}/{self.total} done, "
              f"{self.failures} failed, {_clock(elapsed)} elapsed, ETA {_clock(eta)}", file=sys.stderr, flush=True)


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m // 60}h{m % 60:02}m" if m >= 60 else f"{m}m{s:02}s"


def _size(log: TextIO, path: Path) -> int:
    log.flush()
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _tail(path: Path, offset: int, lines: int = 15) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            text = fh.read().decode(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.strip().splitlines()[-lines:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m convtrack.cell.runner", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plan", type=Path, required=True, help="plan JSON written by the host (cell + cases)")
    parser.add_argument("--out", type=Path, required=True, help="JSON Lines file to append records to")
    parser.add_argument("--log", type=Path, help="worker stderr log (default: next to --out, .log)")
    parser.add_argument("--quiet", action="store_true", help="no per-task progress lines")
    args = parser.parse_args(argv)
    plan: Plan = json.loads(args.plan.read_text())
    log = args.log or args.out.with_suffix(".log")
    # Past a file-size limit a write must fail with EFBIG (handled as disk full), not kill the runner unannounced.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    runner = Runner(plan, args.out, log, args.quiet)
    try:
        n = runner.run()
    except DiskFull as exc:
        print(f"convtrack runner: stopped: {exc.strerror}; {runner.written} records written, every one whole",
              file=sys.stderr)
        return protocol.EXIT_DISK_FULL
    print(f"convtrack runner: {n} records -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
