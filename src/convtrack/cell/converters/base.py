"""The contract every converter implements; the runner knows nothing else about a framework."""

from __future__ import annotations

import abc
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from convtrack.converter_info import ConverterInfo


class NoFloat64(Exception):
    """The model cannot be run in float64; the message says why."""


class Converter(abc.ABC):
    """Turns a framework model into an ONNX file and computes the framework's own reference outputs.

    Inputs and outputs cross this boundary as numpy arrays, so comparison and onnxruntime never see a
    framework type. Implementations import their framework inside methods, never at module import. What the
    host also needs to know (modes, release axes, export options) is the class's `info`, a description in
    convtrack.converter_info; `name`, `framework` and `packages` are read from it.
    """

    info: ClassVar[ConverterInfo]
    name: ClassVar[str] = ""
    framework: ClassVar[str] = ""
    packages: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "info" in vars(cls):  # one source: the description, never a second spelling on the class
            cls.name, cls.framework, cls.packages = cls.info.name, cls.info.framework, cls.info.packages

    @abc.abstractmethod
    def load(self) -> None:
        """Import the framework once per process; raising here makes every task an env_error."""

    @abc.abstractmethod
    def reference(self, model: Any, inputs: tuple[Any, ...]) -> list[Any]:
        """The framework's outputs on one input tuple, flattened to a list of numpy arrays."""

    @abc.abstractmethod
    def convert(self, model: Any, inputs: tuple[Any, ...], opset: int, mode: str | None, path: Path,
                options: Mapping[str, Any]) -> None:
        """Write the ONNX model for `model` to `path`; raise on failure. `options`: the case's values of the
        CASE keys `info.export_options` declares."""

    def reference64(self, model: Any, inputs: tuple[Any, ...]) -> list[Any]:
        """The same model on the same inputs computed in float64 (to measure the framework's float32 noise).

        Raise NoFloat64 (or any exception) when the model cannot run in float64: the comparison then keeps the
        case's tolerance and records the reason.
        """
        raise NoFloat64(f"{self.name} has no float64 reference")

    def seed(self, seed: int) -> None:
        """Seed the framework's own random generators (before a case builds its model)."""
        return None
