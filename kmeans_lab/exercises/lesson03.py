"""Checks for the exercises of lesson 03 (Lloyd's algorithm).

The first three exercises use the seven points ``EXERCISE_X`` and the starting
centres ``EXERCISE_CENTROIDS`` (printed in the lesson).
"""

import importlib
import sys

import numpy as np

from ._checks import (
    Exercise,
    as_array,
    checks_exercise,
    forbidden_calls,
    learner_globals,
    passed,
    require,
    require_shape,
)
from ._prediction import Prediction

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


@checks_exercise(1)
def check_assignment(labels):
    """Exercise 1: ``first_labels``, one assignment step of EXERCISE_X to EXERCISE_CENTROIDS."""
    labels = as_array(labels, "your labels")
    require_shape(labels, (7,), "your labels", "There is one label per point.")
    distances = _sq_distances(EXERCISE_X, EXERCISE_CENTROIDS)
    expected = distances.argmin(axis=1)
    require(not np.array_equal(labels, distances.argmax(axis=1)),
            "These are the farthest centres: the assignment uses argmin, not argmax.")  # fmt: skip
    require(not np.array_equal(labels, expected + 1), "Labels count from 0 (centre 0, 1, 2), not from 1.")
    require(
        labels[6] != 2 or not np.array_equal(labels[:6], expected[:6]),
        "Look at (9, 0) again: compute its squared distance to each of the three centres and take "
        "the smallest, even if that leaves a centre with no point.",
    )
    require(np.array_equal(labels, expected),
            "Some labels are wrong: for every point take the index of the smallest squared "
            "distance.")  # fmt: skip
    passed("centre 2 at (8, 8) wins no point: its cluster is empty after this assignment.")


@checks_exercise(2)
def check_update_with_empty_cluster(centroids):
    """Exercise 2: ``updated_centres``, the centres after the update with the package's empty-cluster rule."""
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
            "Centre 1 still averages the point that moved into the empty cluster: a point that moves "
            "leaves its old cluster, so average only the points that stay.")  # fmt: skip
    require(np.allclose(centroids[2], expected[2]),
            "Centre 2 should sit on the point farthest from its own centre: compare each point's "
            "squared distance to the centre it was assigned to.")  # fmt: skip
    require(np.allclose(centroids, expected, atol=1e-6),
            "Centres 0 and 1 should be the means of their points (average over axis=0 within each cluster).")
    passed("(9, 0) was farthest from its centre (distance² 41), so it became cluster 2; "
           "J drops from 45 to 8/3.")


@checks_exercise(3)
def check_absolute_tolerance(value):
    """Exercise 3: ``threshold``, the absolute stopping threshold of the package for EXERCISE_X, tol=1e-4."""
    require(np.ndim(value) == 0,
            "Give one number: the threshold the total squared centre shift is compared to.")  # fmt: skip
    value = float(as_array(value, "your threshold"))
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
    require(np.isclose(value, expected, rtol=1e-9), "Read section 7 again: how is tol scaled by the data?")
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


def _whole_algorithms():
    """(owner, attribute, name shown) of the functions and classes that run all of Lloyd's algorithm."""
    import kmeans_lab

    estimator = importlib.import_module("kmeans_lab.estimator")
    lloyd_module = importlib.import_module("kmeans_lab.lloyd")

    targets = [(kmeans_lab, "KMeans", "kl.KMeans"), (kmeans_lab, "lloyd", "kl.lloyd"),
               (estimator, "KMeans", "kl.KMeans"), (lloyd_module, "lloyd", "kl.lloyd")]  # fmt: skip
    cluster = sys.modules.get("sklearn.cluster")
    if cluster is not None:
        names = ("KMeans", "k_means", "MiniBatchKMeans")
        targets += [(cluster, name, f"sklearn.cluster.{name}") for name in names]
    vq = sys.modules.get("scipy.cluster.vq")
    if vq is not None:
        targets += [(vq, name, f"scipy.cluster.vq.{name}") for name in ("kmeans", "kmeans2")]
    return targets


def _call_own_loop(my_lloyd, X, init):
    """``my_lloyd(X, init)`` with the ready-made algorithms switched off; fails if it used one."""
    lesson_loop = {"lloyd_naive": "lloyd_naive"}
    with forbidden_calls(_whole_algorithms(), learner_globals(my_lloyd), lesson_loop) as off:
        try:
            answer = my_lloyd(X, init)
        except forbidden_calls.Called:
            answer = None
        except Exception as exc:  # noqa: BLE001  the learner's code may raise anything; shown as a hint
            raise AssertionError(f"your function raised {type(exc).__name__}: {exc}") from None
    off.require_unused("Your function calls {name}, which runs the whole algorithm. Write the loop "
                       "yourself: assign, update, and stop when no label changes.")
    return answer


@checks_exercise(4)
def check_lloyd_function(my_lloyd):
    """Exercise 4: ``my_lloyd(X, init)`` runs Lloyd's loop itself and returns ``(centroids, labels)``.

    It is run on three data sets, with ``kl.lloyd``, ``kl.KMeans``, the
    lesson's ``lloyd_naive`` and scikit-learn's and SciPy's k-means switched
    off, and compared with Lloyd's fixed point from the same start.
    """
    require(callable(my_lloyd), "Pass the function itself (my_lloyd), not its result.")
    for X, init in _test_cases():
        init_copy = init.copy()
        answer = _call_own_loop(my_lloyd, X.copy(), init)
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


def _lesson_context():
    def assign_step(X, centroids):
        return ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)

    def update_step(X, labels, n_clusters):
        return np.array([X[labels == k].mean(axis=0) for k in range(n_clusters)])

    def lloyd_naive(X, init, max_iter=100):
        centroids, labels = np.array(init, dtype=float), None
        for _ in range(max_iter):
            new_labels = assign_step(X, centroids)
            if labels is not None and np.array_equal(new_labels, labels):
                break
            labels = new_labels
            centroids = update_step(X, labels, len(centroids))
        return centroids, new_labels, []

    return {"P": EXERCISE_X.copy(), "C": EXERCISE_CENTROIDS.copy(), "assign_step": assign_step,
            "update_step": update_step, "lloyd_naive": lloyd_naive}  # fmt: skip


def _with_first_labels():
    names = _lesson_context()
    names["first_labels"] = _sq_distances(EXERCISE_X, EXERCISE_CENTROIDS).argmin(axis=1)
    return names


EXERCISES = (
    Exercise(
        1, check_assignment, "first_labels", "a NumPy array of 7 integers in 0, 1, 2",
        hint="For each point compute its squared distance to each of the three centres (a 7 × 3 table) "
        "and take the index of the smallest in each row.",
        solution="first_labels = ((P[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)",
        context=_lesson_context,
    ),
    Exercise(
        2, check_update_with_empty_cluster, "updated_centres", "a NumPy array of shape (3, 2)",
        hint="One centre wins no point. Section 8: which point moves into the empty cluster? Compare each "
        "point's squared distance to its own centre; then average each cluster's points.",
        solution="labels_2 = first_labels.copy()\n"
        "own = ((P - C[labels_2]) ** 2).sum(axis=1)\n"
        "labels_2[np.argmax(own)] = 2  # the farthest point moves into the empty cluster 2\n"
        "updated_centres = np.array([P[labels_2 == k].mean(axis=0) for k in range(3)])",
        context=_with_first_labels,
    ),
    Exercise(
        3, check_absolute_tolerance, "threshold", "a float",
        hint="Section 7: tol is relative to the spread of the data. Which variance, per feature or pooled, "
        "and how are the features combined?",
        solution="threshold = 1e-4 * P.var(axis=0).mean()",
        context=_lesson_context,
    ),
    Exercise(
        4, check_lloyd_function, "my_lloyd", "a function `my_lloyd(X, init)` returning `(centroids, labels)`",
        hint="Start from a float copy of init and no labels. In a loop: assign, stop if the labels did "
        "not change, otherwise keep the new labels and update the centres.",
        solution='''def my_lloyd(X, init):
    """Lloyd's algorithm until no label changes; returns (centroids, labels)."""
    centroids, labels = np.array(init, dtype=float), None
    while True:
        new_labels = assign_step(X, centroids)
        if labels is not None and np.array_equal(new_labels, labels):
            return centroids, labels
        labels = new_labels
        centroids = update_step(X, labels, len(centroids))''',
        context=_lesson_context,
    ),
)  # fmt: skip


#: "Predict before you run": the median number of iterations of k-means++ starts on blobs (section 9).
PREDICTION = Prediction(
    "03", ("a", "b", "c"), "a",
    hint="k-means++ spreads its starting centres over the data, usually one per blob. How far are such "
    "starts from the centres the run ends on, and how many points change label once every blob has a "
    "centre of its own?",
    verdict="when the clusters are clear, a k-means++ start is already close to the end.",
)


def check_prediction(prediction):
    """The "predict before you run" question of lesson 03: ``prediction``, one of "a", "b", "c"."""
    PREDICTION.check(prediction)
