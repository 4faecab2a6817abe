"""The matrix as data: matrix/*.toml declares axes, loops, companion packages, rules and presets.

A *cell* is one installable combination of package versions (one uv environment, one nox session); opsets
and exporter modes are *loops* inside a cell. Rules pin companion packages or exclude combinations, which
are kept as not_applicable with their reason rather than dropped. See matrix/README.md for the format.
"""

from __future__ import annotations

import dataclasses
import itertools
import sys
from pathlib import Path
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from convtrack import store
from convtrack.store import SHORT_NAMES  # noqa: F401 - re-exported for the site's labels

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LOOP_AXES = ("opset", "mode")
KNOWN_MODES = {"legacy", "dynamo", None}
TOP_KEYS = {"converter", "framework", "python", "description", "axes", "loop", "packages", "rule", "presets"}
RULE_KEYS = {"when", "pin", "exclude", "needs", "reason"}


class MatrixError(ValueError):
    """A malformed matrix file: the message names the file, the key and the value."""

    def __init__(self, path: Path | str, key: str, value: Any, problem: str) -> None:
        super().__init__(f"{path}: key '{key}': value {value!r}: {problem}")
        self.path, self.key, self.value = path, key, value


@dataclasses.dataclass(frozen=True)
class Rule:
    when: dict[str, Any]
    pin: dict[str, str]
    exclude: str | None
    needs: tuple[str, ...]
    reason: str

    @property
    def loop_level(self) -> bool:
        return any(k in LOOP_AXES for k in self.when)


@dataclasses.dataclass(frozen=True)
class Task:
    """One (opset, mode) inside a cell; `na` is the exclusion reason when not applicable."""

    opset: int
    mode: str | None
    na: str | None = None


@dataclasses.dataclass
class Cell:
    converter: str
    framework: str
    python: str
    axes: dict[str, str]  # the cell's own axis values, e.g. {"torch": "2.6.0", "onnxruntime": "1.20.1"}
    requirements: dict[str, str]  # package -> specifier, e.g. {"numpy": "==1.26.4"}
    tasks: list[Task]
    na: str | None = None  # the whole cell is excluded
    tags: list[str] = dataclasses.field(default_factory=list)

    @property
    def id(self) -> str:
        return store.cell_id(self.axes)

    @property
    def channel(self) -> str:
        return "rc" if any(_version(v).is_prerelease for v in self.axes.values()) else "stable"

    def pip_args(self) -> list[str]:
        return [f"{pkg}{spec}" for pkg, spec in self.requirements.items()]

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.update(id=self.id, channel=self.channel)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cell:
        fields = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in fields}
        kwargs["tasks"] = [Task(**t) for t in data["tasks"]]
        return cls(**kwargs)


@dataclasses.dataclass
class Matrix:
    path: Path
    converter: str
    framework: str
    python: str
    axes: dict[str, list[str]]
    loop: dict[str, list[Any]]
    packages: dict[str, str]
    rules: list[Rule]
    presets: dict[str, dict[str, Any]]
    description: str = ""


def _version(value: str) -> Version:
    return Version(value)


def _spec(value: str) -> str:
    """'1.2.3' means ==1.2.3; anything starting with an operator is a specifier."""
    value = value.strip()
    return value if value[:1] in "<>=!~" else f"=={value}"


def _matches(condition: Any, value: Any) -> bool:
    if isinstance(condition, list):
        return any(_matches(c, value) for c in condition)
    if value is None:
        return condition is None or condition == "none"
    if isinstance(condition, str) and condition[:1] in "<>=!~":
        return Version(str(value)) in SpecifierSet(condition, prereleases=True)
    return str(condition) == str(value)


def _check_versions(path: Path, key: str, values: Any) -> list[str]:
    if not isinstance(values, list) or not values:
        raise MatrixError(path, key, values, "expected a non-empty list of versions")
    out = []
    for v in values:
        try:
            Version(str(v))
        except InvalidVersion:
            raise MatrixError(path, key, v, "not a PEP 440 version") from None
        out.append(str(v))
    return out


def _parse_rule(path: Path, index: int, raw: Any, axis_names: set[str]) -> Rule:
    key = f"rule[{index}]"
    if not isinstance(raw, dict):
        raise MatrixError(path, key, raw, "a rule is a table")
    unknown = set(raw) - RULE_KEYS
    if unknown:
        first = sorted(unknown)[0]
        raise MatrixError(path, f"{key}.{first}", raw[first], f"unknown key; use {sorted(RULE_KEYS)}")
    when = raw.get("when", {})
    if not isinstance(when, dict) or not when:
        raise MatrixError(path, f"{key}.when", when, "a rule needs a non-empty 'when' table")
    for axis, cond in when.items():
        if axis not in axis_names:
            raise MatrixError(path, f"{key}.when.{axis}", cond, f"unknown axis; known: {sorted(axis_names)}")
        for c in cond if isinstance(cond, list) else [cond]:
            if isinstance(c, str) and c[:1] in "<>=!~":
                try:
                    SpecifierSet(c)
                except InvalidSpecifier:
                    raise MatrixError(path, f"{key}.when.{axis}", c, "not a PEP 440 specifier") from None
    pin = raw.get("pin", {})
    if not isinstance(pin, dict):
        raise MatrixError(path, f"{key}.pin", pin, "expected a table of package = version")
    for pkg, val in pin.items():
        try:
            SpecifierSet(_spec(str(val)))
        except InvalidSpecifier:
            raise MatrixError(path, f"{key}.pin.{pkg}", val, "not a version or PEP 440 specifier") from None
    exclude = raw.get("exclude")
    if exclude is not None and not isinstance(exclude, str):
        raise MatrixError(path, f"{key}.exclude", exclude, "exclude takes the reason as a string")
    if exclude is None and not pin and not raw.get("needs"):
        raise MatrixError(path, key, raw, "a rule must pin, exclude or need something")
    return Rule(
        when=when,
        pin={k: _spec(str(v)) for k, v in pin.items()},
        exclude=exclude,
        needs=tuple(raw.get("needs", ())),
        reason=str(raw.get("reason", exclude or "")),
    )


def load(path: Path) -> Matrix:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MatrixError(path, "<file>", None, f"not valid TOML: {exc}") from None
    for key in raw:
        if key not in TOP_KEYS:
            raise MatrixError(path, key, raw[key], f"unknown top-level key; use {sorted(TOP_KEYS)}")
    for key in ("converter", "framework"):
        if not isinstance(raw.get(key), str):
            raise MatrixError(path, key, raw.get(key), "required string")
    axes_raw = raw.get("axes", {})
    if raw["framework"] not in axes_raw:
        raise MatrixError(path, f"axes.{raw['framework']}", None, "the framework must be an axis")
    axes = {name: _check_versions(path, f"axes.{name}", vals) for name, vals in axes_raw.items()}
    loop = dict(raw.get("loop", {}))
    opsets = loop.get("opset")
    if not isinstance(opsets, list) or not opsets or not all(isinstance(o, int) and 1 <= o <= 30 for o in opsets):
        raise MatrixError(path, "loop.opset", opsets, "expected a non-empty list of integer opsets")
    modes = loop.setdefault("mode", [None])
    for m in modes:
        if m not in KNOWN_MODES:
            raise MatrixError(path, "loop.mode", m, f"unknown exporter mode; use {sorted(x for x in KNOWN_MODES if x)}")
    packages = {}
    for pkg, val in raw.get("packages", {}).items():
        try:
            SpecifierSet(_spec(str(val)))
        except InvalidSpecifier:
            raise MatrixError(path, f"packages.{pkg}", val, "not a version or PEP 440 specifier") from None
        packages[pkg] = _spec(str(val))
    names = set(axes) | set(LOOP_AXES)
    rules = [_parse_rule(path, i, r, names) for i, r in enumerate(raw.get("rule", []))]
    presets = raw.get("presets", {})
    for pname, preset in presets.items():
        for axis, vals in preset.items():
            if axis == "tags":
                continue
            if axis not in names:
                raise MatrixError(path, f"presets.{pname}.{axis}", vals, f"unknown axis; known: {sorted(names)}")
            pool: list[Any] = list(axes.get(axis) or loop.get(axis) or [])
            for v in vals:
                if v not in pool:
                    raise MatrixError(path, f"presets.{pname}.{axis}", v, f"not among the declared values {pool}")
    return Matrix(path, raw["converter"], raw["framework"], str(raw.get("python", "3.11")), axes, loop,
                  packages, rules, presets, str(raw.get("description", "")))


def load_dir(directory: Path) -> list[Matrix]:
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise MatrixError(directory, "<dir>", None, "no matrix files (*.toml) found")
    return [load(p) for p in files]


def _loop_values(matrix: Matrix, preset: dict[str, Any], axis: str) -> list[Any]:
    return list(preset.get(axis, matrix.loop.get(axis, [None])))


def expand(matrix: Matrix, preset_name: str | None = None) -> list[Cell]:
    """Every cell of the matrix (or of one preset), with rules applied and exclusions kept."""
    if preset_name is not None and preset_name not in matrix.presets:
        raise MatrixError(matrix.path, "presets", preset_name, f"no such preset; have {sorted(matrix.presets)}")
    preset = matrix.presets.get(preset_name, {}) if preset_name else {}
    names = list(matrix.axes)
    cells = []
    for combo in itertools.product(*(preset.get(n, matrix.axes[n]) for n in names)):
        axes = dict(zip(names, combo, strict=True))
        cells.append(_make_cell(matrix, axes, preset))
    for cell in cells:
        in_presets = {
            name for name, p in matrix.presets.items()
            if all(cell.axes[a] in p[a] for a in p if a in matrix.axes)
        }
        cell.tags = sorted({"full", cell.channel} | in_presets)
    return cells


def cell_from_axes(matrix: Matrix, axes: dict[str, str], preset_name: str | None = None) -> Cell:
    """The cell for arbitrary axis values (bisect and gate probe versions the matrix does not list)."""
    unknown, missing = set(axes) - set(matrix.axes), set(matrix.axes) - set(axes)
    if unknown or missing:
        raise MatrixError(matrix.path, "axes", sorted(unknown or missing)[0],
                          f"{'not an axis' if unknown else 'a value is needed for every axis'}: {sorted(matrix.axes)}")
    for name, value in axes.items():
        _check_versions(matrix.path, f"axes.{name}", [value])
    return _make_cell(matrix, {n: axes[n] for n in matrix.axes}, matrix.presets.get(preset_name or "", {}))


def _make_cell(matrix: Matrix, axes: dict[str, str], preset: dict[str, Any]) -> Cell:
    requirements = {pkg: _spec(v) for pkg, v in axes.items()}
    requirements.update({k: v for k, v in matrix.packages.items() if k not in axes})
    cell_na = None
    for rule in matrix.rules:
        if rule.loop_level or not all(_matches(c, axes.get(a)) for a, c in rule.when.items()):
            continue
        for pkg, spec in rule.pin.items():
            if pkg in axes:
                continue  # an axis value is never overridden by a pin
            requirements[pkg] = spec
        for pkg in rule.needs:
            if pkg not in requirements:
                raise MatrixError(matrix.path, "rule.needs", pkg,
                                  f"required by a rule ({rule.reason}) but not installed")
        if rule.exclude and cell_na is None:
            cell_na = rule.exclude
    tasks = []
    for opset in _loop_values(matrix, preset, "opset"):
        for mode in _loop_values(matrix, preset, "mode"):
            values = {**axes, "opset": opset, "mode": mode}
            na = cell_na or next(
                (r.exclude for r in matrix.rules if r.exclude and r.loop_level
                 and all(_matches(c, values.get(a)) for a, c in r.when.items())),
                None,
            )
            tasks.append(Task(opset, mode, na))
    return Cell(matrix.converter, matrix.framework, matrix.python, axes, requirements, tasks, cell_na)


def expand_all(directory: Path, preset: str | None = None, converter: str | None = None) -> list[Cell]:
    cells = []
    for m in load_dir(directory):
        if converter and m.converter != converter:
            continue
        if preset and preset not in m.presets:
            continue
        cells.extend(expand(m, preset))
    return cells
