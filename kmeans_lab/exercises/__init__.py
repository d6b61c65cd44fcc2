"""Self-checking exercises: ``check_*`` functions, one per exercise.

A right answer prints a one-line verdict; a wrong one raises ``AssertionError``
with a hint. Each lesson's checks live in a module of their own.
"""

__all__ = []

from .lesson00 import *  # noqa: E402,F401,F403
from .lesson01 import *  # noqa: E402,F401,F403
from .lesson02 import *  # noqa: E402,F401,F403
from .lesson03 import *  # noqa: E402,F401,F403
from .lesson04 import *  # noqa: E402,F401,F403
from .lesson05 import *  # noqa: E402,F401,F403
from .lesson06 import *  # noqa: E402,F401,F403
from .lesson07 import *  # noqa: E402,F401,F403
from .lesson08 import *  # noqa: E402,F401,F403

from . import lesson00, lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07, lesson08  # noqa: E402

for _module in (lesson00, lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07, lesson08):
    __all__ += list(_module.__all__)
del _module
