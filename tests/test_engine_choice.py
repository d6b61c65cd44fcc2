"""Which engine runs: numba's when it can be imported, NumPy's otherwise, with the same results."""

import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

import kmeans_lab as kl

from conftest import ENGINES, decided_beyond_rounding, using_engine

ROOT = Path(__file__).resolve().parents[1]

needs_numba = pytest.mark.skipif("numba-fused" not in ENGINES, reason="numba is not installed")


def random_problem(seed, n_samples, n_features, n_clusters, dtype, weighted, duplicated, n_empty):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-10, 10, (n_clusters, n_features))
    X = centres[rng.integers(0, n_clusters, n_samples)] + rng.normal(0, 2.0, (n_samples, n_features))
    if duplicated:
        X[rng.integers(0, n_samples, n_samples // 4)] = X[rng.integers(0, n_samples, n_samples // 4)]
    X = X.astype(dtype)
    init = X[rng.choice(n_samples, n_clusters, replace=False)].copy()
    init[:n_empty] = 1e3  # far from every sample: these clusters start empty
    weights = None
    if weighted:
        weights = rng.uniform(0.2, 3.0, n_samples).astype(dtype)
        weights[rng.random(n_samples) < 0.05] = 0.0
    return X, init, weights


def fit(engine, X, init, weights, tol=0.0):
    with using_engine(engine), warnings.catch_warnings():
        warnings.simplefilter("ignore", kl.ConvergenceWarning)
        return kl.KMeans(len(init), init=init, n_init=1, tol=tol).fit(X, sample_weight=weights)


@needs_numba
@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("n_features", [2, 5, 12])
def test_numba_and_numpy_engines_give_the_same_fit_on_larger_problems(seed, n_features):
    """Large enough for threads and slabs; float64 only.

    In float32 the band of rounding around a tie is so wide that problems of
    this size always have samples in it; the property tests of
    ``test_engine_equals_reference.py`` (float32 included) run on each engine.
    """
    dtype = np.float64
    shape = [(3_000, 4), (20_000, 9), (9_000, 40)][seed % 3]  # 40: products laid out centre by centre
    X, init, weights = random_problem(
        seed, shape[0], n_features, shape[1], dtype, seed % 2 == 0, seed % 3 == 1, seed % 4 == 0
    )
    reference = kl.lloyd(X, init, tol=0.0, sample_weight=weights)
    steps = [step.previous_centroids for step in reference.history] + [reference.centroids]
    # Where rounding decides a nearest centre, any two ways of computing distances may differ.
    assert all(decided_beyond_rounding(X, centres) for centres in steps)
    numpy_fit = fit("numpy", X, init, weights)
    for engine in ("numba-fused", "numba-blas"):
        numba_fit = fit(engine, X, init, weights)
        assert numba_fit.n_iter_ == numpy_fit.n_iter_
        np.testing.assert_array_equal(numba_fit.labels_, numpy_fit.labels_)
        assert numba_fit.cluster_centers_.dtype == dtype
        rtol = 1e-10
        spread = float(np.abs(X).max())
        np.testing.assert_allclose(
            numba_fit.cluster_centers_, numpy_fit.cluster_centers_, rtol=rtol, atol=rtol * spread
        )
        assert numba_fit.inertia_ == pytest.approx(numpy_fit.inertia_, rel=rtol)


@needs_numba
@pytest.mark.parametrize("engine", ["numba-fused", "numba-blas"])
def test_numba_engine_is_the_same_to_the_bit_whatever_the_threads(monkeypatch, engine):
    X, init, weights = random_problem(3, 40_000, 6, 20, np.float64, True, False, 1)
    monkeypatch.setenv("KMEANS_LAB_NUM_THREADS", "2")
    two = fit(engine, X, init, weights)
    monkeypatch.setenv("KMEANS_LAB_NUM_THREADS", "1")
    one = fit(engine, X, init, weights)
    np.testing.assert_array_equal(one.labels_, two.labels_)
    np.testing.assert_array_equal(one.cluster_centers_, two.cluster_centers_)
    assert one.inertia_ == two.inertia_ and one.n_iter_ == two.n_iter_


@needs_numba
@pytest.mark.parametrize("engine", ["numba-fused", "numba-blas"])
@pytest.mark.parametrize("setting", ["1", "2"])
def test_without_numbas_threads_the_kernels_run_on_the_package_threads(monkeypatch, engine, setting):
    import threading

    from kmeans_lab._engine import numba_kernels, numba_slabs, numba_threads, threads

    seen = []
    called_from_python = [
        (numba_kernels, "assign_and_sum"),
        (numba_slabs, "products_in_slab"),
        (numba_kernels, "assigned_inertia"),
    ]
    for module, name in called_from_python:
        kernel = getattr(module, name)

        def spy(*args, kernel=kernel):
            seen.append(threading.current_thread())
            return kernel(*args)

        monkeypatch.setattr(module, name, spy)
    monkeypatch.setattr(numba_threads, "parallel_threads", lambda n_slabs: 0)
    monkeypatch.setenv("KMEANS_LAB_NUM_THREADS", setting)
    X, init, _ = random_problem(0, 40_000, 2, 5, np.float64, False, False, 0)
    fit(engine, X, init, None)
    others = {thread for thread in seen if thread is not threading.main_thread()}
    assert len(seen) > 10
    assert all(thread.name.startswith(threads._THREAD_NAME_PREFIX) for thread in others)
    if setting == "1":
        assert not others
    else:
        assert others


@needs_numba
@pytest.mark.parametrize("engine", ["numba-fused", "numba-blas"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_numbas_threads_and_the_package_threads_give_the_same_bits(monkeypatch, engine, dtype):
    from kmeans_lab._engine import numba_engine, numba_threads

    monkeypatch.setenv("KMEANS_LAB_NUM_THREADS", "2")
    X, init, weights = random_problem(5, 30_000, 7, 12, dtype, True, False, 2)
    assert numba_threads.parallel_threads(len(numba_engine.slab_bounds(len(X))) - 1) == 2
    on_numba = fit(engine, X, init, weights)
    monkeypatch.setattr(numba_threads, "parallel_threads", lambda n_slabs: 0)
    on_pool = fit(engine, X, init, weights)
    np.testing.assert_array_equal(on_numba.labels_, on_pool.labels_)
    np.testing.assert_array_equal(on_numba.cluster_centers_, on_pool.cluster_centers_)
    assert on_numba.inertia_ == on_pool.inertia_ and on_numba.n_iter_ == on_pool.n_iter_


@needs_numba
def test_numbas_threads_are_used_only_where_they_are_safe(monkeypatch):
    import os

    import numba

    from kmeans_lab._engine import numba_threads

    monkeypatch.setenv("KMEANS_LAB_NUM_THREADS", "2")
    assert numba_threads.parallel_threads(8) == 2
    assert numba_threads.parallel_threads(1) == 0
    monkeypatch.setenv("KMEANS_LAB_NUM_THREADS", "1")
    assert numba_threads.parallel_threads(8) == 0
    monkeypatch.setenv("KMEANS_LAB_NUM_THREADS", "2")
    monkeypatch.setattr(numba_threads, "_started_in", os.getpid() + 1)  # as in a forked child
    assert numba_threads.parallel_threads(8) == 0
    monkeypatch.setattr(numba_threads, "_started_in", None)
    monkeypatch.setattr(numba_threads, "_thread_safe_layer", None)
    monkeypatch.setattr(numba.config, "THREADING_LAYER", "workqueue")
    assert numba_threads._layer_numba_will_pick() == "workqueue"
    monkeypatch.setattr(numba, "threading_layer", lambda: (_ for _ in ()).throw(ValueError("not started")))
    assert numba_threads.parallel_threads(8) == 0


@needs_numba
def test_a_child_forked_after_a_fit_fits_on_the_package_threads():
    code = """
import os, numpy as np, kmeans_lab as kl
X = np.random.default_rng(0).normal(size=(50000, 2))
before = kl.KMeans(5, random_state=0, n_init=1).fit(X).inertia_
pid = os.fork()
if pid == 0:
    os._exit(0 if kl.KMeans(5, random_state=0, n_init=1).fit(X).inertia_ == before else 3)
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
"""
    assert run_python(code, KMEANS_LAB_NUM_THREADS="2") == "0"


def run_python(code, **env):
    out = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        cwd=str(ROOT),
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_import_does_not_load_numba():
    code = "import sys, kmeans_lab; print('numba' in sys.modules)"
    assert run_python(code) == "False"


FIT_AND_PRINT = (
    "import numpy as np, kmeans_lab as kl; from kmeans_lab import _engine; "
    "X = np.random.default_rng(0).normal(size=(5000, 3)); "
    "km = kl.KMeans(6, random_state=1, n_init=2).fit(X); "
    "print(_engine.engine_name(), km.n_iter_, (km.labels_ * np.arange(5000)).sum(), km.predict(X[:50]).sum())"
)


def test_without_numba_the_numpy_engine_gives_the_same_answer():
    blocked = run_python("import sys; sys.modules['numba'] = None; " + FIT_AND_PRINT)
    forced = run_python(FIT_AND_PRINT, KMEANS_LAB_ENGINE="numpy")
    assert blocked.split()[0] == forced.split()[0] == "numpy"
    assert blocked == forced
    if "numba-fused" in ENGINES:
        compiled = run_python(FIT_AND_PRINT)
        assert compiled.split()[0] == "numba"
        assert compiled.split()[1:] == forced.split()[1:]


def test_an_unknown_engine_is_refused(monkeypatch):
    monkeypatch.setenv("KMEANS_LAB_ENGINE", "cython")
    with pytest.raises(ValueError, match="KMEANS_LAB_ENGINE"):
        kl.KMeans(2).fit(np.arange(10.0).reshape(5, 2))


@needs_numba
def test_predict_and_score_on_the_compiled_engine_match_the_reference():
    X, init, _ = random_problem(4, 30_000, 3, 12, np.float64, False, False, 0)
    with using_engine("numba-fused"):
        km = kl.KMeans(12, init=init).fit(X)
        labels = km.predict(X)
        score = km.score(X)
    from kmeans_lab.lloyd import nearest_centroids

    np.testing.assert_array_equal(labels, nearest_centroids(X, km.cluster_centers_))
    assert score == pytest.approx(-kl.wcss(X, km.cluster_centers_), rel=1e-12)


SPIN_PROBE = """
import os, time, numpy as np, kmeans_lab as kl
from kmeans_lab._engine import numba_threads
numba_threads.SPIN_COUNT = {spin}
kl.KMeans(3, n_init=1, random_state=0).fit(np.random.default_rng(0).normal(size=(50000, 2)))
start = time.process_time()
time.sleep(0.3)
idle_cpu = round(time.process_time() - start, 2)
print(numba_threads.numba.threading_layer(), idle_cpu, os.environ.get("GOMP_SPINCOUNT"))
"""


@needs_numba
def test_numbas_openmp_threads_spin_as_long_as_the_package_says_and_the_environment_is_left_alone():
    layer, idle_cpu, variable = run_python(SPIN_PROBE.format(spin=10**10), KMEANS_LAB_NUM_THREADS="2").split()
    if layer != "omp":
        pytest.skip(f"numba runs on its {layer} layer here")
    assert float(idle_cpu) > 0.2  # a thread spun through the whole sleep
    assert variable == "None"
    layer, idle_cpu, variable = run_python(
        SPIN_PROBE.format(spin=10**10), KMEANS_LAB_NUM_THREADS="2", OMP_WAIT_POLICY="passive"
    ).split()
    assert float(idle_cpu) < 0.1  # the user's setting won
    assert variable == "None"
