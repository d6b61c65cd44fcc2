"""Each lesson 03 check accepts the right answer and rejects typical wrong ones with a hint."""

import numpy as np
import pytest

import kmeans_lab as kl
from kmeans_lab.exercises import lesson03

X, C = lesson03.EXERCISE_X, lesson03.EXERCISE_CENTROIDS


def test_exercise_data_is_the_printed_one():
    np.testing.assert_array_equal(X, [[0, 0], [1, 0], [0, 1], [4, 4], [5, 4], [4, 5], [9, 0]])
    np.testing.assert_array_equal(C, [[0, 0], [4, 4], [8, 8]])


# Exercise 1 — worked by hand: (9, 0) is at squared distance 81, 41, 65 from the centres.
def test_assignment_accepts_the_solution(capsys):
    kl.exercises.check_assignment([0, 0, 0, 1, 1, 1, 1])
    assert capsys.readouterr().out.startswith("✓")


@pytest.mark.parametrize(
    "wrong, hint",
    [
        ([0, 0, 0, 1, 1, 1, 2], "\\(9, 0\\)"),
        ([1, 1, 1, 2, 2, 2, 2], "count from 0"),
        ([2, 2, 2, 0, 0, 0, 0], "argmax"),
        ([0, 0, 0, 1, 1], "shape"),
        ([0, 1, 0, 1, 1, 1, 1], "smallest squared distance"),
    ],
)
def test_assignment_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        kl.exercises.check_assignment(wrong)


# Exercise 2 — by hand: means (1/3, 1/3), (13/3, 13/3); (9, 0) relocated into the empty cluster.
def test_update_accepts_the_solution_and_the_package(capsys):
    kl.exercises.check_update_with_empty_cluster([[1 / 3, 1 / 3], [13 / 3, 13 / 3], [9, 0]])
    kl.exercises.check_update_with_empty_cluster(kl.update_centroids(X, kl.assign(X, C), 3, centroids=C))
    assert capsys.readouterr().out.count("✓") == 2


@pytest.mark.parametrize(
    "wrong, hint",
    [
        ([[1 / 3, 1 / 3], [5.5, 3.25], [np.nan, np.nan]], "NaN"),
        ([[1 / 3, 1 / 3], [5.5, 3.25], [8, 8]], "\\(8, 8\\)"),
        ([[1 / 3, 1 / 3], [5.5, 3.25], [9, 0]], "leaves its old cluster"),
        ([[1 / 3, 1 / 3], [13 / 3, 13 / 3], [4, 5]], "farthest"),
        ([1 / 3, 13 / 3], "3 centres"),
        ([[1 / 3, 1 / 3, 13 / 3], [13 / 3, 9, 0]], "shape"),
    ],
)
def test_update_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        kl.exercises.check_update_with_empty_cluster(wrong)


# Exercise 3 — by hand: var(x) = 139/7 − (23/7)², var(y) = 58/7 − (14/7)².
def test_absolute_tolerance_accepts_the_solution(capsys):
    var_x = 139 / 7 - (23 / 7) ** 2
    var_y = 58 / 7 - (14 / 7) ** 2
    kl.exercises.check_absolute_tolerance(1e-4 * (var_x + var_y) / 2)
    assert capsys.readouterr().out.startswith("✓")


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (1e-4, "relative"),
        (1e-4 * X.std(axis=0).mean(), "standard deviation"),
        (1e-4 * X.var(axis=0).sum(), "sums the variances"),
        (1e-4 * X.var(), "pools"),
        ([1e-4, 2e-4], "one number"),
    ],
)
def test_absolute_tolerance_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        kl.exercises.check_absolute_tolerance(wrong)


# Exercise 4
def good_lloyd(X, init):
    centroids, labels = np.array(init, dtype=float), None
    while True:
        new = ((X[:, None] - centroids[None]) ** 2).sum(axis=2).argmin(axis=1)
        if labels is not None and np.array_equal(new, labels):
            return centroids, labels
        labels = new
        centroids = np.array([X[labels == k].mean(axis=0) for k in range(len(centroids))])


def test_lloyd_function_accepts_a_solution(capsys):
    kl.exercises.check_lloyd_function(good_lloyd)
    assert capsys.readouterr().out.count("✓") == 1


def package_lloyd(X, init):
    result = kl.lloyd(X, init, tol=0)
    return result.centroids, result.labels


def estimator_lloyd(X, init):
    km = kl.KMeans(len(init), init=init, n_init=1, tol=0).fit(X)
    return km.cluster_centers_, km.labels_


def sklearn_lloyd(X, init):
    from sklearn.cluster import KMeans

    km = KMeans(len(init), init=init, n_init=1, tol=0).fit(X)
    return km.cluster_centers_, km.labels_


def imported_lloyd(X, init):
    from kmeans_lab import lloyd

    result = lloyd(X, init, tol=0)
    return result.centroids, result.labels


def lesson_loop(X, init):
    centroids, labels, _trace = lloyd_naive(X, init)
    return centroids, labels


def lloyd_naive(X, init):
    """Stands for the lesson's own loop, which the exercise asks the learner to write again."""
    centroids, labels = good_lloyd(X, init)
    return centroids, labels, []


def test_the_shortcuts_agree_with_the_solution_outside_the_check():
    for shortcut in (package_lloyd, estimator_lloyd, sklearn_lloyd, imported_lloyd):
        centroids, labels = shortcut(X, C[:2])
        expected_centroids, expected_labels = good_lloyd(X, C[:2])
        np.testing.assert_allclose(centroids, expected_centroids)
        np.testing.assert_array_equal(labels, expected_labels)


@pytest.mark.parametrize(
    "shortcut, name",
    [(package_lloyd, "kl.lloyd"), (estimator_lloyd, "kl.KMeans"), (sklearn_lloyd, "sklearn.cluster.KMeans"),
     (imported_lloyd, "kl.lloyd"), (lesson_loop, "lloyd_naive")],
)  # fmt: skip
def test_lloyd_function_rejects_the_library_as_a_shortcut(shortcut, name):
    import sklearn.cluster  # noqa: F401  loaded, as in a lesson that compares with scikit-learn

    with pytest.raises(AssertionError, match=f"calls {name}"):
        kl.exercises.check_lloyd_function(shortcut)
    assert kl.lloyd(X, C[:2]).converged  # switched back on afterwards


def one_iteration(X, init):
    labels = ((X[:, None] - init[None]) ** 2).sum(axis=2).argmin(axis=1)
    return np.array([X[labels == k].mean(axis=0) for k in range(len(init))]), labels


def stale_labels(X, init):
    centroids, _labels = good_lloyd(X, init)
    first = ((X[:, None] - init[None]) ** 2).sum(axis=2).argmin(axis=1)
    return centroids, (first + 1) % len(init)


def mutates_init(X, init):
    init += 0.0
    init[0, 0] += 1e-3
    return good_lloyd(X, init)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (one_iteration, "one iteration"),
        (lambda X, init: good_lloyd(X, init)[0], "tuple"),
        (stale_labels, "labels"),
        (mutates_init, "changed the init"),
        (good_lloyd(X, C[:2]), "function itself"),
    ],
)
def test_lloyd_function_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        kl.exercises.check_lloyd_function(wrong)


# The "predict before you run" question of section 9: median iterations with k-means++ on blobs.
def test_prediction_waits_for_an_answer(capsys):
    lesson03.check_prediction(...)
    assert capsys.readouterr().out == "Prediction: not answered yet — replace the ... above\n"


def test_prediction_accepts_the_right_choice(capsys):
    lesson03.check_prediction("a")
    assert capsys.readouterr().out.startswith("✓")


@pytest.mark.parametrize(
    "wrong, hint",
    [("b", "Not what the lesson will show"), ("c", "Not what the lesson will show"), ("d", "one letter"),
     (3, "one letter")],
)
def test_prediction_rejects_other_choices(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        lesson03.check_prediction(wrong)


def test_prediction_hint_does_not_give_the_answer_away(capsys):
    kl.exercises.hint("03", "prediction")
    out = capsys.readouterr().out
    assert "'a'" not in out and "under 10" not in out
