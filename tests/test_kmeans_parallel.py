"""k-means‖ (kmeans_parallel_init, init='k-means||'): as good a start as k-means++, always k distinct rows."""

import numpy as np
import pytest

import kmeans_lab as kl
from kmeans_lab.init_parallel import parallel_indices


def blobs(seed=0, n_samples=4000, centers=15):
    X, _ = kl.datasets.make_blobs(
        n_samples, centers=centers, n_features=3, cluster_std=1.0, random_state=seed
    )
    return X


def test_lloyd_from_kmeans_parallel_ends_as_well_as_from_kmeans_plusplus_over_20_seeds():
    X = blobs()
    ratios = []
    for seed in range(20):
        parallel = kl.KMeans(15, init="k-means||", random_state=seed).fit(X).inertia_
        plusplus = kl.KMeans(15, init="k-means++", random_state=seed).fit(X).inertia_
        ratios.append(parallel / plusplus)
    assert abs(np.median(ratios) - 1.0) <= 0.02, sorted(ratios)


def test_the_start_itself_is_far_better_than_random_rows():
    # A check that can fail: were the candidates drawn uniformly, starts would be as poor as random rows.
    X = blobs(1)
    parallel = [kl.wcss(X, kl.kmeans_parallel_init(X, 15, random_state=s)[0]) for s in range(20)]
    uniform = [kl.wcss(X, kl.random_init(X, 15, random_state=s)) for s in range(20)]
    assert np.median(parallel) < 0.5 * np.median(uniform)


@pytest.mark.parametrize("seed", range(10))
def test_returns_k_distinct_rows(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(60, 2))
    X[30:] = X[:30]  # every point twice: 30 distinct points
    for k in (1, 5, 29, 30):
        centres, indices = kl.kmeans_parallel_init(
            X, k, random_state=seed, oversampling_factor=0.5, n_rounds=1
        )
        assert len(np.unique(indices)) == k and len(np.unique(centres, axis=0)) == k
        np.testing.assert_array_equal(centres, X[indices])


def test_works_with_k_equal_to_n_samples():
    X = np.random.default_rng(0).normal(size=(25, 3))
    _, indices = kl.kmeans_parallel_init(X, 25, random_state=0)
    assert sorted(indices.tolist()) == list(range(25))
    X_dup = np.vstack([X[:5]] * 5)
    _, indices = kl.kmeans_parallel_init(X_dup, 25, random_state=0)
    assert sorted(indices.tolist()) == list(range(25))
    model = kl.KMeans(25, init="k-means||", random_state=0).fit(X)
    assert model.inertia_ == pytest.approx(0.0, abs=1e-20)


def test_rows_of_weight_zero_are_never_chosen_and_weights_count():
    X = blobs(2, 600, 4)
    weights = np.ones(len(X))
    weights[::2] = 0.0
    for seed in range(10):
        _, indices = kl.kmeans_parallel_init(X, 4, random_state=seed, sample_weight=weights)
        assert (weights[indices] > 0).all()
    # A far point of huge weight is (nearly) always a centre, as it would be by k-means++.
    far = np.vstack([X, [[500.0, 500.0, 500.0]]])
    heavy = np.concatenate([np.ones(len(X)), [1e3]])
    chosen = [
        len(X) in kl.kmeans_parallel_init(far, 4, random_state=s, sample_weight=heavy)[1] for s in range(10)
    ]
    assert all(chosen)


def test_same_seed_same_centres_and_inputs_untouched():
    X = blobs(3)
    copy = X.copy()
    a = kl.kmeans_parallel_init(X, 10, random_state=7)
    b = kl.kmeans_parallel_init(X, 10, random_state=np.random.default_rng(7))
    np.testing.assert_array_equal(a[1], b[1])
    np.testing.assert_array_equal(X, copy)


def test_too_few_candidates_are_topped_up_to_k():
    # ℓ = 0.05 and one round: about 1.25 candidates, so the rest are drawn by D².
    X = blobs(4, 2000, 5)
    for seed in range(5):
        indices = parallel_indices(X, 5, np.random.default_rng(seed), oversampling_factor=0.01, n_rounds=1)
        assert len(np.unique(X[indices], axis=0)) == 5


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"oversampling_factor": 0}, ValueError, "oversampling_factor must be a finite number > 0"),
        ({"oversampling_factor": -1.5}, ValueError, "oversampling_factor"),
        ({"oversampling_factor": float("nan")}, ValueError, "oversampling_factor"),
        ({"oversampling_factor": "2"}, TypeError, "oversampling_factor must be a number"),
        ({"oversampling_factor": True}, TypeError, "oversampling_factor"),
        ({"n_rounds": 0}, ValueError, "n_rounds"),
        ({"n_rounds": 2.5}, TypeError, "n_rounds"),
        ({"random_state": "x"}, TypeError, "random_state"),
    ],
)
def test_bad_parameters_are_named(kwargs, error, match):
    with pytest.raises(error, match=match):
        kl.kmeans_parallel_init(blobs(), 3, **kwargs)


def test_bad_n_clusters_and_data_are_named():
    with pytest.raises(ValueError, match="n_samples=3 should be >= n_clusters=4"):
        kl.kmeans_parallel_init(np.zeros((3, 2)), 4)
    with pytest.raises(ValueError, match="sample_weight must have shape"):
        kl.kmeans_parallel_init(np.zeros((3, 2)), 2, sample_weight=[1.0])


def test_kmeans_accepts_the_name_and_runs_it_once():
    X = blobs()
    model = kl.KMeans(15, init="k-means||", random_state=0).fit(X)
    centres, _ = kl.kmeans_parallel_init(X, 15, random_state=0)
    same = kl.KMeans(15, init=centres).fit(X)
    assert model.n_iter_ == same.n_iter_
    np.testing.assert_array_equal(model.labels_, same.labels_)
    with pytest.raises(ValueError, match="'k-means\\|\\|'"):
        kl.KMeans(3, init="k-means|").fit(X)
