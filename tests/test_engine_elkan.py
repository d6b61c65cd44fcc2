"""The engine's Elkan (what KMeans(algorithm="elkan") runs) gives the reference's answer, kl.elkan's.

Labels, the number of iterations, whether it converged and the fraction of
distances skipped in each iteration must be identical; centres and inertia
equal up to rounding. Each test runs on the NumPy engine (which runs the
reference itself) and, where numba is installed, on the compiled one.

As in test_elkan.py, problems where a sample's two nearest centres are
equally near up to rounding at some iteration are left out of the property
test: the compiled kernel adds the squares of the differences in another
order than NumPy's ``einsum``, and there rounding decides.
"""

import threading
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings

import kmeans_lab as kl
from kmeans_lab import _engine
from kmeans_lab.elkan import run_elkan
from kmeans_lab.lloyd import absolute_tolerance

from conftest import ENGINES, decided_beyond_rounding, using_engine
from test_elkan import problems

#: The fused and blas ways are Lloyd's; Elkan has one compiled kernel.
ELKAN_ENGINES = [name for name in ENGINES if name != "numba-blas"]

needs_numba = pytest.mark.skipif("numba-fused" not in ENGINES, reason="numba is not installed")


def assert_same_elkan(engine_name, X, init, weights, tol, max_iter=300):
    tol = absolute_tolerance(X, tol)
    with using_engine(engine_name):
        data = _engine.prepare(X, weights)
        start = data.centre(init)
        engine = _engine.run_elkan(data, start.copy(), max_iter, tol)
    reference = run_elkan(data.centred, start.copy(), max_iter, tol, weights)
    centroids, labels, inertia, n_iter, converged, skipped = engine
    assert (n_iter, converged) == reference[3:5]
    np.testing.assert_array_equal(labels, reference[1])
    assert skipped == reference[5]
    assert centroids.dtype == reference[0].dtype == X.dtype
    spread = float(np.abs(data.centred).max()) + np.finfo(X.dtype).tiny
    rtol = 1e-9 if X.dtype == np.float64 else 1e-4
    np.testing.assert_allclose(centroids, reference[0], rtol=rtol, atol=rtol * spread)
    total = float((data.centred.astype(np.float64) ** 2).sum()) + 1e-300
    assert abs(inertia - reference[2]) <= rtol * total
    return engine


@pytest.mark.parametrize("engine", ELKAN_ENGINES)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_engine_elkan_equals_reference_elkan(engine, problem):
    X, init, weights, tol = problem
    lloyd = kl.lloyd(X, init, tol=tol, sample_weight=weights)
    steps = [step.previous_centroids for step in lloyd.history] + [lloyd.centroids]
    assume(all(decided_beyond_rounding(X, centres) for centres in steps))
    assert_same_elkan(engine, X, init, weights, tol)


def blobs(n_samples, n_features, n_clusters, dtype, weighted, duplicated, n_empty, seed=0):
    rng = np.random.default_rng(seed + n_samples + n_clusters)
    centres = rng.uniform(-10, 10, (n_clusters, n_features))
    X = centres[rng.integers(0, n_clusters, n_samples)] + rng.normal(0, 2.5, (n_samples, n_features))
    if duplicated:
        X[rng.integers(0, n_samples, 2000)] = X[rng.integers(0, n_samples, 2000)]
    X = X.astype(dtype)
    init = X[rng.choice(n_samples, n_clusters, replace=False)].copy()
    init[:n_empty] = 1e3  # far from every sample: these clusters start empty
    weights = None
    if weighted:
        weights = rng.uniform(0.2, 4.0, n_samples).astype(dtype)
        weights[rng.random(n_samples) < 0.05] = 0.0
    return X, init, weights


@pytest.mark.parametrize("engine", ELKAN_ENGINES)
@pytest.mark.parametrize(
    "n_samples, n_features, n_clusters, dtype, weighted, duplicated, n_empty",
    [
        (20_000, 3, 12, np.float64, False, False, 0),
        (24_000, 6, 31, np.float64, True, True, 2),
        (18_000, 2, 8, np.float32, False, True, 1),
        (16_384, 16, 32, np.float32, True, False, 0),
        (9_000, 40, 60, np.float64, False, False, 0),
    ],
)
def test_engine_elkan_equals_reference_where_threads_work(
    engine, n_samples, n_features, n_clusters, dtype, weighted, duplicated, n_empty
):
    X, init, weights = blobs(n_samples, n_features, n_clusters, dtype, weighted, duplicated, n_empty)
    result = assert_same_elkan(engine, X, init, weights, tol=0.0)
    assert result[3] > 3 and max(result[5][1:]) > 0.5


@needs_numba
def test_compiled_elkan_is_the_same_to_the_bit_whatever_the_threads(monkeypatch):
    X, init, weights = blobs(40_000, 6, 20, np.float64, True, False, 1)
    fits = []
    for setting in ("2", "1"):
        monkeypatch.setenv("KMEANS_LAB_NUM_THREADS", setting)
        with using_engine("numba-fused"), warnings.catch_warnings():
            warnings.simplefilter("ignore", kl.ConvergenceWarning)
            fits.append(kl.KMeans(20, init=init, algorithm="elkan", tol=0.0).fit(X, sample_weight=weights))
    np.testing.assert_array_equal(fits[0].labels_, fits[1].labels_)
    np.testing.assert_array_equal(fits[0].cluster_centers_, fits[1].cluster_centers_)
    assert fits[0].inertia_ == fits[1].inertia_ and fits[0].n_iter_ == fits[1].n_iter_


@needs_numba
@pytest.mark.parametrize("setting", ["1", "2", "2 on numba's threads"])
def test_estimator_elkan_runs_the_compiled_kernel_on_the_package_threads_or_numbas(monkeypatch, setting):
    from kmeans_lab._engine import numba_elkan_kernels, numba_threads, threads

    on_numba = setting.endswith("threads")
    name = "assign_with_bounds_in_slabs" if on_numba else "assign_with_bounds"
    seen = []
    kernel = getattr(numba_elkan_kernels, name)

    def spy(*args):
        seen.append(threading.current_thread())
        return kernel(*args)

    monkeypatch.setattr(numba_elkan_kernels, name, spy)
    if not on_numba:
        monkeypatch.setattr(numba_threads, "parallel_threads", lambda n_slabs: 0)
    monkeypatch.setenv("KMEANS_LAB_NUM_THREADS", setting[0])
    X, init, _ = blobs(40_000, 4, 10, np.float64, False, False, 0)
    with using_engine("numba-fused"):
        ours = kl.KMeans(10, init=init, algorithm="elkan").fit(X)
    others = {thread for thread in seen if thread is not threading.main_thread()}
    if on_numba:  # one call per pass, from the caller
        assert len(seen) == ours.n_iter_ and not others
    else:
        assert len(seen) > 10
        assert all(thread.name.startswith(threads._THREAD_NAME_PREFIX) for thread in others)
        assert bool(others) == (setting == "2")
    sklearn_cluster = pytest.importorskip("sklearn.cluster")
    theirs = sklearn_cluster.KMeans(10, init=init, n_init=1, algorithm="elkan").fit(X)
    np.testing.assert_array_equal(ours.labels_, theirs.labels_)
    assert ours.n_iter_ == theirs.n_iter_
    np.testing.assert_allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=1e-10)


def test_the_numpy_engine_runs_the_reference_elkan(monkeypatch):
    called = []
    monkeypatch.setattr(_engine, "_reference_elkan", lambda *args: called.append(args) or run_elkan(*args))
    X, init, _ = blobs(2000, 3, 5, np.float64, False, False, 0)
    with using_engine("numpy"):
        kl.KMeans(5, init=init, algorithm="elkan").fit(X)
    assert len(called) == 1
