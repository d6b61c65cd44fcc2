"""Centroid index (Fränti, Rezaei & Zhao 2014): hand-worked cases and its definition."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kmeans_lab.metrics import centroid_index, orphan_count

TRUE_3 = np.array([[0.0, 0.0], [5.0, 5.0], [9.0, 9.0]])


def naive_orphans(a, b):
    """CI₁(A → B) written as the paper states it, one loop per centre."""
    mapped = set()
    for x in a:
        best, best_d = None, np.inf
        for j, y in enumerate(b):
            d = sum((xi - yi) ** 2 for xi, yi in zip(x, y))
            if d < best_d:
                best, best_d = j, d
        mapped.add(best)
    return len(b) - len(mapped)


# --- hand-worked cases --------------------------------------------------------

def test_same_centres_give_zero():
    assert centroid_index(TRUE_3, TRUE_3) == 0


def test_order_and_small_shifts_do_not_matter():
    solution = TRUE_3[[2, 0, 1]] + 0.3
    assert centroid_index(solution, TRUE_3) == 0


def test_two_centres_in_one_cluster_and_one_missing_is_one():
    # (0,0) and (0,1) both map to true (0,0); true (5,5) is an orphan.
    solution = [[0.0, 0.0], [0.0, 1.0], [9.0, 9.0]]
    assert orphan_count(solution, TRUE_3) == 1
    # Backwards: (0,0)->(0,0), (5,5)->(9,9) (dist² 32 < 41 < 50), (9,9)->(9,9); (0,1) is an orphan.
    assert orphan_count(TRUE_3, solution) == 1
    assert centroid_index(solution, TRUE_3) == 1


def test_directed_counts_differ_and_ci_is_their_maximum():
    # 1-D by hand. A -> B: 0,1,2 -> 0 and 100 -> 100, so 50 and 99 are orphans: 2.
    # B -> A: 0 -> 0, 50 -> 2 (48 < 50), 99 -> 100, 100 -> 100, so 1 is an orphan: 1.
    a = [[0.0], [1.0], [2.0], [100.0]]
    b = [[0.0], [50.0], [99.0], [100.0]]
    assert orphan_count(a, b) == 2
    assert orphan_count(b, a) == 1
    assert centroid_index(a, b) == centroid_index(b, a) == 2


def test_different_numbers_of_centres():
    # Three centres for five true clusters: at least two true clusters are orphans.
    true = [[0.0, 0.0], [10.0, 0.0], [20.0, 0.0], [30.0, 0.0], [40.0, 0.0]]
    solution = [[0.0, 0.0], [20.0, 0.0], [40.0, 0.0]]
    assert orphan_count(solution, true) == 2
    assert orphan_count(true, solution) == 0
    assert centroid_index(solution, true) == 2


def test_two_clusters_doubled_two_missing():
    true = [[0.0, 0.0], [10.0, 0.0], [0.0, 10.0], [10.0, 10.0]]
    solution = [[-1.0, 0.0], [1.0, 0.0], [9.0, 10.0], [11.0, 10.0]]
    assert centroid_index(solution, true) == 2


def test_ties_go_to_the_lowest_index():
    # (5, 0) is equidistant from both true centres; it maps to the first.
    assert orphan_count([[5.0, 0.0]], [[0.0, 0.0], [10.0, 0.0]]) == 1
    assert orphan_count([[5.0, 0.0], [10.0, 0.0]], [[0.0, 0.0], [10.0, 0.0]]) == 0


# --- the definition, on random centre sets ----------------------------------

def centre_sets(min_rows=1, max_rows=8):
    rows = st.integers(min_rows, max_rows)
    return st.tuples(rows, rows, st.integers(1, 3)).flatmap(
        lambda s: st.tuples(
            arrays(np.float64, (s[0], s[2]), elements=st.integers(-6, 6).map(float)),
            arrays(np.float64, (s[1], s[2]), elements=st.integers(-6, 6).map(float)),
        )
    )


@given(centre_sets())
def test_matches_the_definition_written_as_loops(pair):
    a, b = pair
    assert orphan_count(a, b) == naive_orphans(a, b)
    assert centroid_index(a, b) == max(naive_orphans(a, b), naive_orphans(b, a))


@given(centre_sets())
def test_symmetric_and_bounded(pair):
    a, b = pair
    ci = centroid_index(a, b)
    assert ci == centroid_index(b, a)
    assert max(0, len(b) - len(a), len(a) - len(b)) <= ci <= max(len(a), len(b)) - 1


@given(st.integers(1, 8), st.integers(1, 8), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_invariant_under_reordering(n_a, n_b, n_features, seed):
    # Continuous coordinates: no distance ties, which are broken by position.
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=(n_a, n_features)), rng.normal(size=(n_b, n_features))
    assert centroid_index(a[rng.permutation(n_a)], b[rng.permutation(n_b)]) == centroid_index(a, b)


@given(centre_sets())
def test_zero_against_itself_and_after_scaling(pair):
    a, _ = pair
    a = np.unique(a, axis=0)
    assert centroid_index(a, a) == 0
    assert centroid_index(3.0 * a + 7.0, 3.0 * a + 7.0) == 0


def test_inputs_are_not_modified():
    a = np.array([[0.0, 0.0], [0.0, 1.0]])
    b = np.array([[0.0, 0.0], [5.0, 5.0]])
    a0, b0 = a.copy(), b.copy()
    centroid_index(a, b)
    np.testing.assert_array_equal(a, a0)
    np.testing.assert_array_equal(b, b0)


@pytest.mark.parametrize(
    "centers, true_centers, error, match",
    [
        ([[0.0, 0.0]], [[0.0, 0.0, 0.0]], ValueError, "same number of features"),
        ([0.0, 1.0], [[0.0], [1.0]], ValueError, "centers must be 2-D"),
        ([[0.0]], [[np.nan]], ValueError, "true_centers contains 1 NaN"),
        ([["a"]], [[0.0]], TypeError, "centers"),
        (np.empty((0, 2)), [[0.0, 0.0]], ValueError, "centers is empty"),
    ],
)
def test_bad_input_is_named(centers, true_centers, error, match):
    with pytest.raises(error, match=match):
        centroid_index(centers, true_centers)
