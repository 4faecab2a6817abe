"""A mismatch's detail says how far past the framework's own noise it is (issue 10: mismatch means evidence)."""

from __future__ import annotations

from convtrack.site.common import detail


def test_calibrated_mismatch_shows_its_distance_past_the_noise() -> None:
    row = {"outcome": "mismatch", "metrics": {"max_abs": 0.5, "max_rel": 0.88, "mismatch_fraction": 0.3,
                                              "tolerance": {"noise": 1e-7, "noise_ratio": 7.8e6, "atol": 1e-6,
                                                            "rtol": 1e-3, "source": "calibrated"}}}
    assert "7.8e+06x the float64-calibrated noise 1e-07" in detail(row)


def test_uncalibrated_mismatch_names_its_fixed_tolerance() -> None:
    row = {"outcome": "mismatch", "metrics": {"max_abs": 1, "tolerance": {"noise": None, "source": "fixed",
                                                                          "atol": 1e-5, "rtol": 1e-3}}}
    assert "(tolerance fixed: atol=1e-05 rtol=0.001)" in detail(row)
