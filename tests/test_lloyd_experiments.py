"""The measuring harnesses of lesson 03 return what their docstrings say."""

import numpy as np

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
