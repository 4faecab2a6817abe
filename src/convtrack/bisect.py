"""Bisect one axis: the first release where a case's outcome changes, the other packages held as in the good cell.

The search is a pure function over a probe callable (`search`), so it is testable without environments.
`Bisector` supplies the real probe: it reuses a stored record of the same case hash when one exists and
otherwise builds the probe's cell with `cellrun.execute` (the record is stored like any other, so a
second bisect over the same range builds nothing). An unbuildable candidate (env_error) or one showing a
different failure is skipped, like `git bisect skip` (exit 125), never counted as bad or good.

The endpoints must show the kind of change searched for, as `transitions.classify` (the classifier every view
shares) names it: a regression search needs a regression (pass -> failure, or a loud failure that became silent),
a fix search a fix (failure -> pass). A loud failure that turns into a wrong answer is therefore never a "fix"
nor a "first good" release. A failure that became a different failure (`changed`) is bisected only with --match.

Cost: N releases could be the boundary (the candidates strictly between the endpoints, plus the far
endpoint), so without skips at most ceil(log2 N) probes plus the two verified endpoints are built.
"""

from __future__ import annotations

import dataclasses
import math
import re
import shlex
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from packaging.version import Version

from convtrack import cellrun, matrix, records_index, store, suite
from convtrack.outcomes import Outcome
from convtrack.transitions import State, TransitionKind, became_silent, classify

OLD, NEW, SKIP = "old", "new", "skip"  # the lower endpoint's state, the upper endpoint's state, untestable


@dataclasses.dataclass(frozen=True)
class Search:
    last_old: str  # newest version in the older state (a candidate or the lower endpoint)
    first_new: str  # oldest version in the newer state (a candidate or the upper endpoint)
    probed: list[tuple[str, str]]  # (version, verdict) in probe order, candidates only
    untested: list[str]  # skipped candidates between last_old and first_new: the boundary is among them


def cost_bound(n_candidates: int) -> int:
    """Environments a bisect builds at most without skips: ceil(log2 N) probes + 2 endpoints, N = n + 1."""
    return math.ceil(math.log2(n_candidates + 1)) + 2


def search(lower: str, upper: str, candidates: Sequence[str], probe: Callable[[str], str]) -> Search:
    """Binary search for the first candidate in the upper endpoint's state.

    `candidates` are ordered and lie strictly between the endpoints (whose states the caller verified);
    `probe(version)` returns OLD, NEW or SKIP. For a non-monotone history the answer is still an adjacent
    (tested) OLD -> NEW pair, as with git bisect.
    """
    seq = [lower, *candidates, upper]
    i_old, i_new = 0, len(seq) - 1
    skipped: set[int] = set()
    probed: list[tuple[str, str]] = []
    while True:
        pool = [i for i in range(i_old + 1, i_new) if i not in skipped]
        if not pool:
            break
        middle = (i_old + i_new) / 2
        i = min(pool, key=lambda j: (abs(j - middle), j))
        verdict = probe(seq[i])
        probed.append((seq[i], verdict))
        if verdict == OLD:
            i_old = i
        elif verdict == NEW:
            i_new = i
        else:
            skipped.add(i)
    return Search(seq[i_old], seq[i_new], probed, [seq[i] for i in range(i_old + 1, i_new)])


@dataclasses.dataclass(frozen=True)
class Target:
    """What the failing endpoint shows and what the working one shows: the two states being separated."""

    failing: State
    working: State
    find_fix: bool  # the failure is in the older release (searching for the fix)
    match: str | None = None  # a regex over "outcome: signature" overriding the failing signature

    def failing_matches(self, state: State) -> bool:
        if state.harness or state.outcome is Outcome.PASS:
            return False
        if self.match:
            return re.search(self.match, f"{state.outcome.value}: {state.signature or ''}") is not None
        return state.same(self.failing)

    def verdict(self, state: State) -> str:
        if state.harness:
            return SKIP
        if self.failing_matches(state):
            return OLD if self.find_fix else NEW
        if state.outcome is Outcome.PASS or state.same(self.working):
            return NEW if self.find_fix else OLD
        return SKIP  # another failure: it may hide the one searched for


@dataclasses.dataclass(frozen=True)
class Probe:
    version: str
    cell: str
    outcome: str
    signature: str | None
    verdict: str  # OLD / NEW / SKIP, or "endpoint"
    built: bool  # an environment was built for it (False: a stored record was reused)
    record_id: str

    @property
    def state(self) -> State:
        return State(Outcome(self.outcome), self.signature)


class BisectError(RuntimeError):
    """An endpoint does not show what the bisect needs, or the arguments do not fit the matrix."""


def axis_values(versions: dict[str, Any], axes: Iterable[str]) -> dict[str, str]:
    return {a: str(versions[a]) for a in axes if versions.get(a)}


def same_version(a: str, b: str) -> bool:
    try:
        return Version(a) == Version(b)
    except ValueError:
        return a == b


class Bisector:
    """The real probe: one (case, opset, mode) at one version of `axis`, the other axes held as `held`."""

    def __init__(self, m: matrix.Matrix, case: suite.Case, axis: str, opset: int, mode: str | None,
                 held: dict[str, str], settings: cellrun.Settings, install_args: list[str] | None = None,
                 rerun: bool = False, prune_envs: bool = False, log: Callable[[str], None] = print) -> None:
        if axis not in m.axes:
            raise BisectError(f"axis {axis!r} is not an axis of {m.path}: {sorted(m.axes)}")
        self.m, self.case, self.axis, self.opset, self.mode = m, case, axis, opset, mode
        self.held = {a: v for a, v in held.items() if a != axis}
        self.settings, self.install_args, self.rerun, self.prune, self.log = (
            settings, install_args, rerun, prune_envs, log)
        self.probes: dict[str, Probe] = {}
        self.stored = [r for r in records_index.records_of(settings.reports, m.converter, case.id)
                       if r.get("case_hash") == case.hash and r.get("opset") == opset and r.get("mode") == mode]

    def axes_for(self, version: str) -> dict[str, str]:
        return {a: (version if a == self.axis else self.held[a]) for a in self.m.axes}

    def cell(self, version: str) -> matrix.Cell:
        one_task = dataclasses.replace(self.m, loop={"opset": [self.opset], "mode": [self.mode]})
        return matrix.cell_from_axes(one_task, self.axes_for(version))

    def lookup(self, version: str) -> dict[str, Any] | None:
        want = self.axes_for(version)
        hits = [r for r in self.stored
                if all(same_version(axis_values(r.get("versions") or {}, self.m.axes).get(a, ""), v)
                       for a, v in want.items())]
        return max(hits, key=lambda r: (r.get("created", ""), r.get("run_id", ""))) if hits else None

    def __call__(self, version: str) -> Probe:
        if version in self.probes:
            return self.probes[version]
        record = None if self.rerun else self.lookup(version)
        built = record is None
        if record is None:
            cell = self.cell(version)
            venv = self.settings.work / "envs" / cell.id
            existed = venv.exists()
            out = cellrun.execute(cell, [self.case], self.settings, install_args=self.install_args, log=self.log)
            record = next(r for r in store.read_file(out) if r["case"] == self.case.id
                          and r["opset"] == self.opset and r["mode"] == self.mode)
            if self.prune and not existed:
                shutil.rmtree(venv, ignore_errors=True)
        state = State.of(record)
        probe = Probe(version, str(record["cell"]), state.outcome.value, state.signature, "", built,
                      str(record.get("record_id", "")))
        self.probes[version] = probe
        self.log(f"  {self.axis} {version}: {state.outcome.value}{' ' + state.signature if state.signature else ''}"
                 f" ({'built' if built else 'stored record'})")
        return probe


@dataclasses.dataclass
class Result:
    case: str
    axis: str
    opset: int
    mode: str | None
    find_fix: bool
    held: dict[str, str]
    lower: Probe
    upper: Probe
    candidates: list[str]
    skipped_index: list[str]  # yanked or wheel-less releases, never probed
    probes: list[Probe]  # candidates, in probe order, verdict set
    last_old: str
    first_new: str
    untested: list[str]
    cost_bound: int
    match: str | None = None

    @property
    def built(self) -> list[str]:
        return [p.cell for p in (self.lower, self.upper, *self.probes) if p.built]

    @property
    def became_silent(self) -> bool:
        """The searched change is a loud failure turning into a silent one: 'good' then means 'still loud'."""
        return became_silent(self.lower.state, self.upper.state)

    @property
    def boundary(self) -> dict[str, str]:
        if self.find_fix:
            return {"last_bad": self.last_old, "first_good": self.first_new}
        return {"last_good": self.last_old, "first_bad": self.first_new}

    def repro(self) -> str:
        good, bad = (self.first_new, self.last_old) if self.find_fix else (self.last_old, self.first_new)
        cmd = ["convtrack", "bisect", self.case, "--axis", self.axis, "--good", good, "--bad", bad,
               "--opset", str(self.opset)]
        cmd += ["--mode", self.mode] if self.mode else []
        cmd += [f"--hold={a}={v}" for a, v in self.held.items()]
        cmd += ["--find-fix"] if self.find_fix else []
        cmd += ["--match", self.match] if self.match else []
        return " ".join(shlex.quote(c) for c in [*cmd, "--rerun"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case, "axis": self.axis, "opset": self.opset, "mode": self.mode,
            "direction": "fix" if self.find_fix else "regression", "became_silent": self.became_silent,
            "held": self.held,
            "boundary": self.boundary, "untested": self.untested, "match": self.match,
            "endpoints": [dataclasses.asdict(self.lower), dataclasses.asdict(self.upper)],
            "candidates": self.candidates, "skipped_index": self.skipped_index,
            "probes": [dataclasses.asdict(p) for p in self.probes],
            "environments_built": self.built, "cost_bound": self.cost_bound, "reproduce": self.repro(),
        }


def run(bisector: Bisector, good: str, bad: str, find_fix: bool = False, pre: bool = False,
        match: str | None = None, candidates: Sequence[str] | None = None) -> Result:
    """Verify both endpoints, then bisect the releases between them (from the package index by default)."""
    find_fix = find_fix or Version(bad) < Version(good)
    lower, upper = sorted([good, bad], key=Version)
    skipped_index: list[str] = []
    if candidates is None:
        from convtrack import index

        usable, unusable = index.candidates(bisector.axis, lower, upper, pre=pre)
        candidates, skipped_index = [str(r.version) for r in usable], [str(r.version) for r in unusable]
    bisector.log(f"bisect {bisector.case.id} on {bisector.axis} {lower}..{upper}: {len(candidates)} candidates, "
                 f"at most {cost_bound(len(candidates))} environments")
    lo, hi = bisector(lower), bisector(upper)
    failing, working = (lo, hi) if find_fix else (hi, lo)
    if failing.state.harness or failing.state.outcome is Outcome.PASS:
        raise BisectError(f"the {'older' if find_fix else 'newer'} endpoint {failing.version} should fail but "
                          f"is {failing.outcome}" + (f" ({failing.signature})" if failing.signature else ""))
    if match and not re.search(match, f"{failing.outcome}: {failing.signature or ''}"):  # Probe.outcome: str
        raise BisectError(f"--match {match!r} does not match the failing endpoint {failing.version}: "
                          f"{failing.outcome}: {failing.signature}")
    target = Target(failing.state, working.state, find_fix, match)
    if working.state.harness or target.failing_matches(working.state):
        raise BisectError(f"the {'newer' if find_fix else 'older'} endpoint {working.version} should not show "
                          f"the failure but is {working.outcome}" +
                          (f" ({working.signature})" if working.signature else ""))
    check_direction(lo, hi, find_fix, match)
    verdicts: dict[str, str] = {}

    def probe(version: str) -> str:
        verdicts[version] = target.verdict(bisector(version).state)
        return verdicts[version]

    found = search(lower, upper, list(candidates), probe)
    probes = [dataclasses.replace(bisector.probes[v], verdict=verdicts[v]) for v, _ in found.probed]
    return Result(bisector.case.id, bisector.axis, bisector.opset, bisector.mode, find_fix, bisector.held,
                  dataclasses.replace(lo, verdict="endpoint"), dataclasses.replace(hi, verdict="endpoint"),
                  list(candidates), skipped_index, probes, found.last_old, found.first_new, found.untested,
                  cost_bound(len(candidates)), match)


def check_direction(lo: Probe, hi: Probe, find_fix: bool, match: str | None) -> None:
    """Refuse endpoints whose change (older -> newer, by `classify`) is not the kind searched for."""
    kind = classify(lo.state, hi.state)
    wanted = TransitionKind.FIX if find_fix else TransitionKind.REGRESSION
    if kind is wanted or (kind is TransitionKind.CHANGED and match):
        return
    change = f"{lo.version} -> {hi.version} ({lo.outcome} -> {hi.outcome})"
    if kind is TransitionKind.REGRESSION and became_silent(lo.state, hi.state):
        raise BisectError(f"{change} is a regression: the failure became silent (a wrong answer), never a fix; "
                          f"search it with --good {lo.version} --bad {hi.version}")
    if kind is TransitionKind.CHANGED:
        raise BisectError(f"{change} is a changed failure, neither a regression nor a fix: pass --match with "
                          "the failure to search for")
    raise BisectError(f"{change} is {'a ' + kind.value if kind else 'no change'}, not a {wanted.value}")


def held_axes(m: matrix.Matrix, case: suite.Case, axis: str, good: str, reports: Path,
              overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The good cell's other axis values: --hold overrides, else the matrix default (each axis' first value)
    when records of the case at the good version used it or there are none, else the newest such record's."""
    default = {a: vals[0] for a, vals in m.axes.items() if a != axis}
    combos = [axis_values(r.get("versions") or {}, m.axes) for r in
              sorted(records_index.records_of(reports, m.converter, case.id), key=lambda r: r.get("created", ""))]
    combos = [{a: v for a, v in c.items() if a != axis} for c in combos
              if same_version(c.get(axis, ""), good) and set(c) == set(m.axes)]
    held = default if not combos or default in combos else combos[-1]
    return {**held, **(overrides or {})}
