"""MiniBatchKMeans and the mini-batch step, checked against scikit-learn's and against known results."""

import warnings

import numpy as np
import pytest

import kmeans_lab as kl
from kmeans_lab.minibatch import minibatch_step, reassign_starved_centres

sklearn_cluster = pytest.importorskip("sklearn.cluster")


def blobs(n_samples=6000, seed=0):
    X, _ = kl.datasets.make_blobs(n_samples, centers=8, n_features=4, cluster_std=1.5, random_state=seed)
    return X


# The step: each centre is the mean of every sample it has received.


def test_a_step_moves_each_centre_to_the_mean_of_everything_it_received():
    rng = np.random.default_rng(0)
    first, second = rng.normal(size=(30, 3)), rng.normal(size=(50, 3)) + 0.1
    centres, counts = np.zeros((1, 3)), np.zeros(1)
    centres, counts, _, _ = minibatch_step(first, centres, counts)
    np.testing.assert_allclose(centres[0], first.mean(axis=0))
    centres, counts, _, _ = minibatch_step(second, centres, counts)
    np.testing.assert_allclose(centres[0], np.vstack([first, second]).mean(axis=0))
    assert counts.tolist() == [80.0]


def test_a_step_uses_the_rate_batch_weight_over_accumulated_weight():
    X = np.array([[0.0], [2.0], [10.0]])
    centres, counts, labels, inertia = minibatch_step(X, np.array([[1.0], [9.0]]), np.array([2.0, 0.0]))
    # Centre 0 had weight 2 at 1.0 and receives 0 and 2 (mean 1): rate 2/4 towards 1.0.
    assert centres.ravel().tolist() == [1.0, 10.0]
    assert counts.tolist() == [4.0, 1.0] and labels.tolist() == [0, 0, 1]
    assert inertia == 1.0 + 1.0 + 1.0
    centres, counts, _, _ = minibatch_step(
        np.array([[5.0], [3.0]]), np.array([[1.0], [9.0]]), np.array([2.0, 6.0]), np.array([2.0, 0.0])
    )
    assert centres.ravel().tolist() == [1.0 + 2 / 4 * (5.0 - 1.0), 9.0]  # the weight-0 sample moves nothing
    assert counts.tolist() == [4.0, 6.0]


def test_a_step_does_not_modify_its_inputs():
    X, centres, counts = np.ones((4, 2)), np.zeros((2, 2)), np.array([1.0, 1.0])
    copies = X.copy(), centres.copy(), counts.copy()
    minibatch_step(X, centres, counts)
    reassign_starved_centres(X, centres, counts, 0.5, np.random.default_rng(0))
    for before, after in zip(copies, (X, centres, counts)):
        np.testing.assert_array_equal(before, after)


def test_a_starved_centre_moves_to_a_batch_sample_and_takes_the_smallest_other_count():
    X = np.arange(20.0).reshape(10, 2)
    centres = np.array([[0.0, 0.0], [5.0, 5.0], [99.0, 99.0]])
    counts = np.array([100.0, 40.0, 0.5])
    new, new_counts, moved = reassign_starved_centres(X, centres, counts, 0.01, np.random.default_rng(0))
    assert moved.tolist() == [2]
    assert any((new[2] == row).all() for row in X)
    np.testing.assert_array_equal(new[:2], centres[:2])
    assert new_counts.tolist() == [100.0, 40.0, 40.0]
    _, _, moved = reassign_starved_centres(X, centres, counts, 0.001, np.random.default_rng(0))
    assert moved.size == 0  # 0.5 is not below 0.001 · 100


# The estimator against scikit-learn.


def test_final_inertia_over_20_seeds_matches_scikit_learn_within_one_percent():
    X = blobs()
    ratios = []
    for seed in range(20):
        ours = kl.MiniBatchKMeans(8, batch_size=256, max_iter=50, random_state=seed).fit(X)
        theirs = sklearn_cluster.MiniBatchKMeans(8, batch_size=256, max_iter=50, random_state=seed).fit(X)
        ratios.append(ours.inertia_ / theirs.inertia_)
    assert abs(np.median(ratios) - 1.0) <= 0.01, sorted(ratios)


def test_partial_fit_on_the_same_batches_gives_scikit_learns_centres():
    # From the same initial centres and without random reassignment, the steps are deterministic.
    X = blobs(4000, seed=1)
    rng = np.random.default_rng(3)
    weights = rng.uniform(0.5, 2.0, len(X))
    init = X[rng.choice(len(X), 8, replace=False)]
    ours = kl.MiniBatchKMeans(8, init=init, reassignment_ratio=0.0)
    theirs = sklearn_cluster.MiniBatchKMeans(8, init=init, n_init=1, reassignment_ratio=0.0)
    for start in range(0, len(X), 500):
        batch = slice(start, start + 500)
        ours.partial_fit(X[batch], sample_weight=weights[batch])
        theirs.partial_fit(X[batch], sample_weight=weights[batch])
        np.testing.assert_array_equal(ours.labels_, theirs.labels_)
    np.testing.assert_allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=1e-10, atol=1e-10)
    assert ours.n_steps_ == theirs.n_steps_ == 8
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-10)


def test_partial_fit_labels_are_what_predict_gives_for_the_batch():
    X = blobs(3000, seed=2)
    model = kl.MiniBatchKMeans(8, random_state=0)
    for start in range(0, len(X), 600):
        batch = X[start : start + 600]
        model.partial_fit(batch)
        np.testing.assert_array_equal(model.labels_, model.predict(batch))
        assert model.inertia_ == pytest.approx(-model.score(batch))
    assert model.n_steps_ == 5


def test_streaming_partial_fit_ends_near_a_full_kmeans_fit():
    X = blobs(20_000, seed=4)
    model = kl.MiniBatchKMeans(8, random_state=0)
    for start in range(0, len(X), 1000):
        model.partial_fit(X[start : start + 1000])
    full = sklearn_cluster.KMeans(8, n_init=10, random_state=0).fit(X)
    assert -model.score(X) <= 1.05 * full.inertia_


# Weights.


def test_partial_fit_with_weight_two_equals_a_duplicated_row():
    X = blobs(1000, seed=5)
    init = X[:8].copy()
    twice = np.zeros(len(X), dtype=bool)
    twice[::3] = True
    weighted = kl.MiniBatchKMeans(8, init=init, reassignment_ratio=0.0)
    duplicated = kl.MiniBatchKMeans(8, init=init, reassignment_ratio=0.0)
    for start in range(0, len(X), 250):
        rows = np.arange(start, min(start + 250, len(X)))
        weighted.partial_fit(X[rows], sample_weight=np.where(twice[rows], 2.0, 1.0))
        duplicated.partial_fit(np.vstack([X[rows], X[rows[twice[rows]]]]))
    np.testing.assert_allclose(weighted.cluster_centers_, duplicated.cluster_centers_, rtol=1e-12, atol=1e-12)


def test_fit_with_weight_two_is_statistically_a_duplicated_row():
    X = blobs(3000, seed=6)
    weights = np.ones(len(X))
    weights[: len(X) // 2] = 2.0
    X_dup = np.vstack([X, X[: len(X) // 2]])
    ratios = []
    for seed in range(12):
        weighted = kl.MiniBatchKMeans(8, batch_size=256, random_state=seed).fit(X, sample_weight=weights)
        duplicated = kl.MiniBatchKMeans(8, batch_size=256, random_state=100 + seed).fit(X_dup)
        ratios.append(-weighted.score(X_dup) / -duplicated.score(X_dup))
    assert abs(np.median(ratios) - 1.0) <= 0.02, sorted(ratios)
    # Rows of weight 0 are never drawn: their values cannot move any centre.
    far = np.vstack([X, np.full((50, 4), 1e6)])
    zero = np.concatenate([np.ones(len(X)), np.zeros(50)])
    model = kl.MiniBatchKMeans(8, batch_size=256, random_state=0, init="random").fit(far, sample_weight=zero)
    assert np.abs(model.cluster_centers_).max() < 100


# Reassignment in a fit.


def test_a_centre_no_sample_reaches_is_reassigned_during_fit():
    X = blobs(4000, seed=7)
    init = X[np.random.default_rng(0).choice(len(X), 8, replace=False)].copy()
    init[0] = 1e4  # no sample is ever nearest to it: it starves
    revived = kl.MiniBatchKMeans(8, init=init, batch_size=256, random_state=0).fit(X)
    assert np.abs(revived.cluster_centers_).max() < 100
    assert np.unique(revived.labels_).size == 8
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kept = kl.MiniBatchKMeans(8, init=init, batch_size=256, reassignment_ratio=0.0, random_state=0).fit(X)
    np.testing.assert_array_equal(kept.cluster_centers_[0], init[0])
    assert -revived.score(X) < -kept.score(X)


# Early stopping and the fitted model.


def test_early_stopping_and_step_counts_follow_scikit_learns_rules():
    X = blobs(5000, seed=8)
    model = kl.MiniBatchKMeans(8, batch_size=100, max_iter=5, max_no_improvement=None, random_state=0).fit(X)
    assert model.n_steps_ == 5 * 5000 // 100 and model.n_iter_ == 5
    stopped = kl.MiniBatchKMeans(8, batch_size=100, max_iter=50, random_state=0).fit(X)
    assert stopped.n_steps_ < 50 * 5000 // 100
    assert stopped.n_iter_ == int(np.ceil(stopped.n_steps_ * 100 / 5000))
    by_tol = kl.MiniBatchKMeans(
        8, batch_size=100, max_iter=50, tol=1e-2, max_no_improvement=None, random_state=0
    )
    assert by_tol.fit(X).n_steps_ < 50 * 5000 // 100


def test_fitted_model_is_plain_arrays_and_inputs_are_untouched():
    X = blobs(2000, seed=9).astype(np.float32)
    weights = np.linspace(0.5, 1.5, len(X))
    X_copy, w_copy = X.copy(), weights.copy()
    model = kl.MiniBatchKMeans(8, batch_size=128, random_state=0).fit(X, sample_weight=weights)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(weights, w_copy)
    assert model.cluster_centers_.shape == (8, 4) and model.cluster_centers_.dtype == np.float32
    assert model.labels_.dtype == np.int32 and model.labels_.shape == (2000,)
    assert model.n_features_in_ == 4 and isinstance(model.inertia_, float)
    np.testing.assert_array_equal(model.fit_predict(X, sample_weight=weights), model.labels_)
    assert model.transform(X).shape == (2000, 8)
    same = kl.MiniBatchKMeans(8, batch_size=128, random_state=0).fit(X, sample_weight=weights)
    np.testing.assert_array_equal(same.cluster_centers_, model.cluster_centers_)


@pytest.mark.parametrize("init", ["k-means++", "random", "k-means||", "callable"])
def test_every_init_finds_well_separated_blobs(init):
    X, _ = kl.datasets.make_blobs(3000, centers=3, n_features=3, cluster_std=0.5, random_state=11)
    if init == "callable":

        def init(data, n_clusters, random_state):
            return data[random_state.choice(len(data), n_clusters, replace=False)]

    optimum = sklearn_cluster.KMeans(3, n_init=10, random_state=0).fit(X).inertia_
    inertias = [
        kl.MiniBatchKMeans(3, init=init, batch_size=256, random_state=seed).fit(X).inertia_
        for seed in range(5)
    ]
    assert np.median(inertias) <= 1.01 * optimum


@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"batch_size": 0}, ValueError, "batch_size"),
        ({"batch_size": 1.5}, TypeError, "batch_size"),
        ({"max_iter": 0}, ValueError, "max_iter"),
        ({"tol": -1.0}, ValueError, "tol"),
        ({"max_no_improvement": 0}, ValueError, "max_no_improvement"),
        ({"init_size": 0}, ValueError, "init_size"),
        ({"reassignment_ratio": -0.1}, ValueError, "reassignment_ratio"),
        ({"n_init": "many"}, TypeError, "n_init"),
        ({"init": "k-means+"}, ValueError, "init must be"),
        ({"init": np.zeros((3, 4))}, ValueError, "init"),
        ({"n_clusters": 0}, ValueError, "n_clusters"),
        ({"random_state": -1}, ValueError, "random_state"),
    ],
)
def test_bad_parameters_are_named(params, error, match):
    X = blobs(500)
    with pytest.raises(error, match=match):
        kl.MiniBatchKMeans(**{"n_clusters": 8, **params}).fit(X)


def test_bad_data_and_weights_are_named():
    X = blobs(500)
    with pytest.raises(ValueError, match="sample_weight must have shape"):
        kl.MiniBatchKMeans(8).fit(X, sample_weight=np.ones(3))
    with pytest.raises(ValueError, match="n_samples=5 should be >= n_clusters=8"):
        kl.MiniBatchKMeans(8).fit(X[:5])
    model = kl.MiniBatchKMeans(8, random_state=0).partial_fit(X)
    with pytest.raises(ValueError, match="X has 3 features, but MiniBatchKMeans is expecting 4"):
        model.partial_fit(X[:, :3])
    with pytest.raises(kl.NotFittedError):
        kl.MiniBatchKMeans(8).predict(X)


def test_small_init_size_warns_and_uses_three_times_n_clusters():
    X = blobs(500)
    with pytest.warns(RuntimeWarning, match="init_size=4 should be at least n_clusters=8"):
        kl.MiniBatchKMeans(8, init_size=4, random_state=0).fit(X)


def test_clone_and_params():
    sklearn_base = pytest.importorskip("sklearn.base")
    model = kl.MiniBatchKMeans(5, batch_size=64, reassignment_ratio=0.05)
    copy = sklearn_base.clone(model)
    assert copy.get_params() == model.get_params()
    assert repr(model) == "MiniBatchKMeans(batch_size=64, n_clusters=5, reassignment_ratio=0.05)"
