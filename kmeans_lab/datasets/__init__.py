"""Small data sets for the lessons, generated or shipped with the package.

No data is downloaded: generators use NumPy only, and real data sets are
files inside the package.
"""

from .generated import make_blobs, make_s_sets, seed_example

__all__ = ["make_blobs", "make_s_sets", "seed_example"]

# Further data sets live in modules of their own and are re-exported here.
from . import real as _real
from .real import *

__all__ += list(_real.__all__)
del _real

from . import failures as _failures
from .failures import *

__all__ += list(_failures.__all__)
del _failures
