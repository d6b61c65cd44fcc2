"""Elkan's algorithm gives Lloyd's answer (the reference, kl.lloyd) while skipping distances.

As in test_engine_equals_reference.py, problems where a sample's two nearest
centres are equally near up to rounding at some iteration are left out of the
property test: there the nearest centre is decided by rounding, which differs
between Lloyd's product-form distances and Elkan's direct differences.
"""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import kmeans_lab as kl


@st.composite
def problems(draw):
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    dtype = draw(st.sampled_from([np.float64, np.float32]))
    n_samples = draw(st.integers(1, 120))
    n_features = draw(st.integers(1, 8))
    n_clusters = draw(st.integers(1, min(n_samples, 12)))
    scale = draw(st.sampled_from([1e-6, 1.0, 1e3]))
    offset = scale * draw(st.sampled_from([0.0, 10.0] + ([1e6] if dtype == np.float64 else [1e2])))
    X = rng.normal(size=(n_samples, n_features)) * scale + offset
    if draw(st.booleans()) and n_samples > 2:  # duplicated samples
        copies = rng.integers(0, n_samples, n_samples // 3)
        X[rng.integers(0, n_samples, copies.size)] = X[copies]
    X = X.astype(dtype)
    if draw(st.booleans()):
        n_clusters = n_samples
    init = X[rng.choice(n_samples, n_clusters, replace=False)].copy()
    n_far = draw(st.integers(0, n_clusters - 1)) if n_clusters > 1 else 0
    if n_far:  # centres no sample is near: their clusters start empty and are relocated
        init[:n_far] = offset + scale * 1e3 * (1 + np.arange(n_far))[:, None]
    weights = None
    if draw(st.booleans()):
        weights = rng.uniform(0.1, 3.0, n_samples).astype(dtype)
        weights[rng.random(n_samples) < 0.1] = 0.0
        if weights.sum() == 0:
            weights[0] = 1.0
    tol = draw(st.sampled_from([0.0, 1e-4]))
    return X, init, weights, tol


def decided_beyond_rounding(X, centres):
    """True when every sample's nearest centre is nearer than the next by more than rounding."""
    if len(centres) < 2:
        return True
    X64 = X.astype(np.float64) - X.mean(axis=0)
    C64 = centres.astype(np.float64) - X.mean(axis=0)
    exact = ((X64[:, None, :] - C64[None, :, :]) ** 2).sum(axis=-1)
    two_nearest = np.sort(exact, axis=1)[:, :2]
    scale = (X64**2).sum(axis=1).max() + (C64**2).sum(axis=1).max()
    return bool(np.all(two_nearest[:, 1] - two_nearest[:, 0] > 1e3 * np.finfo(X.dtype).eps * scale))


def assert_same_as_lloyd(X, init, weights, tol, skip_near_ties=False):
    lloyd = kl.lloyd(X, init, tol=tol, sample_weight=weights)
    if skip_near_ties:
        steps = [step.previous_centroids for step in lloyd.history] + [lloyd.centroids]
        assume(all(decided_beyond_rounding(X, centres) for centres in steps))
    elkan = kl.elkan(X, init, tol=tol, sample_weight=weights)
    assert elkan.n_iter == lloyd.n_iter and elkan.converged == lloyd.converged
    np.testing.assert_array_equal(elkan.labels, lloyd.labels)
    assert elkan.centroids.dtype == lloyd.centroids.dtype == X.dtype
    spread = float(np.abs(X - X.mean(axis=0)).max()) + np.finfo(X.dtype).tiny
    rtol = 1e-9 if X.dtype == np.float64 else 1e-4
    np.testing.assert_allclose(elkan.centroids, lloyd.centroids, rtol=rtol, atol=rtol * spread)
    assert len(elkan.skipped) == elkan.n_iter
    assert elkan.skipped[0] == 0.0 and all(0.0 <= s <= 1.0 for s in elkan.skipped)
    return elkan


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_elkan_equals_reference_lloyd(problem):
    assert_same_as_lloyd(*problem, skip_near_ties=True)


@pytest.mark.parametrize(
    "n_features, n_clusters, weighted, dtype",
    [(2, 5, False, np.float64), (20, 40, True, np.float64), (8, 16, False, np.float32)],
)
def test_elkan_equals_lloyd_on_blobs_and_skips_most_distances(n_features, n_clusters, weighted, dtype):
    X, _ = kl.datasets.make_blobs(3000, centers=n_clusters, n_features=n_features, random_state=n_clusters)
    X = X.astype(dtype)
    rng = np.random.default_rng(0)
    init = X[rng.choice(len(X), n_clusters, replace=False)]
    weights = rng.uniform(0.5, 2.0, len(X)).astype(dtype) if weighted else None
    result = assert_same_as_lloyd(X, init, weights, tol=0.0)
    assert result.n_iter > 3 and max(result.skipped[1:]) > 0.5


def test_skipped_fraction_is_counted_exactly_on_a_known_case():
    # One centre: the first iteration moves it to the mean, the second has no other centre to measure.
    X = np.arange(10.0).reshape(5, 2)
    assert kl.elkan(X, X[:1], tol=0.0).skipped == [0.0, 1.0]
    # Two far groups: after the first step u(x) ≤ s(a(x)) for every sample, so the second step skips all.
    X = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    assert kl.elkan(X, [[0.0, 0.0], [10.0, 0.0]], tol=0.0).skipped == [0.0, 1.0]


def test_the_estimator_keeps_the_skipped_fractions_of_its_run_and_drops_them_for_lloyd():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    model = kl.KMeans(2, init=np.array([[0.0, 0.0], [10.0, 0.0]]), algorithm="elkan", tol=0.0).fit(X)
    np.testing.assert_array_equal(model.skipped_fraction_, [0.0, 1.0])
    assert model.skipped_fraction_.shape == (model.n_iter_,)
    model.set_params(algorithm="lloyd").fit(X)
    assert not hasattr(model, "skipped_fraction_")


def test_estimator_elkan_equals_lloyd_and_scikit_learn_elkan():
    sklearn_cluster = pytest.importorskip("sklearn.cluster")
    X, _ = kl.datasets.make_blobs(2000, centers=12, n_features=6, random_state=3)
    init = X[np.random.default_rng(1).choice(len(X), 12, replace=False)]
    ours = kl.KMeans(12, init=init, algorithm="elkan").fit(X)
    lloyd = kl.KMeans(12, init=init, algorithm="lloyd").fit(X)
    theirs = sklearn_cluster.KMeans(12, init=init, n_init=1, algorithm="elkan").fit(X)
    np.testing.assert_array_equal(ours.labels_, lloyd.labels_)
    np.testing.assert_array_equal(ours.labels_, theirs.labels_)
    assert ours.n_iter_ == lloyd.n_iter_ == theirs.n_iter_
    np.testing.assert_allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=1e-10)
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-10)
    seeded = [kl.KMeans(12, algorithm=a, n_init=3, random_state=0).fit(X) for a in ("lloyd", "elkan")]
    np.testing.assert_array_equal(seeded[0].labels_, seeded[1].labels_)


def test_estimator_elkan_with_an_empty_cluster_and_weights():
    X, _ = kl.datasets.make_blobs(500, centers=4, random_state=5)
    init = np.vstack([X[:3], [[1e3, 1e3]]])
    weights = np.linspace(0.1, 2.0, len(X))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fits = [
            kl.KMeans(4, init=init, algorithm=a).fit(X, sample_weight=weights) for a in ("lloyd", "elkan")
        ]
    np.testing.assert_array_equal(fits[0].labels_, fits[1].labels_)
    np.testing.assert_allclose(fits[0].cluster_centers_, fits[1].cluster_centers_, rtol=1e-10)


@pytest.mark.parametrize("algorithm", ["full", "auto", "Elkan", None, 1])
def test_unknown_algorithm_is_named(algorithm):
    with pytest.raises(ValueError, match="algorithm must be 'lloyd' or 'elkan', got"):
        kl.KMeans(2, algorithm=algorithm).fit(np.eye(3))


def test_elkan_checks_its_inputs_and_leaves_them_alone():
    X = np.random.default_rng(0).normal(size=(20, 2))
    init = X[:3].copy()
    X_copy, init_copy = X.copy(), init.copy()
    kl.elkan(X, init)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(init, init_copy)
    with pytest.raises(ValueError, match="init must have shape"):
        kl.elkan(X, np.zeros((3, 5)))
    with pytest.raises(ValueError, match="max_iter"):
        kl.elkan(X, init, max_iter=0)
    with pytest.raises(ValueError, match="n_samples=2 should be >= n_clusters=3"):
        kl.elkan(X[:2], init)
