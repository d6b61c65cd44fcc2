"""K-Medoids: kmeans_lab's FasterPAM and PAM against the ``kmedoids`` package (Rust), side by side.

Both get the same precomputed dissimilarity matrix (n = 2000, k = 10) and the
same starting medoids; ``kmedoids`` runs single-threaded (``n_cpu=1``). Our
time is that of ``KMedoids(metric='precomputed', ...).fit(D)``, including the
checks of D. The two are run alternately, several times, and the median is
reported, because the machine may be busy. The losses are printed too: from
the same start both make the same swaps. Ratio = ours / theirs (target: <= 3).

Run with ``python benchmarks/bench_medoids.py``.
"""

import gc
import time

import kmedoids
import numpy as np

import kmeans_lab as kl

N_SAMPLES = 2000
N_CLUSTERS = 10
REPEATS = 7
N_STARTS = 3
TARGET = 3.0


def _problem(seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-30, 30, size=(N_CLUSTERS, 2))
    X = centres[rng.integers(N_CLUSTERS, size=N_SAMPLES)] + rng.normal(size=(N_SAMPLES, 2)) * 3.0
    return kl.pairwise_dissimilarities(X)


def _interleaved_medians(runners, repeats=REPEATS):
    """Median wall time of each runner (name -> function returning a loss), and the losses."""
    times = {name: [] for name in runners}
    losses = {}
    names = list(runners)
    for repeat in range(repeats):
        for name in names if repeat % 2 == 0 else names[::-1]:
            gc.collect()
            start = time.perf_counter()
            losses[name] = runners[name]()
            times[name].append(time.perf_counter() - start)
    return {name: float(np.median(t)) for name, t in times.items()}, losses


def _cases(D, start):
    k = len(start)

    def ours(method, init):
        return lambda: kl.KMedoids(k, metric="precomputed", method=method, init=init).fit(D).inertia_

    def theirs(function, medoids, **options):
        return lambda: getattr(kmedoids, function)(D, medoids, max_iter=300, **options).loss

    given = np.array(start, dtype=np.uintp)
    return [
        ("fasterpam, same random start", ours("fasterpam", start),
         theirs("fasterpam", given, n_cpu=1), TARGET),
        ("fasterpam, BUILD start (incl. BUILD)", ours("fasterpam", "build"),
         theirs("fasterpam", k, init="build", n_cpu=1), TARGET),
        ("pam (BUILD + SWAP), 3 runs", ours("pam", "build"), theirs("pam", k, init="build"), None),
    ]  # fmt: skip


def main():
    D = _problem()
    print(
        f"K-Medoids, precomputed D, n_samples={N_SAMPLES}, n_clusters={N_CLUSTERS}; "
        f"kmedoids single-threaded; median of {REPEATS} interleaved runs (3 for PAM)"
    )
    header = f"{'case':<40} {'kmeans_lab':>11} {'kmedoids':>11} {'ratio':>7} {'target':>8}  {'same loss':>9}"
    print(header)
    print("-" * len(header))
    rng = np.random.default_rng(1)
    starts = [np.sort(rng.choice(N_SAMPLES, N_CLUSTERS, replace=False)) for _ in range(N_STARTS)]
    for index, start in enumerate(starts):
        for name, ours, theirs, target in _cases(D, start):
            if index and "random" not in name:
                continue  # the deterministic BUILD cases do not depend on the start
            label = f"{name} #{index + 1}" if "random" in name else name
            repeats = 3 if "3 runs" in name else REPEATS  # kmedoids' original PAM takes seconds
            medians, losses = _interleaved_medians({"ours": ours, "theirs": theirs}, repeats)
            ratio = medians["ours"] / medians["theirs"]
            verdict = "" if target is None else ("met" if ratio <= target else "NOT met")
            same = abs(losses["ours"] - losses["theirs"]) <= 1e-9 * losses["theirs"]
            print(
                f"{label:<40} {medians['ours'] * 1e3:>8.1f} ms {medians['theirs'] * 1e3:>8.1f} ms "
                f"{ratio:>7.2f} "
                f"{'' if target is None else f'<= {target:g}':>8}  {'yes' if same else 'no':>9} {verdict}",
                flush=True,
            )
    print("ratio = kmeans_lab time / kmedoids time (< 1: kmeans_lab is faster)")


if __name__ == "__main__":
    main()
