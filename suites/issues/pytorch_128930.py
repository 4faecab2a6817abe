"""nn.EmbeddingBag with padding_idx: 'embedding_bag with padding_idx' unsupported by the legacy exporter."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/128930",
    "description": "EmbeddingBag(10, 3, mode='sum', padding_idx=0) with offsets [0, 4] on 8 indices",
    "tags": ["embedding_bag", "unsupported"],
    "stated": {"symptom": "export-crash", "exporters": ["legacy"], "torch": "2024-06 nightly",
               "dynamo": "dynamo_export handled it; the later dynamo path had a padding_idx=None dispatch bug",
               "related": ["https://github.com/microsoft/onnxscript/issues/2145",
                           "https://github.com/microsoft/onnxscript/issues/2219"]},
    "expect_signature": "embedding_bag with padding_idx",
    "observed": {
        "torch 1.4.0": "legacy: build_error @11",
        "torch 1.5.1": "legacy: build_error @11",
        "torch 1.6.0": "legacy: build_error @11",
        "torch 1.7.1": "legacy: build_error @11",
        "torch 1.8.1": "legacy: build_error @11 13, not_applicable @14 15",
        "torch 1.9.1": "legacy: convert_error @11 13, not_applicable @14 15",
        "torch 1.10.2": "legacy: convert_error @11 13 14, not_applicable @15 16 17",
        "torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9)": ("legacy: convert_error @11 13 14, not_applicable "
                                                                  "@15"),
        "torch 1.11.0": "legacy: convert_error @11 13 15, not_applicable @14 16 17",
        "torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10)": ("legacy: convert_error @11 13 15, not_applicable "
                                                                   "@16 17"),
        "torch 1.11.0 (torch1.11.0-ort1.19.2-onnx1.17.0-py3.10)": ("legacy: convert_error @11 13 15, not_applicable "
                                                                   "@14"),
        "torch 1.12.1": "legacy: convert_error @11 13 15 16, not_applicable @17",
        "torch 1.13.1": "dynamo: not_applicable @13 17; legacy: convert_error @11 13 15 17, not_applicable @19",
        "torch 1.13.1 (torch1.13.1-ort1.18.1-onnx1.17.0-py3.10)": ("legacy: convert_error @11 13 15 17, "
                                                                   "not_applicable @14 16"),
        "torch 2.0.1": "dynamo: not_applicable @17 18; legacy: convert_error @11 13 15 17 18, not_applicable @19 20",
        "torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10)": ("legacy: convert_error @11 13 15 17, not_applicable "
                                                                 "@14 16"),
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.5.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.6.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.7.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, pass @18 20; legacy: convert_error @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.9.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.10.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.11.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.12.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.13.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.14.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.15.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: convert_error @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "agrees_with_issue": ("yes: convert_error on torch 1.9.1, torch 1.10.2, torch 1.10.2 "
                              "(torch1.10.2-ort1.19.2-onnx1.17.0-py3.9), torch 1.11.0, torch 1.11.0 "
                              "(torch1.11.0-ort1.20.1-onnx1.17.0-py3.10), torch 1.11.0 "
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
        def __init__(self):
            super().__init__()
            self.emb = torch.nn.EmbeddingBag(10, 3, mode="sum", padding_idx=0)
            self.register_buffer("offsets", torch.tensor([0, 4]))

        def forward(self, x):
            return self.emb(x, self.offsets)

    inputs = [(np.array([1, 2, 4, 5, 4, 3, 2, 9], dtype="int64"),)]
    inputs += [(np.random.default_rng(s).integers(0, 10, 8).astype("int64"),) for s in (1, 2)]
    return Model().eval(), inputs
