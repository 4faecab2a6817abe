"""What the host knows about each converter: one `ConverterInfo` per converter, one module per converter here.

Design. A converter has two halves. Its *behaviour* (importing the framework, exporting, computing references)
runs inside a cell: `convtrack.cell.converters.<x>`. Its *description* (name, framework, exporter modes, the
packages whose releases get pages and labels, the CASE keys passed to `convert` as export options) is needed by
the host too: matrix and suite validation, issue claims, `observe` labels, the site. Host-side modules never
import cell modules, so the description lives here, in plain frozen data with no imports beyond the standard
library, and the converter class *references* it (`info = INFO`): one place per converter, read by both sides.

Adding a converter is a module here (`INFO = ConverterInfo(...)`), its class in `convtrack/cell/converters/`, a
matrix file and cases; matrix, suite, claims, observe and the site read everything from `get(name)`.
`register` adds a description at run time (a plugin, or a test's toy converter).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import pkgutil
from collections.abc import Callable, Mapping
from typing import Any


@dataclasses.dataclass(frozen=True)
class Option:
    """A CASE key handed to the converter's `convert` as an export option: its type check, in code and words."""

    accepts: Callable[[Any], bool]
    words: str


@dataclasses.dataclass(frozen=True)
class ModeSince:
    """An exporter mode the framework's main entry point offers only from one release on."""

    release: str  # the framework's first release offering it
    entry: str  # how it is asked for there, in words: "export(dynamo=)"


@dataclasses.dataclass(frozen=True)
class PathSwitch:
    """A case package that takes another code path from one framework release on (timm calls
    F.scaled_dot_product_attention once torch has it): across that release the converter is handed another model, so
    a failure there that names the new path is the model's change, not the converter's (transitions.scan)."""

    package: str  # the case package that switches: "timm"
    since: str  # the framework's first release on the new path: "2.0"
    marker: str  # what a failure's signature names when the new path does not convert: "scaled_dot_product_attention"
    evidence: str  # where the package decides, at the release the matrix pins


@dataclasses.dataclass(frozen=True)
class AdapterSwitch:
    """A framework release from which our adapter calls the converter differently, because the converter needs it
    (torch < 1.8 has no shape inference, so the adapter names the outputs in dynamic_axes there): a change of one of
    `outcomes` across that release, in `mode`, is the adapter's call as much as the converter's (transitions.scan)."""

    since: str  # the framework's first release on the other call: "1.8"
    mode: str | None  # the exporter mode it applies to ("legacy"); None: every mode
    outcomes: frozenset[str]  # the verdicts the call decides ("wrong_shape": what the model declares)
    what: str  # the two calls, in words


@dataclasses.dataclass(frozen=True)
class ConverterInfo:
    name: str  # as in records, matrix files and CASE["converter"]: "torch.onnx"
    framework: str  # the framework axis: "torch"
    # Distributions whose versions go into every record (besides onnx, onnxruntime, numpy).
    packages: tuple[str, ...] = ()
    # Exporter modes looped inside a cell; () for a converter with one way to export (mode None).
    modes: tuple[str, ...] = ()
    # The packages a result is a result *of*, in label order: they get release pages, badges and `observe` labels
    # ("tensorflow 2.15.1 + tf2onnx 1.17.0"). The last one is the converter's own package.
    release_axes: tuple[str, ...] = ()
    export_options: Mapping[str, Option] = dataclasses.field(default_factory=dict)
    mode_since: Mapping[str, ModeSince] = dataclasses.field(default_factory=dict)
    repos: Mapping[str, str] = dataclasses.field(default_factory=dict)  # package -> GitHub repository (compare links)
    # Packages a mode's export runs through besides the release axes (the dynamo exporter's onnxscript): a change of
    # outcome across releases that also moved one of them is not the release's alone (transitions.scan)
    mode_packages: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    # Case packages released in lockstep with the framework (each torchvision release pins one torch release): they
    # move with every release and cannot be held, so a change with one of them moved still counts as the release's
    locked_packages: tuple[str, ...] = ()
    path_switches: tuple[PathSwitch, ...] = ()
    adapter_switches: tuple[AdapterSwitch, ...] = ()
    # Mode -> the first framework release whose export in that mode no longer depends on the process it runs in:
    # before it, each such task runs on a fresh worker that runs nothing else, with the cyclic garbage collector
    # paused, and a failure runs once more (convtrack.cell.runner)
    isolated_before: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.release_axes:
            object.__setattr__(self, "release_axes", (self.framework,))

    @property
    def converter_package(self) -> str:
        """The package whose version is the converter's: the framework itself for torch.onnx."""
        return self.release_axes[-1]

    def isolated_modes(self, release: str) -> frozenset[str]:
        """The modes whose tasks run isolated on framework release `release` (`isolated_before`)."""
        return frozenset(mode for mode, since in self.isolated_before.items()
                         if release_parts(release, len(since.split("."))) < release_parts(since))

    def release_label(self, versions: Mapping[str, Any]) -> str:
        """'torch 2.1.2', 'tensorflow 2.15.1 + tf2onnx 1.17.0': the release a result speaks for."""
        return " + ".join(f"{axis} {versions.get(axis, '?')}" for axis in self.release_axes)


def release_parts(version: str, parts: int | None = None) -> tuple[int, ...]:
    """The leading numeric components of a release ("2.4.1+cpu" -> (2, 4, 1); parts=2 -> (2, 4)), for the cell
    side, which has no `packaging` (the host orders versions by PEP 440: analysis.version_key). A component that is
    not a number ends them ("2.5.0rc1" -> (2, 5)); an empty result is (-1,): older than every release."""
    found: list[int] = []
    for part in version.split("+")[0].split(".")[:parts]:
        if not part.isdigit():
            break
        found.append(int(part))
    return tuple(found) or (-1,)


_registered: dict[str, ConverterInfo] = {}


@functools.lru_cache(maxsize=None)  # noqa: UP033 (functools.cache: Python 3.9; the cell side runs on 3.8)
def _discover() -> dict[str, ConverterInfo]:
    """The INFO of every module of this package (imported on first use: they import this module)."""
    found: dict[str, ConverterInfo] = {}
    for module in pkgutil.iter_modules(__path__):
        info = getattr(importlib.import_module(f"{__name__}.{module.name}"), "INFO", None)
        if isinstance(info, ConverterInfo):
            found[info.name] = info
    return found


def register(info: ConverterInfo) -> ConverterInfo:
    """Add (or replace) a description at run time; `unregister` removes it again."""
    _registered[info.name] = info
    return info


def unregister(name: str) -> None:
    _registered.pop(name, None)


def known() -> dict[str, ConverterInfo]:
    """Every description by converter name: this package's modules, then registered ones."""
    return {**_discover(), **_registered}


def get(name: str) -> ConverterInfo:
    table = known()
    if name not in table:
        raise KeyError(f"unknown converter {name!r}; have {sorted(table)}")
    return table[name]


def describe(name: str, framework: str = "") -> ConverterInfo:
    """The description of `name`, or a plain one (no modes, the framework as its release) for a converter this
    convtrack does not know, e.g. in records written by a newer one."""
    return known().get(name) or ConverterInfo(name, framework or name)


def all_modes() -> set[str]:
    return {m for info in known().values() for m in info.modes}
