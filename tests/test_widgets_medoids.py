"""The SWAP stepper: its state without a browser, its drawing, and its buttons."""

import itertools
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kmeans_lab as kl
from kmeans_lab.widgets.medoids import MedoidSwapState, MedoidSwapStepper, draw_swap_state

STATUS = re.compile(
    r"^(start|swap (\d+) of (\d+)) · loss = (\d+\.\d\d) · "
    r"(local optimum: no swap lowers the loss|\d+ swaps? to go)$"
)


def blobs(seed=0, n=45, k=3):
    return kl.datasets.make_blobs(n, centers=k, cluster_std=1.2, random_state=seed)[0]


def brute_loss(X, medoids):
    return sum(min(np.linalg.norm(x - X[m]) for m in medoids) for x in X)


def test_frames_follow_pam_and_end_where_kmedoids_ends():
    X = blobs()
    state = MedoidSwapState(X, [0, 1, 2])
    fit = kl.KMedoids(3, init=[0, 1, 2]).fit(X)
    assert state.n_swaps == len(fit.history_) > 0
    np.testing.assert_array_equal(state.frames[-1].medoids, fit.medoid_indices_)
    for frame in state.frames:
        assert frame.loss == pytest.approx(brute_loss(X, frame.medoids), rel=1e-12)


def test_step_and_reset():
    state = MedoidSwapState(blobs(1), [0, 1, 2])
    assert state.position == 0 and state.frame.removed == () and not state.done
    seen = [state.frame.loss]
    while state.step():
        seen.append(state.frame.loss)
        assert len(state.frame.removed) == len(state.frame.added) == 1
    assert state.done and state.step() is False and state.position == state.n_swaps
    assert seen == state.losses and all(b < a for a, b in itertools.pairwise(seen))
    state.reset()
    assert state.position == 0 and state.losses == seen[:1]


def test_status_and_details_text():
    state = MedoidSwapState(blobs(2), [0, 1, 2])
    for _ in range(state.n_swaps + 2):
        match = STATUS.match(state.status)
        assert match, state.status
        assert float(match.group(4)) == pytest.approx(state.frame.loss, abs=0.006)
        assert ("local optimum" in state.status) == state.done
        assert state.details
        state.step()


def test_start_from_build_and_fasterpam_and_manhattan():
    X = blobs(3)
    built = MedoidSwapState(X, 3)
    np.testing.assert_array_equal(built.frames[0].medoids, kl.pam_build(kl.pairwise_dissimilarities(X), 3))
    eager = MedoidSwapState(X, [0, 1, 2], method="fasterpam", metric="manhattan")
    fit = kl.KMedoids(3, init=[0, 1, 2], method="fasterpam", metric="manhattan").fit(X)
    assert eager.frames[-1].loss == pytest.approx(fit.inertia_)


@given(st.integers(0, 10_000), st.integers(1, 4), st.lists(st.sampled_from(["step", "reset"]), max_size=12))
def test_any_click_sequence_keeps_a_valid_state(seed, k, clicks):
    X = blobs(seed, n=20, k=3)
    state = MedoidSwapState(X, list(range(k)))
    for click in clicks:
        getattr(state, click)()
        assert 0 <= state.position <= state.n_swaps
        assert STATUS.match(state.status)
        assert sorted(set(state.frame.medoids)) == sorted(state.frame.medoids)


def test_bad_input():
    with pytest.raises(ValueError, match="method"):
        MedoidSwapState(blobs(), 3, method="alternate")
    with pytest.raises(ValueError, match="distinct"):
        MedoidSwapState(blobs(), [1, 1, 2])
    with pytest.raises(ValueError, match="2-D"):
        MedoidSwapStepper(np.zeros((10, 3)) + np.arange(10)[:, None], 2)


def test_drawing_is_a_pure_function_of_the_state():
    state = MedoidSwapState(blobs(), [0, 1, 2])
    state.step()
    first = draw_swap_state(state)
    second = draw_swap_state(state)
    for a, b in zip(first.axes, second.axes):
        assert a.get_title() == b.get_title()
        lines_a, lines_b = ([line.get_xydata().tolist() for line in ax.lines] for ax in (a, b))
        assert lines_a == lines_b
        offsets_a, offsets_b = ([c.get_offsets().tolist() for c in ax.collections] for ax in (a, b))
        assert offsets_a == offsets_b
    assert len(first.axes) == 2
    plt.close("all")


def test_buttons_drive_the_state():
    stepper = MedoidSwapStepper(blobs(), [0, 1, 2])
    assert tuple(stepper.buttons) == ("Step", "Reset")
    assert [b.description for b in stepper.buttons.values()] == ["Step", "Reset"]
    assert stepper.status.value == stepper.state.status
    stepper.buttons["Step"].click()
    assert stepper.state.position == 1 and stepper.status.value.startswith("swap 1 of")
    for _ in itertools.repeat(None, stepper.state.n_swaps + 1):
        stepper.buttons["Step"].click()
    assert "local optimum" in stepper.status.value
    stepper.buttons["Reset"].click()
    assert stepper.state.position == 0 and stepper.status.value.startswith("start")
    assert "MedoidSwapStepper(n_samples=45" in repr(stepper)
    plt.close("all")
