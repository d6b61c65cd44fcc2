"""kmeans_lab — K-Means from first principles, fast and checked.

The core (objective, initialisation, Lloyd's algorithm, the ``KMeans``
estimator) needs only NumPy. The plotting, widget and symbolic helpers import
matplotlib, ipywidgets and SymPy when first used, as ``kmeans_lab.plotting``,
``kmeans_lab.widgets`` and ``kmeans_lab.symbolic``.
"""

import importlib

from . import choosing_k as _choosing_k
from . import fuzzy as _fuzzy
from . import medoids as _medoids
from ._base import NotFittedError
from ._validation import ConvergenceWarning
from .choosing_k import *
from .elkan import ElkanResult, elkan
from .estimator import KMeans
from .fuzzy import *
from .init import kmeans_plusplus, random_init
from .init_parallel import kmeans_parallel_init
from .lloyd import LloydResult, LloydStep, assign, lloyd, update_centroids
from .medoids import *
from .minibatch_estimator import MiniBatchKMeans
from .objective import squared_distances, wcss

__version__ = "0.1.0"

__all__ = [
    "ConvergenceWarning",
    "ElkanResult",
    "KMeans",
    "LloydResult",
    "LloydStep",
    "MiniBatchKMeans",
    "NotFittedError",
    "assign",
    "elkan",
    "kmeans_parallel_init",
    "kmeans_plusplus",
    "lloyd",
    "random_init",
    "squared_distances",
    "update_centroids",
    "wcss",
]

__all__ += _choosing_k.__all__ + _medoids.__all__ + _fuzzy.__all__

_LAZY_SUBMODULES = {
    "plotting", "widgets", "symbolic", "symbolic_fuzzy", "datasets", "exercises", "metrics", "dask",
    "quantisation",
}


def __getattr__(name):
    if name in _LAZY_SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _LAZY_SUBMODULES)
