"""kmeans_lab.dask.KMeans on a local Dask cluster: the in-memory answer, out of core, and a lost worker.

One ``LocalCluster`` of two single-threaded worker processes serves the
module. Its workers have a memory limit, and neither spill to disk nor pause:
a worker process here holds about 170 MB before any task and up to about
220 MB while it computes a chunk of 6.4 MB (more in a freshly built
environment), so a pause at 80 % of a small limit would stall every fit. A
worker that goes past 95 % of its limit is killed and restarted, which the
out-of-core test would notice.
"""

import itertools
import os
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

import kmeans_lab as kl

da = pytest.importorskip("dask.array")
dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
psutil = pytest.importorskip("psutil")

import kmeans_lab.dask as kld
from kmeans_lab.dask import _chunks
from kmeans_lab.lloyd import absolute_tolerance

#: Memory limit of each of the two workers.
WORKER_MEMORY = 400e6


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        memory_limit=int(WORKER_MEMORY),
        dashboard_address=None,
        # The scheduler's HTTP server (metrics, health) on a free loopback port: 8787 may be taken.
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        config={f"distributed.worker.memory.{name}": False for name in ("target", "spill", "pause")},
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def blobs(n_samples, n_features, n_centres, seed, spread=1.0):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-5, 5, size=(n_centres, n_features))
    return centres[rng.integers(n_centres, size=n_samples)] + spread * rng.normal(
        size=(n_samples, n_features)
    )


def test_import_kmeans_lab_does_not_import_dask():
    code = "import sys, kmeans_lab; print(','.join(m for m in ('dask', 'distributed') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# -- the same answer as kl.KMeans ---------------------------------------------------------------------


def _problem(name):
    """(X, sample_weight, init) for a named problem."""
    rng = np.random.default_rng(7)
    if name == "blobs":
        X = blobs(3000, 4, 6, seed=1) + 100.0  # far from the origin: the centring matters
        return X, None, X[rng.choice(len(X), 6, replace=False)]
    if name == "weighted":
        X = blobs(2500, 3, 5, seed=2)
        weights = rng.uniform(0, 3, size=len(X))
        weights[rng.choice(len(X), 300, replace=False)] = 0.0
        return X, weights, X[rng.choice(len(X), 5, replace=False)]
    if name == "overlapping":
        X = rng.normal(size=(4000, 8))  # many iterations before the labels settle
        return X, None, X[:10]
    X = blobs(2000, 2, 4, seed=3)  # "empty": one start far from every sample
    init = X[rng.choice(len(X), 4, replace=False)]
    init[2] = [1e3, 1e3]
    weights = rng.uniform(0.5, 2, size=len(X)) if name == "empty weighted" else None
    return X, weights, init


@pytest.mark.parametrize("name", ["blobs", "weighted", "overlapping", "empty", "empty weighted"])
def test_same_answer_as_in_memory_kmeans(client, name):
    X, weights, init = _problem(name)
    ours = kld.KMeans(len(init), init=init, tol=1e-4).fit(
        da.from_array(X, chunks=(700, -1)),
        sample_weight=None if weights is None else da.from_array(weights, chunks=450),
    )
    theirs = kl.KMeans(len(init), init=init, tol=1e-4).fit(X, sample_weight=weights)
    assert ours.n_iter_ == theirs.n_iter_
    np.testing.assert_array_equal(ours.labels_.compute(), theirs.labels_)
    np.testing.assert_allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=0, atol=1e-10)
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-10)


def test_an_empty_cluster_takes_the_reference_sample(client):
    """The first update of the "empty" problem, checked against the reference's update_centroids."""
    X, _, init = _problem("empty")
    one_step = kld.KMeans(4, init=init, max_iter=1).fit(da.from_array(X, chunks=(600, -1)))
    expected = kl.update_centroids(X, kl.assign(X, init), 4, centroids=init)
    np.testing.assert_allclose(one_step.cluster_centers_, expected, rtol=0, atol=1e-10)
    assert np.abs(one_step.cluster_centers_[2]).max() < 100


def test_numpy_input_and_nothing_passed_is_modified(client):
    X, weights, init = _problem("weighted")
    X_before, weights_before, init_before = X.copy(), weights.copy(), init.copy()
    ours = kld.KMeans(5, init=init).fit(X, sample_weight=weights)
    theirs = kl.KMeans(5, init=init).fit(X, sample_weight=weights)
    np.testing.assert_allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=0, atol=1e-10)
    for after, before in ((X, X_before), (weights, weights_before), (init, init_before)):
        np.testing.assert_array_equal(after, before)


def test_tolerance_is_the_reference_rule(client):
    X, _, _ = _problem("overlapping")
    origin, tol, _ = kld.estimator._summarise(
        kld.estimator.ChunkedData(da.from_array(X, chunks=(900, -1))), X, 1e-3, 4, np.random.default_rng(0)
    )
    assert tol == pytest.approx(absolute_tolerance(X, 1e-3), rel=1e-12)
    np.testing.assert_allclose(origin, X.mean(axis=0), rtol=0, atol=1e-14)


def test_predict_and_transform_are_lazy_and_match(client):
    X, _, init = _problem("blobs")
    dX = da.from_array(X, chunks=(1000, -1))
    ours = kld.KMeans(6, init=init).fit(dX)
    theirs = kl.KMeans(6, init=init).fit(X)
    new = blobs(500, 4, 6, seed=9) + 100.0
    labels, distances = ours.predict(da.from_array(new, chunks=200)), ours.transform(new)
    assert isinstance(labels, da.Array) and isinstance(distances, da.Array)
    assert isinstance(ours.labels_, da.Array) and labels.dtype == np.int32
    np.testing.assert_array_equal(labels.compute(), theirs.predict(new))
    np.testing.assert_allclose(distances.compute(), theirs.transform(new), rtol=1e-12, atol=1e-9)


# -- initialisation -----------------------------------------------------------------------------------


def test_kmeans_parallel_sampling_probabilities():
    """A round keeps each sample with probability min(1, ℓ·w·D²/φ), whatever the chunks (chi-square)."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    weights = rng.uniform(0.5, 2, size=40)
    origin, candidates, ell = X.mean(axis=0), (X[:1] - X.mean(axis=0)), 6.0
    d2 = ((X - X[0]) ** 2).sum(axis=1)
    expected = np.minimum(1, ell * weights * d2 / (weights * d2).sum())
    pieces = [slice(0, 13), slice(13, 30), slice(30, 40)]
    n_runs, hits = 3000, np.zeros(40)
    for seed in range(n_runs):
        parts = [
            _chunks.sample_candidates(X[s], weights[s], origin, candidates, ell, seed, i)
            for i, s in enumerate(pieces)
        ]
        cost = sum(p[0] for p in parts)
        for s, (_, rows, u, scores) in zip(pieces, parts):
            kept = rows[u * cost < scores] + origin
            hits[s] += np.isclose(X[s][:, None, :], kept[None]).all(axis=2).any(axis=1)
    spread = np.sqrt(expected * (1 - expected) / n_runs)
    assert np.all(np.abs(hits / n_runs - expected) <= 5 * spread + 1e-12)


@pytest.mark.parametrize("init", ["k-means||", "k-means++", "random"])
def test_initialisations_find_separated_blobs(client, init):
    X, _ = kld.make_blobs(6000, 3, 5, cluster_std=0.3, chunk_rows=1500, random_state=4)
    fits = [kld.KMeans(5, init=init, random_state=3).fit(X) for _ in range(2)]
    np.testing.assert_array_equal(
        fits[0].cluster_centers_, fits[1].cluster_centers_
    )  # same seed, same result
    if init != "random":  # random starts may merge two blobs; the D² starts find all five
        best = kl.KMeans(5, n_init=5, random_state=0).fit(X.compute())
        assert fits[0].inertia_ == pytest.approx(best.inertia_, rel=1e-6)


# -- progress, errors -----------------------------------------------------------------------------------


def test_progress_prints_a_line_per_iteration_with_j(client, capsys):
    X, _, init = _problem("blobs")
    km = kld.KMeans(6, init=init, progress=True).fit(da.from_array(X, chunks=(1000, -1)))
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == km.n_iter_ and all("J = " in line for line in lines)
    steps = []
    kld.KMeans(6, init=init, progress=steps.append).fit(da.from_array(X, chunks=(1000, -1)))
    assert [s.iteration for s in steps] == list(range(1, km.n_iter_ + 1))
    assert all(a.inertia >= b.inertia for a, b in itertools.pairwise(steps))  # J never increases


@pytest.mark.parametrize(
    "params, X, weights, error, words",
    [
        ({"init": "kmeans"}, None, None, ValueError, "init must be"),
        ({"n_clusters": 10_000}, None, None, ValueError, "n_clusters=10000"),
        ({"oversampling_factor": 0}, None, None, ValueError, "oversampling_factor"),
        ({"progress": "yes"}, None, None, TypeError, "progress"),
        ({}, "nan", None, ValueError, "X contains 1 NaN"),
        ({}, None, "negative", ValueError, "sample_weight must be >= 0"),
        ({}, None, "short", ValueError, "sample_weight must have shape (3000,)"),
        ({}, "1-D", None, ValueError, "X must be 2-D"),
    ],
)
def test_clear_errors(client, params, X, weights, error, words):
    data = blobs(3000, 4, 6, seed=1)
    if X == "nan":
        data[5, 1] = np.nan
    dX = da.from_array(data, chunks=(1000, -1))
    if X == "1-D":
        dX = dX[:, 0]
    w = None
    if weights == "negative":
        w = da.from_array(np.r_[np.ones(2999), -1.0], chunks=1000)
    elif weights == "short":
        w = da.ones(10, chunks=5)
    with pytest.raises(error, match=words.replace("(", r"\(").replace(")", r"\)")):
        kld.KMeans(**{"n_clusters": 6, **params}).fit(dX, sample_weight=w)


# -- out of core, and a lost worker --------------------------------------------------------------------


def _uniform_blobs(block_info=None, *, centres, width, seed):
    """Blobs with uniform noise, drawn on the worker: cheaper to draw again at every pass than normals."""
    info = block_info[None]
    (start, stop), _ = info["array-location"]
    rng = np.random.default_rng([seed, info["chunk-location"][0]])
    block = rng.random((stop - start, centres.shape[1]))
    block -= 0.5
    block *= width
    block += centres[rng.integers(centres.shape[0], size=stop - start)]
    return block


def lazy_blobs(n_samples, centres, chunk_rows, width=1.0, seed=0):
    chunks = (da.core.normalize_chunks((chunk_rows,), (n_samples,))[0], (centres.shape[1],))
    return da.map_blocks(
        _uniform_blobs, chunks=chunks, dtype=np.float64, centres=centres, width=width, seed=seed
    )


def _worker_pids(client):
    return client.run(os.getpid)


class PeakRSS:
    """The largest resident memory of this process while the block runs, sampled every 20 ms."""

    def __enter__(self):
        self.process = psutil.Process()
        self.before = self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


@pytest.mark.slow
def test_out_of_core_fit_with_bounded_memory(client):
    n_features = 8
    total_memory = 2 * WORKER_MEMORY
    n_samples = int(4 * total_memory / (8 * n_features))  # 4 times the workers' memory limits together
    centres = np.array([[0.0] * n_features, [3.0] * n_features, [-3.0] * n_features])
    X = lazy_blobs(n_samples, centres, chunk_rows=100_000)
    assert X.nbytes >= 4 * total_memory
    client.restart()  # fresh worker processes: what earlier tests imported and left counts towards the limit
    pids = _worker_pids(client)
    started = time.perf_counter()
    with PeakRSS() as rss:  # four passes over X: summary, two iterations, final inertia
        km = kld.KMeans(3, init=centres + 0.5, max_iter=2, tol=0).fit(X)
    seconds = time.perf_counter() - started
    assert _worker_pids(client) == pids, "a worker was restarted"
    assert rss.peak - rss.before < 100e6, f"the client grew by {(rss.peak - rss.before) / 1e6:.0f} MB"
    np.testing.assert_allclose(np.sort(km.cluster_centers_[:, 0]), [-3, 0, 3], atol=0.01)
    print(
        f"\nout of core: {X.nbytes / 1e9:.2f} GB in {X.numblocks[0]} chunks, worker limits "
        f"{total_memory / 1e6:.0f} MB in all, {seconds:.0f} s, client RSS {rss.before / 1e6:.0f} MB "
        f"-> peak {rss.peak / 1e6:.0f} MB"
    )


@pytest.mark.slow
def test_a_worker_killed_mid_fit_changes_nothing(client):
    centres = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 2.0], [2.0, 2.0]])
    X = lazy_blobs(200_000, centres, chunk_rows=20_000, width=3.0, seed=1).persist()
    distributed.wait(X)
    params = {"n_clusters": 4, "init": "random", "tol": 0, "max_iter": 6, "random_state": 5}
    expected = kld.KMeans(**params).fit(X)
    killed = []

    def kill_one_worker(step):
        if step.iteration == 1:
            address, pid = min(_worker_pids(client).items())
            os.kill(pid, signal.SIGKILL)  # its chunks of X are lost: they are drawn again from the graph
            killed.append(address)

    km = kld.KMeans(**params, progress=kill_one_worker).fit(X)
    assert killed and km.n_iter_ >= 3
    np.testing.assert_array_equal(km.cluster_centers_, expected.cluster_centers_)
    assert km.inertia_ == expected.inertia_ and km.n_iter_ == expected.n_iter_
    client.wait_for_workers(2, timeout=60)  # the nanny starts a new worker


# -- dask-ml as an oracle -----------------------------------------------------------------------------


def test_same_centres_as_dask_ml_from_the_same_start():
    """On the threaded scheduler: dask-ml's tasks import scikit-learn and numba, over a worker's limit."""
    dask_ml_cluster = pytest.importorskip("dask_ml.cluster")
    X, _, init = _problem("blobs")
    dX = da.from_array(X, chunks=(1000, -1))
    with dask.config.set(scheduler="threads"):
        ours = kld.KMeans(6, init=init, tol=0, max_iter=50).fit(dX)
        theirs = dask_ml_cluster.KMeans(6, init=init, tol=0, max_iter=ours.n_iter_, n_init=1).fit(dX)
        np.testing.assert_array_equal(ours.labels_.compute(), theirs.labels_.compute())
    np.testing.assert_allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=0, atol=1e-8)


# -- the task graph of one iteration, as text ---------------------------------------------------------


def test_iteration_graph_counts_its_tasks_and_computes_one_lloyd_step():
    """Checked against dask's own graph and against scikit-learn's nearest-centre assignment."""
    from sklearn.metrics import pairwise_distances_argmin

    X, centres = kld.make_blobs(10_000, 3, 4, chunk_rows=500, random_state=2)
    start = centres + 0.7
    graph = kld.iteration_graph(X, start)
    levels = kld._graph.graph_levels(graph)
    assert sum(n for _, _, n in levels) == len(dict(graph.__dask_graph__()))
    assert (1, "on_chunk", 20) in levels and (2, "fold", 3) in levels and (3, "fold", 1) in levels
    text = kld.describe_graph(graph)
    assert "20 tasks  Lloyd step on one chunk" in text and "1 task   add" in text
    with dask.config.set(scheduler="synchronous"):
        sums, counts, inertia = graph.compute()
        values = X.compute()
    labels = pairwise_distances_argmin(values, start)
    np.testing.assert_array_equal(counts, np.bincount(labels, minlength=4))
    np.testing.assert_allclose(sums, [values[labels == j].sum(axis=0) for j in range(4)], rtol=1e-10)
    assert inertia == pytest.approx(((values - start[labels]) ** 2).sum(), rel=1e-9)


def test_iteration_graph_clear_errors():
    X, _ = kld.make_blobs(100, 3, 2, chunk_rows=50)
    with pytest.raises(ValueError, match=r"centroids must have shape \(n_clusters, 3\)"):
        kld.iteration_graph(X, np.zeros((2, 4)))
    with pytest.raises(TypeError, match="collection must be a dask collection"):
        kld.describe_graph(np.zeros(3))


@pytest.mark.parametrize("engine", ["numpy", "numba"])
def test_a_chunks_lloyd_step_gives_the_reference_sums_on_either_engine(engine, monkeypatch):
    if engine == "numba":
        pytest.importorskip("numba")
    from kmeans_lab.dask import _chunks

    monkeypatch.setenv("KMEANS_LAB_ENGINE", engine)
    rng = np.random.default_rng(4)
    X = rng.normal(size=(30_000, 3)) + 5.0
    weights = rng.uniform(0.5, 2.0, len(X))
    origin = np.array([4.9, 5.1, 5.0])
    centroids = X[:6] - origin
    sums, totals, inertia = _chunks.lloyd_step(X, weights, origin, centroids)
    labels = kl.assign(X - origin, centroids)
    expected_sums = np.zeros((6, 3))
    np.add.at(expected_sums, labels, weights[:, None] * (X - origin))
    np.testing.assert_allclose(sums, expected_sums, rtol=1e-12)
    np.testing.assert_allclose(totals, np.bincount(labels, weights=weights, minlength=6), rtol=1e-12)
    assert inertia == pytest.approx(kl.wcss(X - origin, centroids, labels, sample_weight=weights), rel=1e-10)
