"""Pearson's chi-square statistic with a simulated p-value: a randomised algorithm against its description.

Lesson 04 counts how often ``kl.kmeans_plusplus`` picks each (first, second)
pair of points and asks whether the counts fit the probabilities a
description claims. The reference distribution of the statistic is simulated
by drawing multinomial tables from the claimed probabilities, so no tables
of the chi-square distribution are needed.
"""

import numpy as np

__all__ = ["chi_square", "simulated_p_value"]


def chi_square(counts, probabilities):
    """Pearson's statistic over the cells with positive probability.

    Parameters
    ----------
    counts : array-like of int, shape (*probabilities.shape) or (n_tables, *probabilities.shape)
        One table of observed counts, or a stack of tables.
    probabilities : array-like of float
        The claimed probability of each cell (sums to 1). Cells of probability 0 are left out.

    Returns
    -------
    ndarray of shape (n_tables,)
        :math:`\\sum (O - E)^2 / E` for each table, with :math:`E = N p`.
    """
    probabilities = np.asarray(probabilities, dtype=float)
    mask = probabilities.ravel() > 0
    observed = np.asarray(counts, dtype=float).reshape(-1, probabilities.size)[:, mask]
    expected = observed.sum(axis=1, keepdims=True) * probabilities.ravel()[mask]
    return ((observed - expected) ** 2 / expected).sum(axis=1)


def simulated_p_value(counts, probabilities, n_sim=4000, seed=0):
    """Share of tables drawn from ``probabilities`` whose statistic is at least the observed one.

    Parameters
    ----------
    counts : array-like of int
        The observed table (same shape as ``probabilities``).
    probabilities : array-like of float
        The claimed probabilities of the cells.
    n_sim : int, default=4000
        Number of simulated tables; the smallest p-value that can be reported is ``1 / n_sim``.
    seed : int, default=0
        Seed of the simulation.

    Returns
    -------
    float
    """
    probabilities = np.asarray(probabilities, dtype=float)
    counts = np.asarray(counts)
    draws = np.random.default_rng(seed).multinomial(counts.sum(), probabilities.ravel(), size=n_sim)
    return float(np.mean(chi_square(draws, probabilities) >= chi_square(counts, probabilities)[0]))
