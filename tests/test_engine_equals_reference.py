"""The engine (what KMeans.fit runs) gives the reference's answer: the functions a learner reads.

Labels and the number of iterations must be identical; centres and inertia
equal up to rounding. Every test runs on each engine (``conftest.ENGINES``):
NumPy's, and where numba is installed the compiled one, both by its fused loop
and by its matrix products, so the engines are also equal to each other.
Problems are drawn by hypothesis: weights, float32, duplicated samples,
empty clusters, k = n, tiny and large offsets; and a few large ones on which
the engine's threads and running sums are at work.

One kind of problem is left out: those where, at some iteration, a sample's
two nearest centres are equally near up to rounding (two centres within
rounding of each other, which k = n with duplicated samples produces). There
the nearest centre is decided by rounding, which differs between any two ways
of computing distances (scikit-learn's included).
"""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import kmeans_lab as kl
from kmeans_lab import _engine
from kmeans_lab.init import plusplus_indices

from conftest import ENGINES, decided_beyond_rounding, using_engine


@st.composite
def problems(draw):
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    dtype = draw(st.sampled_from([np.float64, np.float32]))
    n_samples = draw(st.integers(1, 120))
    n_features = draw(st.integers(1, 5))
    n_clusters = draw(st.integers(1, min(n_samples, 10)))
    scale = draw(st.sampled_from([1e-6, 1.0, 1e3]))
    # Offsets relative to the spread: tiny, none, and large enough to cost most of the precision.
    offset = scale * draw(st.sampled_from([0.0, 1e-8, 10.0] + ([1e6] if dtype == np.float64 else [1e2])))
    X = rng.normal(size=(n_samples, n_features)) * scale + offset
    if draw(st.booleans()) and n_samples > 2:  # duplicated samples
        copies = rng.integers(0, n_samples, n_samples // 3)
        X[rng.integers(0, n_samples, copies.size)] = X[copies]
    X = X.astype(dtype)
    if draw(st.booleans()):  # k = n: every sample a centre
        n_clusters = n_samples
    init = X[rng.choice(n_samples, n_clusters, replace=False)].copy()
    n_far = draw(st.integers(0, n_clusters - 1)) if n_clusters > 1 else 0
    if n_far:  # centres no sample is near: their clusters start empty
        init[:n_far] = offset + scale * 1e3 * (1 + np.arange(n_far))[:, None]
    weights = None
    if draw(st.booleans()):
        weights = rng.uniform(0.1, 3.0, n_samples).astype(dtype)
        weights[rng.random(n_samples) < 0.1] = 0.0
        if weights.sum() == 0:
            weights[0] = 1.0
    tol = draw(st.sampled_from([0.0, 1e-4]))
    return X, init, weights, tol


def assert_same_fit(engine_name, X, init, weights, tol, max_iter=300, skip_near_ties=False):
    reference = kl.lloyd(X, init, max_iter=max_iter, tol=tol, sample_weight=weights)
    if skip_near_ties:
        steps = [step.previous_centroids for step in reference.history] + [reference.centroids]
        assume(all(decided_beyond_rounding(X, centres) for centres in steps))
    engine = kl.KMeans(len(init), init=init, n_init=1, max_iter=max_iter, tol=tol)
    with warnings.catch_warnings(), using_engine(engine_name):
        warnings.simplefilter("ignore", kl.ConvergenceWarning)  # fewer distinct points than clusters
        engine.fit(X, sample_weight=weights)
    assert engine.n_iter_ == reference.n_iter
    np.testing.assert_array_equal(engine.labels_, reference.labels)
    assert engine.cluster_centers_.dtype == reference.centroids.dtype == X.dtype
    spread = float(np.abs(X - X.mean(axis=0)).max()) + np.finfo(X.dtype).tiny
    rtol = 1e-9 if X.dtype == np.float64 else 1e-4
    np.testing.assert_allclose(engine.cluster_centers_, reference.centroids, rtol=rtol, atol=rtol * spread)
    total = float(((X - X.mean(axis=0)).astype(np.float64) ** 2).sum()) + 1e-300
    assert abs(engine.inertia_ - reference.inertia) <= rtol * total


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_engine_fit_equals_reference_lloyd(engine, problem):
    assert_same_fit(engine, *problem, skip_near_ties=True)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "n_samples, n_features, n_clusters, dtype, weighted, duplicated, n_empty",
    [
        (20_000, 3, 12, np.float64, False, False, 0),
        (24_000, 6, 31, np.float64, True, True, 2),
        (18_000, 2, 8, np.float32, False, True, 1),
        (16_384, 16, 32, np.float32, True, False, 0),
    ],
)
def test_engine_equals_reference_where_threads_and_running_sums_work(
    engine, n_samples, n_features, n_clusters, dtype, weighted, duplicated, n_empty
):
    rng = np.random.default_rng(n_samples + n_clusters)
    centres = rng.uniform(-10, 10, (n_clusters, n_features))
    X = centres[rng.integers(0, n_clusters, n_samples)] + rng.normal(0, 2.5, (n_samples, n_features))
    if duplicated:
        X[rng.integers(0, n_samples, 2000)] = X[rng.integers(0, n_samples, 2000)]
    X = X.astype(dtype)
    init = X[rng.choice(n_samples, n_clusters, replace=False)].copy()
    init[:n_empty] = 1e3
    weights = rng.uniform(0.2, 4.0, n_samples).astype(dtype) if weighted else None
    assert_same_fit(engine, X, init, weights, tol=0.0)


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=100, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_samples=st.integers(2, 300),
    n_features=st.integers(1, 6),
    n_clusters=st.integers(1, 12),
    weighted=st.booleans(),
    n_local_trials=st.sampled_from([None, 1, 3]),
)
def test_engine_plusplus_draws_the_reference_centres(
    engine, seed, n_samples, n_features, n_clusters, weighted, n_local_trials
):
    n_clusters = min(n_clusters, n_samples)
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features)) * rng.uniform(0.1, 10, n_features)
    weights = rng.uniform(0.5, 2.0, n_samples) if weighted else None
    reference = plusplus_indices(X, n_clusters, np.random.default_rng(seed), n_local_trials, weights)
    with using_engine(engine):
        data = _engine.prepare(X, weights)
        engine = _engine.plusplus_indices(data, n_clusters, np.random.default_rng(seed), n_local_trials)
    differ = np.flatnonzero(engine != reference)
    if differ.size:
        # Only where two candidates leave the same potential up to rounding (with 3 samples, for
        # instance, each of the other two leaves the distance between them) may rounding pick another.
        step = differ[0]
        potentials = [potential(X, weights, chosen[: step + 1]) for chosen in (engine, reference)]
        assert potentials[0] == pytest.approx(potentials[1], rel=1e-9), (engine, reference)


def potential(X, weights, indices):
    """Σ w·D² for centres at the rows ``indices``, by direct differences."""
    exact = ((X[:, None, :] - X[None, indices, :]) ** 2).sum(axis=-1).min(axis=1)
    return float(exact.sum() if weights is None else exact @ weights)


@pytest.mark.parametrize("engine", ENGINES)
def test_large_inputs_hand_over_to_the_engine_with_the_same_answer(engine):
    rng = np.random.default_rng(5)
    X = rng.normal(size=(300_000, 3))
    centres = X[:20]
    from kmeans_lab.lloyd import nearest_centroids

    with using_engine(engine):
        np.testing.assert_array_equal(kl.assign(X, centres), nearest_centroids(X, centres))
        indices = kl.kmeans_plusplus(X[:60_000], 20, random_state=1)[1]
    np.testing.assert_array_equal(indices, plusplus_indices(X[:60_000], 20, np.random.default_rng(1)))
