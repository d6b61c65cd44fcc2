"""kl.chisquare: Pearson's statistic by hand, and p-values that accept the truth and reject a wrong claim."""

import numpy as np

from kmeans_lab.chisquare import chi_square, simulated_p_value


def test_statistic_by_hand_and_zero_cells_left_out():
    # E = (50, 50, 0): (60-50)²/50 + (40-50)²/50 = 4; the cell of probability 0 is skipped.
    assert np.allclose(chi_square([60, 40, 0], [0.5, 0.5, 0.0]), [4.0])
    stack = np.array([[50, 50], [60, 40]])
    assert np.allclose(chi_square(stack, [0.5, 0.5]), [0.0, 4.0])


def test_p_value_accepts_the_truth_and_rejects_a_wrong_claim():
    p = np.array([0.1, 0.2, 0.3, 0.4])
    counts = np.random.default_rng(1).multinomial(5000, p)
    assert simulated_p_value(counts, p, n_sim=500) > 0.01
    assert simulated_p_value(counts, np.full(4, 0.25), n_sim=500) == 0.0
