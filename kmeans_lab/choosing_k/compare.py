"""Three criteria side by side: the K chosen by Kneedle, by the mean silhouette and by the gap statistic.

Lesson 06 asks the three for their K on the same data (raw and standardised
penguins) and discusses where they disagree; this module is the loop that
asks them.
"""

from typing import NamedTuple

from .._validation import check_positive_int
from ..estimator import KMeans
from ..metrics import silhouette_score
from .elbow import find_elbow
from .gap import gap_statistic

__all__ = ["CriteriaChoice", "compare_criteria"]


class CriteriaChoice(NamedTuple):
    """The K each criterion chooses (a named tuple: ``elbow, silhouette, gap = choice``).

    Attributes
    ----------
    elbow : int or None
        Kneedle's knee of J(K), K = 1 .. k_max (None when the curve has no knee).
    silhouette : int
        The K in 2 .. k_max with the largest mean silhouette.
    gap : int
        The gap statistic's K by Tibshirani's one-standard-error rule, over K = 1 .. k_max - 1.
    """

    elbow: object
    silhouette: int
    gap: int


def compare_criteria(X, k_max=8, *, n_init=5, n_refs=10, gap_n_init=3, random_state=None):
    """Ask Kneedle, the mean silhouette and the gap statistic for their K.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    k_max : int, default=8
        The largest K tried (at least 3).
    n_init : int, default=5
        Restarts of each ``KMeans(k)`` fit behind the elbow curve and the silhouettes.
    n_refs : int, default=10
        Reference data sets of the gap statistic.
    gap_n_init : int, default=3
        Restarts of each fit inside the gap statistic.
    random_state : int or None, default=None
        Seed of every fit and of the gap statistic's reference data.

    Returns
    -------
    CriteriaChoice
        ``(elbow, silhouette, gap)``.
    """
    k_max = check_positive_int(k_max, "k_max", minimum=3)
    fits = {k: KMeans(k, n_init=n_init, random_state=random_state).fit(X) for k in range(1, k_max + 1)}
    elbow = find_elbow(list(fits), [fit.inertia_ for fit in fits.values()])
    silhouettes = {k: silhouette_score(X, fits[k].labels_) for k in range(2, k_max + 1)}
    gap = gap_statistic(X, range(1, k_max), n_refs=n_refs, n_init=gap_n_init, random_state=random_state)
    return CriteriaChoice(elbow, max(silhouettes, key=silhouettes.get), gap.k)
