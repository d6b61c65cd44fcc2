"""FuzzyCMeans and the fuzzy helpers, checked against scikit-fuzzy, k-means and hand-worked values."""

import itertools

import numpy as np
import pytest
import skfuzzy
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import kmeans_lab as kl


def blobs(n=300, k=3, d=2, seed=0, std=1.0):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-10, 10, size=(k, d))
    labels = rng.integers(k, size=n)
    return centres[labels] + std * rng.normal(size=(n, d))


def random_membership(n, k, seed):
    u0 = np.random.default_rng(seed).random((k, n))
    return u0 / u0.sum(axis=0)


def naive_membership(X, C, m):
    """Textbook formula u_ij = 1 / Σ_l (‖x_i − c_j‖ / ‖x_i − c_l‖)^{2/(m−1)}."""
    dist = np.sqrt(((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2))
    ratio = dist[:, :, None] / dist[:, None, :]
    return 1.0 / (ratio ** (2.0 / (m - 1.0))).sum(axis=2)


# --- scikit-fuzzy, from the same start ------------------------------------------------------------


@pytest.mark.parametrize(
    "seed, k, d, m",
    [(0, 3, 2, 2.0), (1, 4, 3, 1.5), (2, 2, 5, 3.0), (3, 5, 2, 1.25), (4, 3, 1, 2.5)],
)
def test_matches_skfuzzy_cmeans_from_the_same_memberships(seed, k, d, m):
    X = blobs(n=400, k=k, d=d, seed=seed)
    u0 = random_membership(X.shape[0], k, seed)  # scikit-fuzzy's layout: (n_clusters, n_samples)
    tol = 1e-6
    cntr, u, _, _, _, p, fpc = skfuzzy.cluster.cmeans(X.T, k, m, error=tol, maxiter=500, init=u0)
    # scikit-fuzzy's first step computes centres from u0; start from those same centres.
    start = (u0**m @ X) / (u0**m).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(kl.fuzzy_centers(X, u0.T, m), start, rtol=1e-12, atol=1e-12)
    fcm = kl.FuzzyCMeans(k, m=m, init=start, tol=tol, max_iter=500).fit(X)
    assert fcm.converged_ and p < 500
    assert fcm.n_iter_ == p
    np.testing.assert_allclose(fcm.cluster_centers_, cntr, rtol=0, atol=1e-9)
    np.testing.assert_allclose(fcm.membership_, u.T, rtol=0, atol=1e-9)
    assert fcm.partition_coefficient == pytest.approx(fpc, rel=1e-10)
    expected_objective = ((u**m) * ((X.T[:, None, :] - cntr.T[:, :, None]) ** 2).sum(axis=0)).sum()
    assert fcm.objective_[-1] == pytest.approx(expected_objective, rel=1e-9)


def test_predict_proba_matches_skfuzzy_cmeans_predict():
    X = blobs(n=200, k=3, seed=5)
    new = blobs(n=50, k=3, seed=6)
    fcm = kl.FuzzyCMeans(3, m=1.8, random_state=0).fit(X)
    u, *_ = skfuzzy.cluster.cmeans_predict(
        new.T, fcm.cluster_centers_, 1.8, error=0.0, maxiter=2, init=None, seed=0
    )
    np.testing.assert_allclose(fcm.predict_proba(new), u.T, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(fcm.predict(new), u.argmax(axis=0))


def test_predict_uses_the_visible_cluster_centers():
    X = blobs(n=200, k=3, seed=16)
    fcm = kl.FuzzyCMeans(3, m=1.8, random_state=0).fit(X)
    labels = fcm.predict(X)
    fcm.cluster_centers_ = fcm.cluster_centers_[::-1]
    u, *_ = skfuzzy.cluster.cmeans_predict(
        X.T, fcm.cluster_centers_, 1.8, error=0.0, maxiter=2, init=None, seed=0
    )
    np.testing.assert_allclose(fcm.predict_proba(X), u.T, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(fcm.predict(X), 2 - labels)


@pytest.mark.parametrize("m", [1.1, 2.0, 4.0])
def test_fuzzy_membership_equals_the_textbook_formula(m):
    X = blobs(n=100, k=4, d=3, seed=7)
    C = np.random.default_rng(8).normal(size=(4, 3)) * 5
    np.testing.assert_allclose(
        kl.fuzzy_membership(X, C, m), naive_membership(X, C, m), rtol=1e-10, atol=1e-13
    )


def test_hand_worked_values():
    # Distances 1 and 1 → 1/2 each; distances 3 and 1 (m = 2: u ∝ 1/d²) → 1/10 and 9/10.
    u = kl.fuzzy_membership([[1.0], [3.0]], [[0.0], [2.0]], m=2.0)
    np.testing.assert_allclose(u, [[0.5, 0.5], [0.1, 0.9]])
    # Centres: weights u² = (1, 0.25, 0), (0, 0.25, 1) on x = 0, 2, 4.
    c = kl.fuzzy_centers([[0.0], [2.0], [4.0]], [[1, 0], [0.5, 0.5], [0, 1]], m=2.0)
    np.testing.assert_allclose(c, [[0.5 / 1.25], [(0.5 + 4) / 1.25]])
    objective = kl.fuzzy_objective([[0.0], [2.0]], [[0.0], [1.0]], [[0.5, 0.5], [0.5, 0.5]], m=2.0)
    assert objective == pytest.approx(0.25 * (0 + 1 + 4 + 1))


# --- m → 1 is hard k-means ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_m_close_to_one_recovers_kmeans_from_the_same_start(seed):
    X = blobs(n=300, k=4, seed=seed, std=1.5)
    start = kl.random_init(X, 4, random_state=seed)
    hard = kl.lloyd(X, start, tol=0)
    km = kl.KMeans(4, init=start, n_init=1, tol=0).fit(X)
    fcm = kl.FuzzyCMeans(4, m=1.0001, init=start, tol=1e-10, max_iter=500).fit(X)
    np.testing.assert_array_equal(fcm.labels_, hard.labels)
    np.testing.assert_allclose(fcm.cluster_centers_, hard.centroids, atol=1e-6)
    np.testing.assert_allclose(fcm.cluster_centers_, km.cluster_centers_, atol=1e-6)
    assert fcm.objective_[-1] == pytest.approx(hard.inertia, rel=1e-6)
    assert fcm.partition_coefficient > 1 - 1e-6
    assert fcm.partition_entropy < 1e-6


def test_memberships_soften_as_m_grows():
    X = blobs(n=300, k=3, seed=4)
    pcs = [kl.FuzzyCMeans(3, m=m, random_state=0).fit(X).partition_coefficient for m in (1.2, 2.0, 4.0, 10.0)]
    assert all(a > b for a, b in itertools.pairwise(pcs))
    assert pcs[-1] > 1 / 3


# --- properties -----------------------------------------------------------------------------------

finite = st.floats(-100, 100, allow_nan=False, allow_infinity=False)


@st.composite
def problems(draw):
    n = draw(st.integers(3, 40))
    d = draw(st.integers(1, 3))
    X = draw(arrays(np.float64, (n, d), elements=finite))
    k = draw(st.integers(1, min(n, 5)))
    m = draw(st.sampled_from([1.05, 1.5, 2.0, 3.0, 7.5]))
    seed = draw(st.integers(0, 2**16))
    return X, k, m, seed


@given(problems())
def test_rows_sum_to_one_and_nothing_is_nan(problem):
    X, k, m, seed = problem
    fcm = kl.FuzzyCMeans(k, m=m, random_state=seed, max_iter=50).fit(X)
    assert np.isfinite(fcm.membership_).all() and np.isfinite(fcm.cluster_centers_).all()
    assert (fcm.membership_ >= 0).all()
    np.testing.assert_allclose(fcm.membership_.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(fcm.labels_, fcm.membership_.argmax(axis=1))
    assert 1 / k - 1e-12 <= fcm.partition_coefficient <= 1 + 1e-12
    assert -1e-12 <= fcm.partition_entropy <= np.log(k) + 1e-12


@given(problems())
def test_objective_never_increases(problem):
    X, k, m, seed = problem
    fcm = kl.FuzzyCMeans(k, m=m, random_state=seed, max_iter=40, tol=0).fit(X)
    objective = fcm.objective_
    assert len(objective) == fcm.n_iter_
    assert (np.diff(objective) <= 1e-9 * (1 + np.abs(objective[:-1]))).all()
    # The last entry is J_m of the fitted centres and memberships, computed independently.
    direct = (fcm.membership_**m * ((X[:, None, :] - fcm.cluster_centers_[None]) ** 2).sum(axis=2)).sum()
    assert objective[-1] == pytest.approx(direct, rel=1e-7, abs=1e-7)


@given(problems())
def test_predict_proba_on_training_data_equals_membership(problem):
    X, k, m, seed = problem
    fcm = kl.FuzzyCMeans(k, m=m, random_state=seed, max_iter=30).fit(X)
    np.testing.assert_allclose(fcm.predict_proba(X), fcm.membership_, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(fcm.predict(X), fcm.labels_)


# --- coinciding points ----------------------------------------------------------------------------


def test_a_sample_on_a_centre_gets_membership_one():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [4.0, 4.0], [5.0, 4.0]])
    u = kl.fuzzy_membership(X, [[0.0, 0.0], [5.0, 4.0]], m=2.0)
    assert np.isfinite(u).all()
    np.testing.assert_array_equal(u[0], [1.0, 0.0])
    np.testing.assert_array_equal(u[3], [0.0, 1.0])


def test_coinciding_centres_split_the_membership_equally():
    X = np.array([[1.0, 2.0], [3.0, 3.0], [-1.0, 0.5]])
    u = kl.fuzzy_membership(X, [[1.0, 2.0], [1.0, 2.0], [9.0, 9.0]], m=1.5)
    np.testing.assert_array_equal(u[0], [0.5, 0.5, 0.0])
    np.testing.assert_allclose(u.sum(axis=1), 1.0)
    assert u[1, 0] == u[1, 1]


def test_fit_with_centres_on_samples_and_duplicate_points_has_no_nan():
    X = np.array([[0.0, 0.0]] * 5 + [[3.0, 3.0]] * 5)
    fcm = kl.FuzzyCMeans(3, init=[[0.0, 0.0], [0.0, 0.0], [3.0, 3.0]]).fit(X)
    assert np.isfinite(fcm.membership_).all()
    np.testing.assert_array_equal(fcm.membership_[0], [0.5, 0.5, 0.0])
    np.testing.assert_array_equal(fcm.membership_[-1], [0.0, 0.0, 1.0])
    # Fewer distinct points than clusters: every distance to some centre is 0.
    same = kl.FuzzyCMeans(2, random_state=0).fit(np.ones((4, 2)))
    np.testing.assert_array_equal(same.membership_, 0.5)


def test_large_offsets_still_find_the_exact_zero_distance():
    X = blobs(n=50, seed=9) + 1e6
    u = kl.fuzzy_membership(X, X[[3, 17]], m=2.0)
    np.testing.assert_array_equal(u[3], [1.0, 0.0])
    np.testing.assert_array_equal(u[17], [0.0, 1.0])


def test_m_very_close_to_one_does_not_underflow_into_nan():
    X = np.array([[0.0], [1.0], [1000.0], [1001.0]])
    fcm = kl.FuzzyCMeans(2, m=1.000001, init=[[0.0], [1.0]]).fit(X)
    assert np.isfinite(fcm.cluster_centers_).all() and np.isfinite(fcm.membership_).all()
    np.testing.assert_allclose(np.sort(fcm.cluster_centers_.ravel()), [0.5, 1000.5])


# --- estimator conventions ------------------------------------------------------------------------


def test_init_options_and_reproducibility():
    X = blobs(n=200, k=3, seed=10)
    for init in ("random", "k-means++"):
        a = kl.FuzzyCMeans(3, init=init, random_state=3).fit(X)
        b = kl.FuzzyCMeans(3, init=init, random_state=3).fit(X)
        np.testing.assert_array_equal(a.cluster_centers_, b.cluster_centers_)
    gen = kl.FuzzyCMeans(3, random_state=np.random.default_rng(0)).fit(X)
    assert gen.cluster_centers_.shape == (3, 2)
    assert kl.FuzzyCMeans(3, random_state=0).fit_predict(X).shape == (200,)


def test_does_not_modify_inputs_and_accepts_lists_and_float32():
    X = blobs(n=60, seed=11)
    init = X[:3].copy()
    X_copy, init_copy = X.copy(), init.copy()
    kl.FuzzyCMeans(3, init=init).fit(X)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(init, init_copy)
    kl.FuzzyCMeans(2, random_state=0).fit(X.tolist())
    f32 = kl.FuzzyCMeans(3, init=init).fit(X.astype(np.float32))
    assert f32.cluster_centers_.dtype == np.float32
    np.testing.assert_allclose(f32.membership_.sum(axis=1), 1.0, atol=1e-5)


def test_params_repr_and_clone():
    from sklearn.base import clone

    fcm = kl.FuzzyCMeans(3, m=1.5, random_state=0)
    assert fcm.get_params() == {
        "init": "random", "m": 1.5, "max_iter": 300, "n_clusters": 3, "random_state": 0, "tol": 1e-5,
    }  # fmt: skip
    assert repr(fcm) == "FuzzyCMeans(m=1.5, n_clusters=3, random_state=0)"
    assert clone(fcm).set_params(m=3.0).m == 3.0
    with pytest.raises(ValueError, match="Invalid parameter 'fuzzifier'"):
        fcm.set_params(fuzzifier=2)


def test_partition_indices_known_values_and_skfuzzy():
    assert kl.partition_coefficient(np.eye(3)) == 1.0
    assert kl.partition_entropy(np.eye(3)) == 0.0
    assert kl.partition_coefficient(np.full((4, 3), 1 / 3)) == pytest.approx(1 / 3)
    assert kl.partition_entropy(np.full((4, 3), 1 / 3)) == pytest.approx(np.log(3))
    u = random_membership(30, 4, seed=12)
    assert kl.partition_coefficient(u.T) == pytest.approx(skfuzzy.cluster._cmeans._fp_coeff(u))


# --- the Gaussian-mixture E-step ------------------------------------------------------------------


def test_spherical_responsibilities_match_scikit_learn_gaussian_mixture():
    from sklearn.mixture import GaussianMixture

    X = blobs(n=80, k=3, seed=13)
    C = X[[0, 1, 2]] + 0.5
    sigma = 2.5
    gm = GaussianMixture(3, covariance_type="spherical")
    gm.weights_ = np.full(3, 1 / 3)
    gm.means_ = C
    gm.covariances_ = np.full(3, sigma**2)
    gm.precisions_cholesky_ = np.full(3, 1 / sigma)
    np.testing.assert_allclose(kl.spherical_responsibilities(X, C, sigma), gm.predict_proba(X), atol=1e-12)


def test_spherical_responsibilities_become_the_kmeans_assignment_as_sigma_shrinks():
    X = blobs(n=200, k=3, seed=14)
    C = kl.random_init(X, 3, random_state=0)
    hard = np.eye(3)[kl.assign(X, C)]
    gaps = [np.abs(kl.spherical_responsibilities(X, C, s) - hard).max() for s in (3.0, 1.0, 0.3, 0.1, 0.01)]
    assert all(a >= b for a, b in itertools.pairwise(gaps))
    assert gaps[-1] < 1e-12


# --- bad input ------------------------------------------------------------------------------------

X_OK = blobs(n=20, seed=15)


@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"m": 1.0}, ValueError, "m must be > 1"),
        ({"m": 0.5}, ValueError, "m must be > 1"),
        ({"m": float("nan")}, ValueError, "m must be a finite number"),
        ({"m": float("inf")}, ValueError, "m must be a finite number"),
        ({"m": "2"}, TypeError, "m must be a number"),
        ({"m": True}, TypeError, "m must be a number"),
        ({"n_clusters": 0}, ValueError, "n_clusters"),
        ({"n_clusters": 2.5}, TypeError, "n_clusters"),
        ({"n_clusters": 21}, ValueError, "n_samples=20 should be >= n_clusters=21"),
        ({"init": "kmeans++"}, ValueError, "init must be 'random', 'k-means\\+\\+'"),
        ({"init": np.zeros((2, 2))}, ValueError, "init has 2 rows but n_clusters=3"),
        ({"init": np.zeros((3, 5))}, ValueError, "init must have shape \\(3, 2\\)"),
        ({"init": [[0, 0], [1, 1], [np.nan, 0]]}, ValueError, "init contains 1 NaN"),
        ({"max_iter": 0}, ValueError, "max_iter"),
        ({"tol": -1.0}, ValueError, "tol"),
        ({"random_state": "seed"}, TypeError, "random_state"),
    ],
)
def test_bad_parameters_raise_clear_errors(params, error, match):
    with pytest.raises(error, match=match):
        kl.FuzzyCMeans(**{"n_clusters": 3, **params}).fit(X_OK)


def test_bad_data_raises_clear_errors():
    with pytest.raises(ValueError, match="X must be 2-D"):
        kl.FuzzyCMeans(2).fit(np.arange(5.0))
    with pytest.raises(ValueError, match="X contains 1 NaN"):
        kl.FuzzyCMeans(2).fit([[0.0, 1.0], [np.nan, 1.0], [2.0, 2.0]])
    with pytest.raises(TypeError, match="X must be numeric"):
        kl.FuzzyCMeans(2).fit([["a", 1], [2, 3]])
    fcm = kl.FuzzyCMeans(2, random_state=0)
    with pytest.raises(kl.NotFittedError, match="not fitted"):
        fcm.predict_proba(X_OK)
    with pytest.raises(kl.NotFittedError):
        _ = fcm.partition_coefficient
    fcm.fit(X_OK)
    with pytest.raises(ValueError, match="X has 3 features, but FuzzyCMeans is expecting 2 features"):
        fcm.predict(np.zeros((4, 3)))


def test_helper_functions_reject_bad_input():
    with pytest.raises(ValueError, match="m must be > 1"):
        kl.fuzzy_membership(X_OK, X_OK[:2], m=1)
    with pytest.raises(ValueError, match="centers must have shape"):
        kl.fuzzy_membership(X_OK, np.zeros((2, 3)))
    with pytest.raises(ValueError, match="membership must have shape"):
        kl.fuzzy_centers(X_OK, np.ones((5, 2)))
    with pytest.raises(ValueError, match="membership must be >= 0"):
        kl.fuzzy_centers(X_OK, -np.ones((20, 2)))
    with pytest.raises(ValueError, match="membership column 1 is all zero"):
        kl.fuzzy_centers(X_OK, np.c_[np.ones(20), np.zeros(20)])
    with pytest.raises(ValueError, match="membership has 3 columns but centers has 2 rows"):
        kl.fuzzy_objective(X_OK, X_OK[:2], np.ones((20, 3)) / 3)
    with pytest.raises(ValueError, match="membership has 1 column but centers has 2 rows"):
        kl.fuzzy_objective(X_OK, X_OK[:2], np.ones((20, 1)))
    with pytest.raises(ValueError, match="sigma must be > 0"):
        kl.spherical_responsibilities(X_OK, X_OK[:2], 0.0)
    with pytest.raises(ValueError, match="sigma must be a finite number"):
        kl.spherical_responsibilities(X_OK, X_OK[:2], -1.0)
