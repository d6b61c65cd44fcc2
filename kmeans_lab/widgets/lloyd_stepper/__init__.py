"""Step through Lloyd's algorithm one half-step at a time.

Two layers, so the logic is testable without a browser:

* :class:`LloydState` — a plain Python object holding the data, the initial
  centres and the list of frames reached so far. ``step()`` alternates the
  assignment and update half-steps, ``back()`` undoes one, ``reset()`` returns
  to the initial centres and ``new_init()`` draws new ones.
* :class:`LloydStepper` — the ipywidgets view: four buttons, a status line and
  a figure drawn by :func:`draw_lloyd_state`, a pure function of the state.
"""

from .drawing import draw_lloyd_state
from .state import LloydFrame, LloydState
from .view import LloydStepper

__all__ = ["LloydFrame", "LloydState", "LloydStepper", "draw_lloyd_state"]
