"""What "still fails the same way" means for a cut of a failing ONNX model (convtrack reduce); runs inside a cell.

Every candidate goes through the harness's own stages (stages.check, stages.session, then onnxruntime), so a
candidate fails the way the record failed only when those stages say so. Three oracles, chosen per failure:

- `ErrorOracle` (invalid_model, load_error, run_error): the candidate stops at the same stage with the same
  normalised signature. Cut values are fed with what the full model computes in onnxruntime just before the failure
  (the longest runnable prefix), so a value-dependent error (a bad Reshape target) keeps its cause.
- `DivergenceOracle` (mismatch, wrong_shape where onnxruntime disagrees with the ONNX reference evaluator on the
  full model): a candidate fails when onnxruntime's value of its output disagrees with the reference evaluator's
  float64 value of the same value in the full model, beyond the record's rtol and an atol raised to k x the float32
  noise of that value (|reference at float32 - reference at float64|): the harness's calibrated rule, with the
  reference evaluator standing in for the framework. Cut values are fed with the reference evaluator's float32
  values, i.e. what a correct runtime computes, so a candidate fails only when its own nodes go wrong; feeding
  onnxruntime's values instead would let any tail of a diverged graph "fail" on inherited error.
- `GraphOracle` (mismatch, wrong_shape where the reference evaluator agrees with onnxruntime: the converted graph
  itself computes another function than the framework): no intermediate value has a trustworthy expected value
  without a framework mapping, and feeding the graph's own values would carry the wrong result past the cut, so
  the only sound cuts keep the original inputs and the failing output: its cone, with constant subgraphs folded.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convtrack.cell import compare as cmp
from convtrack.cell import stages, subgraph
from convtrack.outcomes import Outcome, signature_key


@dataclasses.dataclass
class Attempt:
    outcome: Outcome
    signature: str | None
    outputs: list[Any] | None


class Runner:
    """Runs candidate models through the harness's stages in a scratch folder."""

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="convtrack-reduce-")
        self.path = Path(self._tmp.name) / "candidate.onnx"
        self.tried = 0

    def attempt(self, model: Any, feeds: Mapping[str, Any]) -> Attempt:
        import onnx

        self.tried += 1
        onnx.save(model, str(self.path))
        timings: dict[str, float] = {}
        try:
            stages.timed(timings, "check_s", Outcome.INVALID_MODEL, lambda: stages.check(self.path))
            sess = stages.timed(timings, "load_s", Outcome.LOAD_ERROR, lambda: stages.session(self.path))
            names = [i.name for i in sess.get_inputs()]
            if not set(names) <= set(feeds):
                return Attempt(Outcome.HARNESS_ERROR, "no value to feed", None)
            outs = stages.timed(timings, "run_s", Outcome.RUN_ERROR,
                                lambda: sess.run(None, {n: feeds[n] for n in names}))
        except stages.StageFailure as failure:
            return Attempt(failure.outcome, failure.signature, None)
        return Attempt(Outcome.PASS, None, list(outs))


class ErrorOracle:
    """Same stage, same normalised signature. Candidates expose the sinks of their nodes."""

    kind = "error"

    def __init__(self, runner: Runner, outcome: Outcome, signature: str | None, feeds: Mapping[str, Any],
                 types: Mapping[str, Any]) -> None:
        self.runner, self.outcome, self.feeds, self.types = runner, outcome, feeds, types
        self.key = signature_key(signature or "")

    def outputs(self, model: Any, keep: set[int]) -> list[str]:
        return subgraph.sinks(model, keep)

    def fails(self, candidate: Any) -> bool:
        got = self.runner.attempt(candidate, self.feeds)
        return got.outcome is self.outcome and signature_key(got.signature or "") == self.key


class DivergenceOracle:
    """onnxruntime vs the reference evaluator at float64, per value, under the calibrated rule."""

    kind = "divergence"

    def __init__(self, runner: Runner, ref32: Mapping[str, Any], ref64: Mapping[str, Any] | None,
                 rtol: float, atol: float, types: Mapping[str, Any]) -> None:
        self.runner, self.ref32, self.ref64, self.types = runner, ref32, ref64 or {}, types
        self.rtol, self.atol = rtol, atol
        self.feeds = ref32
        self.target: str | None = None  # the value a candidate must get wrong

    def expected(self, name: str) -> Any:
        """The float64 reference value in the float32 reference's dtype (the dtype onnxruntime answers in)."""
        import numpy as np

        r32 = np.asarray(self.ref32[name])
        return np.asarray(self.ref64[name]).astype(r32.dtype) if name in self.ref64 else r32

    def noise(self, name: str) -> float | None:
        if name not in self.ref64:
            return None
        return cmp.noise_scale([self.ref32[name]], [self.ref64[name]])[0]

    def atol_of(self, name: str) -> float:
        """The effective atol of a value: the record's, raised to k x its float32 noise."""
        noise = self.noise(name)
        return self.atol if noise is None else max(self.atol, cmp.NOISE_K * noise)

    def diverges(self, name: str, actual: Any) -> cmp.OutputComparison | None:
        """The comparison of one value when onnxruntime's disagrees with the reference, else None."""
        noise = self.noise(name)
        tol = cmp.Tolerance(rtol=self.rtol, atol=self.atol, source="reference", noise=[noise],
                            method="float64" if noise is not None else None)
        result = cmp.compare_output(0, self.expected(name), actual, tol)
        return None if result else result

    def outputs(self, model: Any, keep: set[int]) -> list[str]:
        assert self.target is not None
        return [self.target]

    def fails(self, candidate: Any) -> bool:
        got = self.runner.attempt(candidate, self.feeds)
        return got.outcome is Outcome.PASS and got.outputs is not None and \
            self.diverges(candidate.graph.output[0].name, got.outputs[0]) is not None


class GraphOracle:
    """The original inputs and one failing output against the framework's value, under the record's tolerance."""

    kind = "graph"

    def __init__(self, runner: Runner, feeds: Mapping[str, Any], expected: Mapping[str, Any],
                 tolerances: Mapping[str, cmp.Tolerance], indices: Mapping[str, int], outcome: Outcome) -> None:
        self.runner, self.feeds, self.expected = runner, feeds, expected
        self.tolerances, self.indices, self.outcome = tolerances, indices, outcome
        self.target: str | None = None

    def outputs(self, model: Any, keep: set[int]) -> list[str]:
        assert self.target is not None
        return [self.target]

    def fails(self, candidate: Any) -> bool:
        got = self.runner.attempt(candidate, self.feeds)
        if got.outcome is not Outcome.PASS or got.outputs is None:
            return False
        name = candidate.graph.output[0].name
        declared = stages._declared(candidate.graph.output[0], _onnx())["shape"]
        result = cmp.compare_output(self.indices[name], self.expected[name], got.outputs[0],
                                    self.tolerances[name], declared)
        outcome = cmp.Comparison([result], 1, 1, self.tolerances[name]).outcome
        return outcome is self.outcome


def _onnx() -> Any:
    import onnx

    return onnx
