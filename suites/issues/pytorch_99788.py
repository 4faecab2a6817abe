"""full_like(x, 10) with dtype=None on an int64 input exported as float: the min comes out FLOAT, not INT64."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/99788",
    "description": "torch.min(x, torch.full_like(x, 10)) on int64 x",
    "tags": ["silent", "dtype", "full_like"],
    "stated": {"symptom": "wrong-dtype", "broken": "2.1.0.dev20230328 and later nightlies",
               "works": "2.1.0.dev20230327 and before", "fixed": "PR #103048 (June 2023, before 2.1 final, inferred)",
               "related": ["https://github.com/pytorch/pytorch/issues/102693"]},
    "observed": {
        "torch 1.4.0": "legacy: invalid_model @11",
        "torch 1.5.1": "legacy: invalid_model @11",
        "torch 1.6.0": "legacy: invalid_model @11",
        "torch 1.7.1": "legacy: invalid_model @11",
        "torch 1.8.1": "legacy: invalid_model @11, pass @13, not_applicable @14 15",
        "torch 1.9.1": "legacy: invalid_model @11, pass @13, not_applicable @14 15",
        "torch 1.10.2": "legacy: invalid_model @11, pass @13 14, not_applicable @15 16 17",
        "torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9)": ("legacy: invalid_model @11, pass @13 14, "
                                                                  "not_applicable @15"),
        "torch 1.11.0": "legacy: invalid_model @11, pass @13 15, not_applicable @14 16 17",
        "torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10)": ("legacy: invalid_model @11, pass @13 15, "
                                                                   "not_applicable @16 17"),
        "torch 1.11.0 (torch1.11.0-ort1.19.2-onnx1.17.0-py3.10)": ("legacy: invalid_model @11, pass @13 15, "
                                                                   "not_applicable @14"),
        "torch 1.12.1": "legacy: pass @11 13 15 16, not_applicable @17",
        "torch 1.13.1": "dynamo: not_applicable @13 17; legacy: pass @11 13 15 17, not_applicable @19",
        "torch 1.13.1 (torch1.13.1-ort1.18.1-onnx1.17.0-py3.10)": "legacy: pass @11 13 15 17, not_applicable @14 16",
        "torch 2.0.1": "dynamo: not_applicable @17 18; legacy: pass @11 13 15 17 18, not_applicable @19 20",
        "torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10)": "legacy: pass @11 13 15 17, not_applicable @14 16",
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: pass @11 13 15 17 18 19, not_applicable "
                        "@20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: pass @11 13 15 17 18 19, not_applicable "
                        "@20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: pass @11 13 15 17 18 19, not_applicable "
                        "@20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.5.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.6.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.7.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, pass @18 20; legacy: pass @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.9.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.10.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.11.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.12.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.13.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.14.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.15.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "agrees_with_issue": ("no: 'wrong-dtype' never shows in the issue's mode (legacy; reported on torch 2.1.0, "
                              "before export(dynamo=) existed); only failures at an earlier stage, which hide it: "
                              "invalid_model on torch 1.4.0, torch 1.5.1, torch 1.6.0, torch 1.7.1, torch 1.8.1, "
                              "torch 1.9.1, torch 1.10.2, torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9), "
                              "torch 1.11.0, torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10), torch 1.11.0 "
                              "(torch1.11.0-ort1.19.2-onnx1.17.0-py3.10); other modes, not counted: convert_error on "
                              "torch 2.8.0"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.min(x, torch.full_like(x, 10))

    return Model(), seeded((4, 4), dtype="int64", low=0, high=20)
