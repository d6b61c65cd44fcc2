"""Fuzzy c-means (Bezdek): soft memberships instead of hard labels.

* :mod:`~kmeans_lab.fuzzy.functions`: the membership and centre steps
  (:func:`fuzzy_membership`, :func:`fuzzy_centers`), Bezdek's objective and
  the partition coefficient and entropy;
* :mod:`~kmeans_lab.fuzzy.estimator`: :class:`FuzzyCMeans`, which alternates
  the two steps until the memberships settle (the loop itself is in
  :mod:`~kmeans_lab.fuzzy.iteration`);
* :mod:`~kmeans_lab.fuzzy.mixture`: :func:`spherical_responsibilities`, the
  E-step of a Gaussian mixture, to compare with the fuzzy memberships.
"""

from .estimator import FuzzyCMeans
from .functions import (
    check_fuzzifier,  # noqa: F401  (kept reachable as kmeans_lab.fuzzy.check_fuzzifier)
    fuzzy_centers,
    fuzzy_membership,
    fuzzy_objective,
    partition_coefficient,
    partition_entropy,
)
from .mixture import spherical_responsibilities

__all__ = [
    "FuzzyCMeans",
    "fuzzy_centers",
    "fuzzy_membership",
    "fuzzy_objective",
    "partition_coefficient",
    "partition_entropy",
    "spherical_responsibilities",
]
