"""index_put(accumulate=True) with repeated indices: the export keeps only one update per duplicate index."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/61034",
    "description": "A.index_put((idx,), B, accumulate=True) with idx=[0,4,2,2,4] given as an input",
    "tags": ["silent", "scatter", "index_put", "opset-dependent"],
    "stated": {"symptom": "wrong-output", "torch": "1.9", "opsets": [11],
               "behaviour": "expected rows [2,1,3,1,3]; ORT gives 2 at rows 2 and 4",
               "fixed": "closed; fix not identified (ScatterND reduction='add' exists only from opset 16)",
               "related": ["https://github.com/onnx/onnx/issues/3547"]},
    "observed": {
        "torch 1.4.0": "legacy: load_error @11",
        "torch 1.5.1": "legacy: mismatch @11",
        "torch 1.6.0": "legacy: mismatch @11",
        "torch 1.7.1": "legacy: mismatch @11",
        "torch 1.8.1": "legacy: mismatch @11 13, not_applicable @14 15",
        "torch 1.9.1": "legacy: mismatch @11 13, not_applicable @14 15",
        "torch 1.10.2": "legacy: mismatch @11 13 14, not_applicable @15 16 17",
        "torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9)": "legacy: mismatch @11 13 14, not_applicable @15",
        "torch 1.11.0": "legacy: mismatch @11 13 15, not_applicable @14 16 17",
        "torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10)": "legacy: mismatch @11 13 15, not_applicable @16 17",
        "torch 1.11.0 (torch1.11.0-ort1.19.2-onnx1.17.0-py3.10)": "legacy: mismatch @11 13 15, not_applicable @14",
        "torch 1.12.1": "legacy: mismatch @11 13 15 16, not_applicable @17",
        "torch 1.13.1": "dynamo: not_applicable @13 17; legacy: mismatch @11 13 15 17, not_applicable @19",
        "torch 1.13.1 (torch1.13.1-ort1.18.1-onnx1.17.0-py3.10)": ("legacy: mismatch @11 13 15 17, not_applicable @14"
                                                                   " 16"),
        "torch 2.0.1": "dynamo: not_applicable @17 18; legacy: mismatch @11 13 15 17 18, not_applicable @19 20",
        "torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10)": ("legacy: mismatch @11 13 15 17, not_applicable @14 "
                                                                 "16"),
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: mismatch @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: mismatch @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: mismatch @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: mismatch @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.5.1": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.6.0": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.7.1": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, pass @18 20; legacy: mismatch @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.9.1": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.10.0": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.11.0": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.12.1": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.13.0": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.14.1": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.15.0": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: mismatch @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "agrees_with_issue": ("yes: mismatch on torch 1.5.1, torch 1.6.0, torch 1.7.1, torch 1.8.1, torch 1.9.1, "
                              "torch 1.10.2, torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9), torch 1.11.0, "
                              "torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10), torch 1.11.0 "
                              "(torch1.11.0-ort1.19.2-onnx1.17.0-py3.10), torch 1.12.1, torch 1.13.1, torch 1.13.1 "
                              "(torch1.13.1-ort1.18.1-onnx1.17.0-py3.10), torch 2.0.1, torch 2.0.1 "
                              "(torch2.0.1-ort1.18.1-onnx1.17.0-py3.10), torch 2.1.2, torch 2.2.2, torch 2.3.1, torch"
                              " 2.4.1, torch 2.5.1, torch 2.6.0, torch 2.7.1, torch 2.8.0, torch 2.9.1, torch 2.10.0,"
                              " torch 2.11.0, torch 2.12.1, torch 2.13.0, torch 2.14.1, torch 2.15.0, torch 2.15.0 "
                              "(torch2.15.0-ort1.23.2-onnx1.17.0); other modes, not counted: convert_error on torch "
                              "2.8.0"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, idx, a, b):
            return a.index_put((idx,), b, accumulate=True)

    inputs = []
    for seed in (0, 1, 2):
        rng = np.random.default_rng(seed)
        idx = np.array([0, 4, 2, 2, 4], dtype="int64")
        inputs.append((idx, rng.uniform(-1, 1, (5, 3)).astype("float32"), rng.uniform(-1, 1, (5, 3)).astype("float32")))
    return Model(), inputs
