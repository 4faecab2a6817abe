"""What an issue case claims, read from its CASE `stated` dict in the terms records can be judged by.

`stated` is free text copied from the GitHub issue ("2.1 (PR #105683, inferred)", "<=2.0.1", "1.9-1.14.0"), so this
reads only the plain forms and leaves anything else unread rather than guessing: an unread boundary is simply not
checked. Versions are the converter package's (converter_info: `converter_package`, e.g. torch for torch.onnx).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from typing import Any

from packaging.version import InvalidVersion, Version

from convtrack import converter_info
from convtrack.outcomes import Outcome

# Words of a `stated.symptom` and the outcomes that show that symptom. Checked in order; several may match.
SYMPTOMS: tuple[tuple[tuple[str, ...], frozenset[Outcome]], ...] = (
    (("wrong-output", "nan", "wrong output"), frozenset({Outcome.MISMATCH})),
    (("wrong-shape", "wrong-dtype", "output/shape"), frozenset({Outcome.WRONG_SHAPE})),
    (("export", "crash"), frozenset({Outcome.CONVERT_ERROR, Outcome.CRASH, Outcome.TIMEOUT})),
    (("invalid",), frozenset({Outcome.INVALID_MODEL, Outcome.LOAD_ERROR})),
    (("ort-load", "ort load", "ort session"), frozenset({Outcome.LOAD_ERROR, Outcome.INVALID_MODEL})),
    (("ort-runtime", "runtime"), frozenset({Outcome.RUN_ERROR})),
)
_VERSION = re.compile(r"(?<![\w.])(\d+\.\d+(?:\.\d+)?)")
# "works on 2.3.1" is only an upper bound on the fix, so it is not read as one
_FIXED = re.compile(r"^\s*(?:before\s+|<=?\s*)?(\d+\.\d+(?:\.\d+)?)(?![\w.])")
_RANGE = re.compile(r"^\s*(\d+\.\d+(?:\.\d+)?)\s*-\s*(\d+\.\d+(?:\.\d+)?)(?![\w.])")
_UPTO = re.compile(r"^\s*<=\s*(\d+\.\d+(?:\.\d+)?)(?![\w.])")
_FROM = re.compile(r"^\s*(?:introduced in\s+)?(\d+\.\d+(?:\.\d+)?)(?![\w.-])")


@dataclasses.dataclass(frozen=True)
class Claim:
    symptom: str
    outcomes: frozenset[Outcome]  # outcomes that show the symptom (empty: the words name none)
    pattern: re.Pattern[str] | None  # the case's expect_signature
    modes: tuple[str, ...]  # exporter modes the issue is about; empty: any
    mode_source: str  # "stated" or why the mode was inferred
    fixed: Version | None  # first release the issue says is fixed
    broken: tuple[Version | None, Version] | None  # releases the issue says are broken (lowest may be open)

    def shows(self, outcome: Outcome) -> bool:
        return outcome in self.outcomes

    def earlier(self, outcome: Outcome) -> bool:
        """A failure at a stage before the symptom's: the model never got where the stated bug lives."""
        return bool(self.outcomes) and outcome.rank < min(o.rank for o in self.outcomes)

    def matches(self, record: Mapping[str, Any]) -> bool | None:
        """Whether the record's signature or error shows the stated error text (True when none is declared).

        None when the record carries no error text to match: a silent failure (mismatch, wrong_shape) can be the
        stated bug with a changed symptom, which only the stage can judge.
        """
        if self.pattern is None:
            return True
        texts = [t for t in (record.get("signature"), record.get("error")) if isinstance(t, str) and t]
        if not texts:
            return None
        return any(self.pattern.search(t) for t in texts)


def expected_outcomes(symptom: str) -> frozenset[Outcome]:
    text = symptom.lower()
    found: set[Outcome] = set()
    for words, outcomes in SYMPTOMS:
        if any(w in text for w in words):
            found |= outcomes
    return frozenset(found)


def version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def versions_in(text: str) -> list[Version]:
    return [v for m in _VERSION.findall(text) if (v := version(m)) is not None]


def stated_modes(stated: Mapping[str, Any], converter: str) -> tuple[tuple[str, ...], str]:
    """The exporter modes an issue is about: as stated, or the one mode its releases offered (converter_info's
    `mode_since`: an issue reported only before a mode existed is not about that mode); () for any."""
    exporters = stated.get("exporters")
    if isinstance(exporters, list) and exporters:
        return tuple(str(e) for e in exporters), "stated"
    info = converter_info.known().get(converter)
    if info is None or not info.mode_since:
        return (), ""
    seen = [v for key in (info.framework, "broken", "works") for v in versions_in(str(stated.get(key, "")))]
    if not seen:
        return (), ""
    newest = max(seen)
    absent = {m: since for m, since in info.mode_since.items() if newest < Version(since.release)}
    offered = [m for m in info.modes if m not in absent]
    if not absent or len(offered) != 1:
        return (), ""
    entries = ", ".join(since.entry for since in absent.values())
    return (offered[0],), f"reported on {info.framework} {newest}, before {entries} existed"


def stated_broken(stated: Mapping[str, Any]) -> tuple[Version | None, Version] | None:
    text = str(stated.get("broken", ""))
    if m := _RANGE.match(text):
        lo, hi = version(m[1]), version(m[2])
        return (lo, hi) if hi else None
    if m := _UPTO.match(text):
        hi = version(m[1])
        return (None, hi) if hi else None
    if m := _FROM.match(text):
        v = version(m[1])
        return (v, v) if v else None
    return None


def stated_fixed(stated: Mapping[str, Any]) -> Version | None:
    """The stated first fixed release; None when it is conditional (an opset) or the issue says it broke again."""
    text = str(stated.get("fixed", ""))
    m = _FIXED.match(text)
    if not m or "opset" in text:
        return None
    fixed = version(m[1])
    if fixed and any(v >= fixed for v in versions_in(str(stated.get("broken", "")))):
        return None  # "fixed 2.0, broken again 2.1+": no single boundary to check
    return fixed


def claim(stated: Mapping[str, Any], converter: str, expect_signature: str | None = None) -> Claim:
    symptom = str(stated.get("symptom", ""))
    modes, source = stated_modes(stated, converter)
    return Claim(symptom, expected_outcomes(symptom), re.compile(expect_signature) if expect_signature else None,
                 modes, source, stated_fixed(stated), stated_broken(stated))


def minor(v: Version) -> tuple[int, ...]:
    return v.release[:2]


def in_range(v: Version, span: tuple[Version | None, Version]) -> bool:
    lo, hi = span
    return (lo is None or minor(v) >= minor(lo)) and minor(v) <= minor(hi)


def describe_range(span: tuple[Version | None, Version]) -> str:
    lo, hi = span
    if lo is None:
        return f"<={hi}"
    return str(hi) if lo == hi else f"{lo}-{hi}"


def any_in(versions: Iterable[Version], span: tuple[Version | None, Version]) -> bool:
    return any(in_range(v, span) for v in versions)
