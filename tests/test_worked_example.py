"""The course's six-point worked example, checked exactly."""

import itertools
from fractions import Fraction

import numpy as np

import kmeans_lab as kl


def test_seed_example_data():
    ex = kl.datasets.seed_example()
    assert ex.names == ("A", "B", "C", "D", "E", "F")
    np.testing.assert_array_equal(ex.X, [[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]])
    np.testing.assert_array_equal(ex.init_centroids, [[1, 1], [5, 5]])
    assert ex.n_clusters == 2


def test_lloyd_reproduces_the_worked_example():
    ex = kl.datasets.seed_example()
    result = kl.lloyd(ex.X, ex.init_centroids)
    np.testing.assert_array_equal(result.labels, [0, 0, 0, 1, 1, 1])
    np.testing.assert_allclose(result.centroids, [[4 / 3, 4 / 3], [16 / 3, 16 / 3]], rtol=0, atol=1e-12)
    assert Fraction(result.inertia).limit_denominator(1000) == Fraction(8, 3)
    # Iteration 1 assigns and updates; iteration 2 finds no change: converged.
    assert result.n_iter == 2 and result.converged
    first, second = result.history
    np.testing.assert_array_equal(first.previous_centroids, ex.init_centroids)
    np.testing.assert_array_equal(first.labels, [0, 0, 0, 1, 1, 1])
    assert first.inertia_before_update == 4.0  # 0 + 1 + 1 for each triangle
    assert abs(first.inertia - 8 / 3) < 1e-12
    assert second.n_changed == 0


def test_worked_example_distances_and_objective():
    ex = kl.datasets.seed_example()
    d2 = kl.squared_distances(ex.X, ex.init_centroids)
    np.testing.assert_allclose(d2[:, 0], [0, 1, 1, 32, 41, 41], atol=1e-12)
    np.testing.assert_allclose(d2[:, 1], [32, 25, 25, 0, 1, 1], atol=1e-12)
    assert abs(kl.wcss(ex.X, [[4 / 3, 4 / 3], [16 / 3, 16 / 3]]) - 8 / 3) < 1e-12
    km = kl.KMeans(2, init=ex.init_centroids).fit(ex.X)
    assert abs(km.inertia_ - 8 / 3) < 1e-12


def test_history_objective_never_increases_through_a_relocation():
    # The far centre gets no sample; the update moves the farthest sample into it.
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [6.0, 0.0], [6.0, 1.0]])
    result = kl.lloyd(X, [[0.0, 0.5], [100.0, 100.0]], tol=0)
    first = result.history[0]
    assert first.n_relocated == 1 and first.relocated[0][1] == 1
    assert first.inertia <= first.inertia_before_update
    moved = first.labels.copy()
    moved[first.relocated[0][0]] = 1
    assert first.inertia == kl.wcss(X, first.centroids, moved)
    values = [v for step in result.history for v in (step.inertia_before_update, step.inertia)]
    assert all(b <= a + 1e-12 for a, b in itertools.pairwise(values))


def test_names_are_written_away_from_the_centres_that_would_cover_them():
    from kmeans_lab.plotting.worked_example import label_offsets

    example = kl.datasets.seed_example()
    step = kl.lloyd(example.X, example.init_centroids, tol=0).history[0]
    markers = np.vstack([step.previous_centroids, step.centroids])
    offsets = label_offsets(example.X, markers)
    np.testing.assert_allclose(np.hypot(*offsets.T), 7.0)
    for point, offset in zip(example.X, offsets):
        away = point - markers
        near = (np.hypot(*away.T) > 1e-9) & (np.hypot(*away.T) <= 1.0)
        nearest = away[near][np.argmin(np.hypot(*away[near].T))]
        assert offset @ nearest > 0, "a name is written towards the centre next to it"
    far = label_offsets(np.array([[0.0, 0.0]]), np.array([[5.0, 5.0]]))
    np.testing.assert_allclose(far, [[7 / np.sqrt(2), 7 / np.sqrt(2)]])
