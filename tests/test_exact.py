"""The exact helpers of lesson 05 reproduce the hand computation."""

from fractions import Fraction

import pytest

from kmeans_lab import exact as ex

P = [(Fraction(x), Fraction(y)) for x, y in [(1, 1), (1, 2), (2, 1), (5, 5), (5, 6), (6, 5)]]
RECTANGLE = [(Fraction(x), Fraction(y)) for x, y in [(0, 0), (0, 1), (4, 0), (4, 1)]]


def test_distances_means_and_text():
    assert ex.sq_dist(P[3], P[0]) == 32
    assert ex.mean_of(P[:3]) == (Fraction(4, 3), Fraction(4, 3))
    assert ex.show(ex.mean_of(P[:3])) == "(4/3, 4/3)"
    assert str(ex.exact_sqrt(32)) == "4*sqrt(2)"
    with pytest.raises(ValueError, match="at least one"):
        ex.mean_of([])


def test_to_fraction():
    assert ex.to_fraction(8 / 3) == Fraction(8, 3)
    with pytest.raises(ValueError, match="not within"):
        ex.to_fraction(0.1234567891)


def test_partitions_and_fixed_points():
    partitions = ex.two_cluster_partitions(6)
    assert len(partitions) == 31
    fixed = [lab for lab in partitions if ex.is_fixed_point(P, lab)]
    assert [ex.partition_name(lab, "ABCDEF") for lab in fixed] == ["ABC | DEF"]
    assert ex.wcss_exact(P, fixed[0]) == Fraction(8, 3)
    assert ex.partition_name([0] * 6, "ABCDEF") == "ABCDEF | ∅"


def test_rectangle_has_a_worse_fixed_point():
    fixed = {
        ex.partition_name(lab, "ABCD"): ex.wcss_exact(RECTANGLE, lab)
        for lab in ex.two_cluster_partitions(4)
        if ex.is_fixed_point(RECTANGLE, lab)
    }
    assert fixed == {"AB | CD": 1, "AC | BD": 16}


def test_naive_lloyd_keeps_an_idle_centre():
    centres, labels, n_iter = ex.naive_lloyd(P, [P[0], P[3]])
    assert labels == [0, 0, 0, 1, 1, 1] and n_iter == 2
    centres, labels, _ = ex.naive_lloyd(P, [(1, 1), (-3, -3)])
    assert labels == [0] * 6 and centres[1] == (-3, -3)
    assert ex.wcss_exact(P, labels) == Fraction(152, 3)
