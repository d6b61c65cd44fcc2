"""Lloyd per iteration on a Dask cluster: kmeans_lab.dask.KMeans against dask-ml's KMeans.

A ``LocalCluster`` of two single-threaded worker processes holds X (2 000 000
× 32, float64, 512 MB, persisted in 16 chunks); both libraries start from the
same centres (k = 100 rows of X) with ``tol=0`` and run ``ITERATIONS``
iterations. Each library times its own iterations (ours through ``progress``,
dask-ml in its log, "Finished Lloyd loop N. in ..."), so the checks, the
initialisation and the final pass are left out; a fit's time per iteration
is the median of its iterations, and the row shows the median over
``REPEATS`` fits of each, run alternately. Ratio = ours / dask-ml's (target <= 1).

Run with ``python benchmarks/bench_dask.py`` (or through ``benchmarks/run.py``).
Worker processes re-import the main module: keep the ``__main__`` guard.
"""

import logging
import warnings

import numpy as np

N_SAMPLES, N_FEATURES, N_CLUSTERS = 2_000_000, 32, 100
CHUNK_ROWS = 125_000
ITERATIONS = 5
REPEATS = 3
TARGET = 1.0


class _LoopTimes(logging.Handler):
    """Collects the durations of dask-ml's Lloyd loops from its log records."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.seconds = []

    def emit(self, record):
        if record.msg.startswith("Finished") and str(record.args[0]).startswith("Lloyd loop"):
            self.seconds.append(record.args[1].total_seconds())


def _ours(kld, X, init):
    steps = []
    model = kld.KMeans(N_CLUSTERS, init=init, max_iter=ITERATIONS, tol=0, progress=steps.append).fit(X)
    return float(np.median([step.seconds for step in steps])), model


def _dask_ml(DaskMLKMeans, X, init):
    logger, handler = logging.getLogger("dask_ml.cluster.k_means"), _LoopTimes()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        model = DaskMLKMeans(N_CLUSTERS, init=init, max_iter=ITERATIONS, tol=0, n_init=1).fit(X)
    finally:
        logger.removeHandler(handler)
    return float(np.median(handler.seconds)), model


def main():
    from dask_ml.cluster import KMeans as DaskMLKMeans
    from distributed import Client, LocalCluster, wait

    import kmeans_lab.dask as kld

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # 8787 may be taken
    ) as cluster, Client(cluster):
        X, _ = kld.make_blobs(N_SAMPLES, N_FEATURES, N_CLUSTERS, cluster_std=3.0, chunk_rows=CHUNK_ROWS)
        X = X.persist()
        wait(X)
        init = X[:N_CLUSTERS].compute()
        runners = {
            "kmeans_lab": lambda: _ours(kld, X, init),
            "dask-ml": lambda: _dask_ml(DaskMLKMeans, X, init),
        }
        per_iteration = {name: [] for name in runners}
        models = {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # dask-ml's own deprecation warnings
            for repeat in range(REPEATS):
                for name in list(runners) if repeat % 2 == 0 else list(runners)[::-1]:
                    seconds, models[name] = runners[name]()
                    per_iteration[name].append(seconds)
        ours, theirs = (float(np.median(per_iteration[name])) for name in runners)
        difference = float(
            np.abs(models["kmeans_lab"].cluster_centers_ - models["dask-ml"].cluster_centers_).max()
        )
        print(
            f"Lloyd per iteration on a LocalCluster (2 workers x 1 thread), n,d,k={N_SAMPLES},{N_FEATURES},"
            f"{N_CLUSTERS}, {X.numblocks[0]} chunks, {ITERATIONS} iterations, "
            f"median of {REPEATS} alternating fits"
        )
        print(f"{'kmeans_lab s/iter':>18} {'dask-ml s/iter':>15} {'ratio':>7} {'max |Δ centre|':>15}")
        ratio = ours / theirs
        verdict = "ok" if ratio <= TARGET else "SLOWER than target"
        print(f"{ours:>18.3f} {theirs:>15.3f} {ratio:>7.2f} {difference:>15.1e}  {verdict}")
        print("  per run: " + ", ".join(
            f"{a:.3f} / {b:.3f}" for a, b in zip(per_iteration["kmeans_lab"], per_iteration["dask-ml"])
        ))  # fmt: skip
        print(f"ratio = kmeans_lab time / dask-ml time (target <= {TARGET:g}; below 1: kmeans_lab is faster)")


if __name__ == "__main__":
    main()
