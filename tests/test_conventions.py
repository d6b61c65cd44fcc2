"""scikit-learn's conventions for input and parameters, and bugs its users' tests found."""

import numpy as np
import pytest

import kmeans_lab as kl

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


@pytest.mark.parametrize("container", ["csr_matrix", "csc_matrix", "coo_matrix", "csr_array", "lil_array"])
def test_sparse_input_is_refused_with_a_conversion_hint(container):
    sparse = pytest.importorskip("scipy.sparse")
    data = getattr(sparse, container)(X)
    for where, call in fitters(data).items():
        with pytest.raises(TypeError, match="X is a sparse matrix .* only dense arrays") as info:
            call()
        message = str(info.value)
        assert "X.toarray()" in message and "(6, 2)" in message, where
        assert "dtype object" not in message, where


def test_sparse_centres_and_fitted_estimators_are_refused_too():
    sparse = pytest.importorskip("scipy.sparse")
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
    with pytest.raises(TypeError, match=r"^centroids is None; pass an array of shape \(n_clusters, n_feat"):
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
    np.testing.assert_array_equal(
        kl.update_centroids(X, ints.astype(float), 2), kl.update_centroids(X, ints, 2)
    )


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


def first_rows(X, n_clusters, random_state):
    return X[:n_clusters]


@pytest.mark.parametrize("Estimator", [kl.KMeans, kl.FuzzyCMeans])
def test_callable_init_gives_the_fit_of_the_centres_it_returns(Estimator):
    data = np.random.default_rng(1).normal(size=(60, 3))
    from_callable = Estimator(4, init=first_rows, random_state=0).fit(data)
    from_array = Estimator(4, init=data[:4], random_state=0).fit(data)
    np.testing.assert_array_equal(from_callable.labels_, from_array.labels_)
    np.testing.assert_array_equal(from_callable.cluster_centers_, from_array.cluster_centers_)
    assert from_callable.n_iter_ == from_array.n_iter_


def test_callable_init_matches_scikit_learn():
    cluster = pytest.importorskip("sklearn.cluster")
    data = np.random.default_rng(2).normal(size=(80, 2))

    def first_rows_copied(X, n_clusters, random_state):
        # scikit-learn 1.9 updates the returned centres in place: a view of X would move its data too.
        return X[:n_clusters].copy()

    ours = kl.KMeans(5, init=first_rows, n_init=1, tol=0.0).fit(data)
    theirs = cluster.KMeans(5, init=first_rows_copied, n_init=1, tol=0.0, algorithm="lloyd").fit(data)
    np.testing.assert_array_equal(ours.labels_, theirs.labels_)
    np.testing.assert_allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=1e-10, atol=1e-12)


def test_callable_init_gets_the_generator_of_each_run():
    data = np.random.default_rng(3).normal(size=(50, 2))
    seen = []

    def drawn_rows(X, n_clusters, random_state):
        seen.append(random_state)
        return X[random_state.choice(len(X), n_clusters, replace=False)]

    km = kl.KMeans(3, init=drawn_rows, n_init=4, random_state=5).fit(data)
    assert len(seen) == 4 and all(isinstance(rng, np.random.Generator) for rng in seen)
    again = kl.KMeans(3, init=drawn_rows, n_init=4, random_state=5).fit(data)
    np.testing.assert_array_equal(km.cluster_centers_, again.cluster_centers_)


@pytest.mark.parametrize(
    "returned, error, words",
    [
        (lambda X, k: X[: k + 1], ValueError, ["init (the centres returned by", "has 4 rows", "(3, 2)"]),
        (lambda X, k: X[:k, :1], ValueError, ["init (the centres returned by", "shape (3, 2)"]),
        (lambda X, k: np.full((k, 2), np.nan), ValueError, ["init (the centres returned by", "NaN"]),
        (lambda X, k: None, TypeError, ["init (the centres returned by", "is None"]),
        (lambda X, k: [["a", "b"]] * k, TypeError, ["init (the centres returned by"]),
    ],
)
def test_callable_init_returning_bad_centres_names_init(returned, error, words):
    def bad_init(X, n_clusters, random_state):
        return returned(X, n_clusters)

    for Estimator in (kl.KMeans, kl.FuzzyCMeans):
        with pytest.raises(error) as info:
            Estimator(3, init=bad_init).fit(X)
        assert all(word in str(info.value) for word in words), str(info.value)
        assert "bad_init" in str(info.value)


def test_callable_init_cannot_change_the_data():
    data = X.copy()

    def scribbling_init(X, n_clusters, random_state):
        X[0, 0] = 100.0
        return X[:n_clusters]

    with pytest.raises(ValueError, match="read-only"):
        kl.KMeans(2, init=scribbling_init).fit(data)
    np.testing.assert_array_equal(data, X)


def test_callable_init_is_refused_where_only_names_and_arrays_are_accepted():
    from kmeans_lab._validation import check_init

    with pytest.raises(TypeError, match="^init must hold numbers only"):
        check_init(first_rows, ("random",), X, 2)
    with pytest.raises(ValueError, match="an array of centres or a callable, got 'kmeans'"):
        kl.KMeans(2, init="kmeans").fit(X)


def test_exercise_messages_agree_with_plural_answers():
    from kmeans_lab.exercises import lesson03, lesson05, lesson08

    with pytest.raises(AssertionError, match=r"^your labels have shape \(8,\), expected \(7,\)"):
        lesson03.check_assignment([0] * 8)
    with pytest.raises(AssertionError, match=r"^your centroids have shape \(2, 3\), expected \(3, 2\)"):
        lesson03.check_update_with_empty_cluster([[0, 0, 0], [1, 1, 1]])
    with pytest.raises(AssertionError, match="^your memberships are not right"):
        lesson08.check_memberships_by_hand([0.5, 0.3, 0.2])
    with pytest.raises(AssertionError, match="yours have shape"):
        lesson08.check_memberships_by_hand([0.5, 0.5])
    with pytest.raises(AssertionError, match=r"^your table has shape \(3, 2\)"):
        lesson05.check_distance_table(np.zeros((3, 2)))


def test_pipeline_with_pandas_output():
    pd = pytest.importorskip("pandas")
    pipeline_module = pytest.importorskip("sklearn.pipeline")
    preprocessing = pytest.importorskip("sklearn.preprocessing")
    frame = pd.DataFrame(X, columns=["height", "width"], index=[f"s{i}" for i in range(len(X))])
    pipeline = pipeline_module.make_pipeline(preprocessing.StandardScaler(), kl.KMeans(2, random_state=0))
    pipeline.set_output(transform="pandas")
    distances = pipeline.fit_transform(frame)
    assert isinstance(distances, pd.DataFrame)
    assert list(distances.columns) == ["kmeans0", "kmeans1"]
    assert list(distances.index) == list(frame.index)
    km = pipeline[-1]
    assert list(km.feature_names_in_) == ["height", "width"]
    scaled = preprocessing.StandardScaler().fit_transform(X)
    expected = np.sqrt(kl.squared_distances(scaled, km.cluster_centers_))
    np.testing.assert_allclose(distances.to_numpy(), expected)
    assert list(pipeline.get_feature_names_out()) == ["kmeans0", "kmeans1"]


def test_feature_names_out_follow_scikit_learn():
    cluster = pytest.importorskip("sklearn.cluster")
    ours = kl.KMeans(3, random_state=0).fit(X).get_feature_names_out()
    theirs = cluster.KMeans(3, n_init=1, random_state=0).fit(X).get_feature_names_out()
    np.testing.assert_array_equal(ours, theirs)
    assert ours.dtype == object
    assert list(kl.KMedoids(2).fit(X).get_feature_names_out()) == ["kmedoids0", "kmedoids1"]
    with pytest.raises(ValueError, match="input_features should have length equal to number of features"):
        kl.KMeans(2).fit(X).get_feature_names_out(["a", "b", "c"])


def test_only_estimators_with_transform_have_set_output():
    assert hasattr(kl.KMeans(), "set_output") and hasattr(kl.KMedoids(), "get_feature_names_out")
    assert not hasattr(kl.FuzzyCMeans(), "set_output")
    assert not hasattr(kl.FuzzyCMeans(), "get_feature_names_out")


def test_set_output_default_and_bad_values():
    km = kl.KMeans(2, random_state=0).fit(X)
    assert isinstance(km.set_output(transform="default").transform(X), np.ndarray)
    assert km.set_output(transform=None) is km
    with pytest.raises(ValueError, match="must be 'default', 'pandas', 'polars' or None, got 'arrow'"):
        km.set_output(transform="arrow")


def test_feature_names_in_is_recorded_and_checked():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(X, columns=["a", "b"])
    for make in ESTIMATORS:
        model = make(random_state=0).fit(frame)
        np.testing.assert_array_equal(model.feature_names_in_, np.array(["a", "b"], dtype=object))
        np.testing.assert_array_equal(model.predict(frame), model.labels_)
        with pytest.raises(ValueError, match="Feature names must be in the same order as they were in fit"):
            model.predict(frame[["b", "a"]])
        with pytest.raises(ValueError, match="Feature names unseen at fit time:\n- c\n"):
            model.predict(frame.rename(columns={"b": "c"}))
        with pytest.warns(UserWarning, match="X does not have valid feature names"):
            model.predict(X)
        model.fit(X)
        assert not hasattr(model, "feature_names_in_")
        with pytest.warns(UserWarning, match="X has feature names, but .* was fitted without"):
            model.predict(frame)


def test_integer_column_names_are_not_feature_names_and_mixed_ones_are_refused():
    pd = pytest.importorskip("pandas")
    km = kl.KMeans(2, random_state=0).fit(pd.DataFrame(X))
    assert not hasattr(km, "feature_names_in_")
    with pytest.raises(TypeError, match=r"all columns of X have string names.*\['int', 'str'\]"):
        kl.KMeans(2).fit(pd.DataFrame(X, columns=["a", 1]))


def test_not_fitted_error_is_scikit_learns_too():
    exceptions = pytest.importorskip("sklearn.exceptions")
    pickle = pytest.importorskip("pickle")
    for model in (kl.KMeans(2), kl.KMedoids(2), kl.FuzzyCMeans(2)):
        with pytest.raises(exceptions.NotFittedError) as info:
            model.predict(X)
        assert isinstance(info.value, kl.NotFittedError)
        assert isinstance(pickle.loads(pickle.dumps(info.value)), kl.NotFittedError)
