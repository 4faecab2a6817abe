"""action.yml is a valid composite action, the README recipe uses only its inputs, and its gate flags exist."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from convtrack import cli

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())


def test_composite_action_with_declared_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert {"candidate", "baseline"} <= {k for k, v in ACTION["inputs"].items() if v.get("required")}
    text = (ROOT / "action.yml").read_text()
    used = set(re.findall(r"inputs\.([a-z][a-z0-9-]*)", text))
    assert used <= set(ACTION["inputs"]), used - set(ACTION["inputs"])
    for step in ACTION["runs"]["steps"]:
        assert ("uses" in step) != ("run" in step), step
        if "run" in step:
            assert step["shell"] == "bash", step  # composite run steps must name their shell


def test_the_action_passes_only_flags_the_gate_knows() -> None:
    run = next(s["run"] for s in ACTION["runs"]["steps"] if s.get("id") == "gate")
    flags = set(re.findall(r"(--[a-z][a-z-]+)", run))
    known = set()
    for action in cli.parser()._actions:
        known |= set(action.option_strings)
        for sub in getattr(action, "choices", None) or {}:
            if sub == "gate":
                known |= {o for a in action.choices[sub]._actions for o in a.option_strings}
    assert flags <= known, flags - known


def test_readme_recipe_uses_the_action_with_its_inputs() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Gate your release candidate", 1)[1].split("\n## ", 1)[0]
    recipe = yaml.safe_load(section.split("```yaml", 1)[1].split("```", 1)[0])
    step = next(s for s in recipe["convtrack-gate"]["steps"] if "convtrack" in s.get("uses", ""))
    assert set(step["with"]) <= set(ACTION["inputs"])
    assert {"candidate", "baseline"} <= set(step["with"])


def test_nightly_workflow_gates_its_candidates_and_caches_uv() -> None:
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "matrix.yml").read_text())
    gate = wf["jobs"]["gate"]
    assert any(s.get("uses") == "./" for s in gate["steps"])
    assert any(s.get("uses", "").startswith("actions/cache") and "uv" in s["with"]["path"]
               for s in wf["jobs"]["cell"]["steps"])
