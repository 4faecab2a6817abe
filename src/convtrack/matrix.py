"""The matrix as data: matrix/*.toml declares axes, loops, companion packages, rules and presets.

A *cell* is one installable combination of package versions (one uv environment, one nox session); opsets
and exporter modes are *loops* inside a cell. Rules pin companion packages or exclude combinations, which
are kept as not_applicable with their reason rather than dropped. See matrix/README.md for the format.
"""

from __future__ import annotations

import dataclasses
import itertools
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Any

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from convtrack import converter_info, store
from convtrack import matrix_values as mv
from convtrack.matrix_values import MatrixError
from convtrack.store import SHORT_NAMES  # noqa: F401 - re-exported for the site's labels

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LOOP_AXES = ("opset", "mode")
TOP_KEYS = {"converter", "framework", "python", "description", "axes", "loop", "packages", "case_packages", "rule",
            "held", "presets"}
RULE_KEYS = {"when", "pin", "exclude", "needs", "reason", "cases", "python"}
__all__ = ["Cell", "Matrix", "MatrixError", "Rule", "Task", "cell_from_axes", "expand", "expand_all", "load",
           "load_dir"]


@dataclasses.dataclass(frozen=True)
class Rule:
    when: dict[str, Any]
    pin: dict[str, str]
    exclude: str | None
    needs: tuple[str, ...]
    reason: str
    cases: tuple[str, ...] = ()  # an `exclude` narrowed to these cases (ids or tags), see Cell.case_na
    python: str | None = None  # the interpreter of matching cells, instead of the matrix's (cell axes only)

    @property
    def case_level(self) -> bool:
        return bool(self.cases)

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
    # Case dependencies (e.g. torchvision): installed only when a selected case `requires` one. Each maps to the
    # other case packages whose pins must hold when it is installed (timm imports torchvision).
    case_packages: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    # Case-level exclusions of this cell: case id or tag -> reason (recorded not_applicable).
    case_na: dict[str, str] = dataclasses.field(default_factory=dict)
    # The interpreter a rule gave this cell when it is not the matrix's own (`python` in a rule), else None. Only
    # then is the interpreter part of the id ('torch1.13.1-ort1.20.1-onnx1.17.0-py3.10'): a cell on the matrix's
    # interpreter keeps the id, and so the records, it always had.
    python_rule: str | None = None

    @property
    def id(self) -> str:
        return store.cell_id(self.axes, self.python_rule)

    @property
    def channel(self) -> str:
        return "rc" if any(_version(v).is_prerelease for v in self.axes.values()) else "stable"

    def pip_args(self, requires: Collection[str] | None = None) -> list[str]:
        """What to install. With `requires` (the union of the selected cases' CASE["requires"]), case packages
        no selected case needs are left out, so a one-case probe installs only what that case imports."""
        keep = set(self.requirements) if requires is None else self.needed_packages(requires)
        return [f"{pkg}{spec}" for pkg, spec in self.requirements.items() if pkg in keep]

    def needed_packages(self, requires: Collection[str]) -> set[str]:
        wanted = {r for r in requires if r in self.case_packages}
        wanted |= {dep for r in wanted for dep in self.case_packages[r]}
        return {p for p in self.requirements if p not in self.case_packages or p in wanted}

    def case_exclusion(self, case_id: str, tags: Collection[str]) -> str | None:
        """The reason a case is not applicable in this cell as a whole (a case-level rule), if any."""
        # exact ids, not substrings: "issues/tf2onnx_2001" must not also exclude a later "issues/tf2onnx_20011"
        return next((why for name, why in self.case_na.items() if name == case_id or name in tags), None)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        if data["python_rule"] is None:
            del data["python_rule"]  # a cell on its matrix's interpreter is written as it always was
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
    case_packages: dict[str, list[str]] = dataclasses.field(default_factory=dict)


def _version(value: str) -> Version:
    return Version(value)


_spec = mv.spec


def _matches(condition: Any, value: Any) -> bool:
    if isinstance(condition, list):
        return any(_matches(c, value) for c in condition)
    if value is None:
        return condition is None or condition == "none"
    if mv.is_specifier(condition):
        return Version(str(value)) in SpecifierSet(condition, prereleases=True)
    return str(condition) == str(value)


def _table(path: Path, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MatrixError(path, key, value, "expected a table")
    return value


def _parse_when(path: Path, key: str, raw: dict[str, Any], axis_names: set[str]) -> dict[str, Any]:
    when = raw.get("when", {})
    if not isinstance(when, dict) or not when:
        raise MatrixError(path, f"{key}.when", when, "a rule needs a non-empty 'when' table")
    for axis, cond in when.items():
        if axis not in axis_names:
            raise MatrixError(path, f"{key}.when.{axis}", cond, f"unknown axis; known: {sorted(axis_names)}")
        mv.condition(path, f"{key}.when.{axis}", axis, cond)
    return when


def _parse_rule(path: Path, index: int, raw: Any, axis_names: set[str]) -> Rule:
    key = f"rule[{index}]"
    if not isinstance(raw, dict):
        raise MatrixError(path, key, raw, "a rule is a table")
    unknown = set(raw) - RULE_KEYS
    if unknown:
        first = sorted(unknown)[0]
        raise MatrixError(path, f"{key}.{first}", raw[first], f"unknown key; use {sorted(RULE_KEYS)}")
    when = _parse_when(path, key, raw, axis_names)
    pin = {pkg: mv.requirement(path, f"{key}.pin.{pkg}", v) for pkg, v in _table(path, f"{key}.pin",
                                                                                 raw.get("pin", {})).items()}
    exclude = raw.get("exclude")
    if exclude is not None:
        mv.string(path, f"{key}.exclude", exclude)
    needs = mv.names(path, f"{key}.needs", raw.get("needs", []))
    cases = mv.names(path, f"{key}.cases", raw.get("cases", []))
    python = None
    if "python" in raw:
        python = mv.interpreter(path, f"{key}.python", raw["python"])
        loops = sorted(a for a in when if a in LOOP_AXES)
        if loops:  # one cell is one environment: its opsets and modes cannot have interpreters of their own
            raise MatrixError(path, f"{key}.when.{loops[0]}", when[loops[0]],
                              "a rule that sets 'python' may name cell axes only in 'when'")
    if exclude is None and not pin and not needs and python is None:
        raise MatrixError(path, key, raw, "a rule must pin, exclude, need something or set python")
    if "cases" in raw and (not cases or exclude is None or pin or needs or python
                           or any(a in LOOP_AXES for a in when)):
        # a case-level exclusion is applied on the host, before the runner: it can only drop whole cases
        raise MatrixError(path, f"{key}.cases", raw["cases"],
                          "'cases' narrows an exclude on cell axes only: a non-empty list, with exclude, "
                          "no pin/needs/python, no opset/mode in 'when'")
    reason = mv.string(path, f"{key}.reason", raw.get("reason", exclude or ""))
    return Rule(when=when, pin=pin, exclude=exclude, needs=needs, reason=reason, cases=cases, python=python)


def _converter(path: Path, raw: dict[str, Any]) -> converter_info.ConverterInfo:
    """The description of the file's converter; its framework must be the one the file names."""
    for key in ("converter", "framework"):
        if not isinstance(raw.get(key), str):
            raise MatrixError(path, key, raw.get(key), "required string")
    try:
        info = converter_info.get(raw["converter"])
    except KeyError:
        raise MatrixError(path, "converter", raw["converter"],
                          f"unknown converter; known: {sorted(converter_info.known())}") from None
    if raw["framework"] != info.framework:
        raise MatrixError(path, "framework", raw["framework"], f"{info.name} converts {info.framework} models")
    return info


def _parse_loop(path: Path, raw: dict[str, Any], info: converter_info.ConverterInfo) -> dict[str, list[Any]]:
    loop = dict(_table(path, "loop", raw.get("loop", {})))
    opsets = loop.get("opset")
    if not isinstance(opsets, list) or not opsets:
        raise MatrixError(path, "loop.opset", opsets, "expected a non-empty list of integer opsets")
    loop["opset"] = [mv.opset(path, "loop.opset", o) for o in opsets]
    modes = loop.setdefault("mode", [None])
    for m in modes:
        if m not in (*info.modes, None):
            known = f"use {list(info.modes)}" if info.modes else "it has none: leave out loop.mode"
            raise MatrixError(path, "loop.mode", m, f"not an exporter mode of {info.name}; {known}")
    return loop


def _parse_case_packages(path: Path, raw: Any) -> dict[str, list[str]]:
    out = {}
    for pkg, deps in _table(path, "case_packages", raw).items():
        out[pkg] = list(mv.names(path, f"case_packages.{pkg}", deps))
        for dep in out[pkg]:
            if dep not in raw:
                raise MatrixError(path, f"case_packages.{pkg}", dep, "not itself a case package")
    return out


def _check_presets(path: Path, presets: Any, axes: dict[str, list[str]], loop: dict[str, list[Any]]) -> None:
    names = set(axes) | set(LOOP_AXES)
    for pname, preset in _table(path, "presets", presets).items():
        for axis, vals in _table(path, f"presets.{pname}", preset).items():
            if axis == "tags":
                continue
            if axis not in names:
                raise MatrixError(path, f"presets.{pname}.{axis}", vals, f"unknown axis; known: {sorted(names)}")
            if not isinstance(vals, list):
                raise MatrixError(path, f"presets.{pname}.{axis}", vals, "expected a list of values")
            pool: list[Any] = list(axes.get(axis) or loop.get(axis) or [])
            for v in vals:
                # type too: 2.6 (a float) is not "2.6.0", and true is not opset 1
                if not any(type(v) is type(p) and v == p for p in pool):
                    raise MatrixError(path, f"presets.{pname}.{axis}", v, f"not among the declared values {pool}")


def _held(path: Path, raw: Any, axes: dict[str, list[str]]) -> dict[str, str]:
    """`[held]`: axis -> the one value a preset that names none of the axis takes (said once, not per preset)."""
    held = {}
    for axis, value in _table(path, "held", raw).items():
        if axis not in axes:
            raise MatrixError(path, f"held.{axis}", value, f"not a cell axis; known: {sorted(axes)}")
        if value not in axes[axis]:
            raise MatrixError(path, f"held.{axis}", value, f"not among the declared values {axes[axis]}")
        held[axis] = value
    return held


def load(path: Path) -> Matrix:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MatrixError(path, "<file>", None, f"not valid TOML: {exc}") from None
    for key in raw:
        if key not in TOP_KEYS:
            raise MatrixError(path, key, raw[key], f"unknown top-level key; use {sorted(TOP_KEYS)}")
    info = _converter(path, raw)
    python = mv.version(path, "python", raw.get("python", "3.11"))
    description = mv.string(path, "description", raw.get("description", ""))
    axes_raw = _table(path, "axes", raw.get("axes", {}))
    if raw["framework"] not in axes_raw:
        raise MatrixError(path, f"axes.{raw['framework']}", None, "the framework must be an axis")
    axes = {name: mv.versions(path, f"axes.{name}", vals) for name, vals in axes_raw.items()}
    loop = _parse_loop(path, raw, info)
    packages = {pkg: mv.requirement(path, f"packages.{pkg}", v)
                for pkg, v in _table(path, "packages", raw.get("packages", {})).items()}
    case_packages = _parse_case_packages(path, raw.get("case_packages", {}))
    names = set(axes) | set(LOOP_AXES)
    rules = [_parse_rule(path, i, r, names) for i, r in enumerate(raw.get("rule", []))]
    presets = raw.get("presets", {})
    _check_presets(path, presets, axes, loop)
    held = _held(path, raw.get("held", {}), axes)
    presets = {name: {**{a: [v] for a, v in held.items()}, **preset} for name, preset in presets.items()}
    return Matrix(path, raw["converter"], raw["framework"], python, axes, loop, packages, rules, presets,
                  description, case_packages)


def load_dir(directory: Path) -> list[Matrix]:
    # replay.toml declares the onnxruntime replay track (convtrack.replay_matrix), not a converter
    files = sorted(p for p in directory.glob("*.toml") if p.name != "replay.toml")
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
        mv.version(matrix.path, f"axes.{name}", value)
    return _make_cell(matrix, {n: axes[n] for n in matrix.axes}, matrix.presets.get(preset_name or "", {}))


def _make_cell(matrix: Matrix, axes: dict[str, str], preset: dict[str, Any]) -> Cell:
    requirements = {pkg: _spec(v) for pkg, v in axes.items()}
    requirements.update({k: v for k, v in matrix.packages.items() if k not in axes})
    cell_na = None
    case_na: dict[str, str] = {}
    python = matrix.python
    for rule in matrix.rules:
        if rule.loop_level or not all(_matches(c, axes.get(a)) for a, c in rule.when.items()):
            continue
        if rule.case_level:
            for pattern in rule.cases:
                case_na.setdefault(pattern, rule.reason)
            continue
        if rule.python is not None:
            python = rule.python  # a later rule wins, as a later pin does
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
    return Cell(matrix.converter, matrix.framework, python, axes, requirements, tasks, cell_na,
                case_packages=dict(matrix.case_packages), case_na={} if cell_na else case_na,
                python_rule=None if python == matrix.python else python)


def expand_all(directory: Path, preset: str | None = None, converter: str | None = None) -> list[Cell]:
    cells = []
    for m in load_dir(directory):
        if converter and m.converter != converter:
            continue
        if preset and preset not in m.presets:
            continue
        cells.extend(expand(m, preset))
    return cells
