"""The engine's fuzzy c-means (what FuzzyCMeans runs) gives the reference's, kmeans_lab.fuzzy.iteration's.

The same number of iterations and the same convergence; memberships,
centres and objective equal up to rounding (the compiled pass takes the
distances by direct differences in float64, the reference from the product
form in the data's dtype). Left out of the property test: problems where a
centre ends very near a sample without being on it
(see :func:`centres_apart_from_samples`), where rounding decides; and
coinciding centres, whose split rounding decides at once (their first pass
is tested on its own). Problems include float32, duplicated samples,
samples on centres and fuzzifiers from near 1 to 7.5.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import kmeans_lab as kl
from kmeans_lab import _engine
from kmeans_lab.fuzzy.iteration import centred, run_fcm

from conftest import ENGINES, using_engine

needs_numba = pytest.mark.skipif("numba-fused" not in ENGINES, reason="numba is not installed")


@st.composite
def problems(draw):
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    dtype = draw(st.sampled_from([np.float64, np.float32]))
    n_samples = draw(st.integers(1, 150))
    n_features = draw(st.integers(1, 6))
    n_clusters = draw(st.integers(1, min(n_samples, 8)))
    offset = draw(st.sampled_from([0.0, 10.0, 1e4]))
    X = rng.normal(size=(n_samples, n_features)) + offset
    if draw(st.booleans()) and n_samples > 2:  # duplicated samples
        X[rng.integers(0, n_samples, n_samples // 3)] = X[rng.integers(0, n_samples, n_samples // 3)]
    X = X.astype(dtype)
    distinct = np.unique(X, axis=0)  # centres on samples, no two together
    init = distinct[rng.choice(len(distinct), min(n_clusters, len(distinct)), replace=False)]
    m = draw(st.sampled_from([1.05, 1.5, 2.0, 3.0, 7.5]))
    # float32 memberships are rounded at ~1e-7: a tolerance near that would let rounding pick the stop.
    tol = draw(st.sampled_from([1e-5, 1e-3] if dtype == np.float64 else [1e-2]))
    return X, init, m, tol


def centres_apart_from_samples(X, centres):
    """True when no centre is nearer a sample or another centre than 0.2 % of the spread, unless on it.

    Nearer, the distance is decided by rounding: in the reference's product form
    ‖x‖² − 2 x·c + ‖c‖² the error is ~ε·spread², and in float32 the last bit of
    the centre (summed in float32 by the reference, in float64 here) is a large
    part of it; the memberships, which divide by it, then differ by more than
    rounding between any two ways of computing them.
    """
    distances = np.sqrt(((X.astype(np.float64)[:, None, :] - centres[None, :, :]) ** 2).sum(axis=-1))
    spread = float(np.abs(X - X.mean(axis=0)).max()) + 1e-300
    between = np.sqrt(((centres[:, None, :] - centres[None, :, :]) ** 2).sum(axis=-1))
    np.fill_diagonal(between, np.inf)  # two centres together: their split is decided by rounding too
    apart = bool(np.all(between > 2e-3 * spread))
    return apart and bool(np.all((distances == 0) | (distances > 2e-3 * spread)))


def assert_same_fcm(engine_name, X, init, m, tol, max_iter=100, skip_ill_conditioned=False):
    origin = X.mean(axis=0)
    reference = run_fcm(centred(X, origin), origin, init, m, max_iter, tol)
    if skip_ill_conditioned:
        assume(centres_apart_from_samples(X, reference[0]))
    with using_engine(engine_name):
        engine = _engine.run_fcm(centred(X, origin), origin, init.copy(), m, max_iter, tol)
    spread = float(np.abs(X - origin).max()) + 1e-300
    if X.dtype == np.float32 and engine[3] != reference[3]:
        # float32 memberships carry rounding of ~1e-7 each; where a run creeps towards its fixed point,
        # that can move the first iteration whose change falls below tol by a few. Both runs must still
        # converge, to centres as close as the tolerance on the memberships leaves them.
        assert engine[4] and reference[4]
        np.testing.assert_allclose(engine[0], reference[0], rtol=0, atol=tol * spread)
        return
    assert engine[3:] == reference[3:]  # n_iter, converged
    rtol = 1e-9 if X.dtype == np.float64 else 2e-4
    np.testing.assert_allclose(engine[1], reference[1], rtol=0, atol=rtol)  # memberships, in [0, 1]
    assert engine[0].dtype == engine[1].dtype == X.dtype
    np.testing.assert_allclose(engine[0], reference[0], rtol=rtol, atol=rtol * spread)
    scale = float(((X - origin).astype(np.float64) ** 2).sum()) + 1e-300
    np.testing.assert_allclose(engine[2], reference[2], rtol=rtol, atol=rtol * scale)


@pytest.mark.parametrize("engine", [name for name in ENGINES if name != "numba-blas"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_engine_fcm_equals_reference(engine, problem):
    assert_same_fcm(engine, *problem, skip_ill_conditioned=True)


@pytest.mark.parametrize("engine", [name for name in ENGINES if name != "numba-blas"])
@pytest.mark.parametrize("n_samples, n_features, n_clusters, m", [(20_000, 2, 5, 2.0), (12_000, 8, 12, 1.7)])
def test_engine_fcm_equals_reference_where_threads_work(engine, n_samples, n_features, n_clusters, m):
    X, _ = kl.datasets.make_blobs(n_samples, centers=n_clusters, n_features=n_features, random_state=4)
    init = X[np.random.default_rng(0).choice(n_samples, n_clusters, replace=False)]
    assert_same_fcm(engine, X, init, m, tol=1e-4, max_iter=60)


@needs_numba
def test_compiled_fcm_is_the_same_to_the_bit_whatever_the_threads(monkeypatch):
    X, _ = kl.datasets.make_blobs(30_000, centers=6, n_features=3, random_state=2)
    fits = []
    for setting in ("2", "1"):
        monkeypatch.setenv("KMEANS_LAB_NUM_THREADS", setting)
        with using_engine("numba-fused"):
            fits.append(kl.FuzzyCMeans(6, random_state=0, max_iter=30).fit(X))
    np.testing.assert_array_equal(fits[0].membership_, fits[1].membership_)
    np.testing.assert_array_equal(fits[0].cluster_centers_, fits[1].cluster_centers_)
    np.testing.assert_array_equal(fits[0].objective_, fits[1].objective_)


@pytest.mark.parametrize("engine", [name for name in ENGINES if name != "numba-blas"])
def test_estimator_on_the_engine_equals_the_reference_estimator(engine):
    X, _ = kl.datasets.make_blobs(3000, centers=4, n_features=3, random_state=7)
    fits = {}
    for name in ("numpy", engine):
        with using_engine(name):
            model = kl.FuzzyCMeans(4, m=1.8, random_state=3).fit(X)
            fits[name] = model, model.predict_proba(X[:500])
    (a, proba_a), (b, proba_b) = fits["numpy"], fits[engine]
    assert a.n_iter_ == b.n_iter_ and a.converged_ == b.converged_
    np.testing.assert_array_equal(a.labels_, b.labels_)
    np.testing.assert_allclose(b.cluster_centers_, a.cluster_centers_, rtol=1e-10)
    np.testing.assert_allclose(proba_b, proba_a, rtol=0, atol=1e-10)
    np.testing.assert_allclose(b.membership_[:500], proba_b, rtol=0, atol=1e-12)


@pytest.mark.parametrize("engine", [name for name in ENGINES if name != "numba-blas"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_engine_pass_splits_a_sample_between_coinciding_centres_like_the_reference(engine, dtype):
    X = np.array([[1.0, 2.0], [3.0, 3.0], [-1.0, 0.5], [1.0, 2.0]], dtype=dtype)
    centres = np.array([[1.0, 2.0], [1.0, 2.0], [9.0, 9.0]], dtype=dtype)
    origin = X.mean(axis=0)
    results = []
    for name in ("numpy", engine):
        membership = np.empty((4, 3), dtype=dtype)
        with using_engine(name):
            result = _engine.fcm_pass(centred(X, origin), centred(centres, origin), 1.5, membership)
        results.append((result, membership))
    (reference, u_reference), (ours, u_ours) = results
    np.testing.assert_array_equal(u_ours[[0, 3]], [[0.5, 0.5, 0.0]] * 2)
    np.testing.assert_array_equal(u_ours[:, 0], u_ours[:, 1])
    np.testing.assert_allclose(u_ours, u_reference, rtol=1e-6)
    assert ours[0] == pytest.approx(reference[0], rel=1e-6)
    np.testing.assert_allclose(ours[2], reference[2], rtol=1e-6, atol=1e-6 * np.abs(reference[2]).max())
