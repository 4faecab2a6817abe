"""torch.onnx: the TorchScript exporter (mode "legacy") and the dynamo exporter (mode "dynamo")."""

from __future__ import annotations

from typing import Any

from convtrack.converter_info import AdapterSwitch, ConverterInfo, ModeSince, Option, PathSwitch


def _is_dynamic(v: Any) -> bool:
    """{"0": [0, 2]}: input index (a string) -> its dynamic dims."""
    return isinstance(v, dict) and all(
        isinstance(k, str) and k.isdigit() and isinstance(d, list)
        and all(isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in d)
        for k, d in v.items())


INFO = ConverterInfo(
    name="torch.onnx",
    framework="torch",
    packages=("torch", "onnxscript", "torchvision", "transformers", "timm"),
    modes=("legacy", "dynamo"),
    release_axes=("torch",),
    export_options={
        "dynamic": Option(_is_dynamic, "a dict of input index (string) -> list of dims"),
        "export_no_grad": Option(lambda v: isinstance(v, bool), "true or false"),  # export under torch.no_grad()
    },
    # torch.onnx.export gained `dynamo=` in 2.5; before that it is the TorchScript exporter, and the dynamo one was
    # a separate function (dynamo_export) that cases mark with stated "exporters". So an issue reported only on
    # releases before 2.5, with no exporter stated, is about the legacy exporter.
    mode_since={"dynamo": ModeSince("2.5", "export(dynamo=)")},
    repos={"torch": "pytorch/pytorch", "onnxscript": "microsoft/onnxscript"},
    # the dynamo exporter translates through onnxscript's function library; the matrix pins it per torch era
    mode_packages={"dynamo": ("onnxscript",)},
    locked_packages=("torchvision",),
    # Libraries that call torch's fused attention once the torch release has it. Before, the model computes attention
    # from matmul and softmax; after, the legacy exporter is handed aten::scaled_dot_product_attention, which torch
    # 2.0 cannot export at all and 2.1+ only from opset 14. Found by the hand audit of 2026-12-01 (vit_tiny @11).
    # The adapter names every output dim in dynamic_axes where the legacy exporter has no shape inference (torch
    # < 1.8: outputs not named are declared with their traced shape), as a torch 1.7 user must; from 1.8 it names the
    # inputs only and the exporter infers the rest. A declared-shape verdict across 1.7 -> 1.8 compares the two calls
    # (pytorch_120075: 1.8.1 infers [31, 1, 64] for a dynamic length, which naming the outputs would have avoided).
    adapter_switches=(
        AdapterSwitch("1.8", "legacy", frozenset({"wrong_shape"}),
                      "outputs named in dynamic_axes before torch 1.8, inferred by the exporter from 1.8"),
    ),
    # torch 2.1-2.4's dynamo_export depends on the process it runs in (measured 2026-12-02 on torch 2.4.1): resnet18
    # fails ("'NoneType' object has no attribute 'shape'" on a conv weight) while deep copies of the model are alive,
    # tv_regnet_y_400mf once they were collected, and either after other models were exported in the same process;
    # torch._dynamo.reset() does not help. torch.onnx.export(dynamo=True) from 2.5 passed the same sequences (2.9.1).
    isolated_before={"dynamo": "2.5"},
    path_switches=(
        PathSwitch("timm", "2.0", "scaled_dot_product_attention",
                   "timm 1.0.31 timm/layers/config.py: _HAS_FUSED_ATTN = hasattr(F, 'scaled_dot_product_attention')"),
        PathSwitch("transformers", "2.1.1", "scaled_dot_product_attention",
                   "transformers 4.42.4 utils/import_utils.py: is_torch_sdpa_available() needs torch >= 2.1.1"),
    ),
)
