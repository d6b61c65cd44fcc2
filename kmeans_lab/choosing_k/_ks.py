"""Validation of ``ks``, the numbers of clusters tried when choosing K."""

import numbers

import numpy as np


def check_ks(ks, n_samples, *, increasing=False):
    """Validate a sequence of cluster counts; returns an int array."""
    if isinstance(ks, numbers.Integral) and not isinstance(ks, bool):
        raise TypeError(f"ks must be a sequence of cluster counts such as range(1, 11), got the int {ks}.")
    try:
        values = list(ks)
    except TypeError:
        raise TypeError(f"ks must be a sequence of cluster counts like range(1, 11), got {ks!r}.") from None
    if not values:
        raise ValueError("ks is empty; give at least one number of clusters, e.g. range(1, 11).")
    checked = []
    for k in values:
        if isinstance(k, (bool, np.bool_)) or not isinstance(k, numbers.Integral):
            raise TypeError(f"ks must hold integers >= 1, got {k!r} of type {type(k).__name__}.")
        if k < 1:
            raise ValueError(f"ks must hold integers >= 1, got {k}.")
        if k > n_samples:
            raise ValueError(f"ks holds {k} but X has n_samples={n_samples}; every K must be <= n_samples.")
        checked.append(int(k))
    checked = np.array(checked, dtype=np.intp)
    if increasing and (np.diff(checked) <= 0).any():
        raise ValueError(f"ks must be strictly increasing, got {checked.tolist()}.")
    return checked
