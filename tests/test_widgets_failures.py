"""The case and method explorer of lesson 09: its state without a browser, its drawing and its controls."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score

import kmeans_lab as kl
from kmeans_lab.plotting import colours_like_truth
from kmeans_lab.widgets import CaseMethodExplorer, CaseMethodState, draw_case_method_state

CASES = kl.datasets.failure_cases(0)
METHODS = ("truth", "K-Means", "reversed")


def partitions():
    found = {}
    for name, case in CASES.items():
        found[name, "truth"] = case.y
        found[name, "K-Means"] = kl.KMeans(case.n_clusters, n_init=2, random_state=0).fit(case.X).labels_
        found[name, "reversed"] = case.y[::-1]
    return found


PARTITIONS = partitions()


def test_status_and_score_follow_the_pair_shown():
    state = CaseMethodState(CASES, PARTITIONS)
    assert (state.case, state.method) == ("blobs", "truth") and state.score == 1.0
    state.set_case("moons")
    state.set_method("K-Means")
    expected = adjusted_rand_score(CASES["moons"].y, PARTITIONS["moons", "K-Means"])
    assert state.score == pytest.approx(expected, abs=1e-12)
    assert state.status == f"moons · K-Means · K = 2 · ARI = {expected:.2f}"
    assert state.details.startswith(CASES["moons"].description) and "2 clusters found" in state.details


def test_next_wraps_around_and_bad_names_are_refused():
    state = CaseMethodState(CASES, PARTITIONS)
    seen = [state.next_case() for _ in range(len(CASES))]
    assert seen == [*list(CASES)[1:], "blobs"]
    assert [state.next_method() for _ in range(3)] == ["K-Means", "reversed", "truth"]
    with pytest.raises(ValueError, match="case must be one of"):
        state.set_case("spirals")
    with pytest.raises(ValueError, match="method must be one of"):
        state.set_method("OPTICS")
    with pytest.raises(ValueError, match="missing"):
        CaseMethodState(CASES, {("blobs", "truth"): CASES["blobs"].y})


def test_noise_is_counted_in_the_details():
    labels = CASES["outliers"].y.copy()
    labels[:5] = -1
    state = CaseMethodState({"outliers": CASES["outliers"]}, {("outliers", "DBSCAN"): labels})
    assert "5 points left as noise" in state.details


def test_colours_follow_the_truth():
    y = CASES["blobs"].y
    renamed = (y + 1) % 3
    np.testing.assert_array_equal(colours_like_truth(renamed, y), y)
    extra = np.where(np.arange(len(y)) < 10, 7, renamed)
    coloured = colours_like_truth(extra, y)
    assert set(np.unique(coloured)) == {0, 1, 2, 3}
    with pytest.raises(ValueError, match="shape"):
        colours_like_truth(y[:-1], y)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["case", "method"]), max_size=12))
def test_any_sequence_of_clicks_keeps_a_valid_state(clicks):
    state = CaseMethodState(CASES, PARTITIONS)
    for click in clicks:
        (state.next_case if click == "case" else state.next_method)()
        assert state.case in CASES and state.method in METHODS
        assert state.labels.shape == CASES[state.case].y.shape


def test_drawing_is_a_function_of_the_state():
    state = CaseMethodState(CASES, PARTITIONS)
    state.set_case("circles")
    fig = draw_case_method_state(state)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["circles: the truth", "truth: ARI 1.00"]
    assert fig.get_size_inches()[0] * fig.dpi >= 760
    plt.close(fig)


def test_the_view_reacts_to_buttons_and_menus():
    view = CaseMethodExplorer(CASES, PARTITIONS)
    assert view.fallback_text == "Interactive case and method explorer — run this cell to use it."
    view.buttons["Next case"].click()
    assert view.state.case == "wrong K" and view.case_menu.value == "wrong K"
    assert view.status.value == view.state.status
    view.method_menu.value = "reversed"
    assert view.state.method == "reversed" and "reversed" in view.status.value
    view.buttons["Next method"].click()
    assert view.method_menu.value == "truth" == view.state.method
    plt.close("all")
