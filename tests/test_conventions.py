"""scikit-learn's conventions for input and parameters, and bugs its users' tests found."""

import numpy as np
import pytest

import kmeans_lab as kl

sparse = pytest.importorskip("scipy.sparse")

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [5.0, 5.0], [5.0, 6.0], [6.0, 5.0]])

ESTIMATORS = [
    lambda **kw: kl.KMeans(2, **kw),
    lambda **kw: kl.KMedoids(2, init="k-medoids++", **kw),
    lambda **kw: kl.FuzzyCMeans(2, **kw),
]


def fitters(data):
    """Every public entry point that reads a data matrix X."""
    return {
        "KMeans.fit": lambda: kl.KMeans(2).fit(data),
        "KMedoids.fit": lambda: kl.KMedoids(2).fit(data),
        "FuzzyCMeans.fit": lambda: kl.FuzzyCMeans(2).fit(data),
        "wcss": lambda: kl.wcss(data, [[0.0, 0.0]]),
        "lloyd": lambda: kl.lloyd(data, [[0.0, 0.0]]),
        "kmeans_plusplus": lambda: kl.kmeans_plusplus(data, 2),
        "random_init": lambda: kl.random_init(data, 2),
        "fuzzy_membership": lambda: kl.fuzzy_membership(data, [[0.0, 0.0]]),
    }


@pytest.mark.parametrize(
    "container", [sparse.csr_matrix, sparse.csc_matrix, sparse.coo_matrix, sparse.csr_array, sparse.lil_array]
)
def test_sparse_input_is_refused_with_a_conversion_hint(container):
    data = container(X)
    for where, call in fitters(data).items():
        with pytest.raises(TypeError, match="X is a sparse matrix .* only dense arrays are supported") as info:
            call()
        message = str(info.value)
        assert "X.toarray()" in message and "(6, 2)" in message, where
        assert "dtype object" not in message, where


def test_sparse_centres_and_fitted_estimators_are_refused_too():
    with pytest.raises(TypeError, match=r"centroids is a sparse matrix .*toarray\(\)"):
        kl.wcss(X, sparse.csr_matrix(X[:2]))
    km = kl.KMeans(2, random_state=0).fit(X)
    for method in (km.predict, km.transform, km.score):
        with pytest.raises(TypeError, match="X is a sparse matrix"):
            method(sparse.csr_array(X))


def test_none_for_X_says_so():
    for where, call in fitters(None).items():
        with pytest.raises(TypeError) as info:
            call()
        assert str(info.value) == "X is None; pass an array of shape (n_samples, n_features).", where
    km = kl.KMeans(2, random_state=0).fit(X)
    with pytest.raises(TypeError, match="X is None"):
        km.predict(None)


def test_none_for_other_arrays_names_them():
    with pytest.raises(TypeError, match=r"^centroids is None; pass an array of shape \(n_clusters, n_features\)"):
        kl.wcss(X, None)
    with pytest.raises(TypeError, match=r"^centers is None"):
        kl.fuzzy_membership(X, None)
    with pytest.raises(TypeError, match=r"^membership is None"):
        kl.partition_coefficient(None)


def test_scalar_X_is_called_a_number():
    with pytest.raises(ValueError, match="X must be 2-D .* got a single number 3.0"):
        kl.KMeans(2).fit(3.0)


def test_non_numeric_entry_is_located():
    data = X.astype(object)
    data[4, 1] = "five"
    with pytest.raises(TypeError, match=r"X must hold numbers only.*'five' at index \(4, 1\)"):
        kl.KMeans(2).fit(data)


@pytest.mark.parametrize(
    "labels, words",
    [
        ([0, 0, 0.5, 1, 1, 1], ["labels must be integers", "0.5 at index 2"]),
        ([0, 0, np.nan, 1, 1, 1], ["labels must be integers", "nan at index 2"]),
        ([0, 0, np.inf, 1, 1, 1], ["labels must be integers", "inf at index 2"]),
        ([0, 0, 0, 1, 1, 1e300], ["labels must lie in [0, n_clusters=2)", "1e+300"]),
        ([True, False, True, False, True, False], ["labels must be integers", "bool"]),
        (np.array([0, 0, 0, 1, 1, 1], dtype=np.float32) + 0.25, ["labels must be integers", "0.25"]),
    ],
)
def test_labels_must_be_integers(labels, words):
    for call in (
        lambda: kl.wcss(X, X[[0, 3]], labels=labels),
        lambda: kl.update_centroids(X, labels, 2),
    ):
        with pytest.raises((TypeError, ValueError)) as info:
            call()
        assert all(word in str(info.value) for word in words), str(info.value)


def test_whole_number_float_labels_are_accepted_like_integers():
    ints = np.array([0, 0, 0, 1, 1, 1])
    assert kl.wcss(X, X[[0, 3]], labels=ints.astype(float)) == kl.wcss(X, X[[0, 3]], labels=ints)
    np.testing.assert_array_equal(kl.update_centroids(X, ints.astype(float), 2), kl.update_centroids(X, ints, 2))


@pytest.mark.parametrize("make", ESTIMATORS)
def test_random_state_accepts_a_legacy_random_state(make):
    first = make(random_state=np.random.RandomState(7)).fit(X)
    second = make(random_state=np.random.RandomState(7)).fit(X)
    np.testing.assert_array_equal(first.labels_, second.labels_)
    np.testing.assert_array_equal(first.cluster_centers_, second.cluster_centers_)


def test_legacy_random_state_is_reproducible_and_advanced():
    rng = np.random.default_rng(0)
    data = rng.normal(size=(200, 3))
    for function in (kl.random_init, lambda *a, **k: kl.kmeans_plusplus(*a, **k)[0]):
        draws = [function(data, 5, random_state=np.random.RandomState(3)) for _ in range(2)]
        np.testing.assert_array_equal(draws[0], draws[1])
        state = np.random.RandomState(3)
        first, again = function(data, 5, random_state=state), function(data, 5, random_state=state)
        assert not np.array_equal(first, again), "the RandomState should be advanced by each call"
        np.testing.assert_array_equal(first, draws[0])
