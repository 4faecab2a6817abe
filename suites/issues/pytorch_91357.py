"""unsorted_segment_sum written with scatter_add: repeated segment ids lose all but one contribution."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/91357",
    "description": "segment sum: zeros(3,4).scatter_add(0, ids[:,None].expand(-1,4), data), ids=[0,1,0,2,1,0]",
    "tags": ["silent", "scatter", "scatter_add", "opset-dependent"],
    "stated": {"symptom": "wrong-output", "torch": "1.12.1",
               "fixed": "same root cause as scatter_add duplicates: correct at opset >= 16 (PR #79103)",
               "related": ["https://github.com/pytorch/pytorch/issues/32960"]},
    "paper": {"symptom": "Wrong Model", "cause": "Type Problem", "location": "Node Conversion"},
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: mismatch @13, pass @17 18, not_applicable"
                        " @20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: mismatch @13, pass @17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: mismatch @13, pass @17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: mismatch @13, pass @17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: mismatch @13, pass @17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: mismatch @13, pass @17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("yes: mismatch on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch 2.9.1, torch 2.14.1, "
                              "torch 2.15.0 (7 of 7 releases pass in some mode/opset)"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("ids", torch.tensor([0, 1, 0, 2, 1, 0]))

        def forward(self, data):
            index = self.ids.unsqueeze(1).expand(-1, data.shape[1])
            return torch.zeros(3, data.shape[1]).scatter_add(0, index, data)

    return Model(), seeded((6, 4))
