"""The choose-K explorer: its state without a browser, its drawing, its slider and buttons."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from kneed import KneeLocator
from sklearn.cluster import KMeans as SklearnKMeans
from sklearn.metrics import silhouette_score as sk_silhouette_score

import kmeans_lab as kl
from kmeans_lab.widgets.choosing_k import ChooseKExplorer, ChooseKState, draw_choose_k_state

STATUS = re.compile(
    r"^K = (\d+) · J = (\d+\.\d\d) · (?:mean silhouette = (-?\d\.\d{3})|mean silhouette undefined)"
    r"( · elbow)?( · best silhouette)?$"
)


@pytest.fixture(scope="module")
def blobs():
    X, _ = kl.datasets.make_blobs(120, [[0, 0], [9, 0], [4, 7]], cluster_std=0.7, random_state=1)
    return X


@pytest.fixture(scope="module")
def state(blobs):
    return ChooseKState(blobs, range(1, 7), random_state=0)


def test_curves_match_sklearn_and_kneed(state, blobs):
    for i, k in enumerate(state.ks[:3]):  # up to the true K the optimum is unique, so inertias agree
        expected = SklearnKMeans(int(k), n_init=10, random_state=0).fit(blobs).inertia_
        assert state.inertias[i] == pytest.approx(expected, rel=1e-9)
    assert np.isnan(state.silhouette_scores[0])
    for k in state.ks[1:]:
        state.set_k(int(k))
        assert state.silhouette_score == pytest.approx(sk_silhouette_score(blobs, state.labels), abs=1e-10)
    locator = KneeLocator(state.ks, state.inertias, curve="convex", direction="decreasing")
    assert state.elbow == locator.knee == 3
    assert state.best_silhouette == 3


def test_default_k_is_the_first_with_a_silhouette(blobs):
    assert ChooseKState(blobs, range(1, 5), random_state=0).k == 2
    assert ChooseKState(blobs, [3, 4, 6], random_state=0).k == 3
    assert ChooseKState(blobs, range(1, 5), k=4, random_state=0).k == 4


def test_next_and_previous_stop_at_the_ends(blobs):
    state = ChooseKState(blobs, [2, 4, 6], random_state=0)
    assert state.k == 2
    assert state.previous() is False and state.k == 2
    assert state.next() is True and state.k == 4
    assert state.next() is True and state.k == 6
    assert state.next() is False and state.k == 6
    assert state.previous() is True and state.k == 4


def test_current_fit_follows_k(state, blobs):
    state.set_k(3)
    assert state.labels.shape == (len(blobs),)
    assert state.centroids.shape == (3, 2)
    assert np.unique(state.labels).size == 3
    assert state.silhouette.shape == (len(blobs),)
    assert state.inertia == pytest.approx(kl.wcss(blobs, state.centroids, state.labels))
    state.set_k(1)
    assert state.silhouette is None and state.silhouette_score is None


def test_status_line(state):
    state.set_k(3)
    match = STATUS.match(state.status)
    assert match, state.status
    assert match.group(1) == "3" and match.group(4) and match.group(5)
    state.set_k(1)
    assert STATUS.match(state.status).group(0).endswith("mean silhouette undefined")
    state.set_k(5)
    match = STATUS.match(state.status)
    assert match and not match.group(4) and not match.group(5)


def test_bad_input(blobs):
    with pytest.raises(ValueError, match="at least 3 values"):
        ChooseKState(blobs, [1, 2])
    with pytest.raises(ValueError, match="strictly increasing"):
        ChooseKState(blobs, [3, 2, 1])
    state = ChooseKState(blobs, [2, 3, 4], random_state=0)
    with pytest.raises(ValueError, match=r"k must be one of ks=\[2, 3, 4\], got 5"):
        state.set_k(5)
    with pytest.raises(TypeError, match="k must be an integer"):
        state.set_k(2.5)
    with pytest.raises(ValueError, match="n_init must be an integer >= 1"):
        ChooseKState(blobs, [2, 3, 4], n_init=0)


def test_drawing_is_a_pure_function_of_the_state(state):
    state.set_k(4)
    before = (state.k, state.inertias.copy())
    fig = draw_choose_k_state(state)
    assert len(fig.axes) == 4
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[0] == "K-Means with K = 4" and titles[1] == "silhouette plot, K = 4"
    assert (state.k, state.inertias.tolist()) == (before[0], before[1].tolist())
    again = draw_choose_k_state(state, fig=fig)
    assert again is fig and len(fig.axes) == 4
    state.set_k(1)
    draw_choose_k_state(state, fig=fig)
    assert fig.axes[1].get_title() == "silhouette plot"
    plt.close(fig)


def test_explorer_buttons_and_slider(blobs):
    explorer = ChooseKExplorer(blobs, [1, 2, 3, 5, 8], random_state=0)
    assert explorer.slider.description == "K"
    assert (explorer.slider.min, explorer.slider.max, explorer.slider.value) == (1, 8, 2)
    assert set(explorer.buttons) == {"Previous K", "Next K"}
    explorer.buttons["Next K"].click()
    assert explorer.state.k == explorer.slider.value == 3
    assert explorer.status.value == explorer.state.status
    explorer.slider.value = 6  # not in ks: snaps to the nearest K that is
    assert explorer.state.k == explorer.slider.value == 5
    explorer.buttons["Previous K"].click()
    assert explorer.state.k == 3 and explorer.status.value.startswith("K = 3")
    explorer.slider.value = 1
    explorer.buttons["Previous K"].click()
    assert explorer.state.k == explorer.slider.value == 1
    assert "ChooseKExplorer(n_samples=120" in repr(explorer)
    plt.close("all")


def intact_blobs(labels, truth):
    """{blob: number} of the true blobs that are a whole cluster on their own."""
    found = {}
    for blob in np.unique(truth):
        numbers = np.unique(labels[truth == blob])
        if numbers.size == 1 and (labels == numbers[0]).sum() == (truth == blob).sum():
            found[int(blob)] = int(numbers[0])
    return found


def test_a_cluster_keeps_its_number_and_colour_as_k_grows():
    centres = [[0, 0], [10, 0], [0, 10], [10, 10], [5, 5]]
    X, truth = kl.datasets.make_blobs(250, centres, cluster_std=0.8, random_state=3)
    state = ChooseKState(X, range(2, 8), random_state=0)
    before, kept = None, 0
    for k in state.ks:
        state.set_k(int(k))
        np.testing.assert_array_equal(np.unique(state.labels), np.arange(k))
        assert state.inertia == pytest.approx(kl.wcss(X, state.centroids, state.labels))
        now = intact_blobs(state.labels, truth)
        if before is not None:
            for blob in before.keys() & now.keys():
                assert now[blob] == before[blob], f"blob {blob} changed colour from K = {k - 1} to K = {k}"
                kept += 1
        before = now
    assert kept >= 6  # the check did compare blobs


def test_match_clusters_keeps_the_nearest_numbers():
    from kmeans_lab.widgets.choosing_k import match_clusters

    previous = np.array([[0.0, 0.0], [5.0, 5.0], [9.0, 0.0]])
    assert match_clusters(previous, previous[[2, 0, 1]]).tolist() == [2, 0, 1]
    assert match_clusters(previous, np.array([[9.0, 1], [0, 0], [5, 5], [20, 20]])).tolist() == [2, 0, 1, 3]
    assert sorted(match_clusters(previous, np.array([[9.0, 1], [5, 5]])).tolist()) == [0, 1]
