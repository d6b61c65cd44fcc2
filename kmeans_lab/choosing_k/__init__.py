"""Choosing K: the elbow (Kneedle), silhouette and gap statistic.

Four tools, one question — how many clusters?

* :func:`elbow_curve` fits K-Means for each K and returns the inertias
  J(K) (the WCSS), the curve whose "elbow" the classic heuristic looks for.
* :func:`find_elbow` (and :func:`kneedle`, which also returns the
  intermediate curves) locates that elbow automatically with the Kneedle
  algorithm of Satopaa et al. (2011), following the conventions of the
  ``kneed`` package's ``KneeLocator``.
* :func:`silhouette_samples` and :func:`silhouette_score` measure how well
  each sample sits in its cluster (Rousseeuw 1987), with scikit-learn's
  conventions; they live in :mod:`kmeans_lab.metrics` and are re-exported here.
* :func:`gap_statistic` compares log W_k with its expectation under a
  uniform reference distribution (Tibshirani, Walther & Hastie 2001); unlike
  the other two it can answer "K = 1".
* :func:`compare_criteria` asks Kneedle, the mean silhouette and the gap
  statistic for their K on the same data.
"""

from ..metrics import silhouette_samples, silhouette_score
from .compare import CriteriaChoice, compare_criteria
from .elbow import KneedleResult, NoElbowWarning, elbow_curve, find_elbow, kneedle
from .gap import GapStatistic, gap_statistic

__all__ = [
    "CriteriaChoice",
    "GapStatistic",
    "KneedleResult",
    "NoElbowWarning",
    "compare_criteria",
    "elbow_curve",
    "find_elbow",
    "gap_statistic",
    "kneedle",
    "silhouette_samples",
    "silhouette_score",
]
