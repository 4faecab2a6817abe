"""Defaults spelled once, shared by the host (plan, commands) and the cell (runner)."""

from __future__ import annotations

TIMEOUT_S = 300.0  # per task (case x opset x mode)
MEMORY_GB = 12.0  # resident memory limit of the worker's whole process tree (`run --memory-gb`)
# `run --keep-models`: the host names the artefact store (a folder) in this variable; the worker keeps each
# converted model, its inputs and references there (convtrack.cell.artefacts) for the onnxruntime replay track.
ARTEFACTS_ENV = "CONVTRACK_ARTEFACTS"
ARTEFACTS_DIR = "artefacts"  # under the work folder
GATE_CONVERTER = "torch.onnx"  # what `gate` gates when the candidate's package is an axis of several matrices
