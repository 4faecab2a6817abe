"""The release-candidate gate: run the suite on a candidate and a baseline cell, compare, decide an exit code.

Every (case, opset, mode) is put in one group by `transitions.classify`, the classifier every view shares:
new failure (pass -> a loud failure), new mismatch (pass -> wrong values or shapes, or a loud failure that
became silent), fix, changed failure (a different failure; listed, never failing the gate), unchanged
failure, pass, or skipped (a harness outcome on either side). A regression listed in triage.toml
is *triaged*: listed, not failing, until its `expires` version. Exit status: 1 when anything regressed
untriaged, 2 when an environment could not be built (or on usage errors), 0 otherwise.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename

from convtrack import cellrun, matrix, store, suite, triage, witness
from convtrack.outcomes import Outcome
from convtrack.transitions import Requires, State, TransitionKind, became_silent, classify, imports_of, set_apart

REGRESSED = ("new_failure", "new_mismatch")
GROUPS = ("new_failure", "new_mismatch", "triaged", "fix", "changed", "stack_moved", "unchanged_failure", "skipped",
          "pass")
TITLES = {"stack_moved": "Set apart: not the release's alone (the export package, the case's package or its code "
                         "path, or the harness moved too)",
          "new_failure": "New failures", "new_mismatch": "New mismatches",
          "triaged": "Triaged (known)", "fix": "Fixes", "changed": "Changed failures (neither regression nor fix)",
          "unchanged_failure": "Unchanged failures", "skipped": "Skipped (not run or harness)", "pass": "Pass"}


class GateError(ValueError):
    """A usage problem: a spec that names no version, a package that is not an axis."""


@dataclasses.dataclass(frozen=True)
class Spec:
    """What to install for one side: `torch==2.16.0rc1` or a local wheel file."""

    package: str
    version: str
    requirement: str  # the specifier appended to the package name: "==2.16.0rc1" or " @ file:///...whl"
    text: str

    @classmethod
    def parse(cls, text: str) -> Spec:
        path = Path(text)
        if text.endswith(".whl"):
            if not path.is_file():
                raise GateError(f"wheel {text} does not exist")
            try:
                name, version, _, _ = parse_wheel_filename(path.name)
            except InvalidWheelFilename as exc:
                raise GateError(f"{text}: {exc}") from None
            return cls(str(name), str(version), f" @ {path.resolve().as_uri()}", text)
        try:
            req = Requirement(text)
        except InvalidRequirement as exc:
            raise GateError(f"{text!r}: expected PACKAGE==VERSION or a wheel path ({exc})") from None
        pins = [s.version for s in req.specifier if s.operator in ("==", "===")]
        if len(pins) != 1 or "*" in pins[0]:
            raise GateError(f"{text!r}: pin one exact version (PACKAGE==VERSION)")
        return cls(canonicalize_name(req.name), pins[0], f"=={pins[0]}", text)


@dataclasses.dataclass
class Row:
    case: str
    opset: int
    mode: str
    baseline: State | None
    candidate: State | None
    group: str
    known: triage.Known | None = None
    expired: bool = False  # a triage entry exists but has expired: it no longer suppresses
    seconds: float = 0.0  # what the test took: the stage timings of its baseline and candidate records
    blame: str | None = None  # the candidate record's blame verdict (witness.shown), where blame applies

    @property
    def label(self) -> str:
        return f"{self.case} opset {self.opset} {self.mode}"

    def change(self, width: int = 120) -> str:
        def show(s: State | None, sig: bool = True) -> str:
            if s is None:
                return "-"
            text = s.signature if sig and s.signature else ""
            return s.outcome.value + (f" ({text[:width] + '...' if len(text) > width else text})" if text else "")
        b, c = self.baseline, self.candidate
        same = b is not None and c is not None and b.same(c)
        return (f"{show(b)} -> {show(c, not same)}" + (" [became silent]" if self.became_silent else "")
                + (f" [blame: {self.blame}]" if self.blame else ""))

    @property
    def kind(self) -> TransitionKind | None:
        if self.baseline is None or self.candidate is None or self.group == "stack_moved":
            return None
        return classify(self.baseline, self.candidate)

    @property
    def became_silent(self) -> bool:
        return self.baseline is not None and self.candidate is not None and became_silent(self.baseline,
                                                                                           self.candidate)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind
        return {"case": self.case, "opset": self.opset, "mode": self.mode, "group": self.group,
                "kind": kind.value if kind else None, "became_silent": self.became_silent,
                "baseline": dataclasses.asdict(self.baseline) if self.baseline else None,
                "candidate": dataclasses.asdict(self.candidate) if self.candidate else None,
                "triage": self.known.to_dict() if self.known else None, "triage_expired": self.expired}


def group_of(baseline: State | None, candidate: State | None) -> str:
    if baseline is None or candidate is None or baseline.harness or candidate.harness:
        return "skipped"
    kind = classify(baseline, candidate)
    if kind is TransitionKind.REGRESSION:  # pass -> failure, or loud -> silent (the worst: a wrong answer)
        return "new_mismatch" if candidate.outcome.is_silent else "new_failure"
    if kind is TransitionKind.FIX:
        return "fix"
    if kind is TransitionKind.CHANGED:
        return "changed"
    return "pass" if candidate.outcome is Outcome.PASS else "unchanged_failure"


@dataclasses.dataclass
class Report:
    baseline: Spec
    candidate: Spec
    baseline_cell: str
    candidate_cell: str
    rows: list[Row]
    env_errors: list[str]  # cells that could not be built

    @property
    def counts(self) -> Counter[str]:
        return Counter(r.group for r in self.rows)

    @property
    def regressed(self) -> list[Row]:
        return [r for r in self.rows if r.group in REGRESSED]

    @property
    def blame_counts(self) -> Counter[str]:
        """Whose failures the regressions are (converter, runtime, ...), from the candidate records."""
        return Counter(r.blame for r in self.regressed if r.blame)

    @property
    def status(self) -> int:
        return 2 if self.env_errors else 1 if self.regressed else 0

    def to_dict(self) -> dict[str, Any]:
        return {"baseline": self.baseline.text, "candidate": self.candidate.text,
                "baseline_cell": self.baseline_cell, "candidate_cell": self.candidate_cell,
                "status": self.status, "counts": dict(self.counts), "blame": dict(self.blame_counts),
                "env_errors": self.env_errors,
                "rows": [r.to_dict() for r in self.rows]}

    def text(self) -> str:
        lines = [f"gate: {self.candidate.text} (candidate) vs {self.baseline.text} (baseline)"]
        for group in GROUPS[:-1]:
            rows = [r for r in self.rows if r.group == group]
            if rows:
                lines.append(f"{TITLES[group]} ({len(rows)}):")
                lines += [f"  {r.label}: {r.change()}{_why(r)}" for r in rows]
        lines.append("summary: " + ", ".join(f"{g} {self.counts[g]}" for g in GROUPS if self.counts[g]))
        blamed = self.blame_counts
        if blamed:
            lines.append("blame of the regressions: " + ", ".join(f"{k} {v}" for k, v in blamed.most_common()))
        lines += [f"environment error: {c}" for c in self.env_errors]
        lines.append({0: "PASS", 1: "FAIL: regressions", 2: "ERROR: environment"}[self.status])
        return "\n".join(lines)

    def markdown(self, site_url: str = "") -> str:
        """A summary for $GITHUB_STEP_SUMMARY: the verdict and counts, then new failures and became-silent rows
        first (linked to their case pages when `site_url` is given); long lists are collapsed in <details>."""
        verdict = {0: "passed", 1: "**failed**: untriaged regressions", 2: "**error**: environment"}[self.status]
        out = [f"## convtrack gate: `{self.candidate.text}` vs `{self.baseline.text}`", "",
               f"Gate {verdict}. Cells: candidate `{self.candidate_cell}`, baseline `{self.baseline_cell}`.", "",
               "| group | count |", "|---|---|"]
        out += [f"| {TITLES[g]} | {self.counts[g]} |" for g in GROUPS if self.counts[g]]
        out += [f"| **became silent** (in new mismatches) | {sum(r.became_silent for r in self.regressed)} |"]
        out += [f"| blame of the regressions: {k} | {v} |" for k, v in self.blame_counts.most_common()]
        for c in self.env_errors:
            out.append(f"\nEnvironment could not be built: `{c}`")
        silent = [r for r in self.regressed if r.became_silent]
        first = [("Became silent (a loud failure is now a wrong answer)", silent),
                 (TITLES["new_failure"], [r for r in self.rows if r.group == "new_failure"]),
                 (TITLES["new_mismatch"], [r for r in self.rows if r.group == "new_mismatch" and not r.became_silent])]
        later = [(TITLES[g], [r for r in self.rows if r.group == g]) for g in GROUPS[2:-2]]
        for open_, sections in ((True, first), (False, later)):
            for title, rows in sections:
                if rows:
                    out += _md_section(title, rows, site_url, collapse=not open_ or len(rows) > MD_OPEN_ROWS)
        return "\n".join(out) + "\n"

    def junit(self) -> str:
        """JUnit XML: one testcase per case x opset x mode; failures = regressions, skipped = triaged/n.a."""
        counts = self.counts
        failures = sum(counts[g] for g in REGRESSED)
        skipped = counts["triaged"] + counts["skipped"]
        errors = len(self.env_errors)
        attrs = {"tests": str(len(self.rows) + errors), "failures": str(failures), "errors": str(errors),
                 "skipped": str(skipped)}
        root = ET.Element("testsuites", {"name": "convtrack gate", **attrs})
        total = f"{sum(r.seconds for r in self.rows):.3f}"
        root.set("time", total)
        suite_el = ET.SubElement(root, "testsuite", {
            "name": f"convtrack gate {self.candidate.text} vs {self.baseline.text}", **attrs, "time": total})
        props = ET.SubElement(suite_el, "properties")
        for name, value in (("candidate", self.candidate.text), ("baseline", self.baseline.text),
                            ("candidate_cell", self.candidate_cell), ("baseline_cell", self.baseline_cell)):
            ET.SubElement(props, "property", {"name": name, "value": value})
        for cell in self.env_errors:
            case_el = ET.SubElement(suite_el, "testcase", {"classname": "environment", "name": cell, "time": "0"})
            ET.SubElement(case_el, "error", {"message": f"the environment of {cell} could not be built",
                                             "type": "env_error"})
        for r in self.rows:
            case_el = ET.SubElement(suite_el, "testcase", {
                "classname": r.case.replace("/", "."), "name": f"opset{r.opset}-{r.mode}",
                "time": f"{r.seconds:.3f}"})
            if r.group in REGRESSED:
                el = ET.SubElement(case_el, "failure", {"message": f"{r.group}: {r.change()}"[:500],
                                                        "type": r.group})
                el.text = r.change() + _why(r)
            elif r.group in ("triaged", "skipped"):
                ET.SubElement(case_el, "skipped", {"message": (r.group + ": " + (_why(r).strip() or r.change()))[:500]})
            else:
                ET.SubElement(case_el, "system-out").text = f"{r.group}: {r.change()}"
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _why(r: Row) -> str:
    if r.known is None:
        return ""
    if r.expired:
        return f"  [triage expired at {r.known.expires}: {r.known.reason} {r.known.issue}]"
    return f"  [known: {r.known.reason} {r.known.issue}]"


MD_OPEN_ROWS = 20  # a section longer than this is collapsed, so the summary's first screen stays the verdict


def case_link(case: str, site_url: str) -> str:
    """The case id, linked to its page on the published site when there is one."""
    from convtrack.site.common import case_page

    return f"[`{case}`]({site_url.rstrip('/')}/{case_page(case)})" if site_url else f"`{case}`"


def _md_section(title: str, rows: list[Row], site_url: str, collapse: bool) -> list[str]:
    table = ["| case | opset | mode | baseline -> candidate | note |", "|---|---|---|---|---|"]
    table += [f"| {case_link(r.case, site_url)} | {r.opset} | {r.mode} | {_md(r.change())} | {_md(_why(r).strip())} |"
              for r in rows]
    if collapse:
        return ["", f"<details><summary>{title} ({len(rows)})</summary>", "", *table, "", "</details>"]
    return ["", f"### {title} ({len(rows)})", "", *table]


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _key(record: dict[str, Any]) -> tuple[str, int, str]:
    return record["case"], int(record["opset"]), record.get("mode") or "-"


def compare(baseline: list[dict[str, Any]], candidate: list[dict[str, Any]], known: Sequence[triage.Known],
            candidate_version: str, requires: Requires | None = None) -> list[Row]:
    """Rows for every (case, opset, mode) of either side, triage applied; a change the scan would set apart
    (transitions.set_apart: the mode's export package or, with `requires` (suite.requires_by_source), a package the
    case imports moved too, the case's package took another code path, or two harness versions judged a pass and a
    mismatch) is set apart here too."""
    def newest(records: list[dict[str, Any]]) -> dict[tuple[str, int, str], dict[str, Any]]:
        return {_key(r): r for r in records}

    newest_b, newest_c = newest(baseline), newest(candidate)
    b = {k: State.of(r) for k, r in newest_b.items()}
    c = {k: State.of(r) for k, r in newest_c.items()}
    took: dict[tuple[str, int, str], float] = {}
    for r in (*baseline, *candidate):
        took[_key(r)] = took.get(_key(r), 0.0) + sum(
            v for v in (r.get("timings") or {}).values() if isinstance(v, int | float))
    rows = []
    for key in sorted(set(b) | set(c)):
        row = Row(*key, b.get(key), c.get(key), group_of(b.get(key), c.get(key)), seconds=round(took.get(key, 0.0), 3),
                  blame=witness.verdict_of(newest_c[key]) if key in newest_c else None)
        if row.group not in ("skipped", "pass", "unchanged_failure"):  # both sides hold a converter result
            imports = imports_of(requires, key[0], str(newest_c[key].get("case_hash")))
            if set_apart(newest_b[key], newest_c[key], imports):
                row.group = "stack_moved"
        row.known = triage.lookup(list(known), *key)
        if row.known and row.group in REGRESSED:
            row.expired = row.known.expired(candidate_version)
            if not row.expired:
                row.group = "triaged"
        rows.append(row)
    return rows


def cell_for(m: matrix.Matrix, spec: Spec, held: dict[str, str], loop: dict[str, list[Any]] | None = None,
             preset: str | None = None) -> matrix.Cell:
    if spec.package not in m.axes:
        raise GateError(f"{spec.package} is not an axis of {m.path} ({sorted(m.axes)})")
    source = dataclasses.replace(m, loop={**m.loop, **loop}) if loop else m
    axes = {a: spec.version if a == spec.package else held.get(a, vals[0]) for a, vals in m.axes.items()}
    cell = matrix.cell_from_axes(source, axes, preset)
    cell.requirements[spec.package] = spec.requirement
    return cell


def run(m: matrix.Matrix, baseline: Spec, candidate: Spec, cases: list[suite.Case], settings: cellrun.Settings,
        known: Sequence[triage.Known] = (), held: dict[str, str] | None = None,
        loop: dict[str, list[Any]] | None = None, preset: str | None = None,
        install_args: list[str] | None = None, log: Callable[[str], None] = print) -> Report:
    """Build both cells, replay the cases in each (records stored as usual) and compare."""
    if baseline.package != candidate.package:
        raise GateError(f"baseline and candidate name different packages: {baseline.package}, {candidate.package}")
    cells = [cell_for(m, spec, held or {}, loop, preset) for spec in (baseline, candidate)]
    records, env_errors = [], []
    for cell, extra in zip(cells, ([], install_args or []), strict=True):
        out = cellrun.execute(cell, cases, settings, install_args=extra or None, log=log)
        recs = list(store.read_file(out))
        if recs and all(Outcome(r["outcome"]) is Outcome.ENV_ERROR for r in recs):
            env_errors.append(cell.id)
        records.append(recs)
    rows = compare(records[0], records[1], known, candidate.version, suite.requires_by_source(cases))
    return Report(baseline, candidate, cells[0].id, cells[1].id, rows, env_errors)
