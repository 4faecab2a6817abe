"""Host side of the tf2onnx converter: the contract is registered, the matrix rules say what they should."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from packaging.version import Version

from convtrack import matrix, suite
from convtrack.cell.converters import available

ROOT = Path(__file__).resolve().parents[1]
TOML = ROOT / "matrix" / "tensorflow.toml"


@pytest.fixture(scope="module")
def tf_matrix() -> matrix.Matrix:
    return matrix.load(TOML)


def cell(m: matrix.Matrix, tf: str, t2o: str, onnx: str = "1.14.1", preset: str | None = None) -> matrix.Cell:
    return matrix.cell_from_axes(m, {"tensorflow": tf, "tf2onnx": t2o, "onnx": onnx, "onnxruntime": "1.20.1"},
                                 preset)


def test_contract_is_registered_without_importing_tensorflow() -> None:
    cls = available()["tf2onnx"]
    assert cls.name == "tf2onnx" and cls.framework == "tensorflow"
    assert set(cls.packages) == {"tensorflow", "tf2onnx", "protobuf", "keras"}
    assert cls.__module__ == "convtrack.cell.converters.tf2onnx"


def test_matrix_declares_the_grid(tf_matrix: matrix.Matrix) -> None:
    assert tf_matrix.converter == "tf2onnx" and tf_matrix.framework == "tensorflow"
    assert {"2.10.1", "2.12.1", "2.13.1", "2.21.0"} <= set(tf_matrix.axes["tensorflow"])
    # the held value first; 1.12.1 (TF 2.8/2.9 alone) appended after the newest
    assert tf_matrix.axes["tf2onnx"][0] == "1.13.0" and max(tf_matrix.axes["tf2onnx"], key=Version) == "1.17.0"
    assert tf_matrix.loop["opset"] == list(range(13, 19))
    assert tf_matrix.loop["mode"] == [None]  # no exporter modes: records carry mode null
    cells = matrix.expand(tf_matrix)
    assert all(t.mode is None for c in cells for t in c.tasks)


@pytest.mark.parametrize(("tf", "t2o", "onnx", "reason"), [
    ("2.13.1", "1.14.0", "1.14.1", "flatbuffers"),  # #2180: does not resolve
    ("2.17.1", "1.14.0", "1.14.1", "flatbuffers"),
    ("2.21.0", "1.16.1", "1.17.0", "protobuf"),  # #2409: does not resolve
    ("2.20.0", "1.15.1", "1.14.1", "onnx 1.14.1"),  # onnx 1.14.1 cannot live with protobuf >= 5.28
    ("2.15.1", "1.15.1", "1.17.0", "#2262"),  # tf2onnx <= 1.15.1 needs onnx 1.14.x
    ("2.11.1", "1.14.0", "1.12.0", "protobuf ~= 3.20"),  # TF <= 2.11 needs protobuf < 3.20
    ("2.10.1", "1.13.0", "1.14.1", "onnx >= 1.13"),
    ("2.12.1", "1.13.0", "1.12.0", "onnx 1.12.0"),  # TF >= 2.12 needs protobuf >= 3.20.3
])
def test_known_combinations_are_not_applicable_with_reasons(tf_matrix: matrix.Matrix, tf: str, t2o: str,
                                                             onnx: str, reason: str) -> None:
    c = cell(tf_matrix, tf, t2o, onnx)
    assert c.na is not None and reason in c.na
    assert all(t.na == c.na for t in c.tasks)


@pytest.mark.parametrize(("tf", "t2o", "onnx"), [
    ("2.12.1", "1.14.0", "1.14.1"), ("2.13.1", "1.15.1", "1.14.1"), ("2.15.1", "1.16.1", "1.17.0"),
    ("2.17.1", "1.16.1", "1.14.1"), ("2.21.0", "1.17.0", "1.17.0"),
])
def test_resolving_combinations_run(tf_matrix: matrix.Matrix, tf: str, t2o: str, onnx: str) -> None:
    c = cell(tf_matrix, tf, t2o, onnx)
    assert c.na is None and all(t.na is None for t in c.tasks)
    assert c.requirements["tensorflow"] == f"=={tf}" and c.requirements["tf2onnx"] == f"=={t2o}"


def test_pins_follow_the_tensorflow_release(tf_matrix: matrix.Matrix) -> None:
    assert cell(tf_matrix, "2.12.1", "1.14.0").requirements["numpy"] == "==1.24.3"
    assert cell(tf_matrix, "2.13.1", "1.15.1").requirements["numpy"] == "==1.24.3"  # TF 2.13: numpy <= 1.24.3
    old = cell(tf_matrix, "2.15.1", "1.17.0").requirements
    assert old["numpy"] == "==1.26.4" and old["protobuf"] == "==3.20.3" and "keras" not in old
    assert cell(tf_matrix, "2.17.1", "1.17.0").requirements["keras"] == "==3.5.0"  # Keras 3 from TF 2.16
    new = cell(tf_matrix, "2.21.0", "1.17.0", "1.17.0").requirements
    assert new["protobuf"] == ">=5.28" and new["numpy"].startswith("==2.")


def test_opset_above_the_ceiling_is_not_applicable(tf_matrix: matrix.Matrix) -> None:
    beyond = dataclasses.replace(tf_matrix, loop={"opset": [18, 19], "mode": [None]})
    tasks = cell(beyond, "2.15.1", "1.17.0").tasks
    assert tasks[0].na is None and tasks[1].na is not None and "at most opset 18" in tasks[1].na


def test_presets(tf_matrix: matrix.Matrix) -> None:
    quick = matrix.expand(tf_matrix, "quick")
    assert len(quick) == 1 and [t.opset for t in quick[0].tasks] == [15, 18] and quick[0].na is None
    releases = matrix.expand(tf_matrix, "releases")
    assert len({c.axes["tensorflow"] for c in releases}) >= 4
    live = [c for c in releases if c.na is None]
    # tf2onnx 1.14.0 resolves only with TF 2.12; 1.15.1-1.17.0 with each of the four TF releases.
    assert len(live) == 13 and {c.axes["tf2onnx"] for c in live if c.axes["tensorflow"] == "2.12.1"} == {
        "1.14.0", "1.15.1", "1.16.1", "1.17.0"}
    assert all([t.opset for t in c.tasks] == [13, 15, 17] for c in releases)


def test_suite_has_models_and_issue_reproducers() -> None:
    cases = suite.discover(ROOT / "suites", "tf2onnx")
    models = [c for c in cases if c.kind == "model"]
    issues = [c for c in cases if c.kind == "issue"]
    assert len(models) >= 25 and all(c.id.startswith("models/keras_") for c in models)
    assert len(issues) >= 20 and all(c.id.startswith("issues/tf2onnx_") for c in issues)
    for c in issues:
        number = c.id.rsplit("_", 1)[1]
        assert c.meta["issue"].endswith(f"/{number}") and "onnx/tensorflow-onnx" in c.meta["issue"]
        assert c.meta.get("stated"), c.id
        assert "observed" in c.meta, c.id


def test_missing_public_names_are_aliased_never_replaced() -> None:
    import types

    from convtrack.cell.converters.tf2onnx import alias_missing

    def resnet50() -> str:
        return "resnet50"

    def own_vgg16() -> str:
        return "own"

    def other_copy() -> str:
        return "tensorflow's own keras"

    resnet50.__module__ = own_vgg16.__module__ = "keras.applications.resnet"
    other_copy.__module__ = "tensorflow.python.keras.applications.densenet"
    # keras 2.8's `keras.applications` has the submodules but not the public names tf.keras.applications has
    target, source = types.ModuleType("keras.applications"), types.ModuleType("keras.api._v2.keras.applications")
    target.VGG16, source.VGG16, source.ResNet50, source._private = own_vgg16, resnet50, resnet50, resnet50
    source.DenseNet121 = other_copy  # TF 2.5: tf.keras is TensorFlow's copy, not the keras package
    assert alias_missing(target, source) == ["ResNet50"]
    assert target.ResNet50() == "resnet50" and target.VGG16() == "own"
    assert not hasattr(target, "_private") and not hasattr(target, "DenseNet121")
    assert alias_missing(target, target) == [] and alias_missing(None, source) == []


def test_the_float64_config_takes_numpy_values_that_old_keras_keeps_in_configs() -> None:
    import numpy as np

    from convtrack.cell.converters.tf2onnx import float64_config

    # keras 2.4.3's MobileNet: ReLU(max_value=np.array(6.0)); the float64 twin could not be built before
    config = {"layers": [{"class_name": "ReLU", "config": {"dtype": "float32", "max_value": np.array(6.0, np.float32),
                                                           "threshold": np.float32(0.0), "axes": np.array([1, 2])}}]}
    twin = float64_config(config)["layers"][0]["config"]
    assert twin == {"dtype": "float64", "max_value": 6.0, "threshold": 0.0, "axes": [1, 2]}
    with pytest.raises(TypeError, match="object in a Keras config"):
        float64_config({"x": object()})


def test_the_unfused_float64_config_asks_every_batch_norm_for_plain_ops_at_any_depth() -> None:
    from convtrack.cell.converters.tf2onnx import float64_config

    # TF 2.2's FusedBatchNormV3 refuses float64; the twin retries with `fused: False` (checked on TF 2.2.3)
    nested = {"class_name": "Functional", "config": {"layers": [
        {"class_name": "BatchNormalization", "config": {"dtype": "float32", "epsilon": 1e-3}},
        {"class_name": "Sequential", "config": {"layers": [
            {"class_name": "BatchNormalization", "config": {"dtype": "float32"}},
            {"class_name": "Dense", "config": {"dtype": "float32"}}]}}]}}
    twin = float64_config(nested, unfused_batch_norm=True)["config"]["layers"]
    assert twin[0]["config"] == {"dtype": "float64", "epsilon": 1e-3, "fused": False}
    assert twin[1]["config"]["layers"][0]["config"] == {"dtype": "float64", "fused": False}
    assert twin[1]["config"]["layers"][1]["config"] == {"dtype": "float64"}
    assert float64_config(nested) == float64_config(nested, unfused_batch_norm=False)
    assert "fused" not in str(float64_config(nested))


def test_the_applications_are_aliased_though_the_keras_package_has_not_imported_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    from convtrack.cell.converters.tf2onnx import _expose_keras_applications

    # keras 2.6: `import keras` leaves `keras.applications` unimported until tf.keras (a lazy loader) loads it, so
    # reading it as the package's attribute found nothing and TF 2.6.5 built none of the 13 applications
    def resnet50() -> str:
        return "resnet50"

    resnet50.__module__ = "keras.applications.resnet"
    target, source = types.ModuleType("keras.applications"), types.ModuleType("keras.api._v2.keras.applications")
    source.ResNet50 = resnet50
    monkeypatch.setitem(sys.modules, "keras", types.ModuleType("keras"))
    monkeypatch.setitem(sys.modules, "keras.applications", target)
    _expose_keras_applications(types.SimpleNamespace(keras=types.SimpleNamespace(applications=source)))
    assert target.ResNet50() == "resnet50"
