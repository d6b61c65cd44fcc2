"""Same initial centres, same answers as scikit-learn's KMeans(algorithm="lloyd")."""

import warnings

import numpy as np
import pytest
from sklearn.cluster import KMeans as SklearnKMeans
from sklearn.cluster import kmeans_plusplus as sklearn_kmeans_plusplus

import kmeans_lab as kl

from conftest import ENGINES, using_engine


def sklearn_fit(X, init, tol=1e-4, max_iter=300, sample_weight=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its ConvergenceWarning on duplicate points
        return SklearnKMeans(
            n_clusters=len(init), init=init, n_init=1, tol=tol, max_iter=max_iter, algorithm="lloyd"
        ).fit(X, sample_weight=sample_weight)


def assert_same(ours_centroids, ours_labels, ours_inertia, ours_n_iter, theirs):
    np.testing.assert_array_equal(ours_labels, theirs.labels_)
    np.testing.assert_allclose(ours_centroids, theirs.cluster_centers_, rtol=0, atol=1e-8)
    assert ours_inertia == pytest.approx(theirs.inertia_, rel=1e-10, abs=1e-10)
    assert ours_n_iter == theirs.n_iter_


def random_problem(rng):
    n = int(rng.integers(5, 400))
    d = int(rng.integers(1, 7))
    k = int(rng.integers(1, min(n, 12) + 1))
    X = rng.standard_normal((n, d)) * rng.uniform(0.1, 10) + rng.uniform(-50, 50, d)
    init = X[rng.choice(n, k, replace=False)]
    return X, init


@pytest.mark.parametrize("seed", range(25))
@pytest.mark.parametrize("tol", [0.0, 1e-4, 1e-2])
def test_same_result_from_the_same_init(seed, tol):
    X, init = random_problem(np.random.default_rng(seed))
    theirs = sklearn_fit(X, init, tol=tol)
    ours = kl.lloyd(X, init, tol=tol)
    assert_same(ours.centroids, ours.labels, ours.inertia, ours.n_iter, theirs)
    for engine in ENGINES:
        with using_engine(engine):
            km = kl.KMeans(len(init), init=init, tol=tol).fit(X)
        assert_same(km.cluster_centers_, km.labels_, km.inertia_, km.n_iter_, theirs)


@pytest.mark.parametrize("seed", range(20))
def test_same_result_with_sample_weight(seed):
    rng = np.random.default_rng(1000 + seed)
    X, init = random_problem(rng)
    weights = rng.uniform(0.1, 5.0, len(X))
    theirs = sklearn_fit(X, init, sample_weight=weights)
    ours = kl.lloyd(X, init, sample_weight=weights)
    assert_same(ours.centroids, ours.labels, ours.inertia, ours.n_iter, theirs)


@pytest.mark.parametrize("seed", range(10))
def test_max_iter_stops_like_sklearn(seed):
    X, init = random_problem(np.random.default_rng(2000 + seed))
    for max_iter in (1, 2, 3):
        theirs = sklearn_fit(X, init, tol=0.0, max_iter=max_iter)
        ours = kl.lloyd(X, init, tol=0.0, max_iter=max_iter)
        assert_same(ours.centroids, ours.labels, ours.inertia, ours.n_iter, theirs)


@pytest.mark.parametrize("seed", range(15))
def test_empty_clusters_are_relocated_like_sklearn(seed):
    # Centres placed far from every sample stay empty after the first
    # assignment and must be moved onto the farthest samples.
    rng = np.random.default_rng(3000 + seed)
    X = np.vstack([rng.normal(c, 1.0, (60, 2)) for c in ((0, 0), (10, 0), (0, 10))])
    n_far = int(rng.integers(1, 4))
    init = np.vstack([X[rng.choice(len(X), 3, replace=False)], rng.uniform(500, 600, (n_far, 2))])
    ours = kl.lloyd(X, init)
    assert ours.history[0].n_relocated == n_far
    assert_same(ours.centroids, ours.labels, ours.inertia, ours.n_iter, sklearn_fit(X, init))


def test_integer_weights_equal_repeated_samples():
    rng = np.random.default_rng(7)
    X = rng.standard_normal((80, 3))
    weights = rng.integers(1, 4, len(X))
    repeated = np.repeat(X, weights, axis=0)
    init = X[:4]
    weighted = kl.lloyd(X, init, sample_weight=weights, tol=0)
    plain = kl.lloyd(repeated, init, tol=0)
    np.testing.assert_allclose(weighted.centroids, plain.centroids, atol=1e-10)
    assert weighted.inertia == pytest.approx(plain.inertia, rel=1e-10)
    np.testing.assert_array_equal(np.repeat(weighted.labels, weights), plain.labels)
    assert kl.wcss(X, weighted.centroids, sample_weight=weights) == pytest.approx(plain.inertia, rel=1e-10)


def test_float32_matches_sklearn_float32():
    rng = np.random.default_rng(8)
    X = (rng.standard_normal((500, 4)) + np.repeat(np.eye(4) * 6, 125, axis=0)).astype(np.float32)
    init = X[[0, 125, 250, 375]]
    ours = kl.KMeans(4, init=init).fit(X)
    theirs = sklearn_fit(X, init)
    assert ours.cluster_centers_.dtype == np.float32
    np.testing.assert_array_equal(ours.labels_, theirs.labels_)
    np.testing.assert_allclose(ours.cluster_centers_, theirs.cluster_centers_, atol=1e-4)


def test_kmeans_plusplus_quality_matches_sklearn():
    """Different random streams, same distribution: compare the mean potential over many seeds."""
    rng = np.random.default_rng(9)
    X = np.vstack([rng.normal(c, 0.6, (100, 2)) for c in rng.uniform(-20, 20, (12, 2))])
    for trials in (1, None):
        ours = [
            kl.wcss(X, kl.kmeans_plusplus(X, 12, random_state=s, n_local_trials=trials)[0])
            for s in range(60)
        ]
        theirs = [
            kl.wcss(X, sklearn_kmeans_plusplus(X, 12, random_state=s, n_local_trials=trials)[0])
            for s in range(60)
        ]
        assert np.mean(ours) == pytest.approx(np.mean(theirs), rel=0.25)
    greedy = np.mean([kl.wcss(X, kl.kmeans_plusplus(X, 12, random_state=s)[0]) for s in range(60)])
    single = np.mean(
        [kl.wcss(X, kl.kmeans_plusplus(X, 12, random_state=s, n_local_trials=1)[0]) for s in range(60)]
    )
    assert greedy < single


def test_n_init_keeps_the_best_run():
    rng = np.random.default_rng(10)
    X = np.vstack([rng.normal(c, 1.0, (50, 2)) for c in rng.uniform(-15, 15, (8, 2))])
    # The ten runs of n_init=10 draw their starts from one generator, in order.
    shared = np.random.default_rng(0)
    runs = [kl.KMeans(8, init="random", n_init=1, random_state=shared).fit(X) for _ in range(10)]
    best = kl.KMeans(8, init="random", n_init=10, random_state=0).fit(X)
    assert best.inertia_ == min(run.inertia_ for run in runs)
    # One random start succeeds about as often as one of scikit-learn's.
    ours = np.array(
        [kl.KMeans(8, init="random", n_init=1, random_state=s).fit(X).inertia_ for s in range(200)]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = np.array(
            [SklearnKMeans(8, init="random", n_init=1, random_state=s).fit(X).inertia_ for s in range(200)]
        )
    optimum = min(ours.min(), theirs.min())
    assert abs(np.mean(ours < optimum * 1.01) - np.mean(theirs < optimum * 1.01)) < 0.08


def blob_problem(n_samples, n_features, n_clusters, seed):
    """Blobs with some overlap: many iterations, and few labels change in the late ones."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-10, 10, (n_clusters, n_features))
    X = centres[rng.integers(0, n_clusters, n_samples)] + rng.normal(0, 2.5, (n_samples, n_features))
    return X, X[rng.choice(n_samples, n_clusters, replace=False)], rng


@pytest.mark.parametrize(
    "n_samples, n_features, n_clusters, weighted, tol",
    [
        (20_000, 4, 12, False, 0.0),
        (30_000, 8, 25, True, 0.0),
        (12_000, 3, 60, False, 1e-4),
        (16_384, 16, 32, True, 1e-4),
    ],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_same_result_on_data_large_enough_for_threads(
    monkeypatch, engine, n_samples, n_features, n_clusters, weighted, tol
):
    """The threaded kernels (and the NumPy engine's running cluster sums) give scikit-learn's answer too."""
    from kmeans_lab._engine import PreparedData

    X, init, rng = blob_problem(n_samples, n_features, n_clusters, seed=n_clusters)
    weights = rng.uniform(0.1, 5.0, n_samples) if weighted else None
    corrections = []
    real = PreparedData.label_change_sums
    monkeypatch.setattr(
        PreparedData, "label_change_sums", lambda self, *args: corrections.append(1) or real(self, *args)
    )
    with using_engine(engine):
        ours = kl.KMeans(n_clusters, init=init, tol=tol).fit(X, sample_weight=weights)
    if engine == "numpy":
        assert len(corrections) > 5  # the sums were corrected, not recomputed, in many iterations
    theirs = sklearn_fit(X, init, tol, sample_weight=weights)
    assert_same(ours.cluster_centers_, ours.labels_, ours.inertia_, ours.n_iter_, theirs)


def test_empty_clusters_are_relocated_like_sklearn_on_large_data():
    X, init, _ = blob_problem(25_000, 3, 8, seed=11)
    init = np.vstack([init, np.full((3, 3), 1e3)])
    ours = kl.lloyd(X, init)
    assert ours.history[0].n_relocated == 3
    assert_same(ours.centroids, ours.labels, ours.inertia, ours.n_iter, sklearn_fit(X, init))


@pytest.mark.parametrize("engine", ENGINES)
def test_float32_on_data_large_enough_for_threads(engine):
    rng = np.random.default_rng(12)
    centres = np.array([[0, 0, 0], [12, 0, 0], [0, 12, 0], [0, 0, 12], [12, 12, 12]], dtype=float)
    X = (centres[rng.integers(0, 5, 30_000)] + rng.normal(0, 2.0, (30_000, 3))).astype(np.float32)
    init = X[:5]
    with using_engine(engine):
        ours = kl.KMeans(5, init=init, tol=0).fit(X)
    theirs = sklearn_fit(X, init, tol=0)
    assert ours.cluster_centers_.dtype == np.float32
    np.testing.assert_array_equal(ours.labels_, theirs.labels_)
    np.testing.assert_allclose(ours.cluster_centers_, theirs.cluster_centers_, atol=1e-4)
