"""Kernels of k-medoids on a validated dissimilarity matrix.

Every function here takes ``D``, a float64 array of shape (n_samples,
n_samples) that is symmetric, finite, non-negative and zero on the diagonal
(see ``kmeans_lab.medoids.check_dissimilarity_matrix``), and the positions of
the current medoids as an integer array. Nothing is validated here and ``D``
is never written to.

The swap search is vectorised over candidates: for a block of candidate
samples it computes, in a few whole-array operations, the change of the loss
for replacing each medoid by each candidate (``SwapSearch.deltas``). PAM takes the
best of all swaps; FasterPAM scans the candidates in order and performs the
first improving swap at once.
"""

from dataclasses import dataclass

import numpy as np

#: A swap must lower the loss by more than this fraction of the loss to count,
#: so that rounding noise on exact ties (duplicate points) never cycles.
_RELATIVE_IMPROVEMENT = 1e-12

#: Rows of D processed at once by PAM and BUILD (bounds the temporary memory).
_BLOCK_ROWS = 256


@dataclass(frozen=True)
class MedoidStep:
    """The state of a k-medoids run after one step.

    Attributes
    ----------
    medoids : ndarray of shape (n_medoids,)
        Sample indices of the medoids after the step (the position in this
        array is the cluster label).
    labels : ndarray of shape (n_samples,)
        Cluster of each sample after the step (nearest medoid).
    loss : float
        Sum of the dissimilarities of the samples to their medoid.
    removed : tuple of int
        Samples that stopped being medoids in this step.
    added : tuple of int
        Samples that became medoids in this step.
    """

    medoids: np.ndarray
    labels: np.ndarray
    loss: float
    removed: tuple
    added: tuple


class NearestMedoids:
    """Nearest and second-nearest medoid of every sample.

    Attributes
    ----------
    labels : ndarray of shape (n_samples,)
        Position (0..k-1) of the nearest medoid. A medoid always belongs to
        its own cluster, even when it has a duplicate that is also a medoid.
    nearest : ndarray of shape (n_samples,)
        Dissimilarity to the nearest medoid.
    second : ndarray of shape (n_samples,)
        Dissimilarity to the second-nearest medoid (inf when k = 1).
    total : float
        The loss, ``nearest.sum()``.
    """

    def __init__(self, D, medoids):
        n_samples, k = D.shape[0], len(medoids)
        rows = np.arange(n_samples)
        to_medoids = D[medoids].T.copy()  # rows of the symmetric D: contiguous reads
        to_medoids[medoids, np.arange(k)] = -1.0  # each medoid is its own nearest
        self.labels = to_medoids.argmin(axis=1)
        to_medoids[medoids, np.arange(k)] = 0.0
        self.nearest = to_medoids[rows, self.labels].copy()
        if k == 1:
            self.second = np.full(n_samples, np.inf)
        else:
            to_medoids[rows, self.labels] = np.inf
            self.second = to_medoids.min(axis=1)
        self.total = self.nearest.sum()

    @property
    def loss(self):
        return float(self.total)


def assign(D, medoids):
    """Labels (0..k-1) and loss of the samples for the given medoids."""
    state = NearestMedoids(D, np.asarray(medoids))
    return state.labels, state.loss


class SwapSearch:
    """Loss changes of swaps for blocks of candidates, and the swaps themselves.

    With d1, d2 the distances to the nearest and second-nearest medoid, a
    sample i ends at ``min(D_ic, d1_i)`` when its medoid stays and at
    ``min(D_ic, d2_i)`` when its medoid j is removed for candidate c. Hence

    .. math:: \\Delta(j, c) = \\sum_i \\bigl(\\min(D_{ic}, d1_i) - d1_i\\bigr)
              + \\sum_{i \\in C_j} \\bigl(\\min(D_{ic}, d2_i) - \\min(D_{ic}, d1_i)\\bigr)

    The first sum is shared by all j and the second is a sum within clusters,
    so the cost is O(n) per candidate for all k medoids at once: the O(k)
    improvement of Schubert & Rousseeuw (2021) over PAM's O(k n) per
    candidate. The sums within clusters are one ``np.bincount`` over
    (candidate, cluster) bins, not a matrix product: a threaded BLAS call is
    slow for such thin shapes on a busy machine. Buffers are reused, and the
    bin index is patched only where labels changed after a swap.

    Parameters
    ----------
    D : ndarray of shape (n_samples, n_samples)
    medoids : ndarray of int, shape (k,)
        Copied; ``self.medoids`` is the current state.
    max_rows : int
        Largest block of candidates evaluated at once.
    """

    def __init__(self, D, medoids, max_rows):
        self.D = D
        self.medoids = np.array(medoids, dtype=np.intp)
        n_samples, k = D.shape[0], self.medoids.size
        self.max_rows = min(max_rows, n_samples)
        self._stay = np.empty((self.max_rows, n_samples))
        self._leave = np.empty((self.max_rows, n_samples))
        self._row_bins = np.arange(self.max_rows)[:, None] * k
        self.state = NearestMedoids(D, self.medoids)
        self._bins = self._row_bins + self.state.labels

    def deltas(self, start, stop):
        """``deltas[c - start, j]``: loss after replacing medoid j by candidate c, minus the loss now.

        Candidates are the samples ``start:stop`` (at most ``max_rows``), read
        as rows of the symmetric D. Returns an array of shape (stop - start, k).
        """
        n_rows, k = stop - start, self.medoids.size
        block, state = self.D[start:stop], self.state
        stay = np.minimum(block, state.nearest, out=self._stay[:n_rows])
        shared = stay.sum(axis=1)
        shared -= state.total
        leave = np.minimum(block, state.second, out=self._leave[:n_rows])
        leave -= stay
        bins = self._bins[:n_rows].ravel()
        deltas = np.bincount(bins, weights=leave.ravel(), minlength=n_rows * k).reshape(n_rows, k)
        deltas += shared[:, None]
        return deltas

    def swap(self, position, candidate):
        """Replace medoid ``medoids[position]`` by ``candidate``; returns the removed sample."""
        removed = int(self.medoids[position])
        self.medoids[position] = candidate
        previous = self.state.labels
        self.state = NearestMedoids(self.D, self.medoids)
        changed = np.flatnonzero(self.state.labels != previous)
        self._bins[:, changed] = self._row_bins + self.state.labels[changed]
        return removed

    def step(self, removed, added):
        state = self.state
        return MedoidStep(self.medoids.copy(), state.labels.copy(), state.loss, (removed,), (int(added),))


def all_swap_deltas(D, medoids, block_rows=None):
    """Loss change of every swap: array of shape (n_samples, k); rows of medoids are +inf."""
    search = SwapSearch(D, medoids, block_rows or _BLOCK_ROWS)
    n_samples = D.shape[0]
    deltas = np.vstack([search.deltas(s, min(s + search.max_rows, n_samples))
                        for s in range(0, n_samples, search.max_rows)])  # fmt: skip
    deltas[search.medoids] = np.inf
    return deltas


def _improvement_threshold(loss):
    return -_RELATIVE_IMPROVEMENT * max(loss, np.finfo(np.float64).tiny)


def build_steps(D, n_clusters):
    """BUILD of Kaufman & Rousseeuw: add, one at a time, the medoid that lowers the loss most.

    Yields a MedoidStep after each medoid is added (``medoids`` has length
    1, 2, ..., n_clusters).
    """
    n_samples = D.shape[0]
    first = int(np.argmin(D.sum(axis=1)))
    medoids = [first]
    nearest = D[first].astype(np.float64)  # the row, by symmetry the distances to `first`
    yield _build_step(D, medoids, first)
    gains = np.empty(n_samples)
    for _ in range(1, n_clusters):
        for start in range(0, n_samples, _BLOCK_ROWS):
            block = nearest - D[start : start + _BLOCK_ROWS]
            np.maximum(block, 0.0, out=block)
            gains[start : start + _BLOCK_ROWS] = block.sum(axis=1)
        gains[medoids] = -1.0
        chosen = int(np.argmax(gains))
        medoids.append(chosen)
        np.minimum(nearest, D[chosen], out=nearest)
        yield _build_step(D, medoids, chosen)


def _build_step(D, medoids, added):
    medoids = np.array(medoids, dtype=np.intp)
    labels, loss = assign(D, medoids)
    return MedoidStep(medoids, labels, loss, (), (int(added),))


def build(D, n_clusters):
    """Medoid indices chosen by BUILD, shape (n_clusters,)."""
    step = None
    for step in build_steps(D, n_clusters):
        pass
    return step.medoids


def random_medoids(n_samples, n_clusters, rng):
    """``n_clusters`` distinct indices drawn uniformly."""
    return np.sort(rng.choice(n_samples, size=n_clusters, replace=False)).astype(np.intp)


def plusplus_medoids(D, n_clusters, rng):
    """k-medoids++: each next medoid drawn with probability proportional to D(x).

    The first medoid is uniform; each next one is drawn with probability
    proportional to the dissimilarity of a sample to its nearest medoid so
    far (the L1 analogue of k-means++'s D² sampling, matching the loss, which
    is a sum of plain dissimilarities).
    """
    n_samples = D.shape[0]
    medoids = [int(rng.integers(n_samples))]
    nearest = D[medoids[0]].astype(np.float64)
    for _ in range(1, n_clusters):
        total = nearest.sum()
        if total > 0:
            chosen = int(rng.choice(n_samples, p=nearest / total))
        else:  # every sample coincides with a medoid: take any other index
            chosen = int(rng.choice(np.setdiff1d(np.arange(n_samples), medoids)))
        if chosen in medoids:  # probability zero, but guard against rounding in p
            chosen = int(np.setdiff1d(np.arange(n_samples), medoids)[0])
        medoids.append(chosen)
        np.minimum(nearest, D[chosen], out=nearest)
    return np.array(medoids, dtype=np.intp)


def pam_swap_steps(D, medoids, max_iter):
    """SWAP of PAM: repeatedly perform the single best swap while it lowers the loss.

    Yields a MedoidStep after each swap; returns (StopIteration.value) the
    number of iterations, counting the last one that found no improving swap.
    """
    n_samples = D.shape[0]
    search = SwapSearch(D, medoids, _BLOCK_ROWS)
    k, rows = search.medoids.size, search.max_rows
    n_iter = 0
    while n_iter < max_iter:
        n_iter += 1
        best = (0.0, -1, -1)
        for start in range(0, n_samples, rows):
            deltas = search.deltas(start, min(start + rows, n_samples))
            medoids = search.medoids
            deltas[medoids[(medoids >= start) & (medoids < start + rows)] - start] = np.inf
            flat = int(np.argmin(deltas))  # row-major: first candidate, then first medoid, on ties
            if deltas.flat[flat] < best[0]:
                best = (deltas.flat[flat], start + flat // k, flat % k)
        delta, candidate, position = best
        if candidate < 0 or delta >= _improvement_threshold(search.state.total):
            break
        removed = search.swap(position, candidate)
        yield search.step(removed, candidate)
    return n_iter


def alternate_steps(D, medoids, max_iter):
    """The alternating (Voronoi-iteration) method, k-means style.

    Assign every sample to its nearest medoid, then move each medoid to the
    member of its cluster with the smallest total dissimilarity to the other
    members (keeping the current medoid on ties, up to rounding); repeat until no medoid
    moves. Yields a MedoidStep after each update; returns the number of
    iterations, counting the last one in which nothing moved.
    """
    medoids = np.array(medoids, dtype=np.intp)
    k = medoids.size
    labels, loss = assign(D, medoids)
    n_iter = 0
    while n_iter < max_iter:
        n_iter += 1
        updated = medoids.copy()
        order = np.argsort(labels, kind="stable")
        bounds = np.searchsorted(labels[order], np.arange(k + 1))
        for j in range(k):
            members = order[bounds[j] : bounds[j + 1]]
            totals = D[np.ix_(members, members)].sum(axis=0)
            best = int(np.argmin(totals))
            current = totals[np.flatnonzero(members == medoids[j])[0]]
            if totals[best] - current < _improvement_threshold(current):
                updated[j] = members[best]
        moved = np.flatnonzero(updated != medoids)
        if moved.size == 0:
            break
        removed = tuple(int(m) for m in medoids[moved])
        medoids = updated
        labels, loss = assign(D, medoids)
        yield MedoidStep(medoids.copy(), labels.copy(), loss, removed, tuple(int(m) for m in medoids[moved]))
    return n_iter


def fasterpam_steps(D, medoids, max_iter, *, first_block=16, max_block=128):
    """FasterPAM (Schubert & Rousseeuw 2021): eager swaps with the O(k) swap evaluation.

    The candidates are scanned cyclically in index order; the first one that
    has an improving swap (with its best medoid to remove) is swapped in at
    once. The run stops when every sample has been examined since the last
    swap, or after ``max_iter`` passes over the data.

    To stay vectorised, candidates are evaluated in blocks; within a block
    only the first improving candidate is used and the scan resumes just
    after it, so the swaps are exactly those of the one-candidate-at-a-time
    algorithm. Blocks start small after a swap (little wasted work when swaps
    are frequent, temporaries that stay in cache) and grow while none is found.

    Yields a MedoidStep after each swap; returns the number of passes over
    the data (started).
    """
    n_samples = D.shape[0]
    search = SwapSearch(D, medoids, max_block)
    is_medoid = np.zeros(n_samples, dtype=bool)
    is_medoid[search.medoids] = True
    position, since_swap, examined, block = 0, 0, 0, first_block
    budget = max_iter * n_samples
    while since_swap < n_samples and examined < budget:
        size = min(block, n_samples - since_swap, n_samples - position, budget - examined)
        deltas = search.deltas(position, position + size)
        best_position = deltas.argmin(axis=1)
        best = deltas[np.arange(size), best_position]
        best[is_medoid[position : position + size]] = np.inf
        improving = np.flatnonzero(best < _improvement_threshold(search.state.total))
        if improving.size == 0:
            used, block = size, min(2 * block, max_block)
            since_swap += size
        else:
            offset = int(improving[0])
            used, block = offset + 1, first_block
            candidate = position + offset
            removed = search.swap(int(best_position[offset]), candidate)
            is_medoid[removed], is_medoid[candidate] = False, True
            since_swap = 1
            yield search.step(removed, candidate)
        examined += used
        position = (position + used) % n_samples
    return -(-examined // n_samples)


def run(steps):
    """Exhaust a step generator: returns (history, n_iter)."""
    history = []
    while True:
        try:
            history.append(next(steps))
        except StopIteration as stop:
            return history, stop.value
