"""Private: what makes the package fast, proven equal to the reference layer by tests.

One entry point per job; nothing here decides a result on its own (ties, empty
clusters, the tolerance and the stopping rule come from ``kmeans_lab.lloyd``).

- :func:`prepare` lays the data out once for the engine in use;
- :func:`run_lloyd` runs Lloyd's algorithm on it, :func:`run_elkan` Elkan's;
- :func:`plusplus_indices` draws k-means++ centres on it;
- :func:`nearest_centroids` labels samples by their nearest centre;
- :func:`minibatch_step` runs one step of mini-batch K-Means;
- :func:`fcm_pass` and :func:`run_fcm` run fuzzy c-means.

Two engines give the same results: the compiled one (``numba_engine``), used
whenever numba can be imported (``pip install "kmeans-lab[fast]"``), and the
NumPy one (``prepared``, ``lloyd``, ``plusplus``) otherwise.
``KMEANS_LAB_ENGINE=numpy`` in the environment (read at every call) makes the
package use the NumPy engine even where numba is installed. numba is imported
only when the compiled engine is first used, not with the package.
"""

import os

from ..elkan import run_elkan as _reference_elkan
from ..minibatch import minibatch_step as _reference_minibatch_step
from . import lloyd as _numpy_lloyd
from . import plusplus as _numpy_plusplus
from .prepared import PreparedData

__all__ = [
    "PreparedData",
    "engine_name",
    "fcm_pass",
    "minibatch_step",
    "nearest_centroids",
    "plusplus_indices",
    "prepare",
    "run_elkan",
    "run_fcm",
    "run_lloyd",
]

#: The environment variable that chooses the engine: "numpy" or "numba" (the default when installed).
ENGINE_VARIABLE = "KMEANS_LAB_ENGINE"

_numba_engine = None
_numba_missing = None


def _compiled():
    """The numba engine module, or None when numba cannot be imported."""
    global _numba_engine, _numba_missing
    if _numba_engine is None and _numba_missing is None:
        try:
            from . import numba_engine
        except ImportError as error:  # not installed, or unusable (built for another NumPy, say)
            _numba_missing = f"numba cannot be imported ({error})"
        except RuntimeError as error:  # numba found no writable cache directory (see numba_kernels)
            _numba_missing = f"the compiled engine cannot be loaded ({error})"
        else:
            _numba_engine = numba_engine
    return _numba_engine


def engine_name():
    """The engine the next call will use: ``"numba"`` or ``"numpy"``.

    Raises
    ------
    ValueError
        If ``KMEANS_LAB_ENGINE`` is set to something else than "numpy" or "numba".
    ImportError
        If ``KMEANS_LAB_ENGINE=numba`` but numba cannot be imported.
    """
    wanted = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
    if wanted not in ("", "numpy", "numba"):
        raise ValueError(f"{ENGINE_VARIABLE} must be 'numpy' or 'numba', not {wanted!r}")
    if wanted == "numpy":
        return "numpy"
    if _compiled() is None:
        if wanted == "numba":
            raise ImportError(f"{ENGINE_VARIABLE}=numba, but {_numba_missing}.")
        return "numpy"
    return "numba"


def prepare(X, sample_weight=None, origin=None):
    """X (validated, float) laid out for the engine in use, centred on ``origin`` (default: its mean)."""
    if engine_name() == "numba":
        return _numba_engine.prepare(X, sample_weight, origin)
    return PreparedData(X, sample_weight, mean=origin)


def run_lloyd(data, centroids, max_iter, tol):
    """Lloyd's algorithm on ``prepare``'s data; see ``_engine.lloyd.run_lloyd``."""
    if isinstance(data, PreparedData):
        return _numpy_lloyd.run_lloyd(data, centroids, max_iter, tol)
    return _numba_engine.run_lloyd(data, centroids, max_iter, tol)


def run_elkan(data, centroids, max_iter, tol):
    """Elkan's algorithm on ``prepare``'s data; returns what ``kmeans_lab.elkan.run_elkan`` returns.

    The NumPy engine runs the reference itself; the compiled one, ``numba_elkan``.
    """
    if isinstance(data, PreparedData):
        return _reference_elkan(data.centred, centroids, max_iter, tol, data.sample_weight)
    from . import numba_elkan

    return numba_elkan.run_elkan(data, centroids, max_iter, tol)


def plusplus_indices(data, n_clusters, rng, n_local_trials=None):
    """k-means++ on ``prepare``'s data; returns the chosen row indices, shape (n_clusters,)."""
    if isinstance(data, PreparedData):
        return _numpy_plusplus.plusplus_indices(data, n_clusters, rng, n_local_trials)
    return _numba_engine.plusplus_indices(data, n_clusters, rng, n_local_trials)


def nearest_centroids(X, centroids):
    """Index of each sample's nearest centroid, shape (n_samples,), with no (n_samples, n_clusters) table."""
    if engine_name() == "numba":
        return _numba_engine.nearest_centroids(X, centroids)
    data = PreparedData(X)
    return data.nearest(data.centre(centroids), with_distances=False)[0]


def minibatch_step(X_batch, centres, counts, sample_weight=None):
    """One mini-batch step; parameters and returns as ``kmeans_lab.minibatch.minibatch_step``.

    The NumPy engine runs the reference itself; the compiled one, ``numba_minibatch``.
    """
    if engine_name() == "numba":
        from . import numba_minibatch

        return numba_minibatch.minibatch_step(X_batch, centres, counts, sample_weight)
    return _reference_minibatch_step(X_batch, centres, counts, sample_weight)


def fcm_pass(Xc, centers, m, membership_out, previous=None, want_sums=True):
    """One fuzzy c-means pass; parameters and returns as ``kmeans_lab.fuzzy.iteration.fcm_pass``."""
    if engine_name() == "numba":
        from .numba_fuzzy import fcm_pass as compiled_pass

        return compiled_pass(Xc, centers, m, membership_out, previous, want_sums)
    from ..fuzzy.iteration import fcm_pass as reference_pass

    return reference_pass(Xc, centers, m, membership_out, previous, want_sums)


def run_fcm(Xc, origin, centers, m, max_iter, tol):
    """Fuzzy c-means iterations; parameters and returns as ``kmeans_lab.fuzzy.iteration.run_fcm``."""
    if engine_name() == "numba":
        from .numba_fuzzy import run_fcm as compiled_run

        return compiled_run(Xc, origin, centers, m, max_iter, tol)
    from ..fuzzy.iteration import run_fcm as reference_run

    return reference_run(Xc, origin, centers, m, max_iter, tol)
