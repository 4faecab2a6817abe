"""Which framework releases on the package index can be installed on this machine, per interpreter, and why not.

A release the matrix does not list may be missing for a reason nobody wrote down: the index has no wheel for the
interpreter (torch 1.12.1 has none for CPython 3.11), or its dependencies cannot be satisfied. Users need that
reason in the installer's own words, not ours. So for each framework release (the newest patch of every minor from
OLDEST to the newest on the index, listed from the index's JSON simple API) and each interpreter found here, uv
resolves the release's requirement against that interpreter (`uv pip compile`, nothing downloaded beyond metadata)
and its verdict is kept: installs, or not with uv's reason trimmed to its meaningful lines and without machine
paths. An interpreter that is asked for but absent is probed as a target (`--python-version` with
`--python-platform`), and the entry says so.

The framework is probed alone: a companion pin of the matrix (numpy 1.26.4) would make a companion's gap look like
the framework's. `run` writes the result with convtrack.installability_report, which owns the committed data file
(reports/installability/<converter>.json) and its readers.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from packaging.version import InvalidVersion, Version

from convtrack.installability_report import Entry, InstallabilityError, Interpreter, report, write

# The oldest minor of interest per framework: the whole torch 1.x line (1.4.0 is the oldest with a wheel for
# Python 3.8, the oldest interpreter the cell side runs on, so the list says why each older release is not run), and
# the whole TF 2 line (2.2.3 is the oldest with a wheel for Python 3.8; TF 1.x has no from_keras/from_function).
OLDEST = {"torch": "1.0", "tensorflow": "2.0"}
MIN_PYTHON = (3, 8)
PLATFORM = "x86_64-manylinux_2_28"  # the target of a probe without a real interpreter
TIMEOUT_S = 180.0
# A probe's runner: (command, stdin) -> (exit code, stderr, stdout); replaced in tests.
Runner = Callable[[list[str], str], tuple[int, str, str]]


def _minor(version: Version) -> tuple[int, int]:
    return version.major, version.minor


def newest_per_minor(versions: Iterable[str], oldest: str) -> list[str]:
    """The newest final release of each minor from `oldest` (a minor, "1.8") on, oldest first."""
    floor = _minor(Version(oldest))
    newest: dict[tuple[int, int], Version] = {}
    for text in versions:
        try:
            v = Version(text)
        except InvalidVersion:
            continue
        if v.is_prerelease or v.is_devrelease or v.local or _minor(v) < floor:
            continue
        if _minor(v) not in newest or v > newest[_minor(v)]:
            newest[_minor(v)] = v
    return [str(newest[k]) for k in sorted(newest)]


def index_versions(framework: str) -> list[str]:
    """Every release of the framework on the index that is not entirely yanked (PEP 691 JSON simple API)."""
    from convtrack import index

    return [str(r.version) for r in index.releases(framework) if not r.yanked]


def _pyenv_root() -> Path:
    return Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")


def _version_of(python: Path) -> str | None:
    try:
        out = subprocess.run([str(python), "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                             capture_output=True, text=True, timeout=30, check=False).stdout.strip()
    except OSError:
        return None
    return out or None


def interpreters(wanted: Iterable[str] | None = None) -> list[Interpreter]:
    """The newest patch of each CPython minor here: the running one and pyenv's. `wanted` (minors) restricts the
    list; a wanted minor without an interpreter becomes a target-only probe."""
    found: dict[str, tuple[Version, str]] = {}
    here = f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    candidates = [(here, sys.executable)]
    for python in sorted((_pyenv_root() / "versions").glob("3.*/bin/python")):
        if re.fullmatch(r"3\.\d+\.\d+", python.parent.parent.name):
            candidates.append((python.parent.parent.name, str(python)))
    for full, executable in candidates:
        v = Version(full)
        key = f"{v.major}.{v.minor}"
        if _minor(v) >= MIN_PYTHON and (key not in found or v > found[key][0]):
            found[key] = (v, executable)
    keys = sorted(found, key=lambda k: Version(k)) if wanted is None else list(dict.fromkeys(wanted))
    out = []
    for key in keys:
        if key in found and (real := _version_of(Path(found[key][1]))) is not None:
            out.append(Interpreter(key, real, found[key][1]))
        else:
            out.append(Interpreter(key, None, None))
    return out


def command(interp: Interpreter) -> list[str]:
    """The uv command resolving one requirement (read from stdin) for an interpreter."""
    where = ["--python", interp.path] if interp.path else ["--python-version", interp.python, "--python-platform",
                                                           PLATFORM]
    return ["uv", "pip", "compile", "-q", "--no-header", "--no-annotate", *where, "-"]


_PATH = re.compile(r"(?<![\w.:/<>-])(?:/[\w.+@~-]+){2,}/?")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_TREE = re.compile(r"^[\s×╰─▶│├╭]+")
_HEADER = re.compile(r"^(error|cause|caused by|hint|warning):\s*", re.IGNORECASE)
_GENERIC = {"no solution found when resolving dependencies:", "no solution found when resolving dependencies"}


def reason(stderr: str) -> str:
    """uv's error text reduced to its meaningful lines: the cause and the hints, one line each, without colour,
    tree drawing, the generic "No solution found" header, progress lines or machine paths."""
    parts: list[str] = []
    for raw in _ANSI.sub("", stderr).splitlines():
        line = raw.strip()
        if not line:
            if parts and parts[-1]:
                parts.append("")
            continue
        if line.startswith(("Resolved ", "Using ", "Audited ")):
            continue
        body = _TREE.sub("", line)
        header = _HEADER.match(body)
        label = header.group(1).lower() if header else ""
        body = _HEADER.sub("", body).strip()
        if not body or body.lower() in _GENERIC:
            continue
        if label == "hint":
            body = f"hint: {body}"
        continuation = bool(parts) and parts[-1] != "" and not header and not _TREE.match(line) \
            and raw.startswith((" ", "\t"))
        if continuation:
            parts[-1] = f"{parts[-1]} {body}"
        else:
            parts.append(body)
    text = "\n".join(p for p in parts if p)
    return _PATH.sub("<path>", text)


def _run(cmd: list[str], stdin: str) -> tuple[int, str, str]:
    try:
        proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        return -1, f"uv pip compile did not finish within {TIMEOUT_S:g} s", ""
    except OSError as exc:
        return -1, f"could not run uv: {exc}", ""
    return proc.returncode, proc.stderr, proc.stdout


def unsatisfiable(stderr: str) -> bool:
    """uv says the requirement cannot be resolved (as opposed to the probe failing: network, timeout, no uv)."""
    low = stderr.lower()
    return "no solution found" in low or "unsatisfiable" in low


def probe(framework: str, version: str, interp: Interpreter, runner: Runner = _run) -> Entry:
    """One release on one interpreter: does uv resolve `framework==version` for it, and if not, why."""
    code, stderr, stdout = runner(command(interp), f"{framework}=={version}\n")
    if code == 0:
        resolved = sum(1 for ln in stdout.splitlines() if "==" in ln)
        return Entry(framework, version, interp.python, interp.version, True, None, resolved)
    why = reason(stderr) or f"uv pip compile exited with status {code} and said nothing"
    if not unsatisfiable(stderr):
        return Entry(framework, version, interp.python, interp.version, None, f"probe failed: {why}")
    return Entry(framework, version, interp.python, interp.version, False, why)


def probe_all(framework: str, versions: list[str], interps: list[Interpreter], jobs: int = 4,
              runner: Runner = _run, progress: Callable[[Entry], None] | None = None) -> list[Entry]:
    """Every release × interpreter, `jobs` uv processes at a time; in release then interpreter order."""
    pairs = [(v, i) for v in versions for i in interps]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(probe, framework, v, i, runner) for v, i in pairs]
        entries = []
        for f in futures:
            entries.append(f.result())
            if progress is not None:
                progress(entries[-1])
    return entries


def uv_version() -> str:
    code, _, out = _run(["uv", "--version"], "")
    return out.strip() if code == 0 else "unknown"


def check_pythons(values: Iterable[str]) -> list[str]:
    out = []
    for value in values:
        if not re.fullmatch(r"3\.\d+", value):
            raise InstallabilityError("--python", "python", value, "expected a CPython minor such as 3.10")
        out.append(value)
    return out


def run(matrix_dir: Path, reports: Path, converter: str | None = None, pythons: list[str] | None = None,
        jobs: int = 4, oldest: str | None = None, progress: Callable[[str], None] | None = None) -> list[Path]:
    """Probe each matrix's framework (or only `converter`'s) and write its file; returns the files written."""
    from convtrack import index, matrix, store

    matrices = matrix.load_dir(matrix_dir)
    chosen = [m for m in matrices if converter in (None, m.converter)]
    if not chosen:
        raise InstallabilityError(matrix_dir, "converter", converter,
                                  f"no matrix file declares it (known: {', '.join(m.converter for m in matrices)})")
    if oldest is not None:
        try:
            Version(oldest)
        except InvalidVersion:
            raise InstallabilityError("--since", "since", oldest, "expected a version such as 1.8") from None
    interps = interpreters(check_pythons(pythons) if pythons else None)
    say = progress or (lambda _: None)
    say("interpreters: " + ", ".join(f"{i.python} ({i.version or 'target ' + PLATFORM})" for i in interps))
    written = []
    for m in chosen:
        floor = oldest or OLDEST.get(m.framework) or min(m.axes.get(m.framework, ["0"]), key=Version)
        versions = newest_per_minor(index_versions(m.framework), floor)
        say(f"{m.framework}: {len(versions)} releases ({versions[0]} to {versions[-1]}) x {len(interps)} interpreters"
            if versions else f"{m.framework}: no release from {floor} on the index")
        entries = probe_all(m.framework, versions, interps, jobs, progress=lambda e: say(
            f"  {e.framework} {e.version} on {e.python}: "
            + {True: "installs", False: "not installable", None: "probe failed"}[e.installs]))
        data = report(m.converter, m.framework, m.python, floor, entries, interps, store.now(), uv_version(),
                      index.index_url())
        written.append(write(reports, data))
    return written
