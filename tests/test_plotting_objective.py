"""The objective figures draw what they claim (checked on the artists, not on pixels)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import kmeans_lab as kl


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_assignment_segments_one_line_per_sample(rng):
    X = rng.normal(size=(12, 2))
    labels = np.arange(12) % 3
    centroids = np.array([X[labels == k].mean(axis=0) for k in range(3)])
    ax = kl.plotting.plot_assignment_segments(X, labels, centroids)
    segments = [line.get_xydata() for line in ax.get_lines()]
    assert len(segments) == 12
    lengths = sum(((a - b) ** 2).sum() for a, b in segments)
    assert lengths == pytest.approx(kl.wcss(X, centroids, labels))


def test_partition_landscape_marks_optimum():
    ax = kl.plotting.plot_partition_landscape([3.0, 4.0, 5.0, 9.0], optimum=3.0, local_optima=[3.0, 5.0])
    assert ax.get_lines()[-1].get_xdata()[0] == 3.0
    assert "optimum J = 3" in [t.get_text() for t in ax.get_legend().get_texts()][-1]


def test_count_growth_skips_zero_counts():
    ax = kl.plotting.plot_count_growth([1, 2, 3], {"k = 2": [0, 1, 3]})
    y = ax.get_lines()[0].get_ydata()
    assert np.isnan(y[0]) and list(y[1:]) == [1.0, 3.0]
    assert ax.get_yscale() == "log"


@pytest.mark.parametrize("kind", ["squared", "absolute"])
def test_objective_1d_minimum_at_mean_or_median(kind):
    points = [1.0, 2.0, 3.0, 10.0]
    ax = kl.plotting.plot_objective_1d(points, kind=kind)
    m, J = ax.get_lines()[0].get_data()
    best = m[np.argmin(J)]
    if kind == "squared":
        assert best == pytest.approx(np.mean(points), abs=0.05)
    else:
        assert 2.0 <= best <= 3.0


def test_objective_1d_rejects_unknown_kind():
    with pytest.raises(ValueError, match="kind must be"):
        kl.plotting.plot_objective_1d([1, 2], kind="cubic")


def test_objective_contours_marks_the_mean(rng):
    X = rng.normal(size=(5, 2))
    ax = kl.plotting.plot_objective_contours(X)
    marked = ax.collections[-1].get_offsets()[0]
    np.testing.assert_allclose(marked, X.mean(axis=0))
