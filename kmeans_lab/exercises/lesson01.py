"""Checks for the exercises of lesson 01."""

import itertools
import math

import numpy as np

from ._checks import as_array, passed, require

__all__ = ["check_optimal_partition", "check_stirling2", "check_wcss_by_hand"]

#: The worked example A–F with D moved into the cluster of A, B and C.
_SEED = np.array([[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]], dtype=float)
_SEED_LABELS = np.array([0, 0, 0, 0, 1, 1])

#: Two rows of four points (the points of the partition exercise, in order).
GRID_POINTS = np.array([[0, 0], [1, 0], [2, 0], [3, 0], [0, 1.5], [1, 1.5], [2, 1.5], [3, 1.5]])


def _partition_wcss(X, labels):
    return sum(float(((X[labels == k] - X[labels == k].mean(axis=0)) ** 2).sum()) for k in np.unique(labels))


def check_wcss_by_hand(answer):
    """J of the partition {A, B, C, D}, {E, F} of the worked example (45/2)."""
    value = float(as_array(answer, "your J"))
    expected = _partition_wcss(_SEED, _SEED_LABELS)
    not_squared = sum(
        float(np.linalg.norm(_SEED[_SEED_LABELS == k] - _SEED[_SEED_LABELS == k].mean(axis=0), axis=1).sum())
        for k in (0, 1)
    )
    overall = float(((_SEED - _SEED.mean(axis=0)) ** 2).sum())
    old_centres = np.array([[4 / 3, 4 / 3], [16 / 3, 16 / 3]])
    stale = float(((_SEED - old_centres[_SEED_LABELS]) ** 2).sum())
    require(not math.isclose(value, not_squared),
            "You added plain distances; J adds *squared* distances ‖x − μ‖².")  # fmt: skip
    require(not math.isclose(value, overall),
            "You measured every point from the overall mean; each point counts "
            "from the mean of its own cluster.")  # fmt: skip
    require(not math.isclose(value, stale),
            "You used the old centroids (4/3, 4/3) and (16/3, 16/3); with D in the "
            "first cluster, its mean is (9/4, 9/4).")  # fmt: skip
    require(math.isclose(value, expected),
            f"J = {value:g} is not right. Compute each cluster's mean, then add the "
            "squared distances of its points to that mean.")  # fmt: skip
    passed("J = 21.5 + 1 = 22.5: moving D next to A, B, C costs 22.5 − 8/3 ≈ 19.83.")


def _stirling2_reference(n, k):
    if n == k == 0:
        return 1
    return sum((-1) ** j * math.comb(k, j) * (k - j) ** n for j in range(k + 1)) // math.factorial(k)


def check_stirling2(func):
    """Your ``func(n, k)`` returns S(n, k), the Stirling number of the second kind."""
    require(callable(func), "Pass the function itself (stirling2, without parentheses).")
    cases = [(n, k) for n in range(13) for k in range(n + 1)] + [(3, 5), (25, 4)]
    for n, k in cases:
        expected = _stirling2_reference(n, k) if k <= n else 0
        got = func(n, k)
        if got != expected:
            if n > 0 and 0 < k <= n and got == k**n:
                hint = ("k**n counts label vectors: empty groups are allowed and each partition is counted "
                        "k! times.")
            elif (n > 0 and 0 < k <= n and isinstance(got, (int, float))
                  and math.isclose(got, k**n / math.factorial(k))):
                hint = ("k**n / k! is only the leading term for large n: it still counts label vectors with "
                        "empty groups. Use the recurrence or the inclusion–exclusion sum.")
            elif isinstance(got, float):
                hint = "Floats lose digits for large counts; use integer arithmetic (//, math.comb)."
            elif n == 0 or k == 0:
                hint = "Check the edge cases: S(0, 0) = 1 (the empty partition) and S(n, 0) = 0 for n > 0."
            else:
                hint = ("Use S(n, k) = k·S(n−1, k) + S(n−1, k−1): the last point joins one of k groups "
                        "or opens a new one.")
            raise AssertionError(f"S({n}, {k}) should be {expected}, your function gave {got!r}. {hint}")
    passed("S(n, k) is right on every case from S(0, 0) to S(25, 4) = 46,771,289,738,810.")


def check_optimal_partition(labels):
    """The best split of GRID_POINTS into K = 2 clusters (any numbering of the clusters)."""
    labels = as_array(labels, "your labels")
    require(labels.shape == (8,), f"Give one label per point: 8 labels, yours have shape {labels.shape}.")
    require(np.all(labels == np.round(labels)), "Labels are integers such as 0 and 1.")
    labels = labels.astype(int)
    require(len(np.unique(labels)) == 2, "Use exactly two clusters (two different labels).")
    best = min(
        _partition_wcss(GRID_POINTS, np.array((0,) + rest))
        for rest in itertools.product((0, 1), repeat=7)
        if 1 in rest
    )
    value = _partition_wcss(GRID_POINTS, labels)
    if np.isclose(value, 10.0):
        raise AssertionError("J = 10: that is the two rows. They look like clusters, but splitting into "
                             "left and right halves is cheaper — enumerate all 127 partitions and compare.")
    require(np.isclose(value, best), f"Your partition has J = {value:g}; the best has J = {best:g}. "
            "Enumerate every partition and keep the smallest J.")  # fmt: skip
    passed(f"the left and right halves, J = {best:g}, beat the two rows (J = 10).")
