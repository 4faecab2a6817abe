"""The GitHub workflows parse and have the structure the distributed matrix relies on."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from convtrack import cli, matrix

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
SELECT = ROOT / ".github" / "scripts" / "select_cells.py"
JOB_KEYS = {"name", "runs-on", "needs", "if", "steps", "strategy", "env", "outputs", "permissions", "environment",
            "timeout-minutes", "concurrency", "continue-on-error", "defaults", "services", "container"}
STEP_KEYS = {"name", "id", "uses", "with", "run", "env", "if", "shell", "continue-on-error", "timeout-minutes",
             "working-directory"}


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    assert isinstance(data, dict)
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def steps_text(job: dict[str, Any]) -> str:
    return "\n".join(str(s.get("run", "")) for s in job["steps"])


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_every_workflow_has_a_valid_shape(name: str) -> None:
    wf = load(name)
    assert {"name", "on", "jobs"} <= set(wf), name
    jobs = wf["jobs"]
    for job_id, job in jobs.items():
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", job_id)
        assert set(job) <= JOB_KEYS, (job_id, set(job) - JOB_KEYS)
        assert "runs-on" in job and isinstance(job["steps"], list) and job["steps"], job_id
        needs = job.get("needs", [])
        for need in [needs] if isinstance(needs, str) else needs:
            assert need in jobs and need != job_id, (job_id, need)
        for step in job["steps"]:
            assert set(step) <= STEP_KEYS, (job_id, step)
            assert ("uses" in step) != ("run" in step), (job_id, step)
            if "uses" in step:
                local = step["uses"] == "./" and (ROOT / "action.yml").exists()  # this repository's own action
                assert local or re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[\w.-]+", step["uses"]), step["uses"]
        for expr in re.findall(r"needs\.([\w-]+)\.outputs\.([\w-]+)", json.dumps(job)):
            assert expr[0] in ([needs] if isinstance(needs, str) else needs), (job_id, expr)
            assert expr[1] in jobs[expr[0]].get("outputs", {}), (job_id, expr)


def test_matrix_workflow_structure() -> None:
    wf = load("matrix.yml")
    on, jobs = wf["on"], wf["jobs"]
    assert on["schedule"] and all("cron" in s for s in on["schedule"])
    inputs = on["workflow_dispatch"]["inputs"]
    assert {"preset", "axis", "versions"} <= set(inputs)
    presets = {p for m in matrix.load_dir(ROOT / "matrix") for p in m.presets} | {"full"}
    assert set(inputs["preset"]["options"]) <= presets and inputs["preset"]["default"] in presets
    assert wf["permissions"] == {"contents": "read"}  # least privilege; the collect job widens its own

    lister = jobs["list"]
    assert "sessions" in lister["outputs"] and "run_id" in lister["outputs"]
    assert "select_cells.py" in steps_text(lister)

    cell = jobs["cell"]
    assert cell["needs"] == "list"
    assert cell["strategy"]["matrix"]["session"] == "${{ fromJSON(needs.list.outputs.sessions) }}"
    assert cell["strategy"]["fail-fast"] is False
    assert cell["env"]["CONVTRACK_RUN_ID"] == "${{ needs.list.outputs.run_id }}"
    assert 'nox -s "${{ matrix.session }}"' in steps_text(cell)
    upload = [s for s in cell["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert upload and upload[0]["if"] == "always()"
    assert upload[0]["with"]["path"] == "reports/records/**/${{ needs.list.outputs.run_id }}.*"
    assert "${{ strategy.job-index }}" in upload[0]["with"]["name"]

    collect = jobs["collect"]
    assert set(collect["needs"]) == {"list", "cell"} and "always()" in collect["if"]
    assert collect["permissions"]["pages"] == "write" and collect["permissions"]["id-token"] == "write"
    assert collect["environment"]["name"] == "github-pages"
    uses = [str(s.get("uses", "")).split("@")[0] for s in collect["steps"]]
    for action in ("actions/download-artifact", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses, action
    assert uses.index("actions/upload-pages-artifact") < uses.index("actions/deploy-pages")
    download = collect["steps"][uses.index("actions/download-artifact")]
    assert download["with"]["pattern"] == "records-*"
    pages = collect["steps"][uses.index("actions/upload-pages-artifact")]
    assert pages["with"]["path"] == "site/_build"


def test_convtrack_commands_in_workflows_parse() -> None:
    """Every `convtrack ...` line of the workflows is accepted by the real CLI parser."""
    found = []
    for path in WORKFLOWS.glob("*.yml"):
        for job in load(path.name)["jobs"].values():
            for line in steps_text(job).splitlines():
                line = line.strip()
                if line.startswith("convtrack "):
                    line = re.split(r"\s(?:\|\|?|&&|>>?|;)\s", line)[0]  # the command, not the shell around it
                    line = re.sub(r"\$\{\{[^}]*\}\}", "X", line)
                    args = shlex.split(re.sub(r"\$\{?\w+\}?", "1", line))[1:]  # a shell variable: any value
                    cli.parser().parse_args(args)
                    found.append(args[0])
    assert {"merge", "site", "freshness"} <= set(found)


def test_select_cells_lists_nox_sessions(tmp_path: Path) -> None:
    def run(*args: str) -> dict[str, str]:
        out = subprocess.run([sys.executable, str(SELECT), *args], capture_output=True, text=True, check=True)
        return dict(line.split("=", 1) for line in out.stdout.splitlines())

    quick = run("--preset", "quick")
    sessions = json.loads(quick["sessions"])
    expected = {f"{c.converter.replace('.', '_')}({c.id})" for c in matrix.expand_all(ROOT / "matrix", "quick")}
    assert set(sessions) == expected and sessions
    assert re.fullmatch(r"\d{8}T\d{6}-[0-9a-f]{6}", quick["run_id"])
    rc = run("--preset", "quick", "--axis", "torch", "--versions", "2.99.0rc1", "--matrix-out", str(tmp_path / "m"))
    rc_sessions = json.loads(rc["sessions"])
    assert rc_sessions and all("torch2.99.0rc1" in s for s in rc_sessions)
    assert Path(rc["matrix_dir"]) == tmp_path / "m"
    assert (ROOT / "matrix" / "torch.toml").read_text().count("2.99.0rc1") == 0  # the original is untouched


def test_the_nightly_opens_or_updates_an_issue_when_the_data_is_stale() -> None:
    wf = load("matrix.yml")
    job = wf["jobs"]["freshness"]
    assert job["needs"] == "collect" and "always()" in job["if"]  # also when the night's records never arrived
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert "inputs.max_age_days" in job["env"]["MAX_AGE_DAYS"]
    assert "max_age_days" in wf["on"]["workflow_dispatch"]["inputs"]
    assert job["steps"][0]["with"]["ref"] == "${{ github.ref_name }}"  # the tip, with the records just committed
    check = next(s for s in job["steps"] if s.get("id") == "check")
    assert 'convtrack freshness --max-age-days "$MAX_AGE_DAYS"' in check["run"]
    by_if = {s.get("if", ""): str(s.get("run", "")) for s in job["steps"][1:]}
    opened = next(run for cond, run in by_if.items() if "stale == 'true'" in cond and "issue == ''" in cond)
    updated = next(run for cond, run in by_if.items() if "stale == 'true'" in cond and "issue != ''" in cond)
    closed = next(run for cond, run in by_if.items() if "stale == 'false'" in cond)
    assert "gh issue create" in opened and "gh issue edit" in updated and "gh issue close" in closed
    for run in (check["run"], opened, updated, closed):  # every script is valid bash
        script = re.sub(r"\$\{\{[^}]*\}\}", "X", run)
        assert subprocess.run(["bash", "-n", "-c", script], capture_output=True).returncode == 0, script

