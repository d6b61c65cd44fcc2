"""Interactive widgets for the lessons.

Each widget is a small, browser-free state object (unit-tested) plus an
ipywidgets view that draws it with the inline backend into an ``Output``.
Importing this module imports ipywidgets and matplotlib.
"""

__all__ = []

from .lloyd_stepper import *  # noqa: E402,F401,F403
from .plusplus import *  # noqa: E402,F401,F403
from .fuzzy import *  # noqa: E402,F401,F403
from .choosing_k import *  # noqa: E402,F401,F403
from .medoids import *  # noqa: E402,F401,F403
from . import lloyd_stepper as _a, plusplus as _b, fuzzy as _c, choosing_k as _d, medoids as _e  # noqa: E402

for _module in (_a, _b, _c, _d, _e):
    __all__ += list(_module.__all__)
del _module, _a, _b, _c, _d, _e
