"""make_s_sets: separated centres, overlapping Gaussian clusters."""

import numpy as np
import pytest

import kmeans_lab as kl


def test_shapes_labels_and_reproducibility():
    X, y, centers = kl.datasets.make_s_sets(1500, 15, random_state=3, return_centers=True)
    assert X.shape == (1500, 2) and y.shape == (1500,) and centers.shape == (15, 2)
    assert np.bincount(y).tolist() == [100] * 15
    X2, y2 = kl.datasets.make_s_sets(1500, 15, random_state=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)


def test_centres_are_separated_and_inside_the_unit_square():
    centers = kl.datasets.make_s_sets(100, 15, min_separation=0.2, random_state=1, return_centers=True)[2]
    gaps = np.sqrt(((centers[:, None] - centers[None]) ** 2).sum(axis=2))
    assert gaps[~np.eye(15, dtype=bool)].min() >= 0.2
    assert ((centers >= 0) & (centers <= 1)).all()


def test_cluster_spread_follows_cluster_std():
    X, y, centers = kl.datasets.make_s_sets(20000, 4, cluster_std=0.05, random_state=2, return_centers=True)
    for k in range(4):
        std = (X[y == k] - centers[k]).std()
        assert 0.05 * 0.7 < std < 0.05 * 1.3


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"n_clusters": 40, "min_separation": 0.5}, ValueError, "could not place n_clusters=40"),
        ({"cluster_std": -1.0}, ValueError, "cluster_std"),
        ({"n_clusters": 0}, ValueError, "n_clusters"),
        ({"n_samples": 2.5}, TypeError, "n_samples"),
    ],
)
def test_bad_input_is_named(kwargs, error, match):
    with pytest.raises(error, match=match):
        kl.datasets.make_s_sets(random_state=0, **kwargs)
