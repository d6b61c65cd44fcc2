"""PlusPlusState (browser-free logic) and the PlusPlusPicker widget."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kmeans_lab as kl
from kmeans_lab.widgets.plusplus import PlusPlusPicker, PlusPlusState, draw_plusplus_state


@pytest.fixture(scope="module")
def blobs():
    X, _, centers = kl.datasets.make_s_sets(600, 15, random_state=7, return_centers=True)
    return X, centers


def test_pick_adds_one_centre_and_tracks_nearest_distances(blobs):
    X, _ = blobs
    state = PlusPlusState(X, 5, random_state=0)
    assert state.n_picked == 0 and state.potential is None and state.closest_sq_dist is None
    for t in range(1, 6):
        index = state.pick()
        assert state.n_picked == t and state.indices[-1] == index
        np.testing.assert_array_equal(state.centers[-1], X[index])
        brute = np.min([((X - c) ** 2).sum(axis=1) for c in state.centers], axis=0)
        np.testing.assert_allclose(state.closest_sq_dist, brute, rtol=1e-12, atol=1e-12)
        assert state.potential == pytest.approx(brute.sum())
    assert state.done and len(set(state.indices)) == 5


@pytest.mark.parametrize("seed", range(8))
def test_same_draws_as_kmeans_plusplus_with_one_trial(blobs, seed):
    X, _ = blobs
    state = PlusPlusState(X, 15, random_state=np.random.default_rng(seed))
    expected = kl.kmeans_plusplus(X, 15, np.random.default_rng(seed), n_local_trials=1)[1]
    assert state.pick_all() == expected.tolist()
    # An int seed means the same as a Generator seeded with it.
    assert PlusPlusState(X, 15, random_state=seed).pick_all() == expected.tolist()


def test_second_pick_follows_d2_frequencies():
    # Three points on a line, first centre forced by a single-sample start:
    # from x=0, D² = (0, 1, 9), so P = (0, 0.1, 0.9).
    X = np.array([[0.0], [1.0], [3.0]])
    counts = np.zeros(3)
    picked_first = 0
    for seed in range(3000):
        state = PlusPlusState(X, 2, random_state=seed)
        if state.pick() != 0:
            continue
        picked_first += 1
        counts[state.pick()] += 1
    share = counts / picked_first
    assert 800 < picked_first < 1200  # the first pick is uniform
    assert share[0] == 0
    assert share[1] == pytest.approx(0.1, abs=0.03)
    assert share[2] == pytest.approx(0.9, abs=0.03)


@given(st.integers(0, 2**32 - 1), st.integers(2, 12))
def test_potential_never_increases_and_probabilities_are_d2(seed, n_clusters):
    X = np.random.default_rng(seed).normal(size=(40, 2))
    state = PlusPlusState(X, n_clusters, random_state=seed)
    np.testing.assert_allclose(state.probabilities, 1 / 40)
    state.pick_all()
    assert all(b <= a for a, b in zip(state.potentials, state.potentials[1:]))
    p = state.probabilities
    assert p.sum() == pytest.approx(1.0)
    assert (p[state.indices] == 0).all()
    np.testing.assert_allclose(p, state.closest_sq_dist / state.closest_sq_dist.sum())


def test_reset_replays_and_new_seed_starts_over(blobs):
    X, _ = blobs
    state = PlusPlusState(X, 6, random_state=3)
    first = list(state.pick_all())
    state.reset()
    assert state.n_picked == 0 and state.potentials == []
    assert state.pick_all() == first
    seed = state.new_seed()
    assert state.n_picked == 0 and state.n_seeds == 2
    assert state.seed == seed and 0 <= seed < 10_000 and state.status.startswith(f"seed {seed} · centre 0")
    second = list(state.pick_all())
    assert second == PlusPlusState(X, 6, random_state=seed).pick_all()
    assert second != first
    other = PlusPlusState(X, 6, random_state=3)
    other.pick_all()
    other.new_seed()
    assert other.pick_all() == second  # new seeds are reproducible too


def test_pick_after_the_last_centre_changes_nothing(blobs):
    X, _ = blobs
    state = PlusPlusState(X, 2, random_state=1)
    state.pick_all()
    before = (list(state.indices), list(state.potentials))
    assert state.pick() is None
    assert (state.indices, state.potentials) == before


def test_duplicate_points_do_not_break_sampling():
    X = np.zeros((5, 2))
    state = PlusPlusState(X, 3, random_state=0)
    state.pick_all()
    assert state.potential == 0 and state.n_picked == 3
    np.testing.assert_allclose(state.probabilities, 0.2)


def test_callers_generator_and_data_are_untouched(blobs):
    X, _ = blobs
    X_copy = X.copy()
    rng = np.random.default_rng(11)
    before = rng.bit_generator.state
    state = PlusPlusState(X, 4, random_state=rng)
    state.pick_all()
    assert rng.bit_generator.state == before
    assert state.seed is None and state.status.startswith("centre 4 of 4")
    np.testing.assert_array_equal(X, X_copy)


def test_status_line():
    state = PlusPlusState([[0.0, 0.0], [3.0, 4.0], [0.0, 1.0]], 3, random_state=0)
    assert state.status == "seed 0 · centre 0 of 3 · potential undefined"
    state.pick_all()
    assert state.status == "seed 0 · centre 3 of 3 · potential = 0"
    state.reset()
    state.pick()
    assert state.status.startswith("seed 0 · centre 1 of 3 · potential = ")
    assert float(state.status.split("= ")[1]) == pytest.approx(state.potential, rel=1e-3)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"n_clusters": 10}, ValueError, "n_samples=3 should be >= n_clusters=10"),
        ({"n_clusters": 0}, ValueError, "n_clusters"),
        ({"n_clusters": 2, "random_state": "seed"}, TypeError, "random_state"),
    ],
)
def test_bad_input_is_named(kwargs, error, match):
    with pytest.raises(error, match=match):
        PlusPlusState([[0.0], [1.0], [2.0]], **kwargs)


# --- the widget, clicked without a browser ------------------------------------

def test_picker_buttons_drive_the_state(blobs):
    X, centers = blobs
    picker = PlusPlusPicker(X, 3, random_state=5, true_centers=centers)
    assert list(picker.buttons) == ["Pick next", "Reset", "New seed"]
    assert [b.description for b in picker.buttons.values()] == ["Pick next", "Reset", "New seed"]
    assert picker.status.value == "seed 5 · centre 0 of 3 · potential undefined"
    picker.buttons["Pick next"].click()
    assert picker.status.value.startswith("seed 5 · centre 1 of 3 · potential = ")
    picker.buttons["Pick next"].click()
    picker.buttons["Pick next"].click()
    assert picker.state.done and picker.buttons["Pick next"].disabled
    picked = list(picker.state.indices)
    picker.buttons["Reset"].click()
    assert picker.status.value == "seed 5 · centre 0 of 3 · potential undefined"
    assert not picker.buttons["Pick next"].disabled
    picker.buttons["New seed"].click()
    assert picker.state.n_seeds == 2 and picker.state.n_picked == 0
    assert picker.status.value == f"seed {picker.state.seed} · centre 0 of 3 · potential undefined"
    assert picker.state.seed != 5
    assert picked == PlusPlusState(X, 3, random_state=5).pick_all()
    assert "0x" not in repr(picker)


def test_picker_needs_two_features():
    with pytest.raises(ValueError, match="shape \\(n_samples, 2\\)"):
        PlusPlusPicker(np.zeros((10, 3)), 2)


def test_drawing_is_a_function_of_the_state(blobs):
    import matplotlib.pyplot as plt

    X, centers = blobs
    state = PlusPlusState(X, 4, random_state=2)
    for _ in range(5):
        fig = draw_plusplus_state(state, true_centers=centers)
        assert len(fig.axes) == 2
        plt.close(fig)
        state.pick()
