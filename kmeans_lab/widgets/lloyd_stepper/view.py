"""The Lloyd stepper's ipywidgets view: buttons, a status line and the figure."""

from typing import ClassVar

from .._view import StateView, check_plane_data
from .drawing import draw_lloyd_state
from .state import LloydState


class LloydStepper(StateView):
    """Interactive Lloyd's algorithm: press Step to alternate assign and update.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    n_clusters : int
    init : {'random', 'k-means++'} or array-like of shape (n_clusters, 2), default='random'
    random_state : None, int or numpy.random.Generator

    Attributes
    ----------
    state : LloydState
        The logic; every button calls one of its methods.
    buttons : dict of str to ipywidgets.Button
        ``{"Step": ..., "Back": ..., "Reset": ..., "New init": ...}``, keyed by
        their exact labels; always enabled (Back at the start does nothing).
        CSS classes ``kl-lloyd-step``, ``kl-lloyd-back``, ``kl-lloyd-reset``,
        ``kl-lloyd-new-init``.
    status : ipywidgets.Label
        Its ``value`` is ``state.status``, e.g. ``'iteration 3 · phase: update · J = 123.45'``;
        CSS class ``kl-lloyd-status``. It is updated after the figure, so a
        changed status means the new figure has been sent.
    details : ipywidgets.HTML
        One sentence on the last half-step; CSS class ``kl-lloyd-details``.
    output : ipywidgets.Output
        Holds the figure (inline backend), redrawn after every click;
        CSS class ``kl-lloyd-figure``.
    widget : ipywidgets.VBox
        Everything above; displaying the stepper displays this.
    """

    BUTTON_LABELS = ("Step", "Back", "Reset", "New init")
    _TOOLTIPS: ClassVar[dict[str, str]] = {
        "Step": "Next half-step: assign points, or move the centres to the means",
        "Back": "Undo the last half-step",
        "Reset": "Back to the initial centres",
        "New init": "Draw new initial centres",
    }
    CSS_PREFIX = "kl-lloyd"
    WIDGET_CSS = "kl-lloyd-stepper"
    TITLE = "Lloyd stepper"
    FIGURE_MIN_HEIGHT = "260px"

    def __init__(self, X, n_clusters, *, init="random", random_state=None):
        X = check_plane_data(X, "LloydStepper")
        self.state = LloydState(X, n_clusters, init=init, random_state=random_state)
        actions = {"Step": self.state.step, "Back": self.state.back, "Reset": self.state.reset,
                   "New init": self.state.new_init}  # fmt: skip
        self.buttons = self._make_buttons(actions, width="88px", tooltips=self._TOOLTIPS, primary="Step")
        self._build_view(list(self.buttons.values()))
        self.refresh()

    def _draw(self):
        return draw_lloyd_state(self.state)

    def __repr__(self):
        state = self.state
        return f"LloydStepper(n_samples={state.X.shape[0]}, n_clusters={state.n_clusters}, {state.status!r})"
