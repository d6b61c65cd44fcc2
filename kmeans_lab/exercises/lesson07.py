"""Checks for the exercises of lesson 07 (k-medoids).

The expected values are worked out by hand (swap on the seed example) or
fixed here and confirmed by brute force in the tests (the word clusters).
"""

import numbers

import numpy as np

from ._checks import Exercise, checks_exercise, passed, require
from ._prediction import Prediction

__all__ = ["check_medoid_index", "check_swap_change", "check_word_medoids"]

def _line_case(values):
    """The ``|x − y|`` matrix of points on a line, and the index of its medoid (unique here)."""
    values = np.asarray(values, dtype=float)
    D = np.abs(values[:, None] - values[None, :])
    return D, int(np.argmin(D.sum(axis=1)))


# Dissimilarity matrices on which a right medoid_index(D) is easy to tell from typical mistakes, with the
# medoid at a different index in each (so no constant answer passes). On the points 0, 1, 2, 3, 10 the sum
# of |x − m| is smallest at 2 and the sum of (x − m)² at 3; the orders below move both around.
_CASES = (
    _line_case([0, 1, 2, 3, 10]),
    _line_case([3, 10, 0, 2, 1]),
    _line_case([2, 0, 10, 1, 3]),
    _line_case([10, 2, 0, 3, 1]),
    _line_case([1, 3, 10, 0, 2]),
    (np.array([[0, 4, 1, 5], [4, 0, 3, 2], [1, 3, 0, 4], [5, 2, 4, 0]], dtype=float), 2),
    (np.array([[0, 2, 6, 5], [2, 0, 3, 3], [6, 3, 0, 4], [5, 3, 4, 0]], dtype=float), 1),
)


@checks_exercise(1)
def check_medoid_index(medoid_index):
    """Exercise 1: a function ``medoid_index(D)`` returning the index of the medoid of D.

    It is tried on seven dissimilarity matrices whose medoids sit at different
    indices.
    """
    require(callable(medoid_index), "give the function itself (medoid_index, without parentheses).")
    for D, expected in _CASES:
        try:
            got = medoid_index(D.copy())
        except Exception as exc:  # noqa: BLE001  the learner's code may raise anything; shown as a hint
            raise AssertionError(f"your function raised {type(exc).__name__}: {exc}") from None
        require(
            isinstance(got, numbers.Integral) or (isinstance(got, np.ndarray) and got.ndim == 0),
            f"return one index (an int), got {type(got).__name__}: {got!r}.",
        )
        got = int(got)
        require(
            got != int(np.argmax(D.sum(axis=1))) or got == expected,
            "that is the sample with the LARGEST total dissimilarity: use argmin, not argmax.",
        )
        require(
            got != int(np.argmin((D**2).sum(axis=1))) or got == expected,
            "that minimises the sum of SQUARED dissimilarities (a mean-like centre). "
            "The medoid minimises the plain sum Σ_i D[i, m].",
        )
        require(got == expected, f"for this D the medoid is sample {expected}, you gave {got}:\n{D}")
    passed("medoid_index returns the sample with the smallest total dissimilarity.")


# Seed example, Manhattan distance, medoids A and D: loss 4. Swap A -> B: A->B 1, C->B 2, E, F -> D 1 each.
_SWAP_LOSS_BEFORE = 4.0
_SWAP_LOSS_AFTER = 5.0


@checks_exercise(2)
def check_swap_change(answer):
    """Exercise 2: ``swap_change``, the change of the loss when medoid A is swapped for B (Manhattan)."""
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise AssertionError(f"give one number, the change of the loss, got {answer!r}.") from None
    change = _SWAP_LOSS_AFTER - _SWAP_LOSS_BEFORE
    require(
        not np.isclose(value, _SWAP_LOSS_AFTER),
        "that is the loss after the swap; the question asks for the change (after minus before).",
    )
    require(
        not np.isclose(value, -change),
        "right size, wrong sign: the swap makes the loss larger, so the change is positive.",
    )
    require(
        not np.isclose(value, 2.0),
        "count every point of the cluster again: after the swap A itself is no longer a medoid, "
        "so it pays its distance to its nearest medoid too.",
    )
    require(
        np.isclose(value, change),
        "not quite: list each point's medoid and distance before and after the swap.",
    )
    passed(
        f"the loss goes from {_SWAP_LOSS_BEFORE:g} to {_SWAP_LOSS_AFTER:g}: a change of +{change:g}, "
        "so PAM would not make this swap."
    )


#: The words of exercise 3, clustered by edit distance.
WORDS = ("mean", "means", "meant", "median", "medians", "medoid", "medoids", "mode", "modes", "model",
         "cluster", "clusters", "clustered", "luster", "blister")  # fmt: skip
#: Smallest loss of three medoids among WORDS (brute force over all 455 triples; see the tests).
_WORDS_BEST_LOSS = 23.0


def _word_loss(medoid_words):
    from ..medoids import edit_distances

    D = edit_distances(WORDS)
    columns = [WORDS.index(w) for w in medoid_words]
    return float(D[:, columns].min(axis=1).sum())


@checks_exercise(3)
def check_word_medoids(answer):
    """Exercise 3: ``word_medoids``, the medoids of a best 3-medoid clustering of WORDS by edit distance."""
    try:
        words = list(answer)
    except TypeError:
        raise AssertionError("give a list of three words.") from None
    require(
        not all(isinstance(w, (numbers.Integral, np.integer)) for w in words),
        "these look like indices: give the words themselves, e.g. [WORDS[i] for i in km.medoid_indices_].",
    )
    require(all(isinstance(w, str) for w in words), "give the medoids as words (strings).")
    require(len(words) == 3, f"give three medoid words, one per cluster, got {len(words)}.")
    require(len(set(words)) == 3, "the three medoids must be different words.")
    unknown = [w for w in words if w not in WORDS]
    require(not unknown, f"a medoid is one of the words themselves; {unknown} are not in WORDS.")
    loss = _word_loss(words)
    require(
        loss <= _WORDS_BEST_LOSS,
        f"these medoids give a loss of {loss:g}, but {_WORDS_BEST_LOSS:g} is possible. Did you use "
        "method='alternate' or a random start? PAM from BUILD finds the best here.",
    )
    passed(f"{sorted(words)} give the smallest loss, {loss:g} edits in total (several triples tie).")


#: "Predict before you run": K-Means with K = 3 on three blobs plus four far outliers.
PREDICTION = Prediction(
    "07", ("a", "b", "c"), "b",
    hint="K-Means pays the square of each distance. Estimate what the four outliers cost if they join a blob "
    "about 25 units away, and what it costs to give them a centre of their own and merge two blobs.",
    verdict="four points at distance 25 cost about 4 × 25² = 2500 in K-Means, more than merging two blobs.",
)


def check_prediction(prediction):
    """The "predict before you run" question of lesson 07: ``prediction``, one of "a", "b", "c"."""
    PREDICTION.check(prediction)


EXERCISES = (
    Exercise(
        1, check_medoid_index, "medoid_index", "a function `medoid_index(D)` returning an int",
        hint="Row i of D holds the dissimilarities of object i to all the others. Which object has the "
        "smallest total?",
        solution="def medoid_index(D):\n    return int(np.argmin(np.asarray(D).sum(axis=1)))",
    ),
    Exercise(
        2, check_swap_change, "swap_change", "a float",
        hint="List each point's nearest medoid and Manhattan distance with medoids {A, D}, then with "
        "{B, D}; subtract the totals (after minus before). kl.swap_costs confirms it.",
        solution="ex = kl.datasets.seed_example()\n"
        'costs_ex = kl.swap_costs(kl.pairwise_dissimilarities(ex.X, metric="manhattan"), [0, 3])\n'
        "swap_change = float(costs_ex[1, 0])  # candidate B (row 1) replacing medoid A (column 0)",
    ),
    Exercise(
        3, check_word_medoids, "word_medoids", "a list of 3 strings from `WORDS`",
        hint="kl.edit_distances(WORDS) gives the dissimilarity matrix; fit kl.KMedoids with "
        "metric='precomputed' and turn medoid_indices_ into words.",
        solution="WORDS = kl.exercises.lesson07.WORDS\n"
        'word_model = kl.KMedoids(3, metric="precomputed").fit(kl.edit_distances(WORDS))\n'
        "word_medoids = [WORDS[m] for m in word_model.medoid_indices_]",
    ),
)  # fmt: skip
