"""Choosing K, checked against scikit-learn, kneed and the papers' own examples."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from kneed import KneeLocator
from scipy.spatial.distance import cdist
from sklearn.cluster import KMeans as SklearnKMeans
from sklearn.metrics import pairwise_distances
from sklearn.metrics import silhouette_samples as sk_silhouette_samples
from sklearn.metrics import silhouette_score as sk_silhouette_score

import kmeans_lab as kl
from kmeans_lab.metrics import silhouette as silhouette_module


def three_blobs(seed=0, n=150, std=0.8):
    centres = [[0.0, 0.0], [10.0, 0.0], [5.0, 8.0]]
    return kl.datasets.make_blobs(n, centres, cluster_std=std, random_state=seed)


def kneed_knee(x, y, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # kneed may divide by zero on flat curves
        return KneeLocator(x, y, **kwargs).knee


# ------------------------------------------------------------------------------------------------
# silhouette
# ------------------------------------------------------------------------------------------------


def _silhouette_data_sets():
    rng = np.random.default_rng(7)
    X3, y3 = three_blobs()
    yield "three blobs", X3, y3
    yield "blobs, random labels", X3, rng.integers(0, 4, len(X3))
    X = rng.normal(size=(120, 3)) * [1.0, 20.0, 0.1] + 500.0
    yield "far from the origin, anisotropic", X, rng.integers(0, 3, 120)
    X = rng.normal(size=(90, 12))
    yield "12 features (Gram path)", X, rng.integers(0, 5, 90)
    X = rng.normal(size=(40, 2))
    labels = np.r_[np.zeros(37, int), 1, 2, 3]
    yield "three singleton clusters", X, labels
    X = kl.datasets.load_penguins().X
    yield "penguins, raw units", X, kl.KMeans(3, n_init=5, random_state=0).fit(X).labels_


SILHOUETTE_DATA = list(_silhouette_data_sets())


@pytest.mark.parametrize("name, X, labels", SILHOUETTE_DATA, ids=[case[0] for case in SILHOUETTE_DATA])
def test_silhouette_matches_sklearn(name, X, labels):
    expected = sk_silhouette_samples(X, labels)
    np.testing.assert_allclose(kl.silhouette_samples(X, labels), expected, rtol=0, atol=1e-10)
    assert abs(kl.silhouette_score(X, labels) - sk_silhouette_score(X, labels)) <= 1e-10


def test_silhouette_with_duplicated_points_matches_sklearn_on_exact_distances():
    # scikit-learn's Euclidean distances use |x|^2 - 2 x.y + |y|^2, which leaves sqrt(rounding error)
    # ~ 1e-8 between identical points; compare with its silhouette on exact (SciPy) distances instead.
    X = np.repeat(np.random.default_rng(2).normal(size=(10, 2)), 3, axis=0)
    labels = np.repeat(np.arange(10) % 3, 3)
    exact = cdist(X, X)
    expected = sk_silhouette_samples(exact, labels, metric="precomputed")
    np.testing.assert_allclose(kl.silhouette_samples(X, labels), expected, atol=1e-12, rtol=0)
    gram_trick = sk_silhouette_samples(X, labels)
    np.testing.assert_allclose(kl.silhouette_samples(X, labels), gram_trick, atol=1e-7, rtol=0)


def test_silhouette_precomputed_matches_sklearn():
    X, _ = three_blobs(seed=3)
    labels = np.random.default_rng(0).integers(0, 3, len(X))
    for metric in ("euclidean", "manhattan"):
        D = pairwise_distances(X, metric=metric)
        ours = kl.silhouette_samples(D, labels, metric="precomputed")
        expected = sk_silhouette_samples(D, labels, metric="precomputed")
        np.testing.assert_allclose(ours, expected, atol=1e-10, rtol=0)


@pytest.mark.parametrize("dtype, atol", [(np.float64, 1e-10), (np.float32, 1e-5)])
def test_silhouette_precomputed_tolerates_rounding_on_the_diagonal_like_sklearn(dtype, atol):
    X, _ = three_blobs(seed=4)
    labels = np.random.default_rng(2).integers(0, 3, len(X))
    D = pairwise_distances(X).astype(dtype)
    noise = np.random.default_rng(3).uniform(-1, 1, len(X)) * 99 * np.finfo(dtype).eps
    np.fill_diagonal(D, np.abs(noise).astype(dtype))
    expected = sk_silhouette_samples(D, labels, metric="precomputed")
    np.testing.assert_allclose(
        kl.silhouette_samples(D, labels, metric="precomputed"), expected, atol=atol, rtol=0
    )
    assert kl.silhouette_score(D, labels, metric="precomputed") == pytest.approx(
        sk_silhouette_score(D, labels, metric="precomputed"), abs=atol
    )
    D[5, 5] = 1000 * np.finfo(dtype).eps
    with pytest.raises(ValueError, match=r"diagonal of X must be zero.*entry \[5, 5\]"):
        kl.silhouette_samples(D, labels, metric="precomputed")
    with pytest.raises(ValueError, match="non-zero elements on the diagonal"):
        sk_silhouette_samples(D, labels, metric="precomputed")


def test_silhouette_in_small_blocks_equals_one_block(monkeypatch):
    X, _ = three_blobs(seed=5)
    labels = np.random.default_rng(1).integers(0, 3, len(X))
    whole = kl.silhouette_samples(X, labels)
    monkeypatch.setattr(silhouette_module, "_SILHOUETTE_BLOCK", 7 * len(X))  # blocks of 7 rows
    np.testing.assert_allclose(kl.silhouette_samples(X, labels), whole, atol=1e-14, rtol=0)
    expected = sk_silhouette_samples(X, labels)
    np.testing.assert_allclose(kl.silhouette_samples(X, labels), expected, atol=1e-10, rtol=0)


def test_silhouette_by_hand_on_the_seed_example():
    # A(1,1): a = mean(d(A,B), d(A,C)) = 1; b = mean(d(A,D), d(A,E), d(A,F)) = (sqrt 32 + 2 sqrt 41) / 3.
    X = kl.datasets.seed_example().X
    b = (np.sqrt(32) + 2 * np.sqrt(41)) / 3
    assert kl.silhouette_samples(X, [0, 0, 0, 1, 1, 1])[0] == pytest.approx((b - 1) / b, abs=1e-14)


def test_silhouette_accepts_any_label_values():
    X, y = three_blobs()
    expected = kl.silhouette_samples(X, y)
    by_name = np.array(["c", "a", "b"])[y]
    np.testing.assert_allclose(kl.silhouette_samples(X, by_name), sk_silhouette_samples(X, y), atol=1e-10)
    np.testing.assert_allclose(kl.silhouette_samples(X, 10 * y - 7), expected, atol=0)
    np.testing.assert_allclose(kl.silhouette_samples(X, y.astype(float)), expected, atol=0)


@given(
    X=hnp.arrays(
        np.float64,
        st.tuples(st.integers(4, 25), st.integers(1, 3)),
        # Two decimals: distances far below the data's scale are rounding noise for any
        # GEMM-based distance (scikit-learn's included), so they are left out.
        elements=st.integers(-10_000, 10_000).map(lambda v: v / 100),
    ),
    data=st.data(),
)
def test_silhouette_property_matches_sklearn(X, data):
    n = X.shape[0]
    labels = np.array(data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n)))
    if not 2 <= np.unique(labels).size <= n - 1:
        with pytest.raises(ValueError, match="Number of labels"):
            kl.silhouette_samples(X, labels)
        return
    ours = kl.silhouette_samples(X, labels)
    assert np.all((ours >= -1 - 1e-12) & (ours <= 1 + 1e-12))
    np.testing.assert_allclose(ours, sk_silhouette_samples(X, labels), atol=1e-9, rtol=0)
    permutation = np.random.default_rng(0).permutation(n)
    permuted = kl.silhouette_samples(X[permutation], labels[permutation])
    np.testing.assert_allclose(permuted, ours[permutation], atol=1e-12)


@pytest.mark.parametrize("n_labels", [1, 10])
def test_silhouette_rejects_wrong_number_of_labels(n_labels):
    X = np.arange(20.0).reshape(10, 2)
    with pytest.raises(ValueError, match=f"Number of labels is {n_labels}. Valid values are 2 to n_samples"):
        kl.silhouette_score(X, np.arange(10) % n_labels)


def test_silhouette_bad_input():
    X, y = three_blobs()
    with pytest.raises(ValueError, match=r"labels must have shape \(150,\)"):
        kl.silhouette_samples(X, y[:-1])
    with pytest.raises(ValueError, match="labels contains NaN"):
        kl.silhouette_samples(X, np.where(y == 0, np.nan, y))
    with pytest.raises(ValueError, match="metric must be"):
        kl.silhouette_samples(X, y, metric="cosine")
    with pytest.raises(ValueError, match="square distance matrix"):
        kl.silhouette_samples(X, y, metric="precomputed")
    with pytest.raises(ValueError, match="diagonal"):
        kl.silhouette_samples(np.ones((4, 4)), [0, 0, 1, 1], metric="precomputed")
    with pytest.raises(ValueError, match="X contains 1 NaN"):
        kl.silhouette_samples(np.where(np.arange(300).reshape(150, 2) == 5, np.nan, X), y)
    with pytest.raises(ValueError, match="X must be 2-D"):
        kl.silhouette_samples(X[:, 0], y)


def test_silhouette_does_not_modify_inputs():
    X, y = three_blobs()
    X_copy, y_copy = X.copy(), y.copy()
    kl.silhouette_samples(X, y)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)


# ------------------------------------------------------------------------------------------------
# elbow curve
# ------------------------------------------------------------------------------------------------


def test_elbow_curve_matches_sklearn_inertias_on_separated_blobs():
    X, _ = three_blobs(seed=2)
    ours = kl.elbow_curve(X, [1, 2, 3], n_init=10, random_state=0)
    theirs = [SklearnKMeans(k, n_init=10, random_state=0).fit(X).inertia_ for k in (1, 2, 3)]
    np.testing.assert_allclose(ours, theirs, rtol=1e-9)
    assert ours[0] == pytest.approx(((X - X.mean(axis=0)) ** 2).sum(), rel=1e-12)


def test_elbow_curve_is_reproducible_and_reaches_zero():
    X, _ = three_blobs(seed=4, n=12)
    first = kl.elbow_curve(X, range(1, 13), random_state=3)
    np.testing.assert_array_equal(first, kl.elbow_curve(X, range(1, 13), random_state=3))
    assert first[-1] == 0.0
    assert first.shape == (12,)


def test_elbow_curve_bad_input():
    X, _ = three_blobs()
    with pytest.raises(ValueError, match="ks is empty"):
        kl.elbow_curve(X, [])
    with pytest.raises(ValueError, match="ks must hold integers >= 1, got 0"):
        kl.elbow_curve(X, [0, 1])
    with pytest.raises(TypeError, match="ks must hold integers"):
        kl.elbow_curve(X, [1.5])
    with pytest.raises(TypeError, match="ks must be a sequence"):
        kl.elbow_curve(X, 5)
    with pytest.raises(ValueError, match="n_samples=150"):
        kl.elbow_curve(X, [1, 151])
    with pytest.raises(ValueError, match="n_init must be an integer >= 1"):
        kl.elbow_curve(X, [1, 2], n_init=0)
    with pytest.raises(ValueError, match="init must be"):
        kl.elbow_curve(X, [1, 2], init="kmeans++")


# ------------------------------------------------------------------------------------------------
# Kneedle
# ------------------------------------------------------------------------------------------------


def test_find_elbow_finds_the_kneedle_papers_knee():
    # Satopaa et al. (2011), figure 1: y = -1/(x + 0.1) + 5 on 10 points of [0, 1] has its knee near 0.22.
    x = np.linspace(0, 1, 10)
    y = -1 / (x + 0.1) + 5
    knee = kl.find_elbow(x, y, curve="concave", direction="increasing")
    assert knee == pytest.approx(2 / 9)
    assert knee == kneed_knee(x, y, curve="concave", direction="increasing")


@pytest.mark.parametrize("seed", range(4))
def test_find_elbow_agrees_with_kneed_on_wcss_curves(seed):
    rng = np.random.default_rng(seed)
    n_blobs = int(rng.integers(2, 6))
    X, _ = kl.datasets.make_blobs(200, n_blobs, cluster_std=float(rng.uniform(0.5, 2.5)), random_state=seed)
    ks = np.arange(1, 11)
    inertias = kl.elbow_curve(X, ks, n_init=3, random_state=seed)
    ours = kl.find_elbow(ks, inertias)
    assert ours == kneed_knee(ks, inertias, curve="convex", direction="decreasing")
    assert isinstance(ours, int)


def test_find_elbow_picks_three_on_three_separated_blobs():
    X, _ = three_blobs(std=0.5)
    ks = range(1, 10)
    assert kl.find_elbow(list(ks), kl.elbow_curve(X, ks, random_state=0)) == 3


@given(
    y=st.lists(st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False), min_size=3, max_size=15),
    curve=st.sampled_from(["convex", "concave"]),
    direction=st.sampled_from(["increasing", "decreasing"]),
    S=st.sampled_from([0.0, 0.5, 1.0, 2.0]),
    online=st.booleans(),
    spacing=st.sampled_from(["even", "uneven"]),
)
def test_find_elbow_agrees_with_kneed_on_any_curve(y, curve, direction, S, online, spacing):
    n = len(y)
    x = np.arange(n, dtype=float) if spacing == "even" else np.cumsum(np.arange(1, n + 1) ** 1.5)
    y = np.asarray(y)
    options = {"curve": curve, "direction": direction, "S": S, "online": online}
    expected = kneed_knee(x, y, **options) if np.ptp(y) > 0 else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", kl.NoElbowWarning)
        assert kl.find_elbow(x, y, curve=curve, direction=direction, S=S, online=online) == expected


def test_find_elbow_returns_none_and_warns_without_a_knee():
    x = np.arange(1, 8)
    with pytest.warns(kl.NoElbowWarning, match="No knee found"):
        assert kl.find_elbow(x, 10.0 - x) is None  # a straight line has no elbow
    with pytest.warns(kl.NoElbowWarning, match="No knee found"):
        assert kl.find_elbow(x, np.full(7, 3.0)) is None  # neither has a flat one
    assert kneed_knee(x, 10.0 - x, curve="convex", direction="decreasing") is None


def test_kneedle_exposes_its_curves():
    x = np.linspace(0, 1, 10)
    result = kl.kneedle(x, -1 / (x + 0.1) + 5, curve="concave", direction="increasing")
    locator = KneeLocator(x, -1 / (x + 0.1) + 5, curve="concave", direction="increasing")
    np.testing.assert_allclose(result.difference, locator.y_difference, atol=1e-15)
    np.testing.assert_array_equal(result.maxima, locator.maxima_indices)
    np.testing.assert_allclose(result.thresholds, locator.Tmx, atol=1e-15)
    assert result.knee_index == 2
    assert result.norm_knee == locator.norm_knee


def test_find_elbow_bad_input():
    x = np.arange(5.0)
    with pytest.raises(ValueError, match="same length"):
        kl.find_elbow(x, x[:4])
    with pytest.raises(ValueError, match="at least 3 points"):
        kl.find_elbow([1, 2], [2, 1])
    with pytest.raises(ValueError, match="strictly increasing"):
        kl.find_elbow([1, 3, 2, 4], [4, 3, 2, 1])
    with pytest.raises(ValueError, match="curve must be 'convex' or 'concave', got 'convx'"):
        kl.find_elbow(x, -x, curve="convx")
    with pytest.raises(ValueError, match="direction must be"):
        kl.find_elbow(x, -x, direction="down")
    with pytest.raises(ValueError, match="S must be a finite number >= 0"):
        kl.find_elbow(x, -x, S=-1)
    with pytest.raises(ValueError, match="y contains 1 NaN"):
        kl.find_elbow(x, [5, 4, np.nan, 2, 1])
    with pytest.raises(ValueError, match="x must be 1-D"):
        kl.find_elbow(np.ones((5, 1)), -x)
    with pytest.raises(TypeError, match="y must be numeric"):
        kl.find_elbow(x, ["a", "b", "c", "d", "e"])


# ------------------------------------------------------------------------------------------------
# gap statistic
# ------------------------------------------------------------------------------------------------


def _smallest_k_by_the_papers_rule(ks, gaps, sk):
    for i in range(len(ks) - 1):
        if gaps[i] >= gaps[i + 1] - sk[i + 1]:
            return ks[i]
    return ks[-1]


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("reference", ["box", "pca"])
def test_gap_statistic_picks_three_on_three_separated_blobs(seed, reference):
    X, _ = three_blobs(seed=seed)
    result = kl.gap_statistic(X, range(1, 6), n_refs=10, reference=reference, random_state=seed)
    assert result.k == 3
    assert result.k == _smallest_k_by_the_papers_rule(list(result.ks), result.gaps, result.sk)


def test_gap_statistic_picks_one_on_uniform_noise():
    # Under the null the rule picks K = 1 with high probability, not always (about 93% of the time
    # here, measured over 40 seeds): ask for 8 out of 10.
    picks = [
        kl.gap_statistic(noise, range(1, 5), n_refs=8, random_state=s).k
        for s, noise in ((s, np.random.default_rng(s).uniform(size=(80, 2))) for s in range(10))
    ]
    assert picks.count(1) >= 8, picks


def test_gap_statistic_log_w_is_the_log_of_the_inertia():
    X, _ = three_blobs(seed=6, n=90)
    result = kl.gap_statistic(X, [1, 2, 3, 4], n_refs=3, random_state=0)
    total = ((X - X.mean(axis=0)) ** 2).sum()
    inertias = [total] + [SklearnKMeans(k, n_init=10, random_state=0).fit(X).inertia_ for k in (2, 3)]
    np.testing.assert_allclose(result.log_w[:3], np.log(inertias), rtol=1e-10)
    np.testing.assert_allclose(result.gaps, result.ref_log_w - result.log_w, rtol=1e-12)
    assert result.gaps.shape == result.sk.shape == (4,)
    assert np.all(result.sk > 0)


def test_gap_statistic_is_reproducible():
    X, _ = three_blobs(seed=8, n=60)
    a = kl.gap_statistic(X, range(1, 5), n_refs=3, random_state=11)
    b = kl.gap_statistic(X, range(1, 5), n_refs=3, random_state=11)
    np.testing.assert_array_equal(a.gaps, b.gaps)
    np.testing.assert_array_equal(a.sk, b.sk)


def test_gap_statistic_warns_when_no_k_passes_the_rule():
    X, _ = three_blobs(seed=1)
    with pytest.warns(RuntimeWarning, match="No K in ks passed"):
        result = kl.gap_statistic(X, [1, 2, 3], n_refs=5, random_state=0)
    assert result.k == 3


def test_gap_statistic_bad_input():
    X, _ = three_blobs(n=30)
    with pytest.raises(ValueError, match="ks must be strictly increasing"):
        kl.gap_statistic(X, [3, 2, 1])
    with pytest.raises(ValueError, match="n_refs must be an integer >= 1"):
        kl.gap_statistic(X, [1, 2], n_refs=0)
    with pytest.raises(ValueError, match="reference must be 'box' or 'pca'"):
        kl.gap_statistic(X, [1, 2], reference="uniform")
    with pytest.raises(TypeError, match="random_state"):
        kl.gap_statistic(X, [1, 2], random_state="seed")
    with pytest.raises(ValueError, match="log W_k is undefined"):
        kl.gap_statistic(np.repeat([[0.0, 0.0], [1.0, 1.0]], 5, axis=0), [1, 2], n_refs=2, random_state=0)


def test_gap_statistic_rejects_data_without_dispersion():
    with pytest.raises(ValueError, match=r"W_k is 0 for k=1 \(X has no more than 1 distinct point\)"):
        kl.gap_statistic(np.ones((10, 2)), [1, 2], n_refs=2, random_state=0)
    X = np.repeat([[0.0, 0.0], [1.0, 1.0]], 5, axis=0)
    with pytest.raises(ValueError, match=r"W_k is 0 for k=2 \(X has no more than 2 distinct points\)"):
        kl.gap_statistic(X, [1, 2], n_refs=2, random_state=0)
