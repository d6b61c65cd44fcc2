"""Plot helpers of the initialisation lesson: values they compute and figures they build."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import kmeans_lab as kl
from kmeans_lab.plotting import initialisation as pi


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_d2_probabilities_by_hand():
    X = np.array([[0.0], [1.0], [3.0], [10.0]])
    np.testing.assert_allclose(pi.d2_probabilities(X, X[:1]), np.array([0, 1, 9, 100]) / 110)
    np.testing.assert_allclose(pi.d2_probabilities(X), 0.25)
    np.testing.assert_allclose(pi.d2_probabilities(np.zeros((4, 1)), np.zeros((1, 1))), 0.25)


def test_pick_probability_sizes_follow_the_probabilities():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0], [10.0, 0.0]])
    ax = pi.plot_pick_probabilities(X, X[:1], true_centers=X[:2], colorbar=True, title="t")
    scatter = ax.collections[1]  # 0 is the grey base layer
    sizes = scatter.get_sizes()
    assert sizes.argmax() == len(sizes) - 1  # drawn in increasing probability: x = 10 last and largest
    assert np.all(np.diff(sizes) >= 0)


def test_sequence_has_one_panel_per_step():
    X, _, centers = kl.datasets.make_s_sets(300, 5, random_state=0, return_centers=True)
    indices = kl.kmeans_plusplus(X, 5, random_state=0, n_local_trials=1)[1]
    fig = pi.plot_plusplus_sequence(X, indices, true_centers=centers)
    assert [ax.get_title() for ax in fig.axes if ax.get_visible()] == [
        "0 chosen · next ringed", "1 chosen · next ringed", "2 chosen · next ringed",
        "3 chosen · next ringed", "all 5 chosen",
    ]  # fmt: skip


def test_distribution_ci_and_restart_plots():
    ax = pi.plot_distributions({"a": [1.0, 2.0, 3.0], "b": [2.0, 2.0, 2.0]}, log=True)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a (median 2)", "b (median 2)"]
    ax = pi.plot_ci_frequencies({"random": [0, 1, 1, 2], "k-means++": [0, 0, 0, 1]})
    heights = [p.get_height() for p in ax.patches]
    assert heights == [25.0, 50.0, 25.0, 75.0, 25.0, 0.0]
    ax = pi.plot_restart_success([1, 2, 5], {"m": [0.1, 0.2, 0.5]})
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [10, 20, 50])


def test_start_plot_and_bad_shapes():
    X = np.random.default_rng(0).normal(size=(20, 2))
    pi.plot_start(X, X[:3], true_centers=X[3:5], title="start")
    with pytest.raises(ValueError, match="shape \\(n_samples, 2\\)"):
        pi.plot_pick_probabilities(np.zeros((5, 3)))
