"""The worker process inside a cell: imports the framework once and executes tasks sent by the runner.

Protocol: one JSON task per line on stdin, one JSON result per line on the original stdout; everything
else the frameworks print goes to stderr. The runner supervises it, so a segfault, hang or memory
blow-up here costs only the task in flight.
"""

from __future__ import annotations

import dataclasses
import faulthandler
import functools
import importlib.metadata
import importlib.util
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from convtrack import compare as cmp
from convtrack import stages
from convtrack.converters import get
from convtrack.converters.base import Converter
from convtrack.outcomes import Outcome
from convtrack.suite import Case, builder

BASE_PACKAGES = ("onnx", "onnxruntime", "numpy")


@dataclasses.dataclass
class Built:
    case_id: str
    model: Any
    inputs: list[tuple[Any, ...]]
    references: list[list[Any]]
    timings: dict[str, float]


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
        self._built = Built(case.id, model, inputs, refs, timings)
        return self._built

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

    def execute(self, case: Case, opset: int, mode: str | None) -> dict[str, Any]:
        na = self.not_applicable(case, opset, mode)
        if na:
            return {"outcome": Outcome.NOT_APPLICABLE.value, "reason": na}
        timings: dict[str, float] = {}
        try:
            built = self._build(case)
            timings.update(built.timings)
            with tempfile.TemporaryDirectory(prefix="convtrack-") as tmp:
                return self._convert_and_compare(case, built, opset, mode, Path(tmp) / "model.onnx", timings)
        except stages.StageFailure as failure:
            return {"outcome": failure.outcome.value, "signature": failure.signature, "error": failure.error,
                    "timings": timings, "tags": failure.tags}

    def _convert_and_compare(self, case: Case, built: Built, opset: int, mode: str | None, path: Path,
                             timings: dict[str, float]) -> dict[str, Any]:
        stages.timed(timings, "convert_s", Outcome.CONVERT_ERROR,
                     lambda: self.converter.convert(built.model, built.inputs[0], opset, mode, path))
        stages.timed(timings, "check_s", Outcome.INVALID_MODEL, lambda: stages.check(path))
        info = stages.model_info(path)
        sess = stages.timed(timings, "load_s", Outcome.LOAD_ERROR, lambda: stages.session(path))
        rtol = float(case.meta.get("rtol", cmp.DEFAULT_RTOL))
        atol = float(case.meta.get("atol", cmp.DEFAULT_ATOL))
        worst: tuple[int, cmp.Comparison] | None = None
        per_seed = []
        for seed, inputs in enumerate(built.inputs):
            try:
                actual = stages.timed(timings, "run_s", Outcome.RUN_ERROR, functools.partial(stages.run, sess, inputs))
            except stages.StageFailure as failure:
                failure.tags.append(f"seed:{seed}")
                raise
            result = cmp.compare(built.references[seed], actual, rtol, atol)
            per_seed.append({"seed": seed, "outcome": result.outcome.value, "max_abs": result.metrics()["max_abs"]})
            if worst is None or result.outcome.rank < worst[1].outcome.rank:
                worst = (seed, result)
        assert worst is not None
        failed_seed, comparison = worst
        metrics = comparison.metrics()
        metrics["seeds"] = per_seed
        return {
            "outcome": comparison.outcome.value, "metrics": metrics, "timings": timings, "model": info,
            "failed_seed": None if comparison else failed_seed,
        }


def main(argv: list[str]) -> int:
    faulthandler.enable()
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # framework chatter on stdout must not corrupt the protocol
    sys.stdout = sys.stderr
    try:
        converter = get(argv[0])
        converter.load()
        hello = {"ok": True, "versions": versions(converter)}
    except Exception as exc:  # the cell's environment, not any case, is broken
        hello = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:2000], "type": type(exc).__name__}
    proto.write(json.dumps(hello) + "\n")
    if not hello["ok"]:
        return 1
    executor = Executor(converter)
    for line in sys.stdin:
        task = json.loads(line)
        start = time.perf_counter()
        result = executor.execute(Case.from_dict(task["case"]), int(task["opset"]), task.get("mode"))
        result.setdefault("timings", {})["total_s"] = round(time.perf_counter() - start, 4)
        proto.write(json.dumps(result, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
