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
the framework's. The result is a committed data file, reports/installability/<converter>.json (reports/README.md
documents its fields), shown on the site's "Not installable" page.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from packaging.version import InvalidVersion, Version

SCHEMA = 1
FOLDER = "installability"
# The oldest minor of interest per framework: older than any cell the matrix runs (torch 2.0, TF 2.12), back to
# the releases users still ask about (torch 1.8 is the first with a stable torch.onnx opset 13, TF 2.8 the oldest
# tf2onnx 1.14 accepts).
OLDEST = {"torch": "1.8", "tensorflow": "2.8"}
MIN_PYTHON = (3, 8)
PLATFORM = "x86_64-manylinux_2_28"  # the target of a probe without a real interpreter
TIMEOUT_S = 180.0

T = TypeVar("T")
# A probe's runner: (command, stdin) -> (exit code, stderr, stdout); replaced in tests.
Runner = Callable[[list[str], str], tuple[int, str, str]]


class InstallabilityError(ValueError):
    """A malformed installability file or argument: the message names the file, the key and the value."""

    def __init__(self, path: Path | str, key: str, value: Any, problem: str) -> None:
        super().__init__(f"{path}: key '{key}': value {value!r}: {problem}")


@dataclasses.dataclass(frozen=True)
class Interpreter:
    python: str  # the minor, "3.10"
    version: str | None  # the full version of the real interpreter, "3.10.13"; None when probed as a target
    path: str | None  # never written to the data file (a machine path)


@dataclasses.dataclass
class Entry:
    framework: str
    version: str
    python: str
    interpreter: str | None
    installs: bool | None  # None: the probe itself failed (network, timeout), see reason
    reason: str | None
    resolved: int | None = None  # packages in the resolution, when it installs

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


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


def report(converter: str, framework: str, matrix_python: str, oldest: str, entries: list[Entry],
           interps: list[Interpreter], created: str, uv: str, index_url: str) -> dict[str, Any]:
    """The data file's content (reports/README.md, "Installability")."""
    return {"schema": SCHEMA, "converter": converter, "framework": framework, "created": created, "uv": uv,
            "index": index_url, "platform": f"{sys.platform} {os.uname().machine}" if hasattr(os, "uname")
            else sys.platform, "matrix_python": matrix_python, "oldest": oldest,
            "pythons": {i.python: i.version for i in interps},
            "releases": list(dict.fromkeys(e.version for e in entries)),
            "entries": [e.to_dict() for e in entries]}


def path_for(reports: Path, converter: str) -> Path:
    return reports / FOLDER / f"{converter}.json"


def write(reports: Path, data: dict[str, Any]) -> Path:
    """Write (replace) the converter's file; the JSON is stable (sorted releases, fixed key order) for git diffs."""
    validate(data, "<new report>")
    out = path_for(reports, str(data["converter"]))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out)
    return out


_ENTRY_TYPES: dict[str, tuple[type, ...]] = {
    "framework": (str,), "version": (str,), "python": (str,), "interpreter": (str, type(None)),
    "installs": (bool, type(None)), "reason": (str, type(None)), "resolved": (int, type(None))}


def validate(data: Any, where: Path | str) -> dict[str, Any]:
    """The file's content, checked: every error names the file, the key and the value."""
    if not isinstance(data, dict):
        raise InstallabilityError(where, "", data, "expected a JSON object")
    if data.get("schema") != SCHEMA:
        raise InstallabilityError(where, "schema", data.get("schema"), f"expected {SCHEMA}")
    for key in ("converter", "framework", "matrix_python"):
        if not isinstance(data.get(key), str):
            raise InstallabilityError(where, key, data.get(key), "expected a string")
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise InstallabilityError(where, "entries", entries, "expected a list")
    for n, e in enumerate(entries):
        if not isinstance(e, dict):
            raise InstallabilityError(where, f"entries[{n}]", e, "expected an object")
        for key, types in _ENTRY_TYPES.items():
            if not isinstance(e.get(key), types) or (key == "resolved" and isinstance(e.get(key), bool)):
                raise InstallabilityError(where, f"entries[{n}].{key}", e.get(key),
                                          f"expected {' or '.join(t.__name__ for t in types)}")
    return data


def read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InstallabilityError(path, "", None, f"cannot read: {exc.strerror}") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InstallabilityError(path, "", text[:40], f"not JSON: {exc}") from None
    return validate(data, path)


def _each(reports: Path, reader: Callable[[Path], T]) -> tuple[list[T], list[str]]:
    """`reader` over every converter's file under reports/installability/, and the problems of those it could not
    read."""
    found, problems = [], []
    for path in sorted((reports / FOLDER).glob("*.json")):
        try:
            found.append(reader(path))
        except InstallabilityError as exc:
            problems.append(str(exc))
    return found, problems


def read_all(reports: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Every converter's file under reports/installability/, and the problems of those that could not be read."""
    return _each(reports, read)


# What kind of refusal an entry's reason is, in few words, for a summary (the page keeps uv's own words). uv words
# a missing wheel for the interpreter as a missing "Python ABI tag" or "Python implementation tag". Only the
# framework's own gap counts: a dependency's missing wheel or release is a resolution that fails (NO_RESOLUTION).
NO_WHEEL, NO_PLATFORM_WHEEL, NOT_ON_INDEX, NO_RESOLUTION, PROBE_FAILED = (
    "no_wheel", "no_platform_wheel", "not_on_index", "no_resolution", "probe_failed")
KINDS = [NO_WHEEL, NO_PLATFORM_WHEEL, NOT_ON_INDEX, NO_RESOLUTION, PROBE_FAILED]  # the order of a summary
_KINDS = [(NO_WHEEL, r"{name}==\S+ has no wheels with a matching Python (ABI|implementation) tag"),
          (NO_PLATFORM_WHEEL, r"{name}==\S+ has no wheels with a matching platform tag"),
          (NOT_ON_INDEX, r"({name} was not found in the (package registry|provided package locations)"
                          r"|there is no version of {name}==\S+)")]


def kind(entry: Entry) -> str | None:
    """The kind of an entry that does not install (None when it installs): uv found no wheel of the release for
    the interpreter, none for the platform, no such package or release, or no resolution of its dependencies; or
    the probe itself failed."""
    if entry.installs is True:
        return None
    if entry.installs is None:
        return PROBE_FAILED
    name = re.escape(entry.framework)
    return next((k for k, pattern in _KINDS if re.search(r"^Because " + pattern.format(name=name) + r"\b",
                                                           entry.reason or "", re.MULTILINE)), NO_RESOLUTION)


def short_reason(entry: Entry) -> str | None:
    """`kind` in a few words, naming the interpreter's wheel tag where that is the gap: "no cp311 wheel"."""
    found = kind(entry)
    if found == NO_WHEEL:
        return f"no cp{entry.python.replace('.', '')} wheel"
    return {None: None, NO_PLATFORM_WHEEL: "no wheel for this platform", NOT_ON_INDEX: "not on the index",
            NO_RESOLUTION: "its dependencies do not resolve", PROBE_FAILED: "probe failed"}[found]


@dataclasses.dataclass(frozen=True)
class Report:
    """One converter's data file, typed (`load`): the dict of `report` as read back."""

    path: Path
    converter: str
    framework: str
    created: str | None
    uv: str | None
    index: str | None
    platform: str | None
    matrix_python: str
    oldest: str | None
    pythons: dict[str, str | None]  # minor -> full version of the interpreter probed, None for a target
    releases: list[str]  # probed, oldest first
    entries: list[Entry]

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: Path) -> Report:
        """From a `validate`d file's content."""
        entries = [Entry(**{k: e[k] for k in _ENTRY_TYPES}) for e in data["entries"]]

        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) else None

        pythons = data.get("pythons")
        return cls(path=path, converter=data["converter"], framework=data["framework"], created=text("created"),
                   uv=text("uv"), index=text("index"), platform=text("platform"),
                   matrix_python=data["matrix_python"], oldest=text("oldest"),
                   pythons={str(k): v if isinstance(v, str) else None for k, v in pythons.items()}
                   if isinstance(pythons, dict) else {},
                   releases=list(dict.fromkeys(e.version for e in entries)), entries=entries)


def load(path: Path) -> Report:
    """The file at `path`, checked (`read`) and typed."""
    return Report.from_dict(read(path), path)


def load_all(reports: Path) -> tuple[list[Report], list[str]]:
    """Every converter's file under reports/installability/, typed, and the problems of those that could not be
    read (as `read_all`)."""
    return _each(reports, load)


def not_run(data: dict[str, Any], recorded: set[str]) -> list[str]:
    """Releases that install on the matrix's interpreter but have no record yet, oldest first."""
    ok = [e["version"] for e in data["entries"] if e["python"] == data["matrix_python"] and e["installs"] is True]
    return [v for v in dict.fromkeys(ok) if v not in recorded]


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
