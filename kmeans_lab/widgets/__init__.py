"""Interactive widgets for the lessons.

Each widget is a small, browser-free state object (unit-tested) plus an
ipywidgets view that draws it with the inline backend into an ``Output``.
Importing this module imports ipywidgets and matplotlib.
"""

__all__ = ["TextFallback"]

from . import choosing_k as _d
from . import failures as _f
from . import fuzzy as _c
from . import lloyd_stepper as _a
from . import medoids as _e
from . import plusplus as _b
from . import quantisation as _g
from ._view import TextFallback
from .choosing_k import *
from .failures import *
from .fuzzy import *
from .lloyd_stepper import *
from .medoids import *
from .plusplus import *
from .quantisation import *

for _module in (_a, _b, _c, _d, _e, _f, _g):
    __all__ += list(_module.__all__)
del _module, _a, _b, _c, _d, _e, _f, _g
