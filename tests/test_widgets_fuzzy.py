"""FuzzyState (browser-free logic), its drawing, the FuzzyExplorer widget and the fuzzy plot helpers."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import kmeans_lab as kl
from kmeans_lab.widgets.fuzzy import FuzzyExplorer, FuzzyState, draw_fuzzy_state


@pytest.fixture(scope="module")
def X():
    return kl.datasets.make_blobs(150, centers=3, cluster_std=1.5, random_state=3)[0]


def test_state_is_the_fit_from_fixed_kmeans_plusplus_centres(X):
    state = FuzzyState(X, 3, m=2.0, random_state=4)
    start = kl.kmeans_plusplus(X, 3, random_state=4)[0]
    expected = kl.FuzzyCMeans(3, m=2.0, init=start, max_iter=500).fit(X)
    np.testing.assert_array_equal(state.centers, expected.cluster_centers_)
    np.testing.assert_array_equal(state.membership, expected.membership_)
    assert state.partition_coefficient == expected.partition_coefficient
    assert state.partition_entropy == expected.partition_entropy


def test_set_m_and_k_then_reset_replays_the_same_picture(X):
    state = FuzzyState(X, 3, m=2.0)
    first = state.membership.copy()
    assert state.set_m(1.2) is state and state.m == 1.2
    hard_pc = state.partition_coefficient
    state.set_m(4.0)
    assert state.partition_coefficient < hard_pc  # softer memberships
    state.set_n_clusters(5)
    assert state.membership.shape == (150, 5) and state.n_clusters == 5
    state.reset()
    assert (state.m, state.n_clusters) == (2.0, 3)
    np.testing.assert_array_equal(state.membership, first)
    # Going back to a value gives the same fit: the picture is a function of (m, K).
    np.testing.assert_array_equal(state.set_m(3.0).membership, FuzzyState(X, 3, m=3.0).membership)


def test_status_and_details(X):
    state = FuzzyState(X, 3, m=2.0)
    pc, pe = state.partition_coefficient, state.partition_entropy
    assert state.status == (
        f"m = 2.00 · K = 3 · PC = {pc:.3f} · PE = {pe:.3f} · {state.model.n_iter_} iterations"
    )
    assert "membership above 0.9" in state.details and "ln\u00a0K\u00a0=\u00a01.10" in state.details
    # The formulas never break across lines: every space inside them is a non-breaking one.
    for formula in ("PC = 1", "PE = 0", "PC = 1/K = 0.33", "PE = ln K = 1.10"):
        assert formula not in state.details and formula.replace(" ", "\u00a0") in state.details
    assert np.all((state.largest_membership >= 1 / 3 - 1e-12) & (state.largest_membership <= 1 + 1e-12))


def test_bad_values_raise_clear_errors(X):
    state = FuzzyState(X, 3)
    with pytest.raises(ValueError, match="m must be > 1"):
        state.set_m(1.0)
    with pytest.raises(ValueError, match="n_clusters"):
        state.set_n_clusters(0)
    with pytest.raises(TypeError, match="random_state"):
        FuzzyState(X, 3, random_state=1.5)
    assert state.m == 2.0  # a rejected value leaves the state as it was


def test_draw_is_a_pure_function_of_the_state(X):
    state = FuzzyState(X, 3, m=1.5)
    fig = draw_fuzzy_state(state)
    ax_data, ax_hist = fig.axes[:2]
    assert "m = 1.50" in ax_data.get_title()
    assert f"PC = {state.partition_coefficient:.3f}" in ax_hist.get_title()
    assert sum(p.get_height() for p in ax_hist.patches) == 150
    again = draw_fuzzy_state(state, fig=fig)
    assert again is fig and len(fig.axes) >= 2
    plt.close(fig)
    with pytest.raises(ValueError, match="2-D data"):
        draw_fuzzy_state(FuzzyState(np.c_[X, X[:, :1]], 2))


def test_explorer_controls_drive_the_state(X):
    explorer = FuzzyExplorer(X, 3, m=2.0)
    assert explorer.m_slider.description == "m" and explorer.k_slider.description == "K"
    assert (explorer.m_slider.min, explorer.m_slider.max, explorer.m_slider.step) == (1.1, 5.0, 0.1)
    assert (explorer.k_slider.min, explorer.k_slider.max) == (2, 6)
    assert explorer.reset_button.description == "Reset"
    assert "kl-fuzzy-m" in explorer.m_slider._dom_classes
    explorer.m_slider.value = 3.5
    assert explorer.state.m == 3.5 and explorer.status.value.startswith("m = 3.50 · K = 3")
    explorer.k_slider.value = 4
    assert explorer.state.n_clusters == 4 and "K = 4" in explorer.status.value
    explorer.reset_button.click()
    assert (explorer.state.m, explorer.state.n_clusters) == (2.0, 3)
    assert (explorer.m_slider.value, explorer.k_slider.value) == (2.0, 3)
    assert explorer.status.value == explorer.state.status
    assert "0x" not in repr(explorer)
    with pytest.raises(ValueError, match="2-D data"):
        FuzzyExplorer(np.c_[X, X])
    plt.close("all")


def test_plot_helpers_draw_what_they_say(X):
    fcm = kl.FuzzyCMeans(3, random_state=0).fit(X)
    colors = kl.plotting.membership_colors(np.eye(3))
    np.testing.assert_allclose(colors[0], plt.matplotlib.colors.to_rgb(kl.plotting.cluster_color(0)))
    mixed = kl.plotting.membership_colors([[0.5, 0.5, 0.0]])[0]
    np.testing.assert_allclose(mixed, (colors[0] + colors[1]) / 2)
    ax = kl.plotting.plot_fuzzy_clusters(X, fcm.membership_, fcm.cluster_centers_, m=2.0, title="t")
    assert ax.get_title() == "t" and ax.get_xlabel() == "$x_1$"
    x = np.linspace(-5, 5, 50)
    u = kl.fuzzy_membership(x[:, None], [[-2.0], [2.0]], 2.0)
    ax = kl.plotting.plot_membership_curves(x, u, centers=[-2, 2], label="m = 2")
    assert len(ax.lines) == 3  # one curve per cluster and a grey legend entry
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), u[:, 1])
    assert [t.get_text() for t in ax.legend().get_texts()] == ["m = 2"]
    axes = kl.plotting.plot_validity_indices([1.5, 2, 3], [0.9, 0.8, 0.6], [0.2, 0.4, 0.8], label="K = 3")
    assert axes[0].get_ylabel() == "partition coefficient PC" and len(axes[1].lines) == 1
    ax = kl.plotting.plot_fuzzy_objective(fcm.objective_)
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), fcm.objective_)
    plt.close("all")
