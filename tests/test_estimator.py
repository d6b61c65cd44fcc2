"""KMeans follows scikit-learn's estimator conventions."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

import kmeans_lab as kl


@pytest.fixture
def blobs():
    X, y = kl.datasets.make_blobs(300, centers=[[0, 0], [6, 0], [0, 6]], cluster_std=0.8, random_state=0)
    return X, y


def test_fit_returns_self_and_sets_attributes(blobs):
    X, _ = blobs
    km = kl.KMeans(3, random_state=0)
    assert km.fit(X) is km
    assert km.cluster_centers_.shape == (3, 2)
    assert km.labels_.shape == (300,)
    assert set(km.labels_) == {0, 1, 2}
    assert km.inertia_ > 0 and km.n_iter_ >= 1 and km.n_features_in_ == 2


def test_predict_transform_score_agree(blobs):
    X, _ = blobs
    km = kl.KMeans(3, random_state=0).fit(X)
    np.testing.assert_array_equal(km.predict(X), km.labels_)
    distances = km.transform(X)
    assert distances.shape == (300, 3)
    np.testing.assert_array_equal(distances.argmin(axis=1), km.labels_)
    np.testing.assert_allclose(distances, np.sqrt(kl.squared_distances(X, km.cluster_centers_)))
    assert km.score(X) == pytest.approx(-km.inertia_, rel=1e-12)
    np.testing.assert_array_equal(kl.KMeans(3, random_state=0).fit_predict(X), km.labels_)
    np.testing.assert_allclose(kl.KMeans(3, random_state=0).fit_transform(X), distances)


def test_recovers_separated_blobs(blobs):
    X, y = blobs
    labels = kl.KMeans(3, random_state=1).fit(X).labels_
    # Same partition as the truth, up to renaming the clusters.
    assert len(set(zip(labels, y))) == 3


def test_same_seed_is_bit_identical_and_generators_work(blobs):
    X, _ = blobs
    for init in ("k-means++", "random"):
        a = kl.KMeans(3, init=init, random_state=42).fit(X)
        b = kl.KMeans(3, init=init, random_state=42).fit(X)
        c = kl.KMeans(3, init=init, random_state=np.random.default_rng(42)).fit(X)
        for other in (b, c):
            assert np.array_equal(a.cluster_centers_, other.cluster_centers_)
            assert np.array_equal(a.labels_, other.labels_)
            assert a.inertia_ == other.inertia_


def test_get_set_params_and_clone(blobs):
    km = kl.KMeans(4, init="random", n_init=3, random_state=7)
    params = km.get_params()
    assert params == {
        "algorithm": "lloyd", "init": "random", "max_iter": 300, "n_clusters": 4, "n_init": 3,
        "random_state": 7, "tol": 1e-4,
    }
    assert km.set_params(n_clusters=5) is km and km.n_clusters == 5
    with pytest.raises(ValueError, match="Invalid parameter 'k'"):
        km.set_params(k=3)
    copy = clone(km)
    assert copy is not km and copy.get_params() == km.get_params()
    assert not hasattr(copy, "cluster_centers_")
    assert repr(kl.KMeans(3, random_state=0)) == "KMeans(n_clusters=3, random_state=0)"
    assert repr(kl.KMeans()) == "KMeans()"


def test_works_in_a_pipeline(blobs):
    X, _ = blobs
    pipe = Pipeline([("scale", StandardScaler()), ("kmeans", kl.KMeans(3, random_state=0))])
    labels = pipe.fit_predict(X)
    assert labels.shape == (300,)
    assert pipe.transform(X).shape == (300, 3)
    np.testing.assert_array_equal(pipe.predict(X), labels)


def test_list_and_integer_input():
    X = [[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]]
    km = kl.KMeans(2, init=[[1, 1], [5, 5]]).fit(X)
    assert km.cluster_centers_.dtype == np.float64
    np.testing.assert_allclose(km.cluster_centers_, [[4 / 3, 4 / 3], [16 / 3, 16 / 3]])
    assert kl.KMeans(2, random_state=0).fit(np.array(X, dtype=np.int32)).inertia_ == pytest.approx(8 / 3)


def test_float32_stays_float32(blobs):
    X = blobs[0].astype(np.float32)
    km = kl.KMeans(3, random_state=0).fit(X)
    assert km.cluster_centers_.dtype == np.float32
    assert km.transform(X).dtype == np.float32
    assert kl.lloyd(X, X[:3]).centroids.dtype == np.float32
    assert kl.kmeans_plusplus(X, 3, random_state=0)[0].dtype == np.float32
    assert kl.update_centroids(X, km.labels_, 3).dtype == np.float32


def test_n_init_auto():
    X, _ = kl.datasets.make_blobs(60, centers=3, random_state=0)
    # 'auto' runs 10 random starts: the result is the best of the same 10 starts.
    shared = np.random.default_rng(3)
    best = min(kl.KMeans(3, init="random", n_init=1, random_state=shared).fit(X).inertia_ for _ in range(10))
    assert kl.KMeans(3, init="random", random_state=3).fit(X).inertia_ == best


def test_single_cluster_and_single_sample():
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 0.0]])
    km = kl.KMeans(1).fit(X)
    np.testing.assert_allclose(km.cluster_centers_, [[3.0, 2.0]])
    assert km.inertia_ == pytest.approx(kl.wcss(X, [[3.0, 2.0]]))
    one = kl.KMeans(1).fit([[7.0, 8.0]])
    np.testing.assert_array_equal(one.cluster_centers_, [[7.0, 8.0]])
    assert one.inertia_ == 0.0


def test_lloyd_from_the_same_start_replays_the_fit(blobs):
    X, _ = blobs
    km = kl.KMeans(3, init="random", n_init=1, random_state=5).fit(X)
    run = kl.lloyd(X, kl.random_init(X, 3, random_state=5))
    assert run.n_iter == km.n_iter_ == len(run.history)
    np.testing.assert_array_equal(run.labels, km.labels_)
    np.testing.assert_allclose(run.centroids, km.cluster_centers_, rtol=1e-12)
    previous = None
    for step in run.history:
        np.testing.assert_array_equal(step.labels, kl.assign(X, step.previous_centroids))
        np.testing.assert_allclose(step.centroids, kl.update_centroids(X, step.labels, 3), atol=1e-12)
        if previous is not None:
            np.testing.assert_array_equal(step.previous_centroids, previous.centroids)
        previous = step
    np.testing.assert_array_equal(run.history[-1].centroids, run.centroids)


def test_a_fitted_model_is_plain_data(blobs):
    """No copy of the training data, nothing private: predict, transform and score follow cluster_centers_."""
    import pickle

    X, _ = blobs
    km = kl.KMeans(3, random_state=0).fit(X)
    assert {name for name in vars(km) if name.endswith("_")} == {
        "cluster_centers_", "labels_", "inertia_", "n_iter_", "n_features_in_"
    }
    assert len(pickle.dumps(km)) < X.nbytes
    km.cluster_centers_ = km.cluster_centers_[::-1].copy()
    np.testing.assert_array_equal(km.predict(X), km.transform(X).argmin(axis=1))
    np.testing.assert_array_equal(km.predict(X), 2 - km.labels_)
    assert km.score(X) == pytest.approx(-kl.wcss(X, km.cluster_centers_))


def test_transform_is_exactly_zero_at_a_centre():
    rng = np.random.default_rng(3)
    for dtype in (np.float64, np.float32):
        X = (rng.normal(size=(500, 4)) * 100 + 1e4).astype(dtype)
        km = kl.KMeans(5, random_state=0).fit(X)
        distances = km.transform(km.cluster_centers_)
        assert distances.dtype == dtype
        np.testing.assert_array_equal(np.diag(distances), 0.0)
        X64, centres64 = X.astype(np.float64), km.cluster_centers_.astype(np.float64)
        # By direct differences.
        expected = np.sqrt(((X64[:, None, :] - centres64[None, :, :]) ** 2).sum(axis=-1))
        np.testing.assert_allclose(km.transform(X), expected, rtol=1e-6 if dtype == np.float32 else 1e-12)


def test_random_init_draws_in_proportion_to_sample_weight():
    X = np.arange(40, dtype=float).reshape(20, 2)
    weights = np.zeros(20)
    weights[[3, 7, 11, 15]] = [1.0, 2.0, 3.0, 4.0]
    for seed in range(20):
        centres = kl.KMeans(3, init="random", n_init=1, max_iter=1, random_state=seed).fit(
            X, sample_weight=weights
        )
        start = kl.random_init(X, 3, random_state=seed, sample_weight=weights)
        assert set(map(tuple, start)) <= {tuple(X[i]) for i in (3, 7, 11, 15)}
        assert centres.n_iter_ == 1
    draws = np.array([kl.random_init(X, 1, random_state=s, sample_weight=weights)[0] for s in range(4000)])
    frequencies = np.array([np.mean(np.all(draws == X[i], axis=1)) for i in (3, 7, 11, 15)])
    np.testing.assert_allclose(frequencies, [0.1, 0.2, 0.3, 0.4], atol=0.03)
    with pytest.raises(ValueError, match="sample_weight has 4 positive weights, fewer than n_clusters=5"):
        kl.KMeans(5, init="random", random_state=0).fit(X, sample_weight=weights)
