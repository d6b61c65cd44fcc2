"""The one rule for squared distances, checked against SciPy's cdist and against exact arithmetic."""

from fractions import Fraction

import numpy as np
import pytest
from scipy.spatial.distance import cdist

from kmeans_lab.distances import paired_squared_distances, squared_distances, squared_distances_to_assigned


@pytest.mark.parametrize("offset", [0.0, 1e3, 1e8])
def test_agrees_with_scipy_and_is_exactly_zero_at_a_point(offset):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 5)) + offset
    Y = np.vstack([X[:7], rng.normal(size=(4, 5)) + offset])
    D = squared_distances(X, Y)
    np.testing.assert_array_equal(D[np.arange(7), np.arange(7)], 0.0)
    np.testing.assert_allclose(D, cdist(X, Y, "sqeuclidean"), rtol=1e-9, atol=1e-12)
    assert D.min() >= 0.0


def test_small_distances_are_accurate_where_the_product_form_cancels():
    X = np.array([[1e8, 1e8], [1e8 + 1e-7, 1e8]])
    exact = float((Fraction(1e8 + 1e-7) - Fraction(1e8)) ** 2)
    D = squared_distances(X, X[:1])
    assert D[0, 0] == 0.0 and D[1, 0] == pytest.approx(exact, rel=1e-12)


def test_float32_is_computed_in_float64_and_returned_in_float32():
    rng = np.random.default_rng(1)
    X = (rng.normal(size=(200, 3)) * 10 + 100).astype(np.float32)
    D = squared_distances(X, X[:5])
    assert D.dtype == np.float32
    np.testing.assert_array_equal(D[np.arange(5), np.arange(5)], 0.0)
    expected = cdist(X.astype(np.float64), X[:5].astype(np.float64), "sqeuclidean")
    np.testing.assert_allclose(D, expected, rtol=1e-6, atol=1e-6)


def test_pieces_with_a_common_origin_give_the_whole_table_bit_for_bit():
    rng = np.random.default_rng(2)
    X, Y = rng.normal(size=(1000, 4)) + 50, rng.normal(size=(6, 4)) + 50
    whole = squared_distances(X, Y)
    pieces = np.vstack(
        [squared_distances(X[i : i + 128], Y, origin=X.mean(axis=0)) for i in range(0, 1000, 128)]
    )
    np.testing.assert_array_equal(pieces, whole)


def test_distances_to_the_assigned_centre_by_direct_differences():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(20_000, 3)) + 1e6
    centres = X[:4]
    labels = rng.integers(0, 4, len(X))
    got = squared_distances_to_assigned(X, centres, labels)
    np.testing.assert_allclose(got, ((X - centres[labels]) ** 2).sum(axis=1), rtol=1e-12)
    assert got[:4][labels[:4] == np.arange(4)].sum() == 0.0
    np.testing.assert_array_equal(paired_squared_distances(X[:10], centres[labels[:10]]), got[:10])
