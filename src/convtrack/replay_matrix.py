"""matrix/replay.toml: the onnxruntime releases of the replay track and what each replay environment installs.

Keys: `python`, `description`, `onnxruntime` (the releases, PEP 440 strings), `[packages]` (held in every replay
environment: numpy, onnx), `[[rule]]` (`when = { onnxruntime = SPEC }`, `pin`, `reason`: a pin for the matching
releases, such as numpy < 2 for onnxruntime <= 1.18) and `[presets.NAME]` (`onnxruntime = [...]`, a subset).
Values are typed as in the converter matrices (convtrack.matrix_values): a wrong type names file, key and value.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from convtrack import matrix_values as mv
from convtrack.matrix_values import MatrixError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FILE = "replay.toml"  # in the matrix folder; convtrack.matrix.load_dir leaves it out
TOP_KEYS = {"python", "description", "onnxruntime", "packages", "rule", "presets"}


@dataclasses.dataclass(frozen=True)
class Pin:
    when: str  # a PEP 440 specifier (or a version) on onnxruntime
    pin: dict[str, str]
    reason: str

    def applies(self, version: str) -> bool:
        if mv.is_specifier(self.when):
            return Version(version) in SpecifierSet(self.when, prereleases=True)
        return Version(version) == Version(self.when)


@dataclasses.dataclass
class ReplayMatrix:
    path: Path
    python: str
    onnxruntime: list[str]
    packages: dict[str, str]  # package -> specifier
    rules: list[Pin]
    presets: dict[str, list[str]]
    description: str = ""

    def releases(self, preset: str | None = None) -> list[str]:
        if preset is None or preset == "full":
            return list(self.onnxruntime)
        if preset not in self.presets:
            raise MatrixError(self.path, "presets", preset, f"no such preset; have {sorted(self.presets)}")
        return list(self.presets[preset])

    def requirements(self, version: str) -> list[str]:
        """What the replay environment of one onnxruntime release installs (uv pip install arguments)."""
        wanted = dict(self.packages)
        for rule in self.rules:
            if rule.applies(version):
                wanted.update(rule.pin)
        return [f"onnxruntime=={version}", *(f"{pkg}{spec}" for pkg, spec in wanted.items())]


def path_in(matrix_dir: Path) -> Path:
    return matrix_dir / FILE


def load(path: Path) -> ReplayMatrix:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MatrixError(path, "<file>", None, f"not valid TOML: {exc}") from None
    except FileNotFoundError:
        raise MatrixError(path, "<file>", None, "no replay matrix: the replay track needs matrix/replay.toml") from None
    for key in raw:
        if key not in TOP_KEYS:
            raise MatrixError(path, key, raw[key], f"unknown top-level key; use {sorted(TOP_KEYS)}")
    releases = mv.versions(path, "onnxruntime", raw.get("onnxruntime"))
    packages = {pkg: mv.requirement(path, f"packages.{pkg}", v) for pkg, v in _table(path, "packages", raw).items()}
    rules = [_rule(path, i, r) for i, r in enumerate(raw.get("rule", []))]
    presets = {name: _preset(path, name, p, releases) for name, p in _table(path, "presets", raw).items()}
    return ReplayMatrix(path, mv.version(path, "python", raw.get("python", "3.11")), releases, packages, rules,
                        presets, mv.string(path, "description", raw.get("description", "")))


def _table(path: Path, key: str, raw: dict[str, Any]) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise MatrixError(path, key, value, "expected a table")
    return value


def _rule(path: Path, index: int, raw: Any) -> Pin:
    key = f"rule[{index}]"
    if not isinstance(raw, dict) or set(raw) - {"when", "pin", "reason"}:
        raise MatrixError(path, key, raw, "a rule is a table of when, pin and reason")
    when = raw.get("when")
    if not isinstance(when, dict) or set(when) != {"onnxruntime"}:
        raise MatrixError(path, f"{key}.when", when, "a replay rule's 'when' names onnxruntime only")
    cond = mv.string(path, f"{key}.when.onnxruntime", when["onnxruntime"])
    mv.condition(path, f"{key}.when.onnxruntime", "onnxruntime", cond)
    pin = {pkg: mv.requirement(path, f"{key}.pin.{pkg}", v) for pkg, v in _table(path, "pin", raw).items()}
    if not pin:
        raise MatrixError(path, f"{key}.pin", raw.get("pin"), "a replay rule must pin something")
    return Pin(cond, pin, mv.string(path, f"{key}.reason", raw.get("reason", "")))


def _preset(path: Path, name: str, raw: Any, releases: list[str]) -> list[str]:
    if not isinstance(raw, dict) or set(raw) != {"onnxruntime"}:
        raise MatrixError(path, f"presets.{name}", raw, "a replay preset lists onnxruntime releases only")
    values = mv.versions(path, f"presets.{name}.onnxruntime", raw["onnxruntime"])
    for v in values:
        if v not in releases:
            raise MatrixError(path, f"presets.{name}.onnxruntime", v, f"not among the declared releases {releases}")
    return values
