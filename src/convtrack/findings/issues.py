"""Where our observations differ from what the issues state: each issue reproducer's claim (its CASE `stated` and
`expect_signature`, read by `claims`) against the verdict `observe` gives on the records (`convtrack suite observe`).

A reproducer differs when the verdict is "no" (the stated symptom never shows; a *control*, an issue stated fixed
before the oldest release we ran, passing everywhere, agrees with its issue and is only counted); when the bug shows
as another symptom ("partly", or a "yes" earned by the stated error text at another stage or by the stated fix
boundary, with no record showing the stated symptom); or when the symptom persists on releases the issue states are
fixed.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from packaging.version import Version

from convtrack import claims, observe
from convtrack.findings.rows import Row, package
from convtrack.suite import Case

NOT_REPRODUCED = "not reproduced"
OTHER_SYMPTOM = "another symptom"
FIX_CONTRADICTED = "stated fix contradicted"


@dataclasses.dataclass
class Difference:
    case: str
    converter: str
    issue: str
    kind: str  # NOT_REPRODUCED, OTHER_SYMPTOM or FIX_CONTRADICTED
    verdict: str  # observe's sentence


@dataclasses.dataclass
class IssueReport:
    cases: int  # issue reproducers with records of their current source
    verdicts: dict[str, int]  # yes / partly / no / unknown / n/a -> cases
    controls: int  # "no" verdicts on issues stated fixed before the oldest release run
    differences: list[Difference]


def verdict_word(agrees: str) -> str:
    """The leading word of an observe verdict (documented: yes / partly / no / unknown / n/a)."""
    return agrees.split(":", 1)[0].strip()


def _claim(case: Case) -> claims.Claim:
    stated = case.meta.get("stated") or {}
    return claims.claim(stated, case.converter, case.meta.get("expect_signature"))


def _mine(case: Case, rows: Iterable[Row]) -> list[Row]:
    return [r for r in rows if r["case"] == case.id and r.get("case_hash") == case.hash
            and r["outcome"].is_converter_result]


def _released(r: Row) -> Version | None:
    return claims.version(str(r["versions"].get(package(r), "")))


def is_control(claim: claims.Claim, rows: list[Row]) -> bool:
    """Stated fixed before the oldest release run: passing everywhere is what the issue predicts."""
    versions = [v for r in rows if (v := _released(r)) is not None]
    return claim.fixed is not None and bool(versions) and min(versions) >= claim.fixed


def _shows(claim: claims.Claim, r: Row) -> bool:
    """The record shows the stated symptom (with its error text, when declared) in the stated mode."""
    return (claim.shows(r["outcome"]) and claim.matches(r) is not False
            and (not claim.modes or r["mode"] in claim.modes))


def fix_contradicted(claim: claims.Claim, rows: list[Row]) -> bool:
    """The stated symptom on a release at or past the stated fix."""
    if claim.fixed is None:
        return False
    return any((v := _released(r)) is not None and v >= claim.fixed and _shows(claim, r) for r in rows)


def other_symptom(word: str, claim: claims.Claim, rows: list[Row]) -> bool:
    """The bug shows, but not as stated: "partly", or a "yes" given for the stated error text at another stage or for
    the stated fix boundary while no record shows the stated symptom. Issues whose symptom names no outcome
    (structural, performance) are judged by other means and never counted here."""
    if word == "partly":
        return True
    return word == "yes" and bool(claim.outcomes) and not any(_shows(claim, r) for r in rows)


def _kind(word: str, claim: claims.Claim, rows: list[Row]) -> str | None:
    if fix_contradicted(claim, rows):
        return FIX_CONTRADICTED
    if word == "no" and not is_control(claim, rows):
        return NOT_REPRODUCED
    if other_symptom(word, claim, rows):
        return OTHER_SYMPTOM
    return None


def report(cases: Iterable[Case], rows: Iterable[Mapping[str, Any]]) -> IssueReport:
    """The verdict of every issue case with records (`rows`: the newest record per task, probes included)."""
    by_case: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_case[str(r["case"])].append(dict(r))
    # observe reads a case's own records, and other cases' failures for where else the stated error shows: handing it
    # only those gives the same verdict without scanning every record once per case
    failing = [r for part in by_case.values() for r in part if r["outcome"].is_failure]
    words: Counter[str] = Counter()
    controls = 0
    differences = []
    for case in sorted((c for c in cases if c.kind == "issue"), key=lambda c: c.id):
        seen = observe.observe(case, by_case.get(case.id, []) + [r for r in failing if r["case"] != case.id])
        if seen is None:
            continue
        word, claim, mine = verdict_word(seen.agrees), _claim(case), _mine(case, by_case.get(case.id, []))
        words[word] += 1
        controls += word == "no" and is_control(claim, mine)
        kind = _kind(word, claim, mine)
        if kind:
            differences.append(Difference(case.id, case.converter, str(case.meta.get("issue", "")), kind,
                                          seen.agrees))
    order = [FIX_CONTRADICTED, NOT_REPRODUCED, OTHER_SYMPTOM]
    differences.sort(key=lambda d: (order.index(d.kind), d.case))
    return IssueReport(sum(words.values()), dict(sorted(words.items())), controls, differences)
