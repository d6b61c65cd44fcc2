"""The engine's mini-batch step (what MiniBatchKMeans runs) gives the reference's, kl.minibatch's.

From the same batch, centres and counts: identical labels and counts, and
centres equal to the bit (the update adds in the reference's order) wherever
the labels are; the batch inertia equal up to rounding. Each test runs on
every engine of ``conftest.ENGINES`` (the compiled one by its direct
differences and by its matrix products). Batches where a sample's two
nearest centres are equally near up to rounding are left out, as in
test_engine_equals_reference.py.
"""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import kmeans_lab as kl
from kmeans_lab import _engine
from kmeans_lab.minibatch import minibatch_step

from conftest import ENGINES, decided_beyond_rounding, using_engine


@st.composite
def steps(draw):
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    dtype = draw(st.sampled_from([np.float64, np.float32]))
    batch_size = draw(st.integers(1, 300))
    n_features = draw(st.integers(1, 20))
    n_clusters = draw(st.integers(1, 40))
    scale = draw(st.sampled_from([1e-6, 1.0, 1e3]))
    offset = scale * draw(st.sampled_from([0.0, 10.0] + ([1e6] if dtype == np.float64 else [1e2])))
    X = rng.normal(size=(batch_size, n_features)) * scale + offset
    if draw(st.booleans()) and batch_size > 2:  # duplicated samples
        X[rng.integers(0, batch_size, batch_size // 3)] = X[rng.integers(0, batch_size, batch_size // 3)]
    centres = rng.normal(size=(n_clusters, n_features)) * scale + offset
    if draw(st.booleans()):  # centres on samples
        n_on = min(n_clusters, batch_size)
        centres[:n_on] = X[rng.choice(batch_size, n_on, replace=False)]
    centres[: draw(st.integers(0, n_clusters - 1))] += scale * 1e3  # centres that receive nothing
    counts = np.where(rng.random(n_clusters) < 0.3, 0.0, rng.uniform(0.0, 500.0, n_clusters))
    weights = None
    if draw(st.booleans()):
        weights = rng.uniform(0.1, 3.0, batch_size)
        weights[rng.random(batch_size) < 0.1] = 0.0
        weights = weights.astype(dtype)
    return X.astype(dtype), centres.astype(dtype), counts.astype(dtype), weights


def assert_same_step(engine_name, X, centres, counts, weights):
    reference = minibatch_step(X, centres, counts, weights)
    with using_engine(engine_name):
        engine = _engine.minibatch_step(X, centres.copy(), counts.copy(), weights)
    np.testing.assert_array_equal(engine[2], reference[2])
    np.testing.assert_array_equal(engine[1], reference[1])
    np.testing.assert_array_equal(engine[0], reference[0])
    assert engine[0].dtype == engine[1].dtype == X.dtype
    spread = float((((X - X.mean(axis=0)).astype(np.float64)) ** 2).sum(axis=1).max()) + 1e-300
    total = spread * (X.shape[0] if weights is None else float(weights.astype(np.float64).sum()) + 1e-300)
    rtol = 1e-9 if X.dtype == np.float64 else 1e-4
    assert abs(engine[3] - reference[3]) <= rtol * max(total, abs(reference[3]))


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps())
def test_engine_minibatch_step_equals_reference(engine, step):
    X, centres, counts, weights = step
    assume(decided_beyond_rounding(X, centres))
    assert_same_step(engine, X, centres, counts, weights)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("n_features, n_clusters, dtype", [(2, 16, np.float64), (64, 100, np.float32)])
def test_engine_minibatch_step_on_a_large_batch(engine, n_features, n_clusters, dtype):
    rng = np.random.default_rng(n_features)
    X = (rng.normal(size=(4096, n_features)) + rng.integers(0, 5, (4096, 1))).astype(dtype)
    centres = X[rng.choice(4096, n_clusters, replace=False)].copy()
    counts = rng.uniform(0, 100, n_clusters).astype(dtype)
    assert_same_step(engine, X, centres, counts, rng.uniform(0.5, 2.0, 4096).astype(dtype))


@pytest.mark.parametrize("engine", ENGINES)
def test_minibatch_fit_and_partial_fit_on_the_engine_equal_the_reference(engine):
    X, _ = kl.datasets.make_blobs(6000, centers=6, n_features=3, random_state=2)
    weights = np.random.default_rng(0).uniform(0.5, 2.0, len(X))
    fits = {}
    for name in ("numpy", engine):
        with using_engine(name), warnings.catch_warnings():
            warnings.simplefilter("error")
            model = kl.MiniBatchKMeans(6, batch_size=256, random_state=0, tol=1e-4)
            fitted = model.fit(X, sample_weight=weights)
            streamed = kl.MiniBatchKMeans(6, random_state=1)
            for start in range(0, len(X), 500):
                streamed.partial_fit(X[start : start + 500], sample_weight=weights[start : start + 500])
        fits[name] = fitted, streamed
    for a, b in zip(fits["numpy"], fits[engine]):
        assert a.n_steps_ == b.n_steps_
        np.testing.assert_array_equal(a.labels_, b.labels_)
        np.testing.assert_allclose(a.cluster_centers_, b.cluster_centers_, rtol=1e-12)
        np.testing.assert_array_equal(a._counts, b._counts)


@pytest.mark.skipif("numba-fused" not in ENGINES, reason="numba is not installed")
def test_minibatch_fit_runs_the_compiled_step(monkeypatch):
    from kmeans_lab._engine import numba_minibatch

    calls = []
    step = numba_minibatch.learning_rate_update
    monkeypatch.setattr(
        numba_minibatch, "learning_rate_update", lambda *args: calls.append(1) or step(*args)
    )
    X, _ = kl.datasets.make_blobs(3000, centers=4, random_state=1)
    with using_engine("numba-fused"):
        model = kl.MiniBatchKMeans(4, batch_size=200, random_state=0).fit(X)
    assert len(calls) == model.n_steps_
