"""The Lloyd stepper: its state without a browser, its drawing, and its buttons."""

import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import kmeans_lab as kl
from kmeans_lab.widgets.lloyd_stepper import LloydState, draw_lloyd_state

STATUS = re.compile(r"^iteration (\d+) · phase: (start|assign|update)(?: · J = (\d+\.\d+))?$")


def blobs(seed=0, n=90, k=3):
    return kl.datasets.make_blobs(n, centers=k, cluster_std=1.5, random_state=seed)[0]


def naive_assign(X, C):
    """Nearest centre by brute force (independent of the package's GEMM kernel)."""
    return np.array([int(np.argmin([np.sum((x - c) ** 2) for c in C])) for x in X])


def naive_means(X, labels, k):
    return np.array([X[labels == j].mean(axis=0) for j in range(k)])


def naive_wcss(X, C, labels):
    return float(sum(np.sum((x - C[j]) ** 2) for x, j in zip(X, labels)))


def snapshot(state):
    f = state.frame
    labels = None if f.labels is None else f.labels.copy()
    return (f.iteration, f.phase, f.centroids.copy(), labels, f.inertia)


def assert_same_snapshot(a, b):
    assert a[:2] == b[:2]
    np.testing.assert_array_equal(a[2], b[2])
    if a[3] is None:
        assert b[3] is None
    else:
        np.testing.assert_array_equal(a[3], b[3])
    assert a[4] == b[4]


# -- the state ---------------------------------------------------------------
def test_start_has_no_inertia_and_status_says_so():
    state = LloydState(blobs(), 3, random_state=0)
    assert state.phase == "start" and state.iteration == 0
    assert state.inertia is None and state.labels is None
    assert state.status == "iteration 0 · phase: start"


def test_step_alternates_assign_and_update():
    state = LloydState(blobs(), 3, random_state=0)
    seen = []
    for _ in range(6):
        state.step()
        seen.append((state.iteration, state.phase))
        assert STATUS.match(state.status)
    assert seen == [(1, "assign"), (1, "update"), (2, "assign"), (2, "update"), (3, "assign"), (3, "update")]


def test_status_line_format():
    X = [[0.0, 0.0], [0.0, 2.0], [10.0, 0.0], [10.0, 2.0]]
    state = LloydState(X, 2, init=[[0.0, 0.0], [10.0, 0.0]])
    state.step()  # J = 4 + 4 (two points at distance 2 from their centre)
    assert state.status == "iteration 1 · phase: assign · J = 8.00"
    state.step()  # means (0, 1), (10, 1): J = 4 · 1
    assert state.status == "iteration 1 · phase: update · J = 4.00"
    state.step()
    assert state.status == "iteration 2 · phase: assign · J = 4.00"


def test_hand_computed_run_with_an_empty_cluster():
    # (9, 0) is nearest to (4, 4) (41 < 65 < 81), so the centre (8, 8) gets nothing;
    # the farthest point from its centre, (9, 0), is moved into the empty cluster.
    X = np.array([[0, 0], [1, 0], [0, 1], [4, 4], [5, 4], [4, 5], [9, 0]], dtype=float)
    state = LloydState(X, 3, init=[[0, 0], [4, 4], [8, 8]])
    state.step()
    np.testing.assert_array_equal(state.labels, [0, 0, 0, 1, 1, 1, 1])
    assert state.inertia == pytest.approx(1 + 1 + 1 + 1 + 41)
    state.step()
    np.testing.assert_allclose(state.centroids, [[1 / 3, 1 / 3], [13 / 3, 13 / 3], [9, 0]], atol=1e-12)
    np.testing.assert_array_equal(state.labels, [0, 0, 0, 1, 1, 1, 2])
    np.testing.assert_array_equal(state.frame.relocated, [6])
    assert state.inertia == pytest.approx(8 / 3)
    state.step()
    assert state.converged and state.frame.n_changed == 0


@given(
    X=hnp.arrays(np.float64, st.tuples(st.integers(4, 25), st.just(2)),
                 elements=st.floats(-50, 50, allow_nan=False, width=32)),
    k=st.integers(1, 4),
    seed=st.integers(0, 2**16),
    init=st.sampled_from(["random", "k-means++"]),
)  # fmt: skip
def test_inertia_never_increases_on_step(X, k, seed, init):
    state = LloydState(X, k, init=init, random_state=seed)
    for _ in range(16):
        before = state.inertia
        state.step()
        assert np.isfinite(state.centroids).all()
        if before is not None:
            assert state.inertia <= before * (1 + 1e-9) + 1e-9
        expected = naive_wcss(state.X, state.centroids, state.labels)
        np.testing.assert_allclose(state.inertia, expected, rtol=1e-9, atol=1e-9)


@given(seed=st.integers(0, 2**16), n_steps=st.integers(0, 9))
def test_back_undoes_step(seed, n_steps):
    state = LloydState(blobs(seed % 7), 3, random_state=seed)
    state.run(n_steps)
    before = snapshot(state)
    state.step()
    assert state.back() is True
    assert_same_snapshot(snapshot(state), before)


def test_back_at_start_does_nothing():
    state = LloydState(blobs(), 3, random_state=0)
    start = snapshot(state)
    assert state.back() is False
    assert_same_snapshot(snapshot(state), start)


def test_reset_returns_to_the_initial_state():
    state = LloydState(blobs(), 3, random_state=0)
    start = snapshot(state)
    init = state.init_centroids.copy()
    state.run(7)
    state.reset()
    assert_same_snapshot(snapshot(state), start)
    np.testing.assert_array_equal(state.init_centroids, init)
    assert len(state.frames) == 1


@pytest.mark.parametrize("method", ["random", "k-means++"])
def test_new_init_draws_new_seeded_centres(method):
    X = blobs(n=120, k=4)
    a, b = LloydState(X, 4, init=method, random_state=11), LloydState(X, 4, init=method, random_state=11)
    first = a.init_centroids.copy()
    a.run(3)
    a.new_init()
    assert a.phase == "start" and len(a.frames) == 1
    assert not np.array_equal(a.init_centroids, first)
    # Each start is k distinct rows of X.
    rows = {tuple(r) for r in X}
    assert all(tuple(c) in rows for c in a.init_centroids) and len({tuple(c) for c in a.init_centroids}) == 4
    # Reproducible: the same seed replays the same sequence of starts.
    b.new_init()
    np.testing.assert_array_equal(a.init_centroids, b.init_centroids)


def test_init_uses_the_package_initialisers():
    X = blobs(n=120, k=4)
    rng = np.random.default_rng(5)
    expected_random = [kl.random_init(X, 4, random_state=rng) for _ in range(2)]
    state = LloydState(X, 4, init="random", random_state=5)
    np.testing.assert_array_equal(state.init_centroids, expected_random[0])
    state.new_init()
    np.testing.assert_array_equal(state.init_centroids, expected_random[1])
    expected_pp = kl.kmeans_plusplus(X, 4, random_state=np.random.default_rng(5))[0]
    state_pp = LloydState(X, 4, init="k-means++", random_state=5)
    np.testing.assert_array_equal(state_pp.init_centroids, expected_pp)


@pytest.mark.parametrize("seed", range(6))
def test_state_agrees_with_lloyd_history_and_a_naive_loop(seed):
    X = blobs(seed, n=150, k=4)
    state = LloydState(X, 4, random_state=seed)
    result = kl.lloyd(X, state.init_centroids, tol=0)
    centroids = state.init_centroids
    for t, step in enumerate(result.history, start=1):
        state.step()
        assert (state.iteration, state.phase) == (t, "assign")
        np.testing.assert_array_equal(state.labels, step.labels)
        np.testing.assert_array_equal(state.labels, naive_assign(X, centroids))
        assert state.inertia == pytest.approx(step.inertia_before_update, rel=1e-10)
        state.step()
        np.testing.assert_allclose(state.centroids, step.centroids, rtol=1e-10, atol=1e-10)
        if step.n_relocated == 0:
            expected = naive_means(X, state.labels, 4)
            np.testing.assert_allclose(state.centroids, expected, rtol=1e-10, atol=1e-10)
            assert state.inertia == pytest.approx(step.inertia, rel=1e-10)
        centroids = state.centroids
    assert result.converged
    state.step()  # one more assignment: nothing changes, as in the package
    assert state.converged
    np.testing.assert_array_equal(state.labels, result.labels)


def test_converged_state_is_a_fixed_point():
    state = LloydState(blobs(), 3, random_state=2)
    while not state.converged:
        state.step()
    centroids, labels, inertia = state.centroids, state.labels, state.inertia
    for _ in range(4):
        state.step()
        np.testing.assert_allclose(state.centroids, centroids)
        np.testing.assert_array_equal(state.labels, labels)
        assert state.inertia == pytest.approx(inertia)
    assert "Converged" in state.details


def test_callers_arrays_are_not_modified():
    X = blobs()
    init = X[:3].copy()
    X_copy, init_copy = X.copy(), init.copy()
    state = LloydState(X, 3, init=init)
    state.run(6)
    state.reset()
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(init, init_copy)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"init": "kmeans"}, ValueError, "init must be 'random', 'k-means\\+\\+' or an array"),
        ({"init": [[0.0, 0.0]]}, ValueError, "init"),
        ({"init": [[0.0, 0.0, 0.0]] * 3}, ValueError, "init"),
        ({"random_state": "seed"}, (TypeError, ValueError), "random_state"),
    ],
)
def test_bad_input_is_a_clear_error(kwargs, error, match):
    with pytest.raises(error, match=match):
        LloydState(blobs(), 3, **kwargs)


def test_bad_data_and_n_clusters():
    with pytest.raises(ValueError, match="n_clusters"):
        LloydState([[0.0, 0.0], [1.0, 1.0]], 3)
    with pytest.raises(ValueError, match="NaN"):
        LloydState([[0.0, np.nan], [1.0, 1.0]], 1)
    with pytest.raises(TypeError, match="n_clusters"):
        LloydState(blobs(), 2.5)


# -- the drawing ---------------------------------------------------------------
def png_bytes(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=36, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def small_drawing(state):
    return png_bytes(draw_lloyd_state(state, figsize=(5, 2.2), resolution=60))


def test_drawing_is_a_pure_function_of_the_state():
    state = LloydState(blobs(), 3, random_state=4)
    state.run(3)
    n_frames = len(state.frames)
    first = small_drawing(state)
    assert len(state.frames) == n_frames  # drawing does not change the state
    assert small_drawing(state) == first
    # The same state reached another way draws the same picture.
    other = LloydState(blobs(), 3, random_state=4)
    other.run(5)
    other.back()
    other.back()
    assert small_drawing(other) == first
    # ...and a different state draws a different one.
    state.step()
    assert small_drawing(state) != first


def test_drawing_titles_follow_the_phase():
    state = LloydState(blobs(), 3, random_state=4)
    titles = []
    for _ in range(3):
        fig = draw_lloyd_state(state)
        titles.append(fig.axes[0].get_title())
        assert fig.axes[0].get_xlabel() and fig.axes[0].get_ylabel()
        plt.close(fig)
        state.step()
    assert titles[0].startswith("iteration 0") and "initial" in titles[0]
    assert titles[1].startswith("iteration 1") and "assign" in titles[1]
    assert titles[2].startswith("iteration 1") and "update" in titles[2]


def test_drawing_needs_2d_data():
    state = LloydState(np.random.default_rng(0).normal(size=(20, 3)), 2, random_state=0)
    with pytest.raises(ValueError, match="2-D"):
        draw_lloyd_state(state)


# -- the widget ------------------------------------------------------------------
@pytest.fixture
def stepper():
    import ipywidgets

    widget = kl.widgets.LloydStepper(blobs(), 3, random_state=3)
    assert isinstance(widget.status, ipywidgets.Label)
    assert isinstance(widget.output, ipywidgets.Output)
    yield widget
    plt.close("all")


def test_widget_buttons_and_status(stepper):
    assert list(stepper.buttons) == ["Step", "Back", "Reset", "New init"]
    assert [b.description for b in stepper.buttons.values()] == ["Step", "Back", "Reset", "New init"]
    assert all(not b.disabled for b in stepper.buttons.values())
    assert stepper.status.value == "iteration 0 · phase: start"
    children = stepper.widget.children
    assert stepper.status in children and stepper.output in children


def test_widget_clicks_drive_the_state(stepper):
    values = []
    for _ in range(4):
        stepper.buttons["Step"].click()
        values.append(stepper.status.value)
        assert stepper.status.value == stepper.state.status
    parsed = [STATUS.match(v).groups() for v in values]
    assert [(int(i), p) for i, p, _ in parsed] == [(1, "assign"), (1, "update"), (2, "assign"), (2, "update")]
    inertias = [float(j) for _, _, j in parsed]
    assert inertias == sorted(inertias, reverse=True)
    stepper.buttons["Back"].click()
    assert stepper.status.value == values[-2]
    stepper.buttons["Reset"].click()
    assert stepper.status.value == "iteration 0 · phase: start"
    init = stepper.state.init_centroids.copy()
    stepper.buttons["New init"].click()
    assert stepper.status.value == "iteration 0 · phase: start"
    assert not np.array_equal(stepper.state.init_centroids, init)
    assert plt.get_fignums() == []  # every redraw closes its figure


def test_widget_rejects_data_it_cannot_draw():
    with pytest.raises(ValueError, match="2-D"):
        kl.widgets.LloydStepper(np.zeros((5, 3)), 2)


def test_widget_displays_itself_with_a_text_fallback(stepper):
    bundle = stepper._repr_mimebundle_()
    assert bundle["text/plain"] == "Interactive Lloyd stepper — run this cell to use it."
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == stepper.widget.model_id
    assert "iteration 0" in repr(stepper)
