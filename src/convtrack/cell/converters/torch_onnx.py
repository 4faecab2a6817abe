"""torch.onnx: the TorchScript exporter (mode "legacy") and the dynamo exporter (mode "dynamo")."""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convtrack.cell.converters.base import Converter
from convtrack.converter_info import release_parts
from convtrack.converter_info.torch_onnx import INFO


def _leaves(value: Any) -> list[Any]:
    """The leaves of a nested output (tuple, list, dict, HF ModelOutput) in the order the exporter flattens them."""
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    if isinstance(value, (list, tuple)):
        return [leaf for v in value for leaf in _leaves(v)]
    return [] if value is None else [value]


def flatten(value: Any) -> list[Any]:
    """Tensors and Python numbers of a nested output in order, as numpy arrays."""
    import numpy as np
    import torch

    out = []
    for leaf in _leaves(value):
        if isinstance(leaf, torch.Tensor):
            out.append(leaf.detach().cpu().numpy())
        elif isinstance(leaf, (int, float, bool)):
            out.append(np.asarray(leaf))
        else:
            raise TypeError(f"cannot flatten output of type {type(leaf).__name__}")
    return out


class TorchOnnx(Converter):
    info = INFO

    def load(self) -> None:
        import torch

        torch.set_num_threads(1)  # 2-core machines: keep timings comparable and leave a core to the supervisor
        self._has_dynamo_kw = "dynamo" in inspect.signature(torch.onnx.export).parameters
        # Before 1.8 the legacy exporter ran no ONNX shape inference: an output not named in dynamic_axes is
        # declared with the traced (static) shape, so a torch 1.7 user names the outputs too (measured: torch 1.7.1
        # declares [2, 16, 16, 16] where 1.8.1 declares symbolic dims for the same export; pytorch#46629 turned
        # shape inference on in 1.8).
        self._names_outputs = release_parts(torch.__version__, 2) < (1, 8)

    def seed(self, seed: int) -> None:
        import torch

        torch.manual_seed(seed)

    def _tensors(self, inputs: tuple[Any, ...]) -> tuple[Any, ...]:
        import torch

        return tuple(torch.from_numpy(a.copy()) if hasattr(a, "dtype") else a for a in inputs)

    def reference(self, model: Any, inputs: tuple[Any, ...]) -> list[Any]:
        import torch

        with torch.no_grad():
            return flatten(model(*self._tensors(inputs)))

    def reference64(self, model: Any, inputs: tuple[Any, ...]) -> list[Any]:
        """A float64 twin (deep copy, `.double()`) on the float inputs cast to float64."""
        import copy

        import numpy as np
        import torch

        from convtrack.cell.converters.base import NoFloat64

        if not isinstance(model, torch.nn.Module):
            raise NoFloat64(f"the model is a {type(model).__name__}, not a torch.nn.Module")
        twin = copy.deepcopy(model).double()
        wide = tuple(a.astype(np.float64) if getattr(a, "dtype", None) is not None and a.dtype.kind == "f" else a
                     for a in inputs)
        with torch.no_grad():
            return flatten(twin(*self._tensors(wide)))

    def convert(self, model: Any, inputs: tuple[Any, ...], opset: int, mode: str | None, path: Path,
                options: Mapping[str, Any]) -> None:
        import torch

        args = self._tensors(inputs)
        names = [f"input_{i}" for i in range(len(args))]
        dynamic = {int(i): [int(d) for d in dims] for i, dims in options.get("dynamic", {}).items()}
        legacy_kw: dict[str, Any] = {"opset_version": opset, "input_names": names}
        if dynamic:
            legacy_kw["dynamic_axes"] = {names[i]: dims for i, dims in dynamic.items()}
            if self._names_outputs and mode != "dynamo":
                legacy_kw["output_names"], outputs = _dynamic_outputs(model, args)
                legacy_kw["dynamic_axes"].update(outputs)
        with warnings.catch_warnings(), (torch.no_grad() if options.get("export_no_grad") else _null()):
            warnings.simplefilter("ignore")
            if mode == "dynamo":
                self._dynamo(model, args, opset, path, dynamic)
            elif self._has_dynamo_kw:  # from 2.5; the default flips to dynamo in 2.9, so always say which
                torch.onnx.export(model, args, str(path), dynamo=False, **legacy_kw)
            else:
                torch.onnx.export(model, args, str(path), **legacy_kw)

    def _dynamo(self, model: Any, args: tuple[Any, ...], opset: int, path: Path,
                dynamic: dict[int, list[int]] | None = None) -> None:
        import torch

        params = inspect.signature(torch.onnx.export).parameters
        # torch 2.4 has export(dynamo=True) but no dynamic_shapes: its dynamo path with dynamic dims stays on
        # dynamo_export (adapter misuse of an API is the harness's bug, never the converter's)
        if self._has_dynamo_kw and (not dynamic or "dynamic_shapes" in params):
            kwargs: dict[str, Any] = {"opset_version": opset, "dynamo": True}
            if dynamic:
                kwargs["dynamic_shapes"] = _dynamic_shapes(model, args, dynamic)
            if "external_data" in params:
                kwargs["external_data"] = False
            # `optimize` is left at each release's default (False in 2.6, True from 2.7; 2.5 has none): a result
            # measures the export its users get, and forcing it on made 2.6's fixes over 2.5 the flag's (118 of 150)
            program = torch.onnx.export(model, args, **kwargs)
            program.save(str(path))
        else:  # torch 2.1-2.4 (the only dynamo entry point there), fixed at opset 18
            options = torch.onnx.ExportOptions(dynamic_shapes=True) if dynamic else None
            program = torch.onnx.dynamo_export(model, *args, export_options=options)
            program.save(str(path))


def _dynamic_outputs(model: Any, args: tuple[Any, ...]) -> tuple[list[str], dict[str, list[int]]]:
    """output_names and their dynamic_axes for an exporter without shape inference: every dim of every output.

    Which output dims follow the dynamic input dims is what shape inference would tell; without it, leaving a dim
    out declares the traced size, which the next input shape contradicts (a harness misuse, not the exporter's).
    """
    import torch

    with torch.no_grad():
        ranks = _tensor_ranks(model(*args))
    names = [f"output_{i}" for i in range(len(ranks))]
    return names, {name: list(range(rank)) for name, rank in zip(names, ranks) if rank}  # noqa: B905


def _tensor_ranks(value: Any) -> list[int]:
    """The rank of every tensor of a nested output (non-tensors are no graph outputs)."""
    import torch

    return [leaf.dim() for leaf in _leaves(value) if isinstance(leaf, torch.Tensor)]


def _dynamic_shapes(model: Any, args: tuple[Any, ...], dynamic: dict[int, list[int]]) -> tuple[Any, ...]:
    """torch.export's dynamic_shapes for `args`: one entry per argument, mirroring its structure.

    Dim.AUTO (2.6+) lets export specialise a dim instead of failing; that shows at run time. Only tensor
    arguments take a dim mapping; any other argument gets None (a dict for a tuple argument is a misuse).
    """
    import torch

    auto = getattr(torch.export.Dim, "AUTO", None)
    out: list[Any] = []
    for i, arg in enumerate(args):
        dims = dynamic.get(i, [])
        if dims and isinstance(arg, torch.Tensor):
            out.append({d: auto if auto is not None else torch.export.Dim(f"d{i}_{d}") for d in dims})
        else:
            out.append(None)
    return _bind_varargs(model, tuple(out))


def _bind_varargs(model: Any, specs: tuple[Any, ...]) -> tuple[Any, ...]:
    """torch.export matches dynamic_shapes to forward's parameters: a `*args` parameter takes one tuple."""
    try:
        params = list(inspect.signature(model.forward).parameters.values())
    except (TypeError, ValueError, AttributeError):
        return specs
    for i, param in enumerate(params):
        if param.kind is inspect.Parameter.VAR_POSITIONAL:
            return (*specs[:i], specs[i:])
    return specs


def _null() -> Any:
    import contextlib

    return contextlib.nullcontext()
