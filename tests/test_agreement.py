"""kl.metrics.adjusted_rand_score and contingency_matrix against scikit-learn's."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score as sk_ari
from sklearn.metrics.cluster import contingency_matrix as sk_contingency

import kmeans_lab as kl

ari = kl.metrics.adjusted_rand_score


def theirs(a, b):
    with warnings.catch_warnings():  # scikit-learn warns about float labels ("continuous values")
        warnings.simplefilter("ignore", UserWarning)
        return sk_ari(a, b)


labels = st.lists(st.integers(0, 6), min_size=0, max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_equals_scikit_learn_on_random_partitions(data):
    a = data.draw(labels)
    b = data.draw(st.lists(st.integers(-1, 6), min_size=len(a), max_size=len(a)))
    assert abs(ari(a, b) - theirs(a, b)) <= 1e-12
    assert abs(ari(b, a) - ari(a, b)) <= 1e-12


@settings(max_examples=100, deadline=None)
@given(labels, st.permutations(range(7)), st.sampled_from([0.5, -2.25, 1e9]))
def test_renaming_labels_changes_nothing(a, permutation, scale):
    a = np.array(a, dtype=int)
    renamed = np.array(permutation)[a] if a.size else a
    as_floats = renamed * scale
    as_strings = np.array([f"c{v}" for v in renamed])
    assert ari(a, renamed) == 1.0
    for b in (as_floats, as_strings):
        assert ari(a, b) == 1.0
    assert abs(ari(a * scale, [0] * len(a)) - theirs(a * scale, [0] * len(a))) <= 1e-12


@pytest.mark.parametrize(
    "a, b",
    [
        ([0] * 10, [3] * 10),                              # one cluster in both
        (list(range(10)), list(range(10, 20))),            # all singletons in both
        ([0] * 10, list(range(10))),                       # one cluster vs singletons
        (list(range(10)), [0] * 10),
        ([], []),
        ([7], [2]),
        ([0.5, 0.5, 1.5, 2.5], ["x", "x", "y", "y"]),       # non-integer label values
        ([0, 0, 1, 1, 2, 2], [1, 1, 0, 0, 2, 2]),           # permuted
        ([0, 0, 0, 1, 1, 1], [0, 1, 0, 1, 0, 1]),           # worse than chance
    ],
)
def test_edge_cases_equal_scikit_learn(a, b):
    assert ari(a, b) == pytest.approx(theirs(a, b), abs=1e-12)
    assert isinstance(ari(a, b), float)


def test_large_counts_stay_exact():
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 5, 200_000), rng.integers(0, 3, 200_000)
    b[: 150_000] = a[: 150_000] % 3
    assert abs(ari(a, b) - theirs(a, b)) <= 1e-12


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_contingency_matrix_equals_scikit_learn(data):
    a = data.draw(st.lists(st.integers(-2, 4), min_size=1, max_size=40))
    b = data.draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=len(a), max_size=len(a)))
    np.testing.assert_array_equal(kl.metrics.contingency_matrix(a, b), sk_contingency(a, b))


@pytest.mark.parametrize(
    "a, b, error, words",
    [
        ([0, 1], [0, 1, 1], ValueError, "same length, got 2 and 3"),
        ([[0, 1]], [0, 1], ValueError, "labels_true must be 1-D"),
        ([0, 1], [[0], [1]], ValueError, "labels_pred must be 1-D"),
        (None, [0], TypeError, "labels_true is None"),
        ([0, 1], "ab", TypeError, "labels_pred must be a 1-D array"),
        ([0.0, np.nan], [0, 1], ValueError, "labels_true contains NaN"),
    ],
)
def test_bad_input_names_the_parameter(a, b, error, words):
    with pytest.raises(error, match=words):
        ari(a, b)
