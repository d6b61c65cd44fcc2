"""KMedoids against the reference library ``kmedoids`` (Schubert & Lenssen), brute force and properties."""

import itertools

import kmedoids
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.spatial.distance import cdist
from sklearn.base import clone

import kmeans_lab as kl


def blobs(seed, n, k, d=2, spread=4.0):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-spread * k, spread * k, size=(k, d))
    return centres[rng.integers(0, k, n)] + rng.standard_normal((n, d))


def data_sets():
    rng = np.random.default_rng(7)
    uniform = rng.uniform(0, 1, size=(120, 2))
    elongated = rng.standard_normal((150, 2)) * [8.0, 0.5]
    with_outliers = np.vstack([blobs(3, 140, 3), rng.uniform(-80, 80, size=(10, 2))])
    five_d = blobs(4, 200, 5, d=5)
    return {
        "blobs-3": (blobs(1, 90, 3), 3),
        "blobs-6": (blobs(2, 240, 6), 6),
        "uniform": (uniform, 4),
        "elongated": (elongated, 5),
        "outliers": (with_outliers, 3),
        "five-d": (five_d, 5),
        "k=1": (blobs(5, 60, 2), 1),
    }


DATA = data_sets()


def euclidean(X):
    return cdist(X, X)


def brute_loss(D, medoids):
    return D[:, list(medoids)].min(axis=1).sum()


def kmedoids_fit(method, D, medoids):
    """Their result from the given starting medoids (a copy: they may cast it)."""
    start = np.array(medoids, dtype=np.uintp)
    options = {"n_cpu": 1} if method == "fasterpam" else {}
    return getattr(kmedoids, method)(D, start, max_iter=300, **options)


def same_partition(a, b):
    pairs = np.unique(np.stack([a, b]), axis=1)
    return pairs.shape[1] == np.unique(a).size == np.unique(b).size


# --- against kmedoids -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DATA)
def test_build_matches_kmedoids(name):
    X, k = DATA[name]
    D = euclidean(X)
    theirs = kmedoids.pam_build(D, k)
    ours = kl.pam_build(D, k)
    assert ours.tolist() == [int(m) for m in theirs.medoids]
    assert kl.assign_to_medoids(D, ours)[1] == pytest.approx(theirs.loss, rel=1e-12)


@pytest.mark.parametrize("name", DATA)
def test_pam_with_build_matches_kmedoids(name):
    X, k = DATA[name]
    D = euclidean(X)
    theirs = kmedoids.pam(D, k, init="build", max_iter=300)
    for ours in (kl.KMedoids(k, method="pam").fit(X), kl.KMedoids(k, metric="precomputed").fit(D)):
        assert ours.inertia_ == pytest.approx(theirs.loss, rel=1e-12)
        assert sorted(ours.medoid_indices_) == sorted(int(m) for m in theirs.medoids)
        assert same_partition(ours.labels_, theirs.labels)
        assert ours.n_iter_ == theirs.n_iter


@pytest.mark.parametrize("name", DATA)
@pytest.mark.parametrize("seed", range(3))
def test_alternate_from_same_start_equals_kmedoids(name, seed):
    X, k = DATA[name]
    D = euclidean(X)
    start = np.random.default_rng(seed).choice(len(X), k, replace=False)
    theirs = kmedoids_fit("alternating", D, start)
    ours = kl.KMedoids(k, method="alternate", init=start).fit(X)
    assert ours.inertia_ == pytest.approx(theirs.loss, rel=1e-12)
    assert ours.medoid_indices_.tolist() == [int(m) for m in theirs.medoids]
    np.testing.assert_array_equal(ours.labels_, theirs.labels)
    assert ours.n_iter_ == theirs.n_iter


@pytest.mark.parametrize("name", DATA)
@pytest.mark.parametrize("seed", range(3))
def test_fasterpam_from_same_start_is_no_worse_than_kmedoids(name, seed):
    X, k = DATA[name]
    D = euclidean(X)
    start = np.random.default_rng(seed).choice(len(X), k, replace=False)
    theirs = kmedoids_fit("fasterpam", D, start)
    ours = kl.KMedoids(k, metric="precomputed", method="fasterpam", init=start).fit(D)
    assert ours.inertia_ <= theirs.loss * (1 + 1e-12)
    if k > 1:  # (for k = 1 kmedoids jumps straight to the best medoid)
        # Same order of candidates, same eager rule: in fact the very same swaps.
        assert len(ours.history_) == theirs.n_swap


@pytest.mark.parametrize("name", ["blobs-6", "uniform", "outliers"])
def test_fasterpam_on_average_no_worse_than_kmedoids(name):
    X, k = DATA[name]
    D = euclidean(X)
    seeds = range(20)
    ours = []
    for seed in seeds:
        model = kl.KMedoids(k, metric="precomputed", method="fasterpam", init="random", random_state=seed)
        ours.append(model.fit(D).inertia_)
    theirs = [kmedoids.fasterpam(D, k, init="random", random_state=s, n_cpu=1).loss for s in seeds]
    # Different random starts on each side: allow the noise of 20 restarts (1%).
    assert np.mean(ours) <= np.mean(theirs) * 1.01


def test_pam_never_worse_than_alternate_from_build():
    X, k = DATA["outliers"]
    pam = kl.KMedoids(k, method="pam").fit(X)
    alternate = kl.KMedoids(k, method="alternate").fit(X)
    assert pam.inertia_ <= alternate.inertia_ + 1e-9


# --- metrics -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["blobs-3", "five-d", "outliers"])
@pytest.mark.parametrize("method", ["pam", "alternate", "fasterpam"])
def test_manhattan_equals_precomputed_manhattan(name, method):
    X, k = DATA[name]
    D = cdist(X, X, metric="cityblock")
    direct = kl.KMedoids(k, metric="manhattan", method=method).fit(X)
    given_D = kl.KMedoids(k, metric="precomputed", method=method).fit(D)
    assert direct.inertia_ == pytest.approx(given_D.inertia_, rel=1e-12)
    np.testing.assert_array_equal(direct.medoid_indices_, given_D.medoid_indices_)
    np.testing.assert_array_equal(direct.labels_, given_D.labels_)
    assert given_D.cluster_centers_ is None
    np.testing.assert_array_equal(direct.cluster_centers_, X[direct.medoid_indices_])
    theirs = kmedoids.pam(D, k, init="build", max_iter=300)
    if method == "pam":
        assert direct.inertia_ == pytest.approx(theirs.loss, rel=1e-12)


@pytest.mark.parametrize("metric, scipy_name", [("euclidean", "euclidean"), ("manhattan", "cityblock")])
def test_pairwise_dissimilarities_match_scipy(metric, scipy_name):
    X, _ = DATA["five-d"]
    Y = X[:17] + 0.5
    ours = kl.pairwise_dissimilarities(X, Y, metric=metric)
    np.testing.assert_allclose(ours, cdist(X, Y, scipy_name), rtol=1e-12)
    D = kl.pairwise_dissimilarities(X, metric=metric)
    np.testing.assert_allclose(D, cdist(X, X, scipy_name), rtol=1e-12, atol=1e-12)
    assert np.array_equal(D, D.T) and not np.diagonal(D).any()


def test_euclidean_with_many_features_is_symmetric_with_zero_diagonal():
    X = np.random.default_rng(0).standard_normal((40, 50)) + 1e3
    D = kl.pairwise_dissimilarities(X)
    assert np.array_equal(D, D.T) and not np.diagonal(D).any()
    np.testing.assert_allclose(D, cdist(X, X), rtol=1e-8)


def chebyshev(A, B):
    return np.abs(A[:, None, :] - B[None, :, :]).max(axis=2)


def test_callable_metric_equals_precomputed():
    X, k = DATA["blobs-3"]
    ours = kl.KMedoids(k, metric=chebyshev).fit(X)
    given_D = kl.KMedoids(k, metric="precomputed").fit(cdist(X, X, "chebyshev"))
    theirs = kmedoids.pam(cdist(X, X, "chebyshev"), k, init="build", max_iter=300)
    assert ours.inertia_ == pytest.approx(given_D.inertia_, rel=1e-12)
    assert ours.inertia_ == pytest.approx(theirs.loss, rel=1e-12)
    new = X[:10] + 0.3
    np.testing.assert_allclose(ours.transform(new), cdist(new, ours.cluster_centers_, "chebyshev"))
    np.testing.assert_array_equal(ours.predict(new), given_D.predict(cdist(new, X, "chebyshev")))


def test_predict_and_transform():
    X, k = DATA["blobs-6"]
    km = kl.KMedoids(k, method="fasterpam").fit(X)
    np.testing.assert_array_equal(km.predict(X), km.labels_)
    new = np.random.default_rng(3).uniform(-20, 20, size=(25, 2))
    distances = km.transform(new)
    np.testing.assert_allclose(distances, cdist(new, km.cluster_centers_))
    np.testing.assert_array_equal(km.predict(new), distances.argmin(axis=1))
    pre = kl.KMedoids(k, metric="precomputed", method="fasterpam").fit(euclidean(X))
    np.testing.assert_array_equal(pre.predict(cdist(new, X)), km.predict(new))
    np.testing.assert_allclose(pre.transform(cdist(new, X)), distances)
    np.testing.assert_allclose(km.fit_transform(X), cdist(X, km.cluster_centers_))
    np.testing.assert_array_equal(kl.KMedoids(k).fit_predict(X), kl.KMedoids(k).fit(X).labels_)


@pytest.mark.parametrize("metric", ["euclidean", "manhattan"])
def test_transform_keeps_float32_like_kmeans(metric):
    X, k = DATA["blobs-6"]
    X32 = X.astype(np.float32)
    new = np.random.default_rng(4).uniform(-20, 20, size=(25, 2)).astype(np.float32)
    km = kl.KMedoids(k, metric=metric, method="fasterpam").fit(X32)
    assert km.cluster_centers_.dtype == np.float32
    assert kl.KMeans(k, random_state=0).fit(X32).transform(new).dtype == np.float32
    for distances in (km.transform(new), km.fit_transform(X32)):
        assert distances.dtype == np.float32
    scipy_metric = "cityblock" if metric == "manhattan" else metric
    np.testing.assert_allclose(km.transform(new), cdist(new, km.cluster_centers_, scipy_metric), rtol=1e-6)
    assert km.transform(new.astype(np.float64)).dtype == np.float32
    assert kl.KMedoids(k, metric=metric).fit(X).transform(new).dtype == np.float64
    pre = kl.KMedoids(k, metric="precomputed", method="fasterpam").fit(cdist(X, X, scipy_metric))
    assert pre.transform(cdist(new, X32, scipy_metric).astype(np.float32)).dtype == np.float32
    assert pre.transform(cdist(new, X32, scipy_metric)).dtype == np.float64


def test_counts_in_messages_agree_in_number():
    X, _ = DATA["blobs-6"]
    with pytest.raises(ValueError, match=r"init has 1 index but n_clusters=2"):
        kl.KMedoids(2, init=[0]).fit(X)
    with pytest.raises(ValueError, match=r"init has 3 indices but n_clusters=2"):
        kl.KMedoids(2, init=[0, 1, 2]).fit(X)
    D = cdist(X[:4], X[:4])
    D[0, 1] = -1.0
    with pytest.raises(ValueError, match=r"D has 1 negative entry \(smallest -1\)"):
        kl.check_dissimilarity_matrix(D)
    D[1, 0] = -1.0
    with pytest.raises(ValueError, match=r"D has 2 negative entries"):
        kl.check_dissimilarity_matrix(D)


# --- brute force -------------------------------------------------------------------------------------


def test_swap_costs_equal_brute_force():
    X, k = DATA["blobs-3"]
    D = euclidean(X[:40])
    medoids = np.array([3, 17, 29])
    costs = kl.swap_costs(D, medoids)
    before = brute_loss(D, medoids)
    for c, j in itertools.product(range(len(D)), range(k)):
        if c in medoids:
            assert costs[c, j] == np.inf
        else:
            swapped = medoids.copy()
            swapped[j] = c
            assert costs[c, j] == pytest.approx(brute_loss(D, swapped) - before, abs=1e-9)


def is_swap_local_optimum(D, medoids):
    loss = brute_loss(D, medoids)
    for j, c in itertools.product(range(len(medoids)), range(len(D))):
        if c not in medoids:
            swapped = list(medoids)
            swapped[j] = c
            if brute_loss(D, swapped) < loss - 1e-9:
                return False
    return True


def test_seed_example_by_hand():
    ex = kl.datasets.seed_example()
    km = kl.KMedoids(2, metric="manhattan").fit(ex.X)
    # A(1,1) and D(5,5): each other point is 1 away from one of them, so the loss is 4.
    assert sorted(km.medoid_indices_.tolist()) == [0, 3]
    assert km.inertia_ == 4.0


def test_one_dimensional_medoid_is_the_median():
    x = np.array([0.0, 1.0, 2.5, 3.0, 40.0])
    km = kl.KMedoids(1).fit(x.reshape(-1, 1))
    assert km.cluster_centers_[0, 0] == np.median(x) == 2.5
    assert km.inertia_ == pytest.approx(np.abs(x - 2.5).sum())


# --- bad input ---------------------------------------------------------------------------------------

GOOD = DATA["blobs-3"][0][:30]


@pytest.mark.parametrize(
    "params, error, words",
    [
        ({"n_clusters": 0}, ValueError, ["n_clusters"]),
        ({"n_clusters": 31}, ValueError, ["n_clusters=31", "n_samples=30"]),
        ({"n_clusters": 2.5}, TypeError, ["n_clusters"]),
        ({"method": "clara"}, ValueError, ["method", "'clara'"]),
        ({"method": None}, ValueError, ["method"]),
        ({"metric": "cosine"}, ValueError, ["metric", "'cosine'"]),
        ({"metric": 3}, ValueError, ["metric"]),
        ({"init": "k-means++"}, ValueError, ["init", "'k-means++'"]),
        ({"init": [0, 1]}, ValueError, ["init", "n_clusters=3"]),
        ({"init": [0, 0, 1]}, ValueError, ["init", "distinct"]),
        ({"init": [0, 1, 30]}, ValueError, ["init", "[0, 30)"]),
        ({"init": [-1, 1, 2]}, ValueError, ["init", "[0, 30)"]),
        ({"init": [0.0, 1.0, 2.0]}, TypeError, ["init", "integer"]),
        ({"init": np.array([True, False, True])}, TypeError, ["init", "mask"]),
        ({"init": [[0, 1, 2]]}, ValueError, ["init", "1-D"]),
        ({"max_iter": 0}, ValueError, ["max_iter"]),
        ({"max_iter": "many"}, TypeError, ["max_iter"]),
        ({"random_state": -1}, ValueError, ["random_state"]),
        ({"random_state": "seed"}, TypeError, ["random_state"]),
        ({"metric": lambda A, B: 1.0}, ValueError, ["metric", "shape (30, 30)", "two 2-D arrays"]),
        ({"metric": lambda A, B: -cdist(A, B)}, ValueError, ["metric", "negative"]),
        ({"metric": lambda A, B: cdist(A, B) + 1}, ValueError, ["metric", "diagonal"]),
        ({"metric": lambda A, B: cdist(A, B) * np.nan}, ValueError, ["metric", "NaN"]),
        ({"metric": lambda A, B: cdist(A, B) + np.triu(np.ones((len(A), len(B))), 1)}, ValueError,
         ["metric", "symmetric"]),
    ],
)  # fmt: skip
def test_bad_parameters(params, error, words):
    with pytest.raises(error) as info:
        kl.KMedoids(**{"n_clusters": 3, **params}).fit(GOOD)
    for word in words:
        assert word in str(info.value)


D_GOOD = euclidean(GOOD)


@pytest.mark.parametrize(
    "X, error, words",
    [
        (D_GOOD[:, :20], ValueError, ["X", "precomputed", "square", "(30, 20)"]),
        (-D_GOOD, ValueError, ["X", "negative"]),
        (D_GOOD + np.eye(30), ValueError, ["X", "diagonal", "[0, 0]"]),
        (D_GOOD + np.triu(np.ones((30, 30)), 1), ValueError, ["X", "symmetric"]),
        (np.where(D_GOOD > 5, np.inf, D_GOOD), ValueError, ["X", "infinite"]),
        (np.where(D_GOOD > 5, np.nan, D_GOOD), ValueError, ["X", "NaN"]),
        (D_GOOD[0], ValueError, ["X", "2-D"]),
        ([["a", "b"], ["c", "d"]], TypeError, ["X", "numeric"]),
    ],
)
def test_bad_precomputed_matrix(X, error, words):
    with pytest.raises(error) as info:
        kl.KMedoids(2, metric="precomputed").fit(X)
    for word in words:
        assert word in str(info.value)


def test_rounding_level_asymmetry_is_tolerated():
    D = D_GOOD.copy()
    D[0, 1] *= 1 + 1e-14
    np.fill_diagonal(D, 1e-15)
    km = kl.KMedoids(3, metric="precomputed").fit(D)
    assert km.inertia_ == pytest.approx(kl.KMedoids(3, metric="precomputed").fit(D_GOOD).inertia_, rel=1e-12)


def test_bad_input_to_predict_and_functions():
    km = kl.KMedoids(3).fit(GOOD)
    with pytest.raises(ValueError, match="2 features"):
        km.predict(GOOD[:, :1])
    pre = kl.KMedoids(3, metric="precomputed").fit(D_GOOD)
    with pytest.raises(ValueError, match=r"30 training samples.*\(5, 10\)"):
        pre.predict(D_GOOD[:5, :10])
    with pytest.raises(ValueError, match="negative"):
        pre.predict(-D_GOOD[:5])
    with pytest.raises(kl.NotFittedError, match="fit"):
        kl.KMedoids(3).predict(GOOD)
    with pytest.raises(ValueError, match="medoids"):
        kl.pam_swap_steps(D_GOOD, [0, 0])
    with pytest.raises(ValueError, match="n_clusters"):
        kl.pam_build(D_GOOD, 31)
    with pytest.raises(ValueError, match="precomputed"):
        kl.pairwise_dissimilarities(GOOD, metric="precomputed")
    with pytest.raises(ValueError, match="same number of features"):
        kl.pairwise_dissimilarities(GOOD, GOOD[:, :1])


def test_callers_arrays_are_not_modified():
    X = GOOD.copy()
    D = D_GOOD.copy()
    D[0, 1] *= 1 + 1e-14  # needs cleaning inside
    D_before = D.copy()
    init = np.array([2, 9, 20])
    kl.KMedoids(3, init=init, method="fasterpam").fit(X)
    kl.KMedoids(3, metric="precomputed", init=init).fit(D)
    list(kl.pam_swap_steps(D_GOOD, init))
    np.testing.assert_array_equal(X, GOOD)
    np.testing.assert_array_equal(D, D_before)
    np.testing.assert_array_equal(init, [2, 9, 20])


def test_params_clone_and_repr():
    km = kl.KMedoids(4, metric="manhattan", method="fasterpam", random_state=1)
    assert km.get_params()["method"] == "fasterpam"
    assert repr(km) == "KMedoids(method='fasterpam', metric='manhattan', n_clusters=4, random_state=1)"
    copy = clone(km)
    assert copy.get_params() == km.get_params()
    assert km.set_params(method="alternate").method == "alternate"
    with pytest.raises(ValueError, match="Invalid parameter"):
        km.set_params(n_medoids=3)


@pytest.mark.parametrize("method", ["pam", "alternate", "fasterpam"])
def test_fewer_distinct_samples_than_clusters_warns(method):
    X = np.repeat([[0.0, 0.0], [5.0, 5.0]], 4, axis=0)
    with pytest.warns(kl.ConvergenceWarning, match="fewer distinct samples than n_clusters=3"):
        km = kl.KMedoids(3, method=method).fit(X)
    assert km.inertia_ == 0.0 and sorted(np.bincount(km.labels_)) == [1, 3, 4]


def test_random_state_reproducible_and_max_iter_respected():
    X, k = DATA["blobs-6"]
    a = kl.KMedoids(k, init="k-medoids++", method="alternate", random_state=5).fit(X)
    b = kl.KMedoids(k, init="k-medoids++", method="alternate", random_state=5).fit(X)
    np.testing.assert_array_equal(a.medoid_indices_, b.medoid_indices_)
    one = kl.KMedoids(k, init="random", random_state=0, max_iter=1).fit(X)
    assert one.n_iter_ == 1 and len(one.history_) <= 1


# --- properties --------------------------------------------------------------------------------------

problems = st.builds(
    lambda seed, n, d, k: (blobs(seed, n, min(k + 1, 4), d=d), k),
    st.integers(0, 2**31 - 1),
    st.integers(6, 40),
    st.integers(1, 3),
    st.integers(1, 5),
)
# In 1-D, sums of |x - m| tie exactly (an even number of points has two medians), and ties may be
# broken either way; in 2-D and more, random data have no ties.
generic_problems = st.builds(
    lambda seed, n, d, k: (blobs(seed, n, min(k + 1, 4), d=d), k),
    st.integers(0, 2**31 - 1),
    st.integers(6, 30),
    st.integers(2, 4),
    st.integers(1, 4),
)
methods = st.sampled_from(["pam", "alternate", "fasterpam"])
inits = st.sampled_from(["build", "k-medoids++", "random"])


@given(problems, methods, inits, st.sampled_from(["euclidean", "manhattan"]))
def test_medoids_are_data_rows_and_labels_are_nearest(problem, method, init, metric):
    X, k = problem
    km = kl.KMedoids(k, method=method, init=init, metric=metric, random_state=0).fit(X)
    D = cdist(X, X, "cityblock" if metric == "manhattan" else "euclidean")
    assert np.unique(km.medoid_indices_).size == k
    np.testing.assert_array_equal(km.cluster_centers_, X[km.medoid_indices_])
    np.testing.assert_array_equal(km.labels_[km.medoid_indices_], np.arange(k))
    assert set(np.unique(km.labels_)) == set(range(k))
    to_medoids = D[:, km.medoid_indices_]
    np.testing.assert_allclose(to_medoids[np.arange(len(X)), km.labels_], to_medoids.min(axis=1), atol=1e-9)
    assert km.inertia_ == pytest.approx(brute_loss(D, km.medoid_indices_), rel=1e-9, abs=1e-9)


@given(problems, methods, inits)
def test_loss_never_increases_over_the_steps(problem, method, init):
    X, k = problem
    km = kl.KMedoids(k, method=method, init=init, random_state=1).fit(X)
    D = euclidean(X)
    losses = [brute_loss(D, km.init_medoid_indices_)] + [brute_loss(D, s.medoids) for s in km.history_]
    assert all(b < a for a, b in itertools.pairwise(losses))  # every recorded step strictly improves
    for step, before in zip(km.history_, [km.init_medoid_indices_] + [s.medoids for s in km.history_]):
        assert set(before) - set(step.medoids) == set(step.removed)
        assert set(step.medoids) - set(before) == set(step.added)


@given(problems, st.sampled_from(["pam", "fasterpam"]))
def test_pam_and_fasterpam_end_in_a_swap_local_optimum(problem, method):
    X, k = problem
    D = euclidean(X)
    km = kl.KMedoids(k, method=method, metric="precomputed", init="random", random_state=2).fit(D)
    assert is_swap_local_optimum(D, km.medoid_indices_)


@given(problems)
def test_alternate_ends_with_each_medoid_the_medoid_of_its_cluster(problem):
    X, k = problem
    D = euclidean(X)
    km = kl.KMedoids(k, method="alternate", init="random", random_state=3).fit(X)
    for j, m in enumerate(km.medoid_indices_):
        members = np.flatnonzero(km.labels_ == j)
        totals = D[np.ix_(members, members)].sum(axis=0)
        assert totals[members == m][0] <= totals.min() + 1e-9


def separated_blobs(seed, sizes):
    rng = np.random.default_rng(seed)
    centres = np.arange(len(sizes))[:, None] * [100.0, 0.0]
    return np.vstack([c + rng.standard_normal((m, 2)) for c, m in zip(centres, sizes)])


@given(
    st.integers(0, 2**31 - 1),
    st.lists(st.integers(3, 9), min_size=1, max_size=4),
    st.randoms(use_true_random=False),
)
def test_pam_result_does_not_depend_on_row_order(seed, sizes, random):
    # Clusters of >= 3 random points have a unique medoid, so there is no tie for the order to break.
    # (With a cluster of 2 points either one is a medoid, and the order of the rows picks one.)
    X = separated_blobs(seed, sizes)
    order = list(range(len(X)))
    random.shuffle(order)
    plain, shuffled = kl.KMedoids(len(sizes)).fit(X), kl.KMedoids(len(sizes)).fit(X[order])
    assert shuffled.inertia_ == pytest.approx(plain.inertia_, rel=1e-9)
    assert sorted(np.array(order)[shuffled.medoid_indices_]) == sorted(plain.medoid_indices_)


@given(problems, st.integers(-8, 8), methods)
def test_scaling_the_dissimilarities_scales_the_loss(problem, exponent, method):
    X, k = problem
    D = euclidean(X)
    factor = 2.0**exponent  # exact in floating point, so even ties break the same way
    a = kl.KMedoids(k, metric="precomputed", method=method).fit(D)
    b = kl.KMedoids(k, metric="precomputed", method=method).fit(D * factor)
    np.testing.assert_array_equal(a.medoid_indices_, b.medoid_indices_)
    assert b.inertia_ == pytest.approx(factor * a.inertia_, rel=1e-9)


@given(generic_problems)
def test_build_is_the_greedy_choice(problem):
    X, k = problem
    D = euclidean(X)
    chosen = []
    for _ in range(k):
        candidates = [c for c in range(len(X)) if c not in chosen]
        chosen.append(min(candidates, key=lambda c: brute_loss(D, chosen + [c])))
    assert brute_loss(D, kl.pam_build(D, k)) == pytest.approx(brute_loss(D, chosen), rel=1e-12)


@given(
    st.lists(st.integers(-1000, 1000), min_size=1, max_size=25, unique=True).filter(lambda v: len(v) % 2 == 1)
)
def test_one_dimensional_medoid_of_odd_sample_is_the_median(values):
    x = np.array(values, dtype=float)  # integers: the sums are exact, so the unique minimiser wins
    km = kl.KMedoids(1, method="fasterpam").fit(x.reshape(-1, 1))
    assert km.cluster_centers_[0, 0] == np.median(x)


def test_steps_generators_report_iterations_like_kmedoids():
    X, k = DATA["blobs-6"]
    D = euclidean(X)
    start = kl.pam_build(D, k)
    steps = kl.pam_swap_steps(D, start)
    history = []
    with pytest.raises(StopIteration) as stop:
        while True:
            history.append(next(steps))
    theirs = kmedoids.pam(D, k, init="build", max_iter=300)
    assert stop.value.value == theirs.n_iter and len(history) == theirs.n_swap
    build = list(kl.pam_build_steps(D, k))
    assert [len(s.medoids) for s in build] == list(range(1, k + 1))
    assert all(b.loss < a.loss for a, b in itertools.pairwise(build))
