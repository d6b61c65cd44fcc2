"""Matching cluster numbers and scoring many partitions at once (kmeans_lab.metrics.partitions)."""

import itertools

import numpy as np
import pytest

import kmeans_lab as kl


def test_match_labels_undoes_a_renaming():
    reference = np.array([0, 0, 1, 1, 2, 2, 2])
    renamed = np.array([2, 0, 1])[reference]
    matched, mapping = kl.metrics.match_labels(renamed, reference)
    np.testing.assert_array_equal(matched, reference)
    np.testing.assert_array_equal(mapping[renamed], reference)
    centres = np.array([[0.0], [1.0], [2.0]])[np.array([2, 0, 1]).argsort()]  # centres in renamed order
    np.testing.assert_array_equal(centres[np.argsort(mapping)].ravel(), [0.0, 1.0, 2.0])


def test_match_labels_maximises_agreement_and_checks_its_input():
    matched, _ = kl.metrics.match_labels([1, 1, 1, 0, 0, 1], [0, 0, 0, 1, 1, 1])
    assert np.sum(matched != [0, 0, 0, 1, 1, 1]) == 1
    with pytest.raises(ValueError, match="shape"):
        kl.metrics.match_labels([0, 1], [0, 1, 1])
    with pytest.raises(ValueError, match="k <= 8"):
        kl.metrics.match_labels(np.arange(9), np.arange(9))


def test_all_partitions_wcss_equals_the_loop():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(6, 2))
    rows = np.array([p for p in itertools.product(range(2), repeat=6) if len(set(p)) == 2])
    J, means = kl.metrics.all_partitions_wcss(X, rows, 2)
    for row, j, mu in zip(rows, J, means):
        np.testing.assert_allclose(mu, [X[row == k].mean(axis=0) for k in range(2)])
        assert np.isclose(j, kl.wcss(X, mu, row))


def test_all_partitions_wcss_rejects_an_empty_cluster():
    with pytest.raises(ValueError, match="non-empty"):
        kl.metrics.all_partitions_wcss(np.zeros((3, 1)), np.array([[0, 0, 0]]), 2)
