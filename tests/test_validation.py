"""Bad input gets a clear error that names the parameter (issue 2, 'Bad input')."""

import warnings

import numpy as np
import pytest

import kmeans_lab as kl

GOOD = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0]])


def fit(X=GOOD, **params):
    return kl.KMeans(**{"n_clusters": 2, "random_state": 0, **params}).fit(X)


@pytest.mark.parametrize(
    "X, error, words",
    [
        ([[0.0, np.nan], [1.0, 2.0], [3.0, 4.0]], ValueError, ["X", "NaN"]),
        ([[0.0, np.inf], [1.0, 2.0], [3.0, 4.0]], ValueError, ["X", "infinite"]),
        ([["a", "b"], ["c", "d"]], TypeError, ["X", "numeric"]),
        ([[1 + 2j, 0], [0, 1], [2, 2]], TypeError, ["X", "complex"]),
        (np.arange(6.0), ValueError, ["X", "2-D", "reshape(-1, 1)"]),
        (np.zeros((2, 2, 2)), ValueError, ["X", "2-D"]),
        (np.empty((0, 2)), ValueError, ["X", "0 samples"]),
        (np.empty((3, 0)), ValueError, ["X", "0 feature(s)"]),
        ([[1, 2], [3]], TypeError, ["X"]),
        ([[object(), 1.0], [1.0, 2.0]], TypeError, ["X", "non-numeric"]),
        ("not data", TypeError, ["X", "string"]),
    ],
)
def test_bad_X(X, error, words):
    for call in (lambda: fit(X), lambda: kl.wcss(X, [[0.0, 0.0]]), lambda: kl.assign(X, [[0.0, 0.0]])):
        with pytest.raises(error) as info:
            call()
        for word in words:
            assert word in str(info.value)


@pytest.mark.parametrize(
    "value, error, words",
    [
        (0, ValueError, ["n_clusters", ">= 1"]),
        (-1, ValueError, ["n_clusters"]),
        (2.5, TypeError, ["n_clusters", "integer"]),
        ("3", TypeError, ["n_clusters"]),
        (True, TypeError, ["n_clusters"]),
        (None, TypeError, ["n_clusters"]),
        (5, ValueError, ["n_samples=4", "n_clusters=5"]),
    ],
)
def test_bad_n_clusters(value, error, words):
    with pytest.raises(error) as info:
        fit(n_clusters=value)
    assert all(word in str(info.value) for word in words)
    for function in (kl.random_init, kl.kmeans_plusplus):
        with pytest.raises(error):
            function(GOOD, value)


@pytest.mark.parametrize(
    "init, error, words",
    [
        ("kmeans++", ValueError, ["init", "'k-means++'"]),
        (np.zeros((3, 2)), ValueError, ["init", "(2, 2)"]),
        (np.zeros((2, 3)), ValueError, ["init", "(2, 2)"]),
        (np.zeros(2), ValueError, ["init"]),
        ([[0.0, np.nan], [1.0, 1.0]], ValueError, ["init", "NaN"]),
        ([["a", "b"], ["c", "d"]], TypeError, ["init"]),
    ],
)
def test_bad_init(init, error, words):
    with pytest.raises(error) as info:
        fit(init=init)
    assert all(word in str(info.value) for word in words)


def test_bad_init_for_lloyd():
    with pytest.raises(ValueError, match="init"):
        kl.lloyd(GOOD, [[0.0, 0.0, 0.0]])
    with pytest.raises(ValueError, match="init.*NaN"):
        kl.lloyd(GOOD, [[np.nan, 0.0]])
    with pytest.raises(ValueError, match="n_samples=4 should be >= n_clusters=5"):
        kl.lloyd(GOOD, np.zeros((5, 2)))


@pytest.mark.parametrize(
    "params, error, words",
    [
        ({"max_iter": 0}, ValueError, ["max_iter", ">= 1"]),
        ({"max_iter": 1.5}, TypeError, ["max_iter"]),
        ({"tol": -1e-3}, ValueError, ["tol", ">= 0"]),
        ({"tol": np.nan}, ValueError, ["tol"]),
        ({"tol": "small"}, TypeError, ["tol"]),
        ({"n_init": 0}, ValueError, ["n_init", ">= 1"]),
        ({"n_init": "many"}, TypeError, ["n_init", "'auto'"]),
        ({"n_init": 1.0}, TypeError, ["n_init"]),
        ({"random_state": -1}, ValueError, ["random_state"]),
        ({"random_state": 1.5}, TypeError, ["random_state", "Generator"]),
        ({"random_state": "seed"}, TypeError, ["random_state"]),
    ],
)
def test_bad_parameters(params, error, words):
    with pytest.raises(error) as info:
        fit(**params)
    assert all(word in str(info.value) for word in words)


def test_bad_parameters_of_functions():
    with pytest.raises(ValueError, match="max_iter"):
        kl.lloyd(GOOD, GOOD[:2], max_iter=0)
    with pytest.raises(ValueError, match="tol"):
        kl.lloyd(GOOD, GOOD[:2], tol=-1)
    with pytest.raises(TypeError, match="random_state"):
        kl.kmeans_plusplus(GOOD, 2, random_state="x")
    with pytest.raises(ValueError, match="n_local_trials"):
        kl.kmeans_plusplus(GOOD, 2, n_local_trials=0)


@pytest.mark.parametrize(
    "weights, error, words",
    [
        ([1.0, 1.0], ValueError, ["sample_weight", "(4,)"]),
        ([1.0, -1.0, 1.0, 1.0], ValueError, ["sample_weight", ">= 0"]),
        ([1.0, np.nan, 1.0, 1.0], ValueError, ["sample_weight", "NaN"]),
        ([0.0, 0.0, 0.0, 0.0], ValueError, ["sample_weight", "positive"]),
        (["a", "b", "c", "d"], TypeError, ["sample_weight"]),
    ],
)
def test_bad_sample_weight(weights, error, words):
    with pytest.raises(error) as info:
        kl.KMeans(2, random_state=0).fit(GOOD, sample_weight=weights)
    assert all(word in str(info.value) for word in words)
    with pytest.raises(error):
        kl.wcss(GOOD, GOOD[:2], sample_weight=weights)


@pytest.mark.parametrize(
    "labels, error, words",
    [
        ([0, 1, 2, 0], ValueError, ["labels", "[0, n_clusters=2)", "2"]),
        ([0, -1, 1, 0], ValueError, ["labels", "-1"]),
        ([0, 1, 1], ValueError, ["labels", "(4,)"]),
        ([0.5, 1, 1, 0], TypeError, ["labels", "integers"]),
        (["a", "b", "a", "b"], TypeError, ["labels"]),
    ],
)
def test_bad_labels(labels, error, words):
    with pytest.raises(error) as info:
        kl.wcss(GOOD, GOOD[:2], labels=labels)
    assert all(word in str(info.value) for word in words)
    with pytest.raises(error):
        kl.update_centroids(GOOD, labels, 2)


def test_predict_before_fit_and_wrong_features():
    km = kl.KMeans(2)
    for method in (km.predict, km.transform, km.score):
        with pytest.raises(kl.NotFittedError, match="not fitted"):
            method(GOOD)
    km.fit(GOOD)
    with pytest.raises(ValueError, match="X has 3 features, but KMeans is expecting 2 features as input"):
        km.predict(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="1-D"):
        km.predict(np.zeros(2))


def test_fewer_distinct_points_than_clusters_warns_and_returns():
    X = np.array([[0.0, 0.0]] * 5 + [[1.0, 1.0]] * 5 + [[2.0, 2.0]] * 5)
    for init in ("k-means++", "random"):
        with pytest.warns(kl.ConvergenceWarning, match="3 distinct points for 5 clusters"):
            km = kl.KMeans(5, init=init, random_state=0).fit(X)
        assert np.isfinite(km.cluster_centers_).all()
        assert km.inertia_ == 0.0
        assert len(np.unique(km.labels_)) == 3


def test_array_init_with_n_init_warns():
    with pytest.warns(RuntimeWarning, match="n_init=3"):
        km = kl.KMeans(2, init=GOOD[:2], n_init=3).fit(GOOD)
    assert km.n_iter_ >= 1


def test_nothing_passed_in_is_modified():
    X = GOOD.copy()
    init = GOOD[[0, 2]].copy()
    weights = np.array([1.0, 2.0, 3.0, 4.0])
    labels = np.array([0, 0, 1, 1])
    originals = [a.copy() for a in (X, init, weights, labels)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kl.KMeans(2, init=init).fit(X, sample_weight=weights).predict(X)
        kl.lloyd(X, init, sample_weight=weights)
        kl.kmeans_plusplus(X, 2, random_state=0, sample_weight=weights)
        kl.random_init(X, 2, random_state=0)
        kl.wcss(X, init, labels, weights)
        kl.update_centroids(X, labels, 2, weights, centroids=init)
        kl.squared_distances(X, init)
        kl.assign(X, init)
    for original, now in zip(originals, (X, init, weights, labels)):
        np.testing.assert_array_equal(original, now)


def test_results_do_not_alias_the_input():
    X = GOOD.copy()
    km = kl.KMeans(2, init=X[:2]).fit(X)
    centres = km.cluster_centers_.copy()
    X[:] = 100.0
    np.testing.assert_array_equal(km.cluster_centers_, centres)
