"""The MiniBatchKMeans estimator: scikit-learn's loop around :func:`kmeans_lab.minibatch.minibatch_step`.

``fit`` draws batches from X and runs the step (on the engine, which tests
prove equal to it) until ``max_iter`` passes over the data, or until early
stopping; ``partial_fit`` runs one step on the batch it is given. A fitted
model holds plain arrays, as ``KMeans`` does.
"""

import numbers
import warnings

import numpy as np

from . import _engine
from ._base import BaseEstimator, _feature_names
from ._engine.threads import single_threaded_blas
from ._validation import (
    centres_from_callable,
    check_centroids,
    check_data,
    check_init,
    check_n_clusters,
    check_non_negative_float,
    check_positive_int,
    check_random_state,
    check_sample_weight,
)
from .distances import squared_distances
from .init import plusplus_indices, random_indices
from .init_parallel import parallel_indices
from .lloyd import absolute_tolerance
from .minibatch import reassign_starved_centres
from .objective import within_cluster_sum

__all__ = ["MiniBatchKMeans"]

_INIT_NAMES = ("k-means++", "random", "k-means||")


class MiniBatchKMeans(BaseEstimator):
    """K-Means on random mini-batches (Sculley 2010), as scikit-learn's ``MiniBatchKMeans``.

    Each step draws ``batch_size`` samples (with replacement, in proportion
    to ``sample_weight``), assigns them to the nearest centres and moves
    every centre towards the mean of the samples it received, with the
    learning rate (weight received now) / (weight received so far): see
    :mod:`kmeans_lab.minibatch`.

    Parameters
    ----------
    n_clusters : int, default=8
    init : {'k-means++', 'random', 'k-means||'}, callable or array-like of shape \
(n_clusters, n_features), default='k-means++'
        As for :class:`kmeans_lab.KMeans`; computed on ``init_size`` samples
        drawn at random.
    max_iter : int, default=100
        Most passes over the data: the run takes at most
        ``max_iter * n_samples // batch_size`` steps.
    batch_size : int, default=1024
        Samples per step (at most n_samples).
    tol : float, default=0.0
        Stop when the squared centre change of a step, summed over the
        centres, is at most ``tol * mean(var(X, axis=0))``. 0 turns this off.
    max_no_improvement : int or None, default=10
        Stop after this many steps without a new lowest exponentially
        weighted average (EWA) of the batch inertia per sample; the EWA's
        weight for a new batch is ``min(1, 2 * batch_size / (n_samples + 1))``.
        None turns this off.
    init_size : int, optional
        Samples drawn (with replacement) to choose the initial centres on;
        by default ``3 * batch_size``, at least ``3 * n_clusters``, at most
        n_samples.
    n_init : 'auto' or int, default='auto'
        Initialisations tried; the one with the lowest inertia on another
        ``init_size`` random samples is kept. 'auto' means 3 for 'random' or
        a callable, 1 otherwise.
    reassignment_ratio : float, default=0.01
        A centre is "starved" when the weight it has received is below
        ``reassignment_ratio`` times the largest received by any centre.
        After a step in which ``10 * n_clusters`` samples have been seen since
        the last check (and after any step while a centre has received
        nothing), starved centres move to samples of the batch drawn at
        random (at most half a batch of them) and their count becomes the
        smallest count of the others. Higher values revive centres more
        often, at the cost of a noisier, slower convergence; 0 turns it off.
    random_state : None, int or numpy.random.Generator, default=None

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
    labels_ : ndarray of shape (n_samples,), dtype int32
        Nearest centre of each sample of the last ``fit`` or ``partial_fit`` batch.
    inertia_ : float
        Σ w·‖x − c‖² of that data to its nearest final centre.
    n_iter_ : int
        Passes over the data, ``ceil(n_steps_ * batch_size / n_samples)``.
    n_steps_ : int
        Mini-batch steps run (for ``partial_fit``: calls so far).
    n_features_in_ : int

    Examples
    --------
    >>> import kmeans_lab as kl
    >>> X, _ = kl.datasets.make_blobs(3000, centers=3, random_state=0)
    >>> mbk = kl.MiniBatchKMeans(n_clusters=3, batch_size=256, random_state=0).fit(X)
    >>> mbk.cluster_centers_.shape, mbk.labels_.shape
    ((3, 2), (3000,))
    """

    def __init__(
        self,
        n_clusters=8,
        *,
        init="k-means++",
        max_iter=100,
        batch_size=1024,
        tol=0.0,
        max_no_improvement=10,
        init_size=None,
        n_init="auto",
        reassignment_ratio=0.01,
        random_state=None,
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.tol = tol
        self.max_no_improvement = max_no_improvement
        self.init_size = init_size
        self.n_init = n_init
        self.reassignment_ratio = reassignment_ratio
        self.random_state = random_state

    def _validated_params(self, X):
        n_samples = X.shape[0]
        n_clusters = check_n_clusters(self.n_clusters, n_samples)
        init = check_init(self.init, _INIT_NAMES, X, n_clusters, allow_callable=True)
        if callable(init):
            init = self.init  # called on the init_size samples, not on the whole of X
        if isinstance(self.n_init, str) and self.n_init == "auto":
            n_init = 3 if callable(init) or (isinstance(init, str) and init == "random") else 1
        elif isinstance(self.n_init, numbers.Integral) and not isinstance(self.n_init, bool):
            n_init = check_positive_int(self.n_init, "n_init")
        else:
            raise TypeError(f"n_init must be 'auto' or an integer >= 1, got {self.n_init!r}.")
        if not isinstance(init, str) and not callable(init) and n_init != 1:
            warnings.warn(
                f"init is an array of centres, so n_init={n_init} runs would all be the same; running once.",
                RuntimeWarning,
                stacklevel=3,
            )
            n_init = 1
        max_iter = check_positive_int(self.max_iter, "max_iter")
        batch_size = min(check_positive_int(self.batch_size, "batch_size"), n_samples)
        tol = absolute_tolerance(X, check_non_negative_float(self.tol, "tol"))
        if self.max_no_improvement is None:
            max_no_improvement = None
        else:
            max_no_improvement = check_positive_int(self.max_no_improvement, "max_no_improvement")
        if self.init_size is None:
            init_size = 3 * batch_size if 3 * batch_size >= n_clusters else 3 * n_clusters
        else:
            init_size = check_positive_int(self.init_size, "init_size")
            if init_size < n_clusters:
                warnings.warn(
                    f"init_size={init_size} should be at least n_clusters={n_clusters}; "
                    f"using {min(3 * n_clusters, n_samples)} samples (3 * n_clusters, at most n_samples).",
                    RuntimeWarning,
                    stacklevel=3,
                )
                init_size = 3 * n_clusters
        init_size = min(init_size, n_samples)
        ratio = check_non_negative_float(self.reassignment_ratio, "reassignment_ratio")
        return {
            "n_clusters": n_clusters,
            "init": init,
            "n_init": n_init,
            "max_iter": max_iter,
            "batch_size": batch_size,
            "tol": tol,
            "max_no_improvement": max_no_improvement,
            "init_size": init_size,
            "reassignment_ratio": ratio,
        }

    def fit(self, X, y=None, sample_weight=None):
        """Compute the centres from mini-batches of X.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored
        sample_weight : array-like of shape (n_samples,), optional
            Batches are drawn with probability proportional to the weights
            (so a weight of 2 counts like a duplicated row).

        Returns
        -------
        self
        """
        X = check_data(X)
        p = self._validated_params(X)
        rng = check_random_state(self.random_state)
        weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
        n_samples = X.shape[0]
        batch_size, n_clusters = p["batch_size"], p["n_clusters"]

        validation = rng.integers(0, n_samples, p["init_size"])
        best, best_inertia = None, None
        for _ in range(p["n_init"]):
            centres = _initial_centres(X, p["init"], n_clusters, p["init_size"], rng, weights)
            inertia = _inertia(X[validation], centres, None if weights is None else weights[validation])
            if best is None or inertia < best_inertia:
                best, best_inertia = centres, inertia

        centres, counts = best, np.zeros(n_clusters, dtype=X.dtype)
        stopper = _EarlyStopping(n_samples, batch_size, p["tol"], p["max_no_improvement"])
        since_reassign = 0
        p_draw = None if weights is None else weights / weights.sum(dtype=np.float64)
        n_steps = max(p["max_iter"] * n_samples // batch_size, 1)
        step = 0
        with single_threaded_blas():
            for step in range(n_steps):
                if p_draw is None:
                    batch = X[rng.integers(0, n_samples, batch_size)]
                else:
                    batch = X[rng.choice(n_samples, batch_size, replace=True, p=p_draw)]
                # Decided on the counts before the step, as scikit-learn decides it.
                since_reassign, reassign = _time_to_reassign(since_reassign, batch_size, counts, n_clusters)
                # The batch was drawn in proportion to the weights: its samples count once each.
                new_centres, counts, _, batch_inertia = _engine.minibatch_step(batch, centres, counts)
                if reassign and p["reassignment_ratio"] > 0:
                    new_centres, counts, _ = reassign_starved_centres(
                        batch, new_centres, counts, p["reassignment_ratio"], rng
                    )
                change = float(((new_centres - centres) ** 2).sum()) if p["tol"] > 0 else 0.0
                centres = new_centres
                if stopper.should_stop(step, change, batch_inertia):
                    break

        self._fit_dtype = X.dtype
        self.cluster_centers_ = centres
        self.n_steps_ = step + 1
        self.n_iter_ = int(np.ceil((step + 1) * batch_size / n_samples))
        self.n_features_in_ = X.shape[1]
        self.labels_, self.inertia_ = _labels_inertia(X, centres, weights)
        self._counts = counts
        self._since_reassign = since_reassign
        self._batch_size = batch_size
        self._rng = rng
        return self

    def partial_fit(self, X, y=None, sample_weight=None):
        """Run one mini-batch step on X, choosing the initial centres on the first call.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            This batch; its samples count with their ``sample_weight``.
        y : ignored
        sample_weight : array-like of shape (n_samples,), optional

        Returns
        -------
        self
        """
        started = hasattr(self, "cluster_centers_")
        if started:
            X = self._check_new_data(X)
        else:
            names = _feature_names(X)  # recorded by the first call, as fit records them
            X = check_data(X)
        weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
        if not started:
            p = self._validated_params(X)
            self._rng = check_random_state(self.random_state)
            self.cluster_centers_ = _initial_centres(
                X, p["init"], p["n_clusters"], p["init_size"], self._rng, weights
            )
            self._counts = np.zeros(p["n_clusters"], dtype=X.dtype)
            self._since_reassign = 0
            self._batch_size = p["batch_size"]
            self._fit_dtype = X.dtype
            self.n_features_in_ = X.shape[1]
            self.n_steps_ = 0
            if names is not None:
                self.feature_names_in_ = names
        ratio = check_non_negative_float(self.reassignment_ratio, "reassignment_ratio")
        n_clusters = self.cluster_centers_.shape[0]
        with single_threaded_blas():
            self._since_reassign, reassign = _time_to_reassign(
                self._since_reassign, self._batch_size, self._counts, n_clusters
            )
            centres, counts, _, _ = _engine.minibatch_step(X, self.cluster_centers_, self._counts, weights)
            if reassign and ratio > 0:
                centres, counts, _ = reassign_starved_centres(X, centres, counts, ratio, self._rng)
        self.cluster_centers_, self._counts = centres, counts
        self.labels_, self.inertia_ = _labels_inertia(X, centres, weights)
        self.n_steps_ += 1
        return self

    def fit_predict(self, X, y=None, sample_weight=None):
        """Fit, then return ``labels_``."""
        return self.fit(X, sample_weight=sample_weight).labels_

    def predict(self, X):
        """Index of the nearest centre for each sample of X, shape (n_samples,), dtype int32."""
        X, centres = self._data_and_centres(X)
        return _labels(X, centres)

    def transform(self, X):
        """Euclidean distance from each sample to each centre, shape (n_samples, n_clusters)."""
        X, centres = self._data_and_centres(X)
        return np.sqrt(squared_distances(X, centres))

    def fit_transform(self, X, y=None, sample_weight=None):
        """Fit, then return the distances of X to the centres."""
        return self.fit(X, sample_weight=sample_weight).transform(X)

    def score(self, X, y=None, sample_weight=None):
        """Opposite of the inertia of X with the fitted centres (higher is better)."""
        X, centres = self._data_and_centres(X)
        weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
        return -_labels_inertia(X, centres, weights)[1]

    def _data_and_centres(self, X):
        self._check_fitted("cluster_centers_")
        X = self._check_new_data(X)
        centres = check_centroids(self.cluster_centers_, X.shape[1], X.dtype, name="cluster_centers_")
        return X, centres


class _EarlyStopping:
    """scikit-learn's two stopping rules for mini-batch K-Means, step by step.

    The first step is not judged (its inertia measures the initial centres).
    Then a step stops the run when the centres moved by at most ``tol``
    (squared, summed), or when the EWA of the batch inertia per sample has
    not reached a new minimum for ``max_no_improvement`` steps.
    """

    def __init__(self, n_samples, batch_size, tol, max_no_improvement):
        self.batch_size, self.tol, self.max_no_improvement = batch_size, tol, max_no_improvement
        self.alpha = min(batch_size * 2.0 / (n_samples + 1), 1.0)
        self.ewa = self.ewa_min = None
        self.no_improvement = 0

    def should_stop(self, step, centre_change, batch_inertia):
        if step == 0:
            return False
        batch_inertia /= self.batch_size
        self.ewa = (
            batch_inertia if self.ewa is None else self.ewa * (1 - self.alpha) + batch_inertia * self.alpha
        )
        if self.tol > 0.0 and centre_change <= self.tol:
            return True
        if self.ewa_min is None or self.ewa < self.ewa_min:
            self.no_improvement, self.ewa_min = 0, self.ewa
        else:
            self.no_improvement += 1
        return self.max_no_improvement is not None and self.no_improvement >= self.max_no_improvement


def _time_to_reassign(since_reassign, batch_size, counts, n_clusters):
    """``(new since_reassign, whether to reassign after this step)``: every 10 · n_clusters samples.

    Always while a centre has received nothing (``counts`` are those before
    the step), so the first step always looks for starved centres.
    """
    since_reassign += batch_size
    if (counts == 0).any() or since_reassign >= 10 * n_clusters:
        return 0, True
    return since_reassign, False


def _initial_centres(X, init, n_clusters, init_size, rng, sample_weight):
    """Initial centres chosen on ``init_size`` samples of X drawn with replacement (all of X if fewer)."""
    if isinstance(init, np.ndarray):
        return init.copy()
    if init_size < X.shape[0]:
        rows = rng.integers(0, X.shape[0], init_size)
        X = X[rows]
        sample_weight = None if sample_weight is None else sample_weight[rows]
    if callable(init):
        return centres_from_callable(init, X, n_clusters, rng)
    if init == "k-means++":
        return X[plusplus_indices(X, n_clusters, rng, sample_weight=sample_weight)]
    if init == "k-means||":
        return X[parallel_indices(X, n_clusters, rng, sample_weight=sample_weight)]
    return X[random_indices(n_clusters, rng, X.shape[0], sample_weight)]


def _labels(X, centres):
    return _engine.nearest_centroids(X, centres).astype(np.int32)


def _labels_inertia(X, centres, sample_weight):
    labels = _labels(X, centres)
    return labels, within_cluster_sum(X, centres, labels, sample_weight)


def _inertia(X, centres, sample_weight):
    return _labels_inertia(X, centres, sample_weight)[1]
