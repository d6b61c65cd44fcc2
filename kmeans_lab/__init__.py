"""kmeans_lab — K-Means from first principles, fast and checked.

The core (objective, initialisation, Lloyd's algorithm, the ``KMeans``
estimator) needs only NumPy. The plotting, widget and symbolic helpers import
matplotlib, ipywidgets and SymPy when first used, as ``kmeans_lab.plotting``,
``kmeans_lab.widgets`` and ``kmeans_lab.symbolic``.
"""

import importlib

from ._base import NotFittedError
from ._validation import ConvergenceWarning
from .estimator import KMeans
from .init import kmeans_plusplus, random_init
from .lloyd import LloydResult, LloydStep, assign, lloyd, update_centroids
from .objective import squared_distances, wcss
from .choosing_k import *  # noqa: F401,F403
from .medoids import *  # noqa: F401,F403
from .fuzzy import *  # noqa: F401,F403
from . import choosing_k as _choosing_k, medoids as _medoids, fuzzy as _fuzzy

__version__ = "0.1.0"

__all__ = [
    "ConvergenceWarning",
    "KMeans",
    "LloydResult",
    "LloydStep",
    "NotFittedError",
    "assign",
    "kmeans_plusplus",
    "lloyd",
    "random_init",
    "squared_distances",
    "update_centroids",
    "wcss",
]

__all__ += _choosing_k.__all__ + _medoids.__all__ + _fuzzy.__all__

_LAZY_SUBMODULES = {"plotting", "widgets", "symbolic", "symbolic_fuzzy", "datasets", "exercises", "metrics", "dask"}


def __getattr__(name):
    if name in _LAZY_SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _LAZY_SUBMODULES)
