"""Self-checking exercises: ``check_*`` functions, one per exercise.

A right answer prints a one-line verdict; a wrong one raises ``AssertionError``
with a hint. Each lesson's checks live in a module of their own.
"""

__all__ = []

from . import lesson00, lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07, lesson08
from .lesson00 import *
from .lesson01 import *
from .lesson02 import *
from .lesson03 import *
from .lesson04 import *
from .lesson05 import *
from .lesson06 import *
from .lesson07 import *
from .lesson08 import *

for _module in (lesson00, lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07, lesson08):
    __all__ += list(_module.__all__)
del _module
