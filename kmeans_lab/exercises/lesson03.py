"""Checks for the exercises of lesson 03 (Lloyd's algorithm).

The first three exercises use the seven points ``EXERCISE_X`` and the starting
centres ``EXERCISE_CENTROIDS`` (printed in the lesson).
"""

import numpy as np

from ._checks import as_array, passed, require, require_shape

__all__ = [
    "EXERCISE_CENTROIDS",
    "EXERCISE_X",
    "check_absolute_tolerance",
    "check_assignment",
    "check_lloyd_function",
    "check_update_with_empty_cluster",
]

#: Seven points in the plane: a triangle near the origin, one near (4, 4), and (9, 0).
EXERCISE_X = np.array([[0, 0], [1, 0], [0, 1], [4, 4], [5, 4], [4, 5], [9, 0]], dtype=float)
#: Three starting centres; the third, (8, 8), will win no point.
EXERCISE_CENTROIDS = np.array([[0, 0], [4, 4], [8, 8]], dtype=float)


def _sq_distances(X, C):
    return ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)


def check_assignment(labels):
    """Exercise 1: the labels of one assignment step of EXERCISE_X to EXERCISE_CENTROIDS."""
    labels = as_array(labels, "your labels")
    require_shape(labels, (7,), "your labels", "There is one label per point.")
    distances = _sq_distances(EXERCISE_X, EXERCISE_CENTROIDS)
    expected = distances.argmin(axis=1)
    require(not np.array_equal(labels, distances.argmax(axis=1)),
            "These are the farthest centres: the assignment uses argmin, not argmax.")  # fmt: skip
    require(not np.array_equal(labels, expected + 1), "Labels count from 0 (centre 0, 1, 2), not from 1.")
    require(
        labels[6] != 2 or not np.array_equal(labels[:6], expected[:6]),
        "Look at (9, 0) again: its squared distances to the centres are 81, 41 and 65, "
        "so it goes to centre 1 — even though that leaves centre 2 with no point.",
    )
    require(np.array_equal(labels, expected),
            "Some labels are wrong: for every point take the index of the smallest squared "
            "distance.")  # fmt: skip
    passed("centre 2 at (8, 8) wins no point: its cluster is empty after this assignment.")


def check_update_with_empty_cluster(centroids):
    """Exercise 2: the centres after the update step, with the package's empty-cluster policy."""
    centroids = as_array(centroids, "your centroids")
    require(centroids.size == 6,
            f"your centroids have {centroids.size} numbers; expected 3 centres × 2 coordinates.")
    require_shape(centroids, (3, 2), "your centroids", "Write one row per centre.")
    require(not np.isnan(centroids).any(),
            "A centre is NaN: the mean of an empty cluster is 0/0. The package never returns NaN — "
            "it moves an empty cluster onto the point farthest from its centre.")  # fmt: skip
    expected = np.array([[1 / 3, 1 / 3], [13 / 3, 13 / 3], [9.0, 0.0]])
    require(not np.allclose(centroids[2], [8, 8]),
            "You kept the empty cluster's old centre (8, 8). The package's policy relocates it: "
            "which point is farthest from the centre it was assigned to?")  # fmt: skip
    require(not np.allclose(centroids[1], [5.5, 3.25]),
            "Centre 1 still averages (9, 0). When (9, 0) is moved into the empty cluster it leaves "
            "cluster 1, so centre 1 is the mean of the other three points.")  # fmt: skip
    require(np.allclose(centroids[2], expected[2]),
            "Centre 2 should sit on the point farthest from its own centre: compare each point's "
            "squared distance to the centre it was assigned to.")  # fmt: skip
    require(np.allclose(centroids, expected, atol=1e-6),
            "Centres 0 and 1 should be the means of their points (average over axis=0 within each cluster).")
    passed("(9, 0) was farthest from its centre (distance² 41), so it became cluster 2; "
           "J drops from 45 to 8/3.")


def check_absolute_tolerance(value):
    """Exercise 3: the absolute stopping threshold the package uses for EXERCISE_X with tol=1e-4."""
    require(np.ndim(value) == 0,
            "Give one number: the threshold the total squared centre shift is compared to.")  # fmt: skip
    value = float(value)
    variances = EXERCISE_X.var(axis=0)
    expected = 1e-4 * variances.mean()
    require(not np.isclose(value, 1e-4),
            "tol is relative: it is multiplied by the mean per-feature variance of X.")  # fmt: skip
    require(not np.isclose(value, 1e-4 * EXERCISE_X.std(axis=0).mean()),
            "That uses the standard deviation; the package uses the variance.")  # fmt: skip
    require(not np.isclose(value, 1e-4 * variances.sum()),
            "That sums the variances over features; the package takes their mean.")  # fmt: skip
    require(not np.isclose(value, 1e-4 * EXERCISE_X.var()),
            "np.var(X) pools all coordinates into one variance; take the variance per feature "
            "(axis=0), then the mean.")
    require(np.isclose(value, expected, rtol=1e-9), "Compute tol · mean(var(X, axis=0)).")
    passed(f"the run stops when Σₖ‖Δμₖ‖² ≤ {expected:.6f}, or at once when no label changes.")


def _test_cases():
    rng = np.random.default_rng(3)
    cases = []
    for n_clusters, n_features in ((2, 2), (3, 2), (4, 3)):
        centres = rng.uniform(-10, 10, size=(n_clusters, n_features))
        X = np.vstack([rng.normal(c, 1.0, size=(30, n_features)) for c in centres])
        init = X[rng.choice(len(X), n_clusters, replace=False)]
        cases.append((X, init))
    return cases


def _reference_lloyd(X, init, max_iter=300):
    centroids, labels = init.copy(), None
    for _ in range(max_iter):
        new_labels = _sq_distances(X, centroids).argmin(axis=1)
        if labels is not None and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        centroids = np.array([X[labels == k].mean(axis=0) for k in range(len(centroids))])
    return centroids, labels


def check_lloyd_function(my_lloyd):
    """Exercise 4: ``my_lloyd(X, init)`` returns ``(centroids, labels)`` at convergence."""
    require(callable(my_lloyd), "Pass the function itself (my_lloyd), not its result.")
    for X, init in _test_cases():
        init_copy = init.copy()
        answer = my_lloyd(X.copy(), init)
        require(isinstance(answer, tuple) and len(answer) == 2,
                "my_lloyd should return a tuple (centroids, labels).")  # fmt: skip
        centroids, labels = as_array(answer[0], "your centroids"), np.asarray(answer[1])
        require(np.array_equal(init, init_copy),
                "my_lloyd changed the init array it was given; work on a copy.")  # fmt: skip
        require_shape(centroids, init.shape, "your centroids")
        require_shape(labels, (len(X),), "your labels")
        expected_centroids, expected_labels = _reference_lloyd(X, init)
        first_labels = _sq_distances(X, init).argmin(axis=1)
        first_means = np.array([X[first_labels == k].mean(axis=0) for k in range(len(init))])
        converged_late = not np.allclose(first_means, expected_centroids)
        require(not (converged_late and np.allclose(centroids, first_means)),
                "Your function stops after one iteration: repeat assign and update until no label changes.")
        require(np.allclose(centroids, expected_centroids, atol=1e-8),
                "Your centres differ from Lloyd's fixed point from this init; check the update step "
                "(mean over axis=0 of each cluster's points).")  # fmt: skip
        require(np.array_equal(labels, expected_labels),
                "Your centres are right but your labels are not: return the assignment to the final centres.")
    passed("your loop reaches the same fixed point as kl.lloyd on three data sets.")
