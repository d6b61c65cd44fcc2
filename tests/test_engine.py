"""The engine's chunked, threaded kernels.

Same bits whatever the threads, and no (n_samples, n_clusters) matrix.
"""

import tracemalloc

import numpy as np
import pytest

import kmeans_lab as kl
from kmeans_lab import _engine
from kmeans_lab._engine import PreparedData, blocks, plusplus_indices, running_sums


@pytest.fixture
def single_thread(monkeypatch):
    def use_one_thread():
        monkeypatch.setenv("KMEANS_LAB_NUM_THREADS", "1")

    return use_one_thread


def big_problem(n_samples=20_000, n_features=5, n_clusters=40, seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    X = (rng.standard_normal((n_samples, n_features)) * 3 + rng.uniform(-10, 10, n_features)).astype(dtype)
    return X, X[rng.choice(n_samples, n_clusters, replace=False)]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_threads_do_not_change_a_bit(single_thread, dtype):
    X, centres = big_problem(dtype=dtype)
    weights = np.random.default_rng(1).uniform(0.5, 2.0, len(X)).astype(dtype)
    data = PreparedData(X, weights)
    assert blocks.ProductPlan(data.n_samples, data.n_features + 1, len(centres)).parallel
    labels, distances = data.nearest(data.centre(centres))
    indices = plusplus_indices(data, 30, np.random.default_rng(2))
    assert labels.dtype == np.intp and distances.dtype == dtype
    single_thread()
    labels_1, distances_1 = data.nearest(data.centre(centres))
    np.testing.assert_array_equal(labels, labels_1)
    np.testing.assert_array_equal(distances, distances_1)
    np.testing.assert_array_equal(indices, plusplus_indices(data, 30, np.random.default_rng(2)))


def test_parallel_path_agrees_with_direct_distances():
    X, centres = big_problem(n_samples=30_000, n_features=3, n_clusters=300, seed=4)
    labels = kl.assign(X, centres)
    rows = slice(0, 2_000)
    direct = ((X[rows, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    picked = direct[np.arange(2_000), labels[rows]]
    np.testing.assert_allclose(picked, direct.min(axis=1), rtol=1e-9, atol=1e-9)


def test_assignment_never_holds_an_n_by_k_matrix():
    X, centres = big_problem(n_samples=200_000, n_features=2, n_clusters=100, seed=6)
    data = PreparedData(X)
    centred = data.centre(centres)
    tracemalloc.start()
    try:
        data.nearest(centred)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    n_by_k = X.shape[0] * len(centres) * X.itemsize
    outputs = X.shape[0] * (np.dtype(np.intp).itemsize + X.itemsize)
    assert peak < outputs + n_by_k / 10


def test_plusplus_holds_only_a_few_rows():
    X, _ = big_problem(n_samples=200_000, n_features=2, n_clusters=1, seed=7)
    data = PreparedData(X)
    tracemalloc.start()
    try:
        plusplus_indices(data, 20, np.random.default_rng(0))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    one_row = X.shape[0] * X.itemsize
    n_local_trials = 2 + int(np.log(20))
    assert peak < (n_local_trials + 3) * one_row  # a few rows, never (n_samples, n_clusters)


@pytest.mark.parametrize("weighted, dtype", [(False, np.float64), (True, np.float64), (True, np.float32)])
def test_running_sums_equal_sums_recomputed_in_full(weighted, dtype):
    X, _ = big_problem(n_samples=20_000, n_features=4, n_clusters=1, seed=8, dtype=dtype)
    rng = np.random.default_rng(9)
    weights = rng.uniform(0.5, 2.0, len(X)).astype(dtype) if weighted else None
    data = PreparedData(X, weights)
    n_clusters = 7
    running = running_sums.RunningClusterSums(data, n_clusters)
    labels, previous = rng.integers(0, n_clusters, len(X)), None
    kinds = []
    for step in range(30):
        sums, weights, n_changed = running(labels, previous)
        kinds.append(running.corrections > 0)
        assert n_changed == (len(X) if previous is None else np.count_nonzero(labels != previous))
        rtol = 1e-12 if dtype == np.float64 else 1e-5
        assert sums.dtype == weights.dtype == dtype
        np.testing.assert_allclose(sums, data.cluster_sums(labels, n_clusters), rtol=rtol, atol=1e-9)
        np.testing.assert_allclose(weights, data.cluster_weights(labels, n_clusters), rtol=rtol)
        if not weighted:  # corrected counts are exact
            np.testing.assert_array_equal(weights, np.bincount(labels, minlength=n_clusters))
        sums += 1.0  # the caller's copy: changing it must not reach the running sums
        previous, labels = labels, labels.copy()
        moved = rng.choice(len(X), 10 * step if step % 7 else len(X) // 2, replace=False)
        labels[moved] = rng.integers(0, n_clusters, moved.size)
    assert sum(kinds) > 15 and not all(kinds)  # mostly corrected, sometimes recomputed


def engine_lloyd(X, centres, weights=None, max_iter=300):
    data = _engine.prepare(X, weights)
    return _engine.run_lloyd(data, data.centre(centres), max_iter, 0.0)


def test_lloyd_is_the_same_to_the_bit_on_one_thread(single_thread):
    X, centres = big_problem(n_samples=30_000, n_features=6, n_clusters=20, seed=10)
    weights = np.random.default_rng(11).uniform(0.5, 2.0, len(X))
    threaded = engine_lloyd(X, centres, weights)
    single_thread()
    alone = engine_lloyd(X, centres, weights)
    for a, b in zip(threaded, alone):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("n_clusters", [9, 10, 15, 16, 28, 31, 47])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_padded_distance_blocks_never_pick_the_padding(monkeypatch, n_clusters, dtype):
    """Blocks padded with +inf columns for NumPy's argmin give the labels and distances of brute force."""
    rng = np.random.default_rng(n_clusters)
    X = (rng.standard_normal((12_000, 3)) * [1.0, 10.0, 100.0]).astype(dtype)
    centres = X[rng.choice(len(X), n_clusters, replace=False)]
    assert (blocks.padded_width(n_clusters) > n_clusters) == (n_clusters in (10, 15, 31, 47))
    data = PreparedData(X)
    labels, min_sq_dist = data.nearest(data.centre(centres))
    brute = ((X[:, None, :].astype(np.float64) - centres[None].astype(np.float64)) ** 2).sum(axis=-1)
    np.testing.assert_array_equal(labels, brute.argmin(axis=1))
    rtol = 1e-9 if dtype == np.float64 else 1e-3
    np.testing.assert_allclose(min_sq_dist, brute.min(axis=1), rtol=rtol, atol=1e-6 * brute.max())
    monkeypatch.setattr(blocks, "ARGMIN_BLOCK", 1)  # no padding
    assert blocks.padded_width(n_clusters) == n_clusters
    np.testing.assert_array_equal(data.nearest(data.centre(centres), with_distances=False)[0], labels)
