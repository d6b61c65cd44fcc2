"""The measuring harnesses of lesson 03 return what their docstrings say."""

import os

import numpy as np
import pytest

from kmeans_lab import lloyd_experiments as lx


def test_seconds_per_iteration_is_a_positive_float():
    assert 0 < lx.seconds_per_iteration(200, 4, n_features=2, repeats=1) < 5


def test_data_makers_return_data_and_k():
    X, k = lx.random_blobs(np.random.default_rng(0))
    assert X.shape == (500, 2) and 3 <= k <= 10
    U, k = lx.uniform_square(np.random.default_rng(0))
    assert U.shape == (1000, 2) and k == 10 and U.min() >= 0 and U.max() <= 1


def test_iteration_counts_are_reproducible_and_positive():
    first = lx.iteration_counts(lx.random_blobs, 3, seed=1)
    second = lx.iteration_counts(lx.random_blobs, 3, seed=1)
    assert set(first) == {"random", "k-means++"}
    for name in first:
        assert first[name].shape == (3,) and (first[name] >= 1).all()
        np.testing.assert_array_equal(first[name], second[name])


@pytest.mark.parametrize("engine", ["numpy", "numba"])
def test_fit_on_engine_ends_at_scikit_learns_centres(engine):
    if engine == "numba":
        pytest.importorskip("numba")
    from sklearn.cluster import KMeans as SklearnKMeans

    X = np.random.default_rng(2).normal(size=(3_000, 2))
    start = X[:5]
    expected = SklearnKMeans(5, init=start, n_init=1, max_iter=4, tol=0).fit(X).cluster_centers_
    before = os.environ.get("KMEANS_LAB_ENGINE")
    np.testing.assert_allclose(lx.fit_on_engine(X, start, engine, max_iter=4), expected, rtol=0, atol=1e-12)
    assert os.environ.get("KMEANS_LAB_ENGINE") == before


def test_fit_on_engine_names_a_wrong_engine():
    with pytest.raises(ValueError, match="engine must be 'numpy' or 'numba', got 'cython'"):
        lx.fit_on_engine(np.zeros((4, 2)), np.zeros((2, 2)), "cython")


def test_seconds_per_call_calls_once_more_than_it_times():
    calls = []
    seconds = lx.seconds_per_call(lambda: calls.append(1), repeats=4)
    assert len(calls) == 5 and 0 <= seconds < 1
