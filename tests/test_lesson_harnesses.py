"""The measuring harnesses the lessons call: seeded starts and restarts (04), timing (03, 07),
the three criteria for K (06) and the formatting of tiny gaps (08), checked against scikit-learn,
SciPy, kneed and exact enumeration."""

import itertools
import time
import warnings

import numpy as np
import pytest
from kneed import KneeLocator
from scipy.spatial.distance import cdist
from sklearn.cluster import KMeans as SklearnKMeans
from sklearn.metrics import silhouette_score as sk_silhouette_score

import kmeans_lab as kl
from kmeans_lab.formatting import format_gap
from kmeans_lab.seeding_experiments import best_of_r_success, run_from_seeds, summary_table
from kmeans_lab.timing import best_seconds

CENTRES = np.array([[0.0, 0.0], [10.0, 0.0], [5.0, 8.0], [15.0, 9.0]])


@pytest.fixture(scope="module")
def blobs():
    return kl.datasets.make_blobs(300, CENTRES, cluster_std=1.0, random_state=0)[0]


# --- lesson 04: run_from_seeds, summary_table, best_of_r_success -------------------------------------

def test_run_from_seeds_matches_scikit_learn_from_the_same_starts(blobs):
    def make_start(rng):
        return kl.random_init(blobs, 4, rng)

    result = run_from_seeds(blobs, make_start, CENTRES, n_seeds=6)
    assert set(result) == {"phi", "J", "n_iter", "CI"} and all(v.shape == (6,) for v in result.values())
    for seed in range(6):
        start = make_start(np.random.default_rng(seed))
        phi = cdist(blobs, start, "sqeuclidean").min(axis=1).sum()
        np.testing.assert_allclose(result["phi"][seed], phi)
        theirs = SklearnKMeans(4, init=start, n_init=1, algorithm="lloyd").fit(blobs)
        np.testing.assert_allclose(result["J"][seed], theirs.inertia_, rtol=1e-9)
        assert result["CI"][seed] == kl.metrics.centroid_index(theirs.cluster_centers_, CENTRES)
    assert np.all(result["J"] <= result["phi"])


def test_run_from_seeds_names_bad_arguments(blobs):
    with pytest.raises(TypeError, match="make_start"):
        run_from_seeds(blobs, "random", CENTRES)
    with pytest.raises(ValueError, match="n_seeds"):
        run_from_seeds(blobs, lambda g: blobs[:4], CENTRES, n_seeds=0)


def test_summary_table_has_one_line_per_method():
    result = {"phi": np.array([4.0, 2.0]), "J": np.array([1.0, 3.0]), "n_iter": np.array([2, 4]),
              "CI": np.array([0, 1])}  # fmt: skip
    lines = summary_table({"random": result, "k-means++": result}).splitlines()
    assert len(lines) == 3 and lines[0].split()[0] == "method"
    assert lines[1].split() == ["random", "3.00", "2.000", "3.0", "0.50", "50%"]
    with pytest.raises(ValueError, match="run_from_seeds"):
        summary_table({"bad": {"J": result["J"]}})


def exact_best_of_r(J, ci, r):
    """The exact share of r-subsets whose lowest-J run has CI = 0, by enumerating every subset."""
    subsets = list(itertools.combinations(range(len(J)), r))
    return np.mean([ci[min(s, key=lambda i: J[i])] == 0 for s in subsets])


@pytest.mark.parametrize("r", [1, 2, 3, 5, 8])
def test_best_of_r_success_estimates_the_exact_share(r):
    J = np.array([5.0, 1.0, 4.0, 2.0, 8.0, 3.0, 7.0, 6.0])
    ci = np.array([0, 1, 0, 0, 2, 1, 0, 1])
    estimate = best_of_r_success({"J": J, "CI": ci}, r, n_draws=20_000, seed=1)
    assert abs(estimate - exact_best_of_r(J, ci, r)) < 0.015
    with pytest.raises(ValueError, match="r should be an integer from 1 to the number of runs"):
        best_of_r_success({"J": J, "CI": ci}, 9)


# --- lessons 03 and 07: best_seconds -------------------------------------------------------------------

def test_best_seconds_times_the_call_and_passes_arguments():
    calls = []

    def nap(seconds, note=None):
        calls.append(note)
        time.sleep(seconds)

    measured = best_seconds(nap, 0.02, note="x", repeats=2, warm_up=False)
    assert calls == ["x", "x"] and 0.02 <= measured < 0.5
    best_seconds(nap, 0.0, repeats=3)
    assert len(calls) == 2 + 4  # one untimed call first


def test_best_seconds_names_bad_arguments():
    with pytest.raises(TypeError, match="run"):
        best_seconds(3)
    with pytest.raises(ValueError, match="repeats"):
        best_seconds(print, repeats=0)


# --- lesson 06: compare_criteria -----------------------------------------------------------------------

def test_compare_criteria_agrees_with_scikit_learn_and_kneed(blobs):
    choice = kl.compare_criteria(blobs, k_max=7, random_state=0)
    elbow, silhouette, gap = choice
    assert (elbow, silhouette, gap) == (choice.elbow, choice.silhouette, choice.gap)
    fits = {k: SklearnKMeans(k, n_init=5, random_state=0).fit(blobs) for k in range(1, 8)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        knee = KneeLocator(list(fits), [f.inertia_ for f in fits.values()], curve="convex",
                           direction="decreasing").knee  # fmt: skip
    scores = {k: sk_silhouette_score(blobs, fits[k].labels_) for k in range(2, 8)}
    assert elbow == knee == 4
    assert silhouette == max(scores, key=scores.get) == 4
    assert gap == kl.gap_statistic(blobs, range(1, 7), n_refs=10, n_init=3, random_state=0).k


def test_compare_criteria_names_k_max(blobs):
    with pytest.raises(ValueError, match="k_max"):
        kl.compare_criteria(blobs, k_max=2)


# --- lesson 08: format_gap -----------------------------------------------------------------------------

def test_format_gap():
    assert format_gap(0.004213) == "4.2e-03"
    assert format_gap(3e-13) == "< 1e-9"
    assert format_gap(1e-9) == "1.0e-09"
    assert format_gap(0.0, floor=1e-6) == "< 1e-6"
    with pytest.raises(ValueError, match="value"):
        format_gap(-1.0)
    with pytest.raises(ValueError, match="floor"):
        format_gap(1.0, floor=0)
