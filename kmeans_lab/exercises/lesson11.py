"""Checks for the exercises of lesson 11 (K-Means at scale).

Exercise 1 counts the bytes a distributed Lloyd iteration sends back; the
expected numbers follow from what :func:`kmeans_lab.dask._chunks.lloyd_step`
returns (the tests confirm it on the real partial results). Exercise 2 reads
a table of mini-batch runs that was measured once and is fixed here, so that
its answer does not depend on the learner's machine.
"""

import numbers

import numpy as np

from ._checks import Exercise, checks_exercise, passed, require
from ._prediction import Prediction

__all__ = ["check_bytes_per_iteration", "check_fastest_batch_size"]

#: Bytes of one float64.
_FLOAT64 = 8


def _expected_bytes(n_samples, n_features, n_clusters, n_chunks):
    per_chunk = n_clusters * n_features + n_clusters + 1  # sums, counts, inertia
    return n_chunks * per_chunk * _FLOAT64


# (n_samples, n_features, n_clusters, n_chunks): the first two differ only in N, so an answer that grows
# with N is caught; the others move d, k and the chunk count separately.
_CASES = (
    (1_000_000, 8, 5, 10),
    (100_000_000, 8, 5, 10),
    (2_000_000, 32, 100, 20),
    (50_000, 3, 4, 1),
    (10_000_000_000, 64, 1000, 5000),
)


@checks_exercise(1)
def check_bytes_per_iteration(bytes_per_iteration):
    """Exercise 1: a function ``bytes_per_iteration(n_samples, n_features, n_clusters, n_chunks)``.

    It should return how many bytes of partial results the chunk tasks of one
    distributed Lloyd iteration send back (float64 numbers).
    """
    require(callable(bytes_per_iteration), "give the function itself (without parentheses).")
    for n, d, k, chunks in _CASES:
        try:
            got = bytes_per_iteration(n, d, k, chunks)
        except Exception as exc:  # noqa: BLE001  the learner's code may raise anything; shown as a hint
            raise AssertionError(f"your function raised {type(exc).__name__}: {exc}") from None
        require(
            isinstance(got, numbers.Real) and not isinstance(got, bool) and np.isfinite(got),
            f"return one number of bytes, got {type(got).__name__}: {got!r}.",
        )
        expected = _expected_bytes(n, d, k, chunks)
        if got == expected:
            continue
        require(
            got != n * d * _FLOAT64,
            "that is the size of the data itself. The point of the map-reduce is that the rows stay "
            "where they are: what travels is each chunk's summary.",
        )
        require(
            got * _FLOAT64 != expected,
            "count bytes, not numbers: each float64 takes 8 bytes.",
        )
        require(
            got * chunks != expected,
            "that is what one chunk sends. Every chunk sends its own partial results.",
        )
        require(
            got != chunks * k * d * _FLOAT64,
            "the per-cluster sums are there, but each chunk also sends how much weight each cluster "
            "received and its part of the inertia.",
        )
        require(
            bytes_per_iteration(100 * n, d, k, chunks) == got,
            "your answer grows with n_samples. Does a chunk's summary get bigger when the chunk has more "
            "rows?",
        )
        require(
            False,
            f"for N={n:,}, d={d}, k={k} and {chunks} chunks you give {got:,} bytes; list what one chunk "
            "returns (shapes and dtype), then multiply.",
        )
    passed(
        "only n_chunks · (k·d + k + 1) float64 travel per iteration, whatever N: for N = 10¹⁰ rows in "
        "5,000 chunks, about 2.6 GB of summaries instead of 5 TB of data."
    )


#: Target of exercise 2: the first time a run's J (on the whole data set) is at most this.
TARGET_J = 4_365_000

#: Mini-batch runs from the same start on 100,000 samples (10 features, 20 clusters), measured once:
#: {batch_size: [(steps, seconds, J on the whole data), ...]} after 1, 2, 4, ..., 64 steps.
BATCH_RUNS = {
    32: [(1, 0.0009, 6961400.0), (2, 0.0099, 5886500.0), (4, 0.0110, 5157900.0), (8, 0.0131, 4734500.0),
         (16, 0.0165, 4554200.0), (32, 0.0309, 4452100.0), (64, 0.0541, 4399600.0)],
    128: [(1, 0.0006, 5081300.0), (2, 0.0013, 4689800.0), (4, 0.0025, 4538400.0), (8, 0.0124, 4446900.0),
          (16, 0.0247, 4396900.0), (32, 0.0479, 4379000.0), (64, 0.0865, 4370800.0)],
    512: [(1, 0.0010, 4586600.0), (2, 0.0020, 4461500.0), (4, 0.0039, 4401900.0), (8, 0.0070, 4380300.0),
          (16, 0.0257, 4370900.0), (32, 0.0635, 4365800.0), (64, 0.1178, 4363700.0)],
    2048: [(1, 0.0059, 4455100.0), (2, 0.0076, 4394400.0), (4, 0.0148, 4374700.0), (8, 0.0249, 4367400.0),
           (16, 0.0528, 4364100.0), (32, 0.1021, 4362700.0), (64, 0.1952, 4361800.0)],
    8192: [(1, 0.0075, 4421400.0), (2, 0.0165, 4385100.0), (4, 0.0296, 4369100.0), (8, 0.0567, 4364300.0),
           (16, 0.1248, 4362400.0), (32, 0.2753, 4361700.0), (64, 0.5723, 4361400.0)],
}  # fmt: skip


def show_batch_runs():
    """Print :data:`BATCH_RUNS` as a table: batch size, steps, seconds, J."""
    print(f"{'batch_size':>10} {'steps':>6} {'seconds':>8} {'J':>10}")
    for batch_size, rows in BATCH_RUNS.items():
        for steps, seconds, inertia in rows:
            print(f"{batch_size:>10} {steps:>6} {seconds:>8.4f} {inertia:>10.0f}")


def _time_to_target(batch_size):
    """Seconds until the run of ``batch_size`` first has J ≤ TARGET_J, or None if it never does."""
    return next((s for _, s, inertia in BATCH_RUNS[batch_size] if inertia <= TARGET_J), None)


@checks_exercise(2)
def check_fastest_batch_size(fastest_batch_size):
    """Exercise 2: ``fastest_batch_size``, the batch size of BATCH_RUNS that first reaches J ≤ TARGET_J."""
    integer = isinstance(fastest_batch_size, numbers.Integral) and not isinstance(fastest_batch_size, bool)
    require(
        integer,
        f"give one batch size, an int, got {type(fastest_batch_size).__name__}: {fastest_batch_size!r}.",
    )
    size = int(fastest_batch_size)
    require(size in BATCH_RUNS, f"choose one of the batch sizes of the table: {list(BATCH_RUNS)}.")
    times = {b: _time_to_target(b) for b in BATCH_RUNS}
    best = min((t, b) for b, t in times.items() if t is not None)[1]
    if size == best:
        passed(
            f"batch size {size} is the first below J = {TARGET_J:,}, after {times[size] * 1e3:.0f} ms. "
            "Smaller batches are cheaper per step but noisier; larger ones need fewer steps that each cost "
            "more."
        )
        return
    require(
        times[size] is not None,
        f"the run with batch size {size} never reaches J ≤ {TARGET_J:,} in the table: cheap steps, but "
        "too noisy (or too few of them) to get there.",
    )
    steps = {b: next(n for n, _, inertia in BATCH_RUNS[b] if inertia <= TARGET_J) for b in BATCH_RUNS
             if times[b] is not None}  # fmt: skip
    fewest_steps = min(steps, key=steps.get)
    require(
        size != fewest_steps,
        f"batch size {size} needs the fewest steps, but the question is about time: look at the seconds "
        "column when J first reaches the target.",
    )
    require(
        False,
        f"batch size {size} reaches the target after {times[size] * 1e3:.0f} ms; another batch size gets "
        "there sooner.",
    )


#: "Predict before you run": the fraction of distances Elkan's bounds skip after the first iteration.
PREDICTION = Prediction(
    "11", ("a", "b", "c"), "c",
    hint="After the first iteration most samples sit well inside their cluster, and the centres move less "
    "and less. How often can the bound u(x) ≤ s(a(x)) hold for such a sample?",
    verdict="from the second iteration on, the bounds rule out most distances, and more as the centres "
    "settle.",
)


def check_prediction(prediction):
    """The "predict before you run" question of lesson 11: ``prediction``, one of "a", "b", "c"."""
    PREDICTION.check(prediction)


EXERCISES = (
    Exercise(
        1, check_bytes_per_iteration, "bytes_per_iteration",
        "a function `bytes_per_iteration(n_samples, n_features, n_clusters, n_chunks)` returning an int",
        hint="A chunk's task returns the per-cluster sums, the per-cluster weights and its inertia, all "
        "float64. Write down their shapes; does n_samples appear in them?",
        solution="def bytes_per_iteration(n_samples, n_features, n_clusters, n_chunks):\n"
        "    per_chunk = n_clusters * n_features + n_clusters + 1  # sums, counts, inertia\n"
        "    return n_chunks * per_chunk * 8",
    ),
    Exercise(
        2, check_fastest_batch_size, "fastest_batch_size", "an int, one of the batch sizes of the table",
        hint="For each batch size, find the first row of its run whose J is at most TARGET_J and note its "
        "seconds; compare those times.",
        solution="runs, target = kl.exercises.lesson11.BATCH_RUNS, kl.exercises.lesson11.TARGET_J\n"
        "first_time = {b: next((s for _, s, J in rows if J <= target), float('inf'))\n"
        "              for b, rows in runs.items()}\n"
        "fastest_batch_size = min(first_time, key=first_time.get)",
    ),
)  # fmt: skip
