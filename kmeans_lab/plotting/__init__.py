"""Figure plumbing for the lessons, kept out of the teaching code.

Every function draws on a given ``ax`` (or a new small figure), uses the
course's colours, and returns the axes so a lesson can add to it. Importing
this module imports matplotlib; ``import kmeans_lab`` alone does not.
"""

from ._style import CLUSTER_COLORS, cluster_color, new_axes, setup, small_multiples
from .clusters import plot_centroids, plot_clusters, plot_voronoi
from .curves import log_size_axis, plot_inertia_curve
from .history import plot_history

__all__ = [
    "CLUSTER_COLORS",
    "cluster_color",
    "log_size_axis",
    "new_axes",
    "plot_centroids",
    "plot_clusters",
    "plot_history",
    "plot_inertia_curve",
    "plot_voronoi",
    "setup",
    "small_multiples",
]

# Lesson-specific helpers live in modules of their own and are re-exported here.
from . import choosing_k as _c
from . import failures as _x
from . import fuzzy as _f
from . import images as _im
from . import initialisation as _i
from . import medoids as _m
from . import objective as _o
from . import worked_example as _w
from .choosing_k import *
from .failures import *
from .fuzzy import *
from .images import *
from .initialisation import *
from .medoids import *
from .objective import *
from .worked_example import *

for _module in (_o, _i, _c, _m, _f, _w, _x, _im):
    __all__ += list(_module.__all__)
del _module, _o, _i, _c, _m, _f, _w, _x, _im
