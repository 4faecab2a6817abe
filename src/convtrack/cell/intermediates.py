"""The framework's own intermediate values of one forward pass, for locating where a converted model departs.

torch: every aten operator's output, recorded by a `TorchDispatchMode` while the model runs eagerly on the failing
seed's input (the framework's ground truth at op granularity, whatever the exporter). Bounded in count and bytes:
past the bounds the capture stops and says so. Other frameworks: none yet (the reason says so).
"""

from __future__ import annotations

from typing import Any

MAX_VALUES = 20000
MAX_BYTES = 256 * 2**20  # written to disk for the blame's child process: keep it well below a task's memory


def capture(framework: str, model: Any, inputs: tuple[Any, ...]) -> tuple[list[Any], str]:
    """(numpy values in execution order, a note on how complete they are); never raises."""
    if framework != "torch":
        return [], f"no intermediate capture for {framework}"
    try:
        return _torch(model, inputs)
    except Exception as exc:  # noqa: BLE001 - a capture failure costs only the framework comparison
        return [], f"capture failed: {type(exc).__name__}: {str(exc)[:200]}"


def _torch(model: Any, inputs: tuple[Any, ...]) -> tuple[list[Any], str]:
    import torch
    from torch.utils._python_dispatch import TorchDispatchMode
    from torch.utils._pytree import tree_flatten

    values: list[Any] = []
    total = [0, False]  # bytes so far, truncated

    class Record(TorchDispatchMode):
        def __torch_dispatch__(self, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
            out = func(*args, **(kwargs or {}))
            for t in tree_flatten(out)[0]:
                if not isinstance(t, torch.Tensor) or t.is_sparse or t.dtype in (torch.bfloat16,):
                    continue
                if len(values) >= MAX_VALUES or total[0] + t.numel() * t.element_size() > MAX_BYTES:
                    total[1] = True
                    continue
                values.append(t.detach().cpu().clone().numpy())
                total[0] += t.numel() * t.element_size()
            return out

    args = tuple(torch.from_numpy(a.copy()) if hasattr(a, "dtype") else a for a in inputs)
    with torch.no_grad(), Record():
        model(*args)
    note = f"{len(values)} aten op outputs captured in eager mode"
    return values, note + (" (truncated at the capture bounds)" if total[1] else "")
