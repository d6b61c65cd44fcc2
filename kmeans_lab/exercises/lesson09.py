"""Checks for the exercises of lesson 09 (when K-Means fails, and what to use instead).

Exercise 1 is the lesson's "predict before you run" question: which cases
K-Means gets wrong. Its expected answer is fixed here and recomputed from the
cases in the tests. Exercise 2 runs K-Means on the transformed anisotropic
case and measures the adjusted Rand index against the truth.
"""

import numpy as np

from ._checks import Exercise, as_array, checks_exercise, passed, require

__all__ = ["check_kmeans_failures", "check_repair_matrix"]

#: The lesson's "predict before you run" question is exercise 1, asked before the table of results.
PREDICTION_EXERCISE = 1

#: The cases of kl.datasets.failure_cases(0), in order.
CASE_NAMES = ("blobs", "wrong K", "anisotropic", "unequal variances", "unequal sizes", "moons", "circles",
              "outliers")  # fmt: skip
#: K-Means "gets a case wrong" when its adjusted Rand index against the truth is below this.
FAIL_BELOW = 0.9
#: The cases where KMeans(K, n_init=10, random_state=0) scores below FAIL_BELOW (recomputed in the tests).
_KMEANS_FAILS = frozenset({"wrong K", "anisotropic", "unequal variances", "moons", "circles", "outliers"})


@checks_exercise(1)
def check_kmeans_failures(kmeans_fails):
    """Exercise 1: ``kmeans_fails``, the names of the cases on which K-Means scores an ARI below 0.9."""
    require(not isinstance(kmeans_fails, (str, bytes)),
            "give a set of case names, e.g. {\"blobs\", \"moons\"}, not a single string.")  # fmt: skip
    try:
        guess = set(kmeans_fails)
    except TypeError:
        raise AssertionError(f"give a set of case names, got {type(kmeans_fails).__name__}.") from None
    unknown = sorted(str(name) for name in guess - set(CASE_NAMES))
    require(not unknown, f"{unknown} are not cases; the names are {list(CASE_NAMES)}.")
    require(guess != set(CASE_NAMES),
            "all eight? One case is there because K-Means does well on it: which one is it?")  # fmt: skip
    wrong = len(guess ^ _KMEANS_FAILS)
    require(
        wrong == 0,
        f"{wrong} of your 8 verdicts differ from what the table will show. For each case ask: does the "
        "border halfway between two centres cut through a true cluster, and would another partition have "
        "a smaller J? Run the table to see.",
    )
    passed(
        "K-Means fails wherever a straight border halfway between centres cuts a true cluster, or K is "
        "wrong; very unequal sizes alone are no problem while the blobs are far apart."
    )


#: Exercise 2: K-Means on X @ repair_matrix must reach at least this ARI on the anisotropic case.
REPAIR_BAR = 0.95


def _anisotropic_case():
    from ..datasets import failure_cases

    return failure_cases(0)["anisotropic"]


def _kmeans_ari(X, y, n_clusters):
    from ..estimator import KMeans
    from ..metrics import adjusted_rand_score

    return adjusted_rand_score(y, KMeans(n_clusters, n_init=10, random_state=0).fit(X).labels_)


@checks_exercise(2)
def check_repair_matrix(repair_matrix):
    """Exercise 2: ``repair_matrix``, a 2 × 2 matrix A such that K-Means on ``X @ A`` reaches ARI ≥ 0.95."""
    A = as_array(repair_matrix, "repair_matrix")
    require(A.shape == (2, 2), f"repair_matrix has shape {A.shape}; give a 2 × 2 matrix A, used as X @ A.")
    require(np.isfinite(A).all(), "repair_matrix holds NaN or infinite values.")
    singular_values = np.linalg.svd(A, compute_uv=False)
    require(
        singular_values[-1] > 1e-8 * singular_values[0],
        "repair_matrix is singular: it flattens the plane onto a line (or a point). Look for an invertible "
        "map that makes each cluster round.",
    )
    case = _anisotropic_case()
    score = _kmeans_ari(case.X @ A, case.y, case.n_clusters)
    require(not np.allclose(A, A[0, 0] * np.eye(2)),
            f"a multiple of the identity changes nothing: K-Means still scores ARI {score:.2f}.")
    if np.allclose(A, np.diag(np.diag(A))):
        require(score >= REPAIR_BAR, f"scaling each axis on its own (ARI {score:.2f}) cannot undo a shear: "
                "the clusters are stretched along a slanted direction.")  # fmt: skip
    require(
        score >= REPAIR_BAR,
        f"K-Means on X @ repair_matrix scores ARI {score:.2f}, below {REPAIR_BAR}. Whitening by the "
        "covariance of ALL the data also counts the spread between clusters; the shape to undo is that of "
        "one cluster.",
    )
    passed(f"K-Means on the transformed data scores ARI {score:.3f}: round clusters again, straight borders "
           "that now fall between them.")  # fmt: skip


EXERCISES = (
    Exercise(
        1, check_kmeans_failures, "kmeans_fails", "a set of case names from `cases`",
        hint="Go through the eight small pictures. K-Means draws straight borders halfway between its K "
        "centres and minimises J; ask where such borders must cut a true cluster, and whether K itself is "
        "right.",
        solution='kmeans_fails = {"wrong K", "anisotropic", "unequal variances", "moons", "circles",\n'
        '                "outliers"}',
    ),
    Exercise(
        2, check_repair_matrix, "repair_matrix", "a NumPy array of shape (2, 2)",
        hint="kl.datasets.make_anisotropic documents how the round blobs were stretched; undo that map. "
        "Without it, estimate the covariance S of one cluster (a Gaussian mixture's covariances_, say) and "
        "use a matrix A with A.T @ S @ A equal to the identity.",
        solution="repair_matrix = np.linalg.inv(kl.datasets.SHEAR)",
    ),
)  # fmt: skip
