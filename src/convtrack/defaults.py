"""Defaults spelled once, shared by the host (plan, commands) and the cell (runner)."""

from __future__ import annotations

TIMEOUT_S = 300.0  # per task (case x opset x mode)
MEMORY_GB = 12.0  # resident memory limit of the worker's whole process tree (`run --memory-gb`)
