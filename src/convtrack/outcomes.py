"""The fixed outcome taxonomy: the first stage that failed wins."""

from __future__ import annotations

import enum
import functools
import re


class Outcome(str, enum.Enum):
    """One verdict per record, ordered from 'nobody ran it' to 'it works'.

    The order is the pipeline order (a later stage failing means the model got further). Which changes are
    regressions, fixes or merely changed failures is decided by `transitions.classify` alone.
    """

    NOT_APPLICABLE = "not_applicable"
    ENV_ERROR = "env_error"
    BUILD_ERROR = "build_error"
    HARNESS_ERROR = "harness_error"
    CONVERT_ERROR = "convert_error"
    TIMEOUT = "timeout"
    CRASH = "crash"
    INVALID_MODEL = "invalid_model"
    LOAD_ERROR = "load_error"
    RUN_ERROR = "run_error"
    WRONG_SHAPE = "wrong_shape"
    MISMATCH = "mismatch"
    PASS = "pass"

    # Members are their strings: equal to, hashed like and printed as the value, so a typed record's outcome
    # works wherever a stored string did (sets of values, dict keys, templates, JSON).
    __hash__ = str.__hash__

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    @property
    def is_converter_result(self) -> bool:
        """False when the harness, not the converter, decided the outcome."""
        return self not in HARNESS_OUTCOMES

    @property
    def is_failure(self) -> bool:
        return self.is_converter_result and self is not Outcome.PASS

    @property
    def is_silent(self) -> bool:
        """The export worked but the answers differ: the paper's 'wrong model'."""
        return self in (Outcome.WRONG_SHAPE, Outcome.MISMATCH)

    @property
    def rank(self) -> int:
        return _ORDER.index(self)

    @property
    def wrote_model(self) -> bool:
        """The converter wrote a model, whatever the later stages said of it (invalid_model on)."""
        return self.rank >= _ORDER.index(Outcome.INVALID_MODEL)


# Outcomes decided by the harness (convtrack's own code, the environment, the case file, an interruption),
# never charged to a converter: left out of pass rates, transitions, the gate and bisect.
HARNESS_OUTCOMES = frozenset({Outcome.NOT_APPLICABLE, Outcome.ENV_ERROR, Outcome.BUILD_ERROR,
                              Outcome.HARNESS_ERROR})
_ORDER = list(Outcome)


class Symptom(str, enum.Enum):
    """The failure analysis' shape of a converter result (Jajal et al., ISSTA 2024: crash, wrong model, and the
    stages between), used where our figures are set beside the paper's."""

    CRASH = "crash"
    INVALID = "invalid"
    LOAD = "load"
    RUN = "run"
    WRONG_MODEL = "wrong model"
    PASS = "pass"

    __hash__ = str.__hash__  # equal to and hashed like its string, as Outcome

    def __str__(self) -> str:
        return str(self.value)


# The one mapping of our outcomes to the paper's symptoms. Harness outcomes have none: they are nobody's converter
# result and are counted apart. A hang (timeout) and a dead process (crash) are the converter crashing for a user,
# like an exception (convert_error); wrong_shape and mismatch are both a model that runs and answers wrongly.
PAPER_SYMPTOM: dict[Outcome, Symptom] = {
    Outcome.CONVERT_ERROR: Symptom.CRASH,
    Outcome.TIMEOUT: Symptom.CRASH,
    Outcome.CRASH: Symptom.CRASH,
    Outcome.INVALID_MODEL: Symptom.INVALID,
    Outcome.LOAD_ERROR: Symptom.LOAD,
    Outcome.RUN_ERROR: Symptom.RUN,
    Outcome.WRONG_SHAPE: Symptom.WRONG_MODEL,
    Outcome.MISMATCH: Symptom.WRONG_MODEL,
    Outcome.PASS: Symptom.PASS,
}

# Colours shared by the terminal report and the site.
COLOURS: dict[Outcome, str] = {
    Outcome.NOT_APPLICABLE: "#d0d0d0",
    Outcome.ENV_ERROR: "#9e9e9e",
    Outcome.BUILD_ERROR: "#b0a0c0",
    Outcome.HARNESS_ERROR: "#a8a8a8",
    Outcome.CONVERT_ERROR: "#d32f2f",  # darker than #e53935: 4.5:1 contrast for its label
    Outcome.TIMEOUT: "#8e24aa",
    Outcome.CRASH: "#4a148c",
    Outcome.INVALID_MODEL: "#f4511e",
    Outcome.LOAD_ERROR: "#fb8c00",
    Outcome.RUN_ERROR: "#ffb300",
    Outcome.WRONG_SHAPE: "#c2185b",
    Outcome.MISMATCH: "#ec407a",
    Outcome.PASS: "#43a047",
}

SHORT: dict[Outcome, str] = {
    Outcome.NOT_APPLICABLE: "n/a",
    Outcome.ENV_ERROR: "ENV",
    Outcome.BUILD_ERROR: "BLD",
    Outcome.HARNESS_ERROR: "HARN",
    Outcome.CONVERT_ERROR: "CONV",
    Outcome.TIMEOUT: "TIME",
    Outcome.CRASH: "CRASH",
    Outcome.INVALID_MODEL: "INVAL",
    Outcome.LOAD_ERROR: "LOAD",
    Outcome.RUN_ERROR: "RUN",
    Outcome.WRONG_SHAPE: "SHAPE",
    Outcome.MISMATCH: "MISM",
    Outcome.PASS: "ok",
}

_UNSUPPORTED = re.compile(
    r"unsupported|not supported|UnsupportedOperatorError|No ONNX function found|"
    r"is not implemented|NOT_IMPLEMENTED|No decomposition|Unsupported FX nodes|Could not find an implementation",
    re.IGNORECASE,
)
SIGNATURE_LIMIT = 200
_NORMALISERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"0x[0-9a-fA-F]+"), "0x?"),
    (re.compile(r"(/[\w.+-]+){2,}"), "<path>"),
    (re.compile(r"'[^']*\.onnx'"), "'<file>'"),
    # numbers, also glued to a name by "_" (keras_tensor_14, Transpose_53) but not inside one (Conv2d)
    (re.compile(r"(?<![A-Za-z])\d+(\.\d+)?(e[-+]?\d+)?(?![A-Za-z0-9])"), "N"),
    # the C++ frame onnxruntime prefixes to its messages ("<path>:N onnxruntime::Model::Model(onnx::ModelProto&&,
    # const PathString&, ...) "): its spelling changes between releases (PathString -> onnxruntime::PathString) and
    # its length pushed the message itself past SIGNATURE_LIMIT ("Unsupported model IR version" was cut off)
    (re.compile(r"<path>:N (?:[\w~]+::)+[\w~]+\((?:[^()]|\([^()]*\))*\)(?: const)? ?"), ""),
    # node names in onnx / onnxruntime messages are the exporter's generated names (node_Conv_3, node_conv2d)
    (re.compile(r"(node name: )[^\s),]+"), r"\1<node>"),
    (re.compile(r"(node with name ')[^']*'"), r"\1<node>'"),
    # a counter glued to a generated name (node_LSTM_3, /Where_1, val_12, keras_tensor_59, ..._legit_7) numbers
    # the n-th node or tensor an exporter made: it changes whenever the graph does, so it is dropped
    (re.compile(r"_+N(?=_|\b)"), ""),
    (re.compile(r"_{2,}"), "_"),  # node_lstm__3 and node_LSTM_3 are one name once the counter is gone
    (re.compile(r"\s+"), " "),
]


def normalise_signature(text: str) -> str:
    """The one normaliser of failure text: numbers, generated-name counters, addresses and paths made equal.

    Idempotent, so it also brings signatures stored by older versions of this normaliser (`keras_tensor_59`,
    `keras_tensor_N`) to today's form; compare with `signature_key`, which also ignores case.
    """
    for pattern, repl in _NORMALISERS:
        text = pattern.sub(repl, text)
    return text.strip()


@functools.lru_cache(maxsize=65536)  # repeats of a task compare the same signatures over and over
def signature_key(sig: str) -> str:
    """What two signatures are compared on: normalised, case-folded, the innermost error only.

    Stored signatures read "Wrapper <- RootError: message"; exporters rename their wrapper between releases
    (OnnxExporterError, TorchExportError, ConversionError) while the root error is the failure itself.
    """
    return normalise_signature(sig.rsplit(" <- ", 1)[-1]).casefold()


def signature(exc_type: str, message: str, limit: int = SIGNATURE_LIMIT) -> str:
    """A normalised error signature: stable across runs, paths, addresses, sizes and generated names.

    Two failures with the same signature are taken to be the same bug, which is what lets transitions
    tell a *changed* failure from the same one and bisect stay on one failure.
    """
    first = next((line.strip() for line in message.splitlines() if line.strip()), "")
    return f"{exc_type}: {normalise_signature(first)}"[:limit]


def is_unsupported_op(message: str) -> bool:
    return bool(_UNSUPPORTED.search(message))
