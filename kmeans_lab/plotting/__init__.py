"""Figure plumbing for the lessons, kept out of the teaching code.

Every function draws on a given ``ax`` (or a new small figure), uses the
course's colours, and returns the axes so a lesson can add to it. Importing
this module imports matplotlib; ``import kmeans_lab`` alone does not.
"""

from ._style import CLUSTER_COLORS, cluster_color, new_axes, setup, small_multiples
from .clusters import plot_centroids, plot_clusters, plot_voronoi
from .curves import plot_inertia_curve
from .history import plot_history

__all__ = [
    "CLUSTER_COLORS",
    "cluster_color",
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
from .objective import *  # noqa: E402,F401,F403
from .initialisation import *  # noqa: E402,F401,F403
from .choosing_k import *  # noqa: E402,F401,F403
from .medoids import *  # noqa: E402,F401,F403
from .fuzzy import *  # noqa: E402,F401,F403
from .worked_example import *  # noqa: E402,F401,F403

from . import objective as _o, initialisation as _i, choosing_k as _c, medoids as _m, fuzzy as _f  # noqa: E402
from . import worked_example as _w  # noqa: E402

for _module in (_o, _i, _c, _m, _f, _w):
    __all__ += list(_module.__all__)
del _module, _o, _i, _c, _m, _f, _w
