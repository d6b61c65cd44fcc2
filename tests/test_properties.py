"""Property tests of Lloyd's algorithm (hypothesis)."""

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import kmeans_lab as kl


@st.composite
def problems(draw, max_samples=40, max_features=3):
    """Small data sets with integer structure plus a tiny jitter (so exact distance ties are rare)."""
    n = draw(st.integers(2, max_samples))
    d = draw(st.integers(1, max_features))
    base = draw(arrays(np.int64, (n, d), elements=st.integers(-20, 20)))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    X = base + rng.uniform(-1e-3, 1e-3, (n, d))
    k = draw(st.integers(1, min(n, 6)))
    init = X[rng.choice(n, k, replace=False)]
    return X, init


def relative(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


@given(problems())
def test_wcss_never_increases_along_the_history(problem):
    X, init = problem
    result = kl.lloyd(X, init, tol=0)
    values = []
    for step in result.history:
        values += [step.inertia_before_update, step.inertia]
    values.append(result.inertia)
    for before, after in itertools.pairwise(values):
        assert after <= before or relative(after, before)


@given(problems())
def test_converged_result_is_a_fixed_point(problem):
    X, init = problem
    result = kl.lloyd(X, init, tol=0, max_iter=1000)
    assert result.converged
    k = len(init)
    # Assigning to the final centres gives the same objective ...
    assert relative(kl.wcss(X, result.centroids), result.inertia)
    assert relative(kl.wcss(X, result.centroids, kl.assign(X, result.centroids)), result.inertia)
    # ... and updating from the final labels gives back the final centres.
    counts = np.bincount(result.labels, minlength=k)
    updated = kl.update_centroids(X, result.labels, k)
    np.testing.assert_allclose(updated[counts > 0], result.centroids[counts > 0], atol=1e-9)


@given(problems(), st.randoms(use_true_random=False))
def test_invariant_to_the_order_of_rows(problem, random):
    X, init = problem
    order = np.array(random.sample(range(len(X)), len(X)))
    a = kl.lloyd(X, init, tol=0)
    b = kl.lloyd(X[order], init, tol=0)
    np.testing.assert_allclose(a.centroids, b.centroids, atol=1e-9)
    np.testing.assert_array_equal(a.labels[order], b.labels)
    assert relative(a.inertia, b.inertia)


@given(problems(), arrays(np.float64, 3, elements=st.floats(-1e3, 1e3)))
def test_translation_equivariance(problem, shift):
    X, init = problem
    shift = shift[: X.shape[1]]
    a = kl.lloyd(X, init, tol=0)
    b = kl.lloyd(X + shift, init + shift, tol=0)
    np.testing.assert_allclose(b.centroids, a.centroids + shift, atol=1e-7)
    np.testing.assert_array_equal(a.labels, b.labels)
    assert abs(a.inertia - b.inertia) <= 1e-7 * max(1.0, a.inertia)


@given(problems())
def test_kmeans_plusplus_picks_distinct_rows_of_X(problem):
    X, init = problem
    k = len(init)
    centers, indices = kl.kmeans_plusplus(X, k, random_state=0)
    np.testing.assert_array_equal(centers, X[indices])
    assert len(set(indices.tolist())) == k  # the jittered rows are all distinct
    rows = kl.random_init(X, k, random_state=0)
    assert len({tuple(r) for r in rows}) == k


@given(problems())
def test_assignment_is_the_nearest_centre(problem):
    X, init = problem
    labels = kl.assign(X, init)
    distances = ((X[:, None, :] - init[None, :, :]) ** 2).sum(axis=2)
    chosen = distances[np.arange(len(X)), labels]
    assert np.all(chosen <= distances.min(axis=1) + 1e-9)
    np.testing.assert_allclose(kl.squared_distances(X, init), distances, atol=1e-8)
