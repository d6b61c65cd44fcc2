"""The fuzzy c-means iterations: one pass over the data per membership update.

The data and the centres are moved once to the data's mean (so the product
form of the distances cancels little), and every chunk of rows gets its
squared distances from :func:`kmeans_lab.distances.squared_distances` with the
same origin, 0 in that frame. One pass computes the distances, the
memberships, the objective, the change of the memberships and the sums of the
next centres, without any (n_samples, n_clusters, n_features) temporary.
"""

import numpy as np

from ..distances import squared_distances

#: Elements of one (chunk, n_clusters) block of memberships: about 2 MB in float64.
_BLOCK_ELEMENTS = 2**18


def rows_per_chunk(n_clusters):
    """How many samples one pass handles at once for ``n_clusters`` centres."""
    return int(min(8192, max(256, _BLOCK_ELEMENTS // max(n_clusters, 1))))


def centred(X, origin):
    """``X − origin`` in X's dtype: the frame every pass works in."""
    return np.subtract(X, origin, dtype=X.dtype)


def _block_membership(sq_dist, m, out):
    """Memberships from squared distances, for one block of rows.

    Written as ``u_ij = r_ij / Σ_l r_il`` with ``r_ij = (d_i,min / d_ij)^{1/(m−1)}``
    in (0, 1], so nothing overflows however small the distances or however
    close m is to 1. A row with a zero distance gives membership 1 to that
    centre, split equally when several centres coincide with the sample.

    Returns
    -------
    objective : ndarray of shape (n_rows,)
        Each row's term Σ_j u_ijᵐ d_ij, which for these optimal memberships
        equals ``d_i,min · (Σ_l r_il)^{−(m−1)}``.
    """
    nearest = sq_dist.min(axis=1)
    on_centre = nearest == 0.0
    safe = np.where(on_centre, 1.0, nearest)
    # Rows on a centre divide by 0 here; they are overwritten below.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        np.divide(safe[:, None], sq_dist, out=out)
        exponent = 1.0 / (m - 1.0)
        if exponent != 1.0:
            np.power(out, exponent, out=out)
        totals = out.sum(axis=1)
        out /= totals[:, None]
        objective = nearest * totals ** (1.0 - m)
    if on_centre.any():
        hits = sq_dist[on_centre] == 0.0
        out[on_centre] = hits / hits.sum(axis=1, keepdims=True)
        objective[on_centre] = 0.0
    return objective


def _membership_power(u, m, out):
    if m == 2.0:
        return np.multiply(u, u, out=out)
    return np.power(u, m, out=out)


def fcm_pass(Xc, centers, m, membership_out, previous=None, want_sums=True):
    """One pass over the centred data ``Xc`` for the centred ``centers``.

    Computes the memberships (written to ``membership_out``), the objective
    J_m of these memberships and centres, ‖U − previous‖²_F when ``previous``
    is given, and the weighted sums Σ_i u_ijᵐ [x_i, 1] that give the next
    centres.

    Returns
    -------
    objective : float
    change : float or None
        Squared Frobenius norm of the change in the memberships.
    sums : ndarray of shape (n_clusters, n_features + 1) or None
        The last column holds Σ_i u_ijᵐ.
    """
    n_samples, n_features = Xc.shape
    n_clusters = centers.shape[0]
    origin = np.zeros(n_features)
    step = rows_per_chunk(n_clusters)
    powered = np.empty((min(step, n_samples), n_clusters), dtype=Xc.dtype) if want_sums else None
    ones = np.ones(min(step, n_samples), dtype=Xc.dtype)  # ones @ w is much faster than w.sum(axis=0)
    sums = np.zeros((n_clusters, n_features + 1), dtype=np.float64) if want_sums else None
    objective = 0.0
    change = 0.0 if previous is not None else None
    for start in range(0, n_samples, step):
        stop = min(start + step, n_samples)
        rows = Xc[start:stop]
        sq_dist = squared_distances(rows, centers, origin=origin)
        u = membership_out[start:stop]
        objective += float(_block_membership(sq_dist, m, u).sum(dtype=np.float64))
        if previous is not None:
            diff = np.subtract(u, previous[start:stop], out=sq_dist)
            change += float(np.einsum("ij,ij->", diff, diff))
        if want_sums:
            w = _membership_power(u, m, powered[: stop - start])
            sums[:, :-1] += w.T @ rows
            sums[:, -1] += ones[: stop - start] @ w
    return objective, change, sums


def _centers_from_sums(sums, previous_centers, origin):
    """Weighted means, back in the caller's frame.

    A cluster whose memberships all underflowed keeps its centre.
    """
    totals = sums[:, -1]
    centers = np.array(previous_centers, dtype=np.float64, copy=True)
    alive = totals > 0
    centers[alive] = sums[alive, :-1] / totals[alive, None] + origin
    return centers.astype(previous_centers.dtype, copy=False)


def run_fcm(Xc, origin, centers, m, max_iter, tol, pass_=None):
    """Fuzzy c-means iterations on data centred at ``origin``, from initial centres.

    Iteration t computes the memberships U_t for the current centres, stops if
    ‖U_t − U_{t−1}‖_F < tol, and otherwise moves the centres to the
    u^m-weighted means. The centres stay in the caller's frame and are moved
    to ``origin`` for each pass, exactly as ``predict_proba`` moves them, so
    the returned centres and memberships are a consistent pair to the last
    bit (the memberships are those of the returned centres). ``pass_`` is
    :func:`fcm_pass` unless an engine gives its own, with the same signature.

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
        In the caller's frame (not centred), in Xc's dtype.
    membership : ndarray of shape (n_samples, n_clusters)
    objective : ndarray of shape (n_iter,)
    n_iter : int
    converged : bool
    """
    pass_ = fcm_pass if pass_ is None else pass_
    dtype = Xc.dtype
    membership = np.empty((Xc.shape[0], centers.shape[0]), dtype=dtype)
    previous = np.empty_like(membership)
    objective = []
    converged = False
    have_previous = False
    for iteration in range(max_iter):
        last = iteration == max_iter - 1
        j, change, sums = pass_(
            Xc,
            centred(centers, origin),
            m,
            membership,
            previous if have_previous else None,
            want_sums=not last,
        )
        objective.append(j)
        if have_previous and np.sqrt(change) < tol:
            converged = True
            break
        if last:
            break
        centers = _centers_from_sums(sums, centers, origin)
        membership, previous = previous, membership
        have_previous = True
    return centers, membership, np.array(objective), len(objective), converged
