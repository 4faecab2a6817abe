"""The worker process inside a cell: imports the framework once and executes tasks sent by the runner.

Protocol: one JSON task per line on stdin; on the original stdout, per task, first `{"ack": true}` once the
previous task is cleaned up (its model released and garbage collected, so a crash in a destructor happens before
the ack and is charged to the task that left it), then one JSON result line. Everything else the frameworks
print goes to stderr. The runner supervises it, so a segfault, hang or memory blow-up here costs only the task
that caused it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import faulthandler
import gc
import importlib.metadata
import importlib.util
import json
import os
import platform
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from convtrack import lifeline, protocol
from convtrack.cell import artefacts, assess, intermediates, seeds, stages
from convtrack.cell import compare as cmp
from convtrack.cell.blame import ASSESSED
from convtrack.cell.converters import get
from convtrack.cell.converters.base import Converter
from convtrack.cell.exact import zip_exact
from convtrack.outcomes import Outcome
from convtrack.protocol import Hello, ModelFields, Result, Task
from convtrack.suite import Case, builder, export_options

# protobuf too: matrix rules pin it per release (< 6 for torch 2.5/2.6, 3.20 for tf2onnx), and a change that moved
# it must show in a transition's also_changed
BASE_PACKAGES = ("onnx", "onnxruntime", "numpy", "protobuf")


@dataclasses.dataclass
class Built:
    case_id: str
    model: Any
    inputs: list[tuple[Any, ...]]
    references: list[list[Any]]
    timings: dict[str, float]
    noise: list[list[float | None]] | None = None  # per seed, per output: |ref32 - ref64| max
    noise_reason: str | None = None  # why there is no float64 reference
    inputs_ignored: bool = False  # the first seed's references pass for every seed (`inputs_ignored`)
    measured: bool = False  # noise and inputs_ignored are known (Executor._measure)


def versions(converter: Converter) -> dict[str, str]:
    found = {"python": platform.python_version()}
    for dist in (*BASE_PACKAGES, *converter.packages):
        try:
            found[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return found


class Executor:
    def __init__(self, converter: Converter) -> None:
        self.converter = converter
        self._built: Built | None = None
        self._fields: ModelFields = {}  # record fields known once the model is converted
        self._evidence: dict[str, Any] = {}  # the failing seed and onnxruntime's outputs on it, for blame
        self.memory_bytes: int | None = None  # the runner's limit on the worker's process tree

    def release(self, next_case: str | None) -> None:
        """Drop the previous case's model unless the next task reuses it, and collect its garbage now."""
        if self._built is not None and self._built.case_id != next_case:
            self._built = None
        gc.collect()

    def _build(self, case: Case) -> Built:
        if self._built is not None and self._built.case_id == case.id:
            return self._built
        self._built = None
        timings: dict[str, float] = {}

        def make() -> tuple[Any, list[tuple[Any, ...]]]:
            self.converter.seed(0)
            model, inputs = builder(case)()
            if len(inputs) < 3:
                raise ValueError(f"case gives {len(inputs)} seeded input sets; at least 3 are required")
            return model, list(inputs)

        model, inputs = stages.timed(timings, "build_s", Outcome.BUILD_ERROR, make)
        refs = stages.timed(timings, "reference_s", Outcome.BUILD_ERROR,
                            lambda: [self.converter.reference(model, x) for x in inputs])
        built = Built(case.id, model, inputs, refs, timings)
        self._built = built
        return built

    def _measure(self, case: Case, built: Built, timings: dict[str, float]) -> None:
        """The float64 noise and `inputs_ignored`, once per build, after its first conversion. The float64 twins are
        deep copies of the model, and torch 2.1-2.4's dynamo_export fails on some models while such copies are alive
        and on others once they were collected ("'NoneType' object has no attribute 'shape'" on a conv weight;
        measured on torch 2.4.1 with resnet18, tv_regnet_y_400mf and hf_deit): the export must meet the state a
        user's process has, so it runs before any twin exists (with the runner's fresh worker per such task)."""
        if built.measured:
            return
        start = time.perf_counter()
        built.noise, built.noise_reason = self._noise(built.model, built.inputs, built.references)
        gc.collect()
        built.timings["reference64_s"] = timings["reference64_s"] = round(time.perf_counter() - start, 4)
        built.inputs_ignored = inputs_ignored(case, built)
        built.measured = True

    def _noise(self, model: Any, inputs: list[tuple[Any, ...]],
               refs: list[list[Any]]) -> tuple[list[list[float | None]] | None, str | None]:
        """The framework's float32 noise per seed and output, or why it cannot be measured (never fatal)."""
        try:
            twins = [self.converter.reference64(model, x) for x in inputs]
        except Exception as exc:  # the model cannot run in float64: keep the case's tolerance, say why
            first = (str(exc).splitlines() or [""])[0][:200]
            return None, f"no float64 reference: {type(exc).__name__}: {first}"
        return [cmp.noise_scale(r32, r64) for r32, r64 in zip_exact(refs, twins)], None

    def not_applicable(self, case: Case, opset: int, mode: str | None) -> str | None:
        missing = [m for m in case.meta.get("requires", []) if importlib.util.find_spec(m) is None]
        if missing:
            return f"case needs {', '.join(missing)}, which this cell does not install (no compatible release)"
        if opset < int(case.meta.get("min_opset", 0)):
            return f"case needs opset >= {case.meta['min_opset']}"
        modes = case.meta.get("modes")
        if modes is not None and mode not in modes:
            return f"case targets exporter modes {modes}"
        return None

    def execute(self, case: Case, opset: int, mode: str | None, deadline: float | None = None) -> Result:
        """One task's result; `deadline` (time.monotonic) bounds the blame assessment of a failure."""
        problem = stages.meta_problem(case.meta)
        if problem:
            return {"outcome": Outcome.HARNESS_ERROR.value, "reason": problem, "signature": problem[:200]}
        na = self.not_applicable(case, opset, mode)
        if na:
            return {"outcome": Outcome.NOT_APPLICABLE.value, "reason": na}
        timings: dict[str, float] = {}
        self._fields = {}
        try:
            built = self._build(case)
            timings.update(built.timings)
            with tempfile.TemporaryDirectory(prefix="convtrack-") as tmp:
                path = Path(tmp) / "model.onnx"
                self._evidence = {}
                try:
                    result = self._convert_and_compare(case, built, opset, mode, path, timings)
                except stages.StageFailure as failure:
                    result = {**self._fields, **failure.result(timings)}
                self._measure(case, built, timings)
                if built.inputs_ignored and isinstance(result.get("metrics"), dict):
                    result["metrics"]["inputs_ignored"] = True  # a pass shows only that the constant is reproduced
                result.update(self._assess(case, built, result, path, deadline, timings))
                result.update(self._keep(case, built, opset, mode, path, result))
                return result
        except stages.StageFailure as failure:
            return {**self._fields, **failure.result(timings)}
        except Exception as exc:  # convtrack's own code outside any stage: the harness, never the converter
            classified = stages.classify("harness_s", Outcome.HARNESS_ERROR, exc)
            result = classified.result(timings)
            if classified.outcome is Outcome.HARNESS_ERROR:
                result["reason"] = f"harness: convtrack raised {type(exc).__name__} outside a stage"
                result["error"] = "".join(traceback.format_exception(exc))[-2000:]
            return {**self._fields, **result}
        except (KeyboardInterrupt, SystemExit) as exc:  # an interruption outside a stage
            reason = f"interrupted: {type(exc).__name__}{exc.args!r} raised outside a stage"
            return {**self._fields, "outcome": Outcome.HARNESS_ERROR.value, "reason": reason,
                    "signature": f"{type(exc).__name__}", "timings": timings}

    def _assess(self, case: Case, built: Built, result: Result, path: Path, deadline: float | None,
                timings: dict[str, float]) -> protocol.Assessment:
        """blame and first_divergence of a failed task (convtrack.cell.assess); never changes the outcome."""
        outcome = Outcome(result["outcome"])
        if outcome not in ASSESSED:
            return {}
        start = time.perf_counter()
        try:
            seed = self._evidence.get("seed", _seed_of(result))
            evidence = {"inputs": built.inputs[seed], "framework": built.references[seed],
                        "ort": self._evidence.get("ort"), "tolerance": tolerance(case, built, seed), "seed": seed}
            if outcome is Outcome.MISMATCH:
                evidence["intermediates"], evidence["intermediates_note"] = intermediates.capture(
                    self.converter.framework, built.model, built.inputs[seed])
            return assess.assess(outcome, path, evidence, deadline, self.converter.framework, self.memory_bytes)
        except Exception as exc:  # noqa: BLE001 - blame is evidence about a failure, never a failure of its own
            reason = f"harness: the blame assessment raised {type(exc).__name__}: {str(exc)[:200]}"
            return {"blame": {"verdict": "unknown", "reason": reason, "reference": None}}
        finally:
            timings["blame_s"] = round(time.perf_counter() - start, 4)

    def _keep(self, case: Case, built: Built, opset: int, mode: str | None, path: Path,
              result: Result) -> protocol.Kept:
        """`artefact`: the id of the converted model, inputs and references kept for replay (--keep-models)."""
        store = artefacts.keep_requested()
        if store is None or not Outcome(result["outcome"]).wrote_model or not path.is_file():
            return {}
        source = {"converter": self.converter.name, "case": case.id, "case_hash": case.hash, "opset": opset,
                  "mode": mode, "versions": versions(self.converter)}
        tolerances = [tolerance(case, built, seed) for seed in range(len(built.inputs))]
        try:
            return {"artefact": artefacts.keep(store, path, built.inputs, built.references, tolerances, source)}
        except Exception as exc:  # noqa: BLE001 - keeping a copy never changes the task's verdict
            print(f"convtrack worker: artefact of {case.id} not kept: {type(exc).__name__}: {exc}", file=sys.stderr)
            return {}

    def _convert_and_compare(self, case: Case, built: Built, opset: int, mode: str | None, path: Path,
                             timings: dict[str, float]) -> Result:
        stages.timed(timings, "convert_s", Outcome.CONVERT_ERROR,
                     lambda: self.converter.convert(built.model, built.inputs[0], opset, mode, path,
                                                    export_options(case)))
        self._measure(case, built, timings)
        self._fields = _model_fields(path)
        stages.timed(timings, "check_s", Outcome.INVALID_MODEL, lambda: stages.check(path))
        info = stages.model_info(path)
        sess = stages.timed(timings, "load_s", Outcome.LOAD_ERROR, lambda: stages.session(path))
        declared = [d["shape"] for d in self._fields.get("declared_outputs") or []]
        seeded = ((inputs, built.references[seed], tolerance(case, built, seed))
                 for seed, inputs in enumerate(built.inputs))

        def ran_on_none(seed: int) -> None:
            # blame must judge the seed onnxruntime failed on, never an earlier seed it ran (audit 2026-11-30:
            # 56 run_errors were blamed on the runtime from a seed that passed)
            self._evidence = {"seed": seed, "ort": None}

        def worse(seed: int, actual: list[Any]) -> None:
            self._evidence = {"seed": seed, "ort": actual}  # the failing seed's outputs, for blame

        compared = seeds.compare_seeds(sess, seeded, declared, timings, on_run_error=ran_on_none, on_worse=worse,
                                        fresh=lambda: stages.session(path))
        return {**self._fields, **compared, "model": info}


def tolerance(case: Case, built: Built, seed: int) -> cmp.Tolerance:
    """The case's rtol/atol (validated by stages.meta_problem) with the seed's measured float32 noise."""
    own = "rtol" in case.meta or "atol" in case.meta
    return cmp.Tolerance(
        rtol=float(case.meta.get("rtol", cmp.DEFAULT_RTOL)), atol=float(case.meta.get("atol", cmp.DEFAULT_ATOL)),
        source="case" if own else "default", noise=built.noise[seed] if built.noise is not None else None,
        method="float64" if built.noise is not None else None, reason=built.noise_reason,
    )


def inputs_ignored(case: Case, built: Built) -> bool:
    """Whether a model returning the first seed's references on every seed would pass every seed: the references
    hardly depend on the inputs (torchvision's VisionTransformer zero-initialises its head; a random MobileNetV3 in
    eval mode shrinks its activations to 1e-8), so a pass shows only that the model reproduces a constant."""
    first = built.references[0]
    return len(built.references) > 1 and all(
        cmp.compare(built.references[seed], first, tolerance=tolerance(case, built, seed))
        for seed in range(1, len(built.references)))


def _seed_of(result: Result) -> int:
    """The seed a run_error names in its tags (seed:N), else 0 (a load_error fails before any seed)."""
    return next((int(t.split(":", 1)[1]) for t in result.get("tags") or [] if t.startswith("seed:")), 0)


def _model_fields(path: Path) -> ModelFields:
    """produced_opset and declared_outputs of a converted model; empty when the file cannot be read as ONNX
    (the check stage then says why)."""
    try:
        return {"produced_opset": stages.produced_opset(path), "declared_outputs": stages.declared_outputs(path)}
    except Exception:  # noqa: BLE001 - an unreadable model is the check stage's verdict, not this helper's
        return {}


def leftovers(before: set[int]) -> list[str]:
    """Non-daemon threads a task started and left running: they keep the worker alive (and may crash it) after
    the result is sent, so the runner retires the worker and charges what happens to this task."""
    return [f"thread {t.name}" for t in threading.enumerate()
            if t.ident not in before and not t.daemon and t is not threading.main_thread() and t.is_alive()]


@contextlib.contextmanager
def collector_paused(paused: bool) -> Iterator[None]:
    """The cyclic garbage collector off for an isolated task (its worker runs nothing else; explicit collections
    still run). torch 2.1-2.4's dynamo_export fails ("'NoneType' object has no attribute 'shape'" on a conv weight,
    in its fake-tensor conversion) or passes depending on which cyclic garbage of the model's build was freed, and
    when: measured on torch 2.4.1 (2026-12-02), in one worker sequence timm_efficientnetv2_rw_t and
    timm_cspdarknet53 failed 4 runs of 4 while tv_regnet_y_400mf passed, a gc.collect() after the build swapped
    them, and with the collector off from the start all eight models tried passed every time. A verdict must be
    the exporter's, not the collector's timing."""
    was = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused and was:
            gc.enable()


def main(argv: list[str]) -> int:
    faulthandler.enable()
    lifeline.start_group_watchdog()  # whatever a case starts dies with this worker, however it dies
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # framework chatter on stdout must not corrupt the protocol
    sys.stdout = sys.stderr
    try:
        converter = get(argv[0])
        converter.load()
        hello: Hello = {"ok": True, "versions": versions(converter)}
    except Exception as exc:  # the cell's environment, not any case, is broken
        hello = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:2000], "type": type(exc).__name__}
    proto.write(protocol.dumps(hello))
    if not hello["ok"]:
        return 1
    executor = Executor(converter)
    for line in sys.stdin:
        task: Task = json.loads(line)
        case = Case.from_dict(task["case"])
        executor.release(case.id)
        proto.write(protocol.dumps({"ack": True}))
        before = {t.ident for t in threading.enumerate() if t.ident is not None}
        start = time.perf_counter()
        timeout = task.get("timeout")  # the runner's limit for this task: blame must finish well within it
        deadline = time.monotonic() + float(timeout) if timeout else None
        executor.memory_bytes = task.get("memory_bytes")
        with collector_paused(bool(task.get("isolated"))):
            result = executor.execute(case, int(task["opset"]), task.get("mode"), deadline)
        result.setdefault("timings", {})["total_s"] = round(time.perf_counter() - start, 4)
        result["leftovers"] = leftovers(before)
        proto.write(protocol.dumps(result))
    executor.release(None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
