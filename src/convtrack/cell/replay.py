"""The replay runner inside a replay environment (onnxruntime + numpy + onnx, no framework).

It replays every artefact of a plan written by the host (convtrack.replay) in a supervised worker
(convtrack.cell.replay_worker) and appends one record per artefact to the replay track's folder:

    <records>/<converter>/<replay cell id>/<run id>.jsonl

A task that kills the worker (a segfault in the runtime), grows its process tree past the plan's memory limit or
outlives its timeout is recorded as `crash` or `timeout` and the worker restarts: one model never costs another its
record. The worker is the converter tasks' supervised process (convtrack.cell.supervisor.Supervised).

    python -m convtrack.cell.replay --plan plan.json --log replay.log
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from convtrack import defaults
from convtrack.cell.supervisor import Supervised, WorkerLost
from convtrack.outcomes import SHORT, Outcome
from convtrack.store import NOT_ASSESSED, Record, RecordWriter

START_TIMEOUT_S = 120.0
BLAMED = frozenset({"mismatch", "wrong_shape", "load_error", "run_error"})  # store.BLAMED_OUTCOMES
NOT_ASSESSED_REASON = ("replay: a single replay is not assessed; the replay track blames its onnxruntime transitions "
                       "on the runtime, the converter being held fixed (convtrack.replay_track)")


class ReplayWorker(Supervised):
    """One supervised replay worker, memory-bounded like the converter tasks' worker; `run` returns a task's
    result or raises WorkerLost."""

    name = "replay worker"
    COMMAND = ("-m", "convtrack.cell.replay_worker")  # python arguments before the store

    def __init__(self, store: str, log: TextIO, memory_bytes: int) -> None:
        super().__init__([sys.executable, *self.COMMAND, store], log, memory_bytes)
        try:
            self.hello = self._read(START_TIMEOUT_S)
        except ValueError:  # its first line is no hello
            self.kill()
            raise

    def run(self, artefact: str, timeout: float) -> dict[str, Any]:
        self._write(json.dumps({"artefact": artefact}) + "\n")
        return self._read(timeout)


def record(plan: dict[str, Any], item: dict[str, Any], result: dict[str, Any], versions: dict[str, str]) -> Record:
    """The replay record of one artefact: the source task's identity, this runtime's result."""
    outcome = str(result["outcome"])
    fields = {k: v for k, v in result.items() if k in Record.__dataclass_fields__}
    fields["tags"] = _tags(result)
    blame = {"verdict": NOT_ASSESSED, "reason": NOT_ASSESSED_REASON, "reference": None} if outcome in BLAMED else None
    return Record(run_id=plan["run_id"], converter=item["converter"], framework=item["framework"], cell=item["cell"],
                  axes=dict(item["axes"]), case=item["case"], case_kind=item["case_kind"],
                  case_hash=item["case_hash"], opset=int(item["opset"]), mode=item["mode"], versions=dict(versions),
                  env_lock=plan.get("env_lock"), artefact=item["artefact"], blame=blame,
                  replay={**item["replay"], "onnxruntime": plan["onnxruntime"]}, **fields)


def _tags(result: dict[str, Any]) -> list[str]:
    """The result's tags, plus `framework_loaded:NAME` should a framework ever be imported (it must not be)."""
    return [*result.get("tags", []), *(f"framework_loaded:{m}" for m in result.get("frameworks") or [])]


def lost_result(lost: WorkerLost, timeout: float) -> dict[str, Any]:
    return {"outcome": lost.outcome.value, "signature": f"{lost.outcome.value}: {lost}", "error": str(lost),
            "timings": {"total_s": timeout} if lost.outcome is Outcome.TIMEOUT else {}}


class Runner:
    def __init__(self, plan: dict[str, Any], log: TextIO, quiet: bool = False) -> None:
        self.plan = plan
        self.log = log
        self.quiet = quiet
        self.timeout = float(plan.get("timeout", defaults.TIMEOUT_S))
        self.memory = int(float(plan.get("memory_limit_gb", defaults.MEMORY_GB)) * 2**30)
        self.writers: dict[str, RecordWriter] = {}
        self.versions: dict[str, str] = {}
        self.written = 0

    def writer(self, item: dict[str, Any]) -> RecordWriter:
        cell = str(item["cell"])
        if cell not in self.writers:
            path = Path(self.plan["records"]) / str(item["converter"]) / cell / f"{self.plan['run_id']}.jsonl"
            self.writers[cell] = RecordWriter(path)
        return self.writers[cell]

    def start(self) -> ReplayWorker | dict[str, Any]:
        """A ready worker, or the env_error result when onnxruntime cannot be imported."""
        try:
            worker = ReplayWorker(str(self.plan["store"]), self.log, self.memory)
        except (WorkerLost, ValueError) as lost:
            return {"outcome": Outcome.ENV_ERROR.value, "reason": f"replay worker failed to start: {lost}"}
        if not worker.hello.get("ok"):
            worker.close()
            err = str(worker.hello.get("error"))
            return {"outcome": Outcome.ENV_ERROR.value, "error": err, "reason": "onnxruntime failed to import",
                    "signature": err.splitlines()[0][:200]}
        self.versions = dict(worker.hello["versions"])
        return worker

    def run(self) -> int:
        items = list(self.plan["items"])
        worker: ReplayWorker | dict[str, Any] | None = None
        try:
            for i, item in enumerate(items, 1):
                if worker is None:
                    worker = self.start()
                started = time.monotonic()
                if isinstance(worker, dict):  # no runtime: every artefact gets the environment's verdict
                    result = {**worker, "timings": {}}
                else:
                    try:
                        result = worker.run(str(item["artefact"]), self.timeout)
                    except WorkerLost as lost:
                        result, worker = lost_result(lost, self.timeout), None
                    except ValueError as garbage:  # no JSON object on the protocol pipe: the harness's fault
                        worker.kill()
                        result, worker = {"outcome": Outcome.HARNESS_ERROR.value, "error": str(garbage),
                                          "signature": f"replay worker protocol: {str(garbage)[:120]}"}, None
                result.setdefault("timings", {})["total_s"] = round(time.monotonic() - started, 4)
                self.writer(item).write(record(self.plan, item, result, self.versions or {}))
                self.written += 1
                self.progress(i, len(items), item, result)
        finally:
            if isinstance(worker, ReplayWorker):
                worker.close(grace=30)
            for w in self.writers.values():
                w.close()
        return self.written

    def progress(self, i: int, total: int, item: dict[str, Any], result: dict[str, Any]) -> None:
        if not self.quiet:
            print(f"[{i:>4}/{total}] ort {self.plan['onnxruntime']:<8} {item['case']:<40} opset {item['opset']:<2} "
                  f"{item['mode'] or '-':<7} {SHORT[Outcome(result['outcome'])]}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m convtrack.cell.replay", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plan", type=Path, required=True, help="replay plan JSON written by the host")
    parser.add_argument("--log", type=Path, required=True, help="the worker's stderr log")
    parser.add_argument("--quiet", action="store_true", help="no per-task progress lines")
    args = parser.parse_args(argv)
    plan = json.loads(args.plan.read_text())
    with open(args.log, "a") as log:
        n = Runner(plan, log, args.quiet).run()
    print(f"convtrack replay runner: {n} records (onnxruntime {plan['onnxruntime']})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
