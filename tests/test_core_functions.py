"""The building blocks: distances, objective, E-step, M-step, initialisation."""

import doctest
import importlib

import numpy as np
import pytest

import kmeans_lab as kl


@pytest.mark.parametrize(
    "module", ["objective", "lloyd", "init", "estimator", "datasets.generated", "widgets.choosing_k"]
)
def test_docstring_examples(module):
    module = importlib.import_module(f"kmeans_lab.{module}")
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0


def test_wcss_by_definition(rng):
    X = rng.standard_normal((50, 3))
    C = rng.standard_normal((4, 3))
    labels = rng.integers(0, 4, 50)
    weights = rng.uniform(0.5, 2.0, 50)
    by_loop = sum(w * np.sum((x - C[k]) ** 2) for x, k, w in zip(X, labels, weights))
    assert kl.wcss(X, C, labels, weights) == pytest.approx(by_loop, rel=1e-12)
    nearest = sum(min(np.sum((x - c) ** 2) for c in C) for x in X)
    assert kl.wcss(X, C) == pytest.approx(nearest, rel=1e-12)


def test_ties_go_to_the_lowest_index():
    X = np.array([[0.0], [1.0], [2.0]])
    np.testing.assert_array_equal(kl.assign(X, [[-1.0], [1.0], [1.0]]), [0, 1, 1])
    np.testing.assert_array_equal(kl.assign([[0.0, 0.0]], [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]]), [0])


def test_update_is_the_weighted_mean(rng):
    X = rng.standard_normal((30, 2))
    labels = np.repeat([0, 1, 2], 10)
    weights = rng.uniform(0.1, 3.0, 30)
    expected = [np.average(X[labels == k], axis=0, weights=weights[labels == k]) for k in range(3)]
    np.testing.assert_allclose(kl.update_centroids(X, labels, 3, weights), expected, atol=1e-12)


def test_empty_cluster_goes_to_the_farthest_sample():
    X = np.array([[0.0], [1.0], [2.0], [10.0]])
    labels = np.array([0, 0, 0, 0])
    # Without old centres, distances are to the new mean 3.25: sample 10 is farthest.
    np.testing.assert_allclose(kl.update_centroids(X, labels, 2), [[1.0], [10.0]])
    # With old centres, the distance to the old centre decides: sample 0 is farthest from 9.
    np.testing.assert_allclose(
        kl.update_centroids(X, labels, 2, centroids=[[9.0], [50.0]]), [[13 / 3], [0.0]]
    )
    # All samples identical: nothing to relocate, and no NaN.
    same = kl.update_centroids(np.ones((3, 2)), [0, 0, 0], 3)
    assert np.isfinite(same).all()


def test_random_init_is_uniform_over_rows():
    X = np.arange(10.0).reshape(-1, 1)
    rng = np.random.default_rng(0)
    counts = np.zeros(10)
    for _ in range(4000):
        counts[kl.random_init(X, 3, random_state=rng).ravel().astype(int)] += 1
    # 4000 draws of 3 rows: 1200 expected per row; 5 standard deviations is about 130.
    assert np.all(np.abs(counts - 1200) < 130)


def test_kmeans_plusplus_first_step_follows_d_squared():
    # The first pick is uniform; given it, the second is drawn with probability D(x)² / Σ D².
    X = np.array([[0.0], [1.0], [2.0], [4.0]])
    rng = np.random.default_rng(1)
    picks = np.zeros(4)
    for _ in range(3000):
        _, idx = kl.kmeans_plusplus(X, 2, random_state=rng, n_local_trials=1)
        picks[idx[1]] += 1
    expected = np.zeros(4)
    for first in range(4):
        d2 = (X[:, 0] - X[first, 0]) ** 2
        expected += d2 / d2.sum() / 4
    np.testing.assert_allclose(picks / 3000, expected, atol=0.03)


def test_kmeans_plusplus_respects_sample_weight():
    X = np.array([[0.0], [1.0], [100.0]])
    counts = np.zeros(3)
    rng = np.random.default_rng(2)
    for _ in range(500):
        _, idx = kl.kmeans_plusplus(X, 1, random_state=rng, sample_weight=[0.0, 1.0, 0.0])
        counts[idx[0]] += 1
    np.testing.assert_array_equal(counts, [0, 500, 0])


def test_lloyd_reports_non_convergence():
    X, _ = kl.datasets.make_blobs(200, centers=5, random_state=3)
    result = kl.lloyd(X, X[:5], max_iter=1, tol=0)
    assert result.n_iter == 1 and not result.converged
    np.testing.assert_array_equal(result.labels, kl.assign(X, result.centroids))


def test_make_blobs():
    X, y, centers = kl.datasets.make_blobs([10, 20, 30], centers=[[0, 0], [5, 5], [9, 0]], random_state=0,
                                           return_centers=True)
    assert X.shape == (60, 2) and np.bincount(y).tolist() == [10, 20, 30]
    np.testing.assert_array_equal(centers, [[0, 0], [5, 5], [9, 0]])
    a, _ = kl.datasets.make_blobs(50, centers=3, n_features=4, random_state=1)
    b, _ = kl.datasets.make_blobs(50, centers=3, n_features=4, random_state=1)
    assert a.shape == (50, 4) and np.array_equal(a, b)
    with pytest.raises(ValueError, match="cluster_std"):
        kl.datasets.make_blobs(10, cluster_std=-1)
