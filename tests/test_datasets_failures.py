"""The failure cases of lesson 09: seeded, shaped as documented, and the geometry of scikit-learn's."""

import numpy as np
import pytest
from sklearn import datasets as skd

import kmeans_lab as kl

D = kl.datasets


def rows(X):
    return X[np.lexsort(X.T[::-1])]


@pytest.mark.parametrize("n", [2, 7, 100, 401])
def test_noise_free_moons_and_circles_are_scikit_learns_point_sets(n):
    circles = (lambda n: D.make_circles(n, factor=0.3, random_state=1),
               lambda n: skd.make_circles(n, factor=0.3, shuffle=False))  # fmt: skip
    moons = (lambda n: D.make_moons(n, random_state=1), lambda n: skd.make_moons(n, shuffle=False))
    for ours, theirs in (moons, circles):
        X, y = ours(n)
        Xs, ys = theirs(n)
        assert X.shape == (n, 2) and y.shape == (n,)
        assert np.bincount(y).tolist() == np.bincount(ys).tolist()
        for label in (0, 1):
            np.testing.assert_allclose(rows(X[y == label]), rows(Xs[ys == label]), atol=1e-12)


def test_noise_has_the_standard_deviation_asked_for():
    X0, y0 = D.make_moons(4000, random_state=3)
    X, y = D.make_moons(4000, noise=0.1, random_state=3)
    assert np.array_equal(y, y0)
    assert np.std(X - X0) == pytest.approx(0.1, rel=0.05)


def test_anisotropic_is_round_blobs_times_the_shear():
    X, y = D.make_anisotropic(3000, random_state=4)
    B = X @ np.linalg.inv(D.SHEAR)
    for j in range(3):
        np.testing.assert_allclose(B[y == j].mean(axis=0), D.THREE_CENTERS[j], atol=0.15)
        np.testing.assert_allclose(np.cov(B[y == j].T), np.eye(2), atol=0.15)
        np.testing.assert_allclose(np.cov(X[y == j].T), D.SHEAR.T @ D.SHEAR, atol=0.15)


def test_sizes_spreads_and_outliers():
    _, y = D.make_unequal_sizes(random_state=0)
    assert np.bincount(y).tolist() == [500, 100, 10]
    X, y = D.make_unequal_variances(3000, random_state=0)
    stds = [X[y == j].std(axis=0).mean() for j in range(3)]
    np.testing.assert_allclose(stds, [1.0, 2.5, 0.5], rtol=0.1)
    X, y = D.make_outliers(300, 6, distance=25, random_state=0)
    assert X.shape == (306, 2) and np.bincount(y).tolist() == [100, 100, 106]
    far = np.linalg.norm(X - D.OUTLIER_BLOB_CENTERS[2], axis=1) > 15
    assert far.sum() == 6 and (y[far] == 2).all()


def test_failure_cases_are_seeded_and_complete():
    first, again, other = D.failure_cases(0), D.failure_cases(0), D.failure_cases(1)
    assert list(first) == ["blobs", "wrong K", "anisotropic", "unequal variances", "unequal sizes", "moons",
                           "circles", "outliers"]  # fmt: skip
    for name, case in first.items():
        assert case.X.shape == (len(case.y), 2) and case.description
        np.testing.assert_array_equal(case.X, again[name].X)
        assert not np.array_equal(case.X, other[name].X)
    assert first["wrong K"].n_clusters == 2 and len(np.unique(first["wrong K"].y)) == 3


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: D.make_moons(1), ValueError, "n_samples must be an integer >= 2"),
        (lambda: D.make_moons(10, noise=-1.0), ValueError, "noise"),
        (lambda: D.make_circles(10, factor=1.5), ValueError, "factor"),
        (lambda: D.make_anisotropic(transformation=np.eye(3)), ValueError, "transformation"),
        (lambda: D.make_unequal_sizes((5, 5)), ValueError, "sizes"),
        (lambda: D.make_unequal_sizes(centers=np.zeros((2, 2))), ValueError, "centers"),
        (lambda: D.make_unequal_variances(cluster_std=(1, 2)), ValueError, "cluster_std"),
        (lambda: D.make_outliers(n_outliers=0), ValueError, "n_outliers"),
        (lambda: D.failure_cases(-1), ValueError, "random_state"),
    ],
)
def test_bad_parameters_are_named(call, error, words):
    with pytest.raises(error, match=words):
        call()
