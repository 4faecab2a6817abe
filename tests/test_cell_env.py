"""Finding a recorded cell's environment: nox's folder names, the versions installed, the build command."""

from __future__ import annotations

import shlex
from pathlib import Path

from convtrack import cell_env

RECORD = {"converter": "torch.onnx", "cell": "torch2.15.0-ort1.20.1-onnx1.17.0",
          "versions": {"python": "3.11.7", "torch": "2.15.0", "onnx": "1.17.0", "onnxruntime": "1.20.1"}}


def _venv(folder: Path, dists: dict[str, str]) -> Path:
    site = folder / "lib" / "python3.11" / "site-packages"
    for name, version in dists.items():
        (site / f"{name}-{version}.dist-info").mkdir(parents=True)
    (folder / "bin").mkdir(parents=True)
    (folder / "bin" / "python").write_text("")
    return folder


def test_nox_names_the_session_folder_like_nox() -> None:
    assert cell_env.nox_dir(Path("/w/.nox"), "torch.onnx", RECORD["cell"]) == \
        Path("/w/.nox/torch_onnx-torch2-15-0-ort1-20-1-onnx1-17-0")


def test_an_environment_counts_only_with_the_recorded_versions(tmp_path: Path) -> None:
    work, root = tmp_path / "work", tmp_path / "root"
    wrong = _venv(work / "envs" / RECORD["cell"], {"torch": "2.14.1", "onnx": "1.17.0", "onnxruntime": "1.20.1"})
    assert not cell_env.matches(wrong, RECORD)
    assert cell_env.find(work, root, RECORD) is None
    right = _venv(cell_env.nox_dir(root / ".nox", "torch.onnx", RECORD["cell"]),
                  {"torch": "2.15.0", "onnx": "1.17.0", "onnxruntime": "1.20.1", "onnx_ir": "1.1.0"})
    assert cell_env.installed(right)["onnx-ir"] == "1.1.0"
    assert cell_env.find(work, root, RECORD) == right / "bin" / "python"


def test_the_build_command_is_shell_quoted(tmp_path: Path) -> None:
    text = cell_env.command(tmp_path / "a b", "3.11", ["torch==2.15.0", "x; rm -rf /"])
    words = shlex.split(text.split(" && ")[1])
    assert words[-2:] == ["torch==2.15.0", "x; rm -rf /"]


def test_the_harness_folder_holds_only_this_package() -> None:
    with cell_env.harness_folder() as folder:
        assert [p.name for p in Path(folder).iterdir()] == ["convtrack"]
        assert (Path(folder) / "convtrack" / "cell" / "reduce.py").exists()


def test_an_environment_without_the_cases_packages_does_not_count(tmp_path: Path) -> None:
    venv = _venv(tmp_path / "v", {"torch": "2.15.0", "onnx": "1.17.0", "onnxruntime": "1.20.1"})
    assert cell_env.matches(venv, RECORD) and not cell_env.matches(venv, RECORD, ("transformers",))
    (venv / "lib" / "python3.11" / "site-packages" / "transformers-5.24.0.dist-info").mkdir()
    assert cell_env.matches(venv, RECORD, ("transformers",))
    assert not cell_env.matches(venv, {**RECORD, "versions": {**RECORD["versions"], "transformers": "4.0.0"}},
                                ("transformers",))


def test_the_environment_a_run_names_is_found_first(tmp_path: Path) -> None:
    import json

    work = tmp_path / "work"
    venv = _venv(tmp_path / "elsewhere", {"torch": "2.15.0", "onnx": "1.17.0", "onnxruntime": "1.20.1"})
    status = work / "runs" / "20261130T000000-abcdef" / f"{RECORD['cell']}.json"
    status.parent.mkdir(parents=True)
    status.write_text(json.dumps({"state": "complete", "venv": str(venv)}))
    assert cell_env.find(work, tmp_path / "root", RECORD) == venv / "bin" / "python"
