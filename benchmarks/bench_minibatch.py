"""MiniBatchKMeans: time per mini-batch step next to scikit-learn's, and final inertia on the SIPU sets.

Time per step: ``fit`` with ``tol=0`` and ``max_no_improvement=None`` runs
exactly ``max_iter * n_samples // batch_size`` steps in both libraries; the
time per step is (t(long run) − t(short run)) / (difference in steps), which
removes validation, initialisation and the final labelling. Medians of
interleaved runs. Our step runs on one thread, so the reference is
scikit-learn held to one OpenMP thread (``threadpool_limits(1, "openmp")``);
its time with its default threads (one run) is printed below each row (on a busy
machine OpenMP's threads can wait on each other for far longer than a step
of 1024 samples takes). Target: ours / theirs <= 1.5.

Note: scikit-learn 1.9 draws every batch with ``choice(n_samples, p=weights)``,
which costs O(n_samples) per step even without weights; we draw unweighted
batches with ``integers``. This is part of the measured difference.

``--data DIR``: final inertia of ours and scikit-learn's over 10 seeds (same
batch_size and max_iter) on the SIPU sets, median of the ratios.

Run with ``python benchmarks/bench_minibatch.py [--repeats N] [--data DIR]``.
"""

import sys
import warnings
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _scale_common import interleaved_medians, options, row, sipu_sets

import kmeans_lab as kl

SHAPES = [(100_000, 2, 16, 1024), (100_000, 16, 32, 1024), (100_000, 64, 100, 1024), (20_000, 16, 32, 256)]
TARGET = 1.5
SIPU = ["a1", "a2", "a3", "s1", "s2", "s3", "s4", "birch1", "unbalance"]


def per_step(shape, repeats):
    from sklearn.cluster import MiniBatchKMeans as SklearnMiniBatchKMeans

    n, d, k, batch = shape
    X = np.random.default_rng(0).standard_normal((n, d))
    init = X[:k].copy()
    options_ = {"batch_size": batch, "tol": 0.0, "max_no_improvement": None, "init": init}

    def ours(max_iter):
        return lambda: kl.MiniBatchKMeans(k, max_iter=max_iter, random_state=0, **options_).fit(X)

    def theirs(max_iter, threads=None):
        def run():
            with threadpool_limits(threads, user_api="openmp"):
                SklearnMiniBatchKMeans(k, max_iter=max_iter, n_init=1, random_state=0, **options_).fit(X)

        return run

    short, long = 1, 4
    steps = (long - short) * n // batch
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = interleaved_medians(
            {
                "ours_s": ours(short),
                "ours_l": ours(long),
                "theirs_s": theirs(short, 1),
                "theirs_l": theirs(long, 1),
            },
            repeats,
        )
        # Informative only, and slow on a busy machine: fewer runs.
        t.update(interleaved_medians({"threaded_s": theirs(short), "threaded_l": theirs(long)}, 1))
    return tuple((t[f"{who}_l"] - t[f"{who}_s"]) / steps * 1e6 for who in ("ours", "theirs", "threaded"))


def sipu_inertia(directory, seeds=10):
    from sklearn.cluster import MiniBatchKMeans as SklearnMiniBatchKMeans

    for name, X, k in sipu_sets(directory, SIPU):
        batch = 1024
        ratios = []
        for seed in range(seeds):
            ours = kl.MiniBatchKMeans(k, batch_size=batch, random_state=seed).fit(X).inertia_
            theirs = SklearnMiniBatchKMeans(k, batch_size=batch, random_state=seed).fit(X).inertia_
            ratios.append(ours / theirs)
        print(
            f"  {name} {X.shape[0]}x{X.shape[1]} k={k}: "
            f"inertia ours / scikit-learn, median over {seeds} seeds "
            f"{np.median(ratios):.3f} (range {min(ratios):.3f}-{max(ratios):.3f})",
            flush=True,
        )


def main(argv=None):
    args = options(__doc__.split("\n\n")[0], argv)
    print(
        f"{'MiniBatchKMeans, per step (n, d, k, batch_size)':<52} {'kmeans_lab':>14}{'scikit-learn':>14}"
        f"{'ratio':>7} {'target':>8}"
    )
    for shape in SHAPES:
        ours, theirs, threaded = per_step(shape, args.repeats)
        row(f"step n,d,k,batch={','.join(map(str, shape))}", ours, theirs, unit="us", target=TARGET)
        print(f"  scikit-learn with its default OpenMP threads: {threaded:.1f} us per step", flush=True)
    if args.data:
        sipu_inertia(args.data)


if __name__ == "__main__":
    main()
