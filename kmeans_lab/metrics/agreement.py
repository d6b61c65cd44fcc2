"""How well two partitions of the same samples agree: the contingency table and the adjusted Rand index.

A clustering is judged against a known truth by counting **pairs** of samples.
A pair is *together* in a partition when both samples carry the same label.
The Rand index is the fraction of pairs on which two partitions agree
(together in both or apart in both); the adjusted Rand index (ARI) of Hubert
& Arabie (1985) subtracts what random labels with the same cluster sizes
would reach, so that 0 means "no better than chance" and 1 means "the same
partition, whatever the labels are called".

Both functions follow scikit-learn's ``sklearn.metrics.adjusted_rand_score``
and ``sklearn.metrics.cluster.contingency_matrix``: labels may be any values
(ints, floats, strings), only which samples share a label matters.
"""

import numpy as np

__all__ = ["adjusted_rand_score", "contingency_matrix"]


def _encode(labels, name):
    """Codes 0..n_labels-1 of a 1-D array of labels, in the sorted order of the distinct labels."""
    if labels is None:
        raise TypeError(f"{name} is None; pass a 1-D array of cluster labels.")
    if isinstance(labels, (str, bytes)):
        raise TypeError(f"{name} must be a 1-D array of cluster labels, got a string: {labels!r}.")
    array = np.asarray(labels)
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one label per sample), got an array of shape {array.shape}.")
    if array.dtype.kind in "fc" and not np.isfinite(array).all():
        raise ValueError(f"{name} contains NaN or infinite values.")
    try:
        _, codes = np.unique(array, return_inverse=True)
    except TypeError:
        raise TypeError(f"{name} must be all of one comparable type (all numbers or all strings).") from None
    return codes.reshape(-1)


def contingency_matrix(labels_true, labels_pred):
    """The table of counts ``n_ij``: how many samples have true class i and predicted cluster j.

    Parameters
    ----------
    labels_true : array-like of shape (n_samples,)
        Reference labels (the truth); any values that can be sorted.
    labels_pred : array-like of shape (n_samples,)
        The clustering's labels.

    Returns
    -------
    table : ndarray of int64, shape (n_classes, n_clusters)
        Rows follow the sorted distinct values of ``labels_true``, columns those of ``labels_pred``.

    Examples
    --------
    >>> contingency_matrix([0, 0, 1, 1], ["b", "a", "a", "a"]).tolist()
    [[1, 1], [2, 0]]
    """
    rows = _encode(labels_true, "labels_true")
    columns = _encode(labels_pred, "labels_pred")
    if rows.shape != columns.shape:
        raise ValueError(
            f"labels_true and labels_pred must have the same length, got {rows.shape[0]} and "
            f"{columns.shape[0]}."
        )
    n_rows = int(rows.max()) + 1 if rows.size else 0
    n_columns = int(columns.max()) + 1 if columns.size else 0
    table = np.zeros((n_rows, n_columns), dtype=np.int64)
    np.add.at(table, (rows, columns), 1)
    return table


def _pairs(counts):
    """Σ C(c, 2) over ``counts``, as an exact Python int."""
    counts = np.asarray(counts, dtype=np.int64)
    return int((counts * (counts - 1) // 2).sum())


def adjusted_rand_score(labels_true, labels_pred):
    """The adjusted Rand index of two partitions: 1 for the same partition, about 0 for chance.

    With the contingency table ``n_ij`` (:func:`contingency_matrix`), its row
    sums ``a_i`` and column sums ``b_j``, and ``C(m, 2) = m (m − 1) / 2``::

        index    = Σ_ij C(n_ij, 2)                     pairs together in both partitions
        expected = Σ_i C(a_i, 2) · Σ_j C(b_j, 2) / C(n, 2)
        maximum  = (Σ_i C(a_i, 2) + Σ_j C(b_j, 2)) / 2
        ARI      = (index − expected) / (maximum − expected)

    The sums are exact integers and the ratio is formed once, so the result
    is the correctly rounded value of the formula. When the denominator is 0
    (both partitions are one cluster, or both put every sample apart, or
    there are fewer than two samples) the partitions are identical and the
    ARI is 1.0, as in scikit-learn.

    Parameters
    ----------
    labels_true : array-like of shape (n_samples,)
        Reference labels (the truth). Any values that can be sorted: ints,
        floats, strings. A label such as -1 (DBSCAN's noise) is one more cluster.
    labels_pred : array-like of shape (n_samples,)
        The clustering to judge. Renaming its clusters does not change the score.

    Returns
    -------
    float
        At most 1.0; 0.0 is what random labels score on average; it can be negative.

    Examples
    --------
    >>> adjusted_rand_score([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    >>> round(adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]), 4)
    0.5714
    """
    table = contingency_matrix(labels_true, labels_pred)
    n = int(table.sum())
    pairs = n * (n - 1) // 2
    index = _pairs(table)
    rows, columns = _pairs(table.sum(axis=1)), _pairs(table.sum(axis=0))
    # Multiply numerator and denominator by 2 · C(n, 2) so that everything stays an integer.
    numerator = 2 * (index * pairs - rows * columns)
    denominator = pairs * (rows + columns) - 2 * rows * columns
    if denominator == 0:
        return 1.0
    return numerator / denominator
