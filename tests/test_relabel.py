"""kl.relabel: clusters renumbered after a reference or a feature mean, and the cross table."""

import numpy as np

from kmeans_lab.relabel import by_feature_mean, by_reference, cross_table


def test_by_reference_follows_the_reference_and_puts_extra_clusters_last():
    reference = np.array([[0.0, 0.0], [10.0, 0.0]])
    centers = np.array([[10.0, 1.0], [5.0, 5.0], [0.0, 1.0]])
    labels, new_centers = by_reference([0, 1, 2, 2], centers, reference)
    assert labels.tolist() == [1, 2, 0, 0]
    assert np.array_equal(new_centers, centers[[2, 0, 1]])


def test_by_feature_mean_orders_from_small_to_large():
    X = np.array([[0, 5.0], [0, 1.0], [0, 3.0]])
    assert by_feature_mean([0, 1, 2], X, 1).tolist() == [2, 0, 1]


def test_cross_table_counts(capsys):
    cross_table(np.array(["a", "a", "b"]), np.array([0, 1, 1]))
    rows = capsys.readouterr().out.splitlines()
    assert rows[1].split() == ["a", "1", "1"] and rows[2].split() == ["b", "0", "1"]
