"""Step through the swaps of PAM (or FasterPAM), one swap per click.

Two layers, so the logic is testable without a browser:

* :class:`MedoidSwapState` — a plain Python object: the data, the starting
  medoids and every swap of the run (computed once by
  :func:`kmeans_lab.pam_swap_steps` or :func:`kmeans_lab.fasterpam_steps`),
  and the position of the frame shown. ``step()`` shows the next swap,
  ``reset()`` returns to the start.
* :class:`MedoidSwapStepper` — the ipywidgets view: buttons "Step" and
  "Reset", a status line and a figure drawn by :func:`draw_swap_state`, a pure
  function of the state.
"""

from typing import ClassVar

import numpy as np

from .._pam import MedoidStep
from .._validation import check_data
from ..medoids import (
    assign_to_medoids,
    check_medoid_indices,
    fasterpam_steps,
    pairwise_dissimilarities,
    pam_build,
    pam_swap_steps,
)
from ._view import StateView, check_plane_data

__all__ = ["MedoidSwapState", "MedoidSwapStepper", "draw_swap_state"]

_RUNS = {"pam": pam_swap_steps, "fasterpam": fasterpam_steps}


class MedoidSwapState:
    """The frames of a swap-based k-medoids run and the one being shown.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    medoids : array-like of int, shape (n_clusters,), or int
        Starting medoids (sample indices), or a number of clusters to start
        from PAM's BUILD.
    method : {'pam', 'fasterpam'}, default='pam'
        Best swap per step, or the first improving one (eager).
    metric : {'euclidean', 'manhattan'} or callable, default='euclidean'

    Attributes
    ----------
    frames : list of MedoidStep
        The start (``removed`` and ``added`` empty), then the state after each swap.
    position : int
        Index of the frame shown, 0 .. len(frames) - 1.

    Examples
    --------
    >>> X = [[0.0, 0.0], [0.0, 1.0], [0.5, 0.5], [9.0, 9.0], [9.0, 8.0], [8.5, 8.5]]
    >>> state = MedoidSwapState(X, [0, 1])
    >>> state.status
    'start · loss = 35.49 · 2 swaps to go'
    >>> state.step(), state.frame.removed, state.frame.added
    (True, (0,), (5,))
    >>> state.step(), state.step(), state.status
    (True, False, 'swap 2 of 2 · loss = 2.83 · local optimum: no swap lowers the loss')
    """

    def __init__(self, X, medoids, *, method="pam", metric="euclidean"):
        self.X = check_data(X)
        if method not in _RUNS:
            raise ValueError(f"method must be 'pam' or 'fasterpam', got {method!r}.")
        self.method = method
        D = pairwise_dissimilarities(self.X, metric=metric)
        if isinstance(medoids, (int, np.integer)) and not isinstance(medoids, bool):
            start = pam_build(D, medoids)
        else:
            start = check_medoid_indices(medoids, D.shape[0])
        labels, loss = assign_to_medoids(D, start)
        self.frames = [MedoidStep(np.array(start), labels, loss, (), ())] + list(_RUNS[method](D, start))
        self.position = 0

    def step(self):
        """Show the next swap; returns False (and does nothing) when the run is over."""
        if self.done:
            return False
        self.position += 1
        return True

    def reset(self):
        """Back to the starting medoids."""
        self.position = 0
        return self.frame

    @property
    def frame(self):
        """The MedoidStep shown."""
        return self.frames[self.position]

    @property
    def n_swaps(self):
        return len(self.frames) - 1

    @property
    def done(self):
        """True on the last frame: no swap lowers the loss any more."""
        return self.position == self.n_swaps

    @property
    def losses(self):
        """Loss of every frame up to the one shown."""
        return [f.loss for f in self.frames[: self.position + 1]]

    @property
    def status(self):
        """E.g. ``'swap 2 of 5 · loss = 123.45 · 3 swaps to go'``."""
        where = "start" if self.position == 0 else f"swap {self.position} of {self.n_swaps}"
        left = self.n_swaps - self.position
        tail = f"{left} swap{'s' * (left > 1)} to go" if left else "local optimum: no swap lowers the loss"
        return f"{where} · loss = {self.frame.loss:.2f} · {tail}"

    @property
    def details(self):
        """One sentence on the frame shown."""
        if self.position == 0:
            return "Starting medoids (squares). Press Step to make the swap that lowers the loss most."
        before = self.frames[self.position - 1].loss
        (out,), (into,) = self.frame.removed, self.frame.added
        return (f"Medoid {out} (grey cross) swapped for sample {into} (ringed): the loss fell by "
                f"{before - self.frame.loss:.2f}.")  # fmt: skip


def draw_swap_state(state, fig=None, *, figsize=(8.4, 3.4)):
    """Draw the frame shown by a :class:`MedoidSwapState`: a pure function of the state.

    Left: the clusters, links to their medoids and the last swap. Right: the
    loss after each swap so far.
    """
    from ..plotting._style import two_panel_figure
    from ..plotting.medoids import data_bounds, plot_medoid_losses, plot_medoids

    if state.X.shape[1] != 2:
        raise ValueError(f"the stepper draws 2-D data only, got X with {state.X.shape[1]} features.")
    fig, ax_data, ax_loss = two_panel_figure(fig, figsize, width_ratios=(1.2, 1.0))
    frame = state.frame
    title = "start" if state.position == 0 else f"after swap {state.position}"
    plot_medoids(state.X, frame.labels, frame.medoids, ax=ax_data, removed=frame.removed, added=frame.added,
                 bounds=data_bounds(state.X), title=title)  # fmt: skip
    ax_data.set_xlabel("$x_1$")
    ax_data.set_ylabel("$x_2$")
    plot_medoid_losses({state.method.upper(): state.losses}, ax=ax_loss, xlabel="swap",
                       title="loss after each swap")
    ax_loss.set_xlim(-0.3, max(state.n_swaps, 1) + 0.3)
    fig.set_layout_engine("constrained")
    return fig


class MedoidSwapStepper(StateView):
    """Interactive SWAP: press Step to make the next swap.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    medoids : array-like of int or int
        Starting medoids, or a number of clusters (start from BUILD).
    method : {'pam', 'fasterpam'}, default='pam'
    metric : {'euclidean', 'manhattan'} or callable, default='euclidean'

    Attributes
    ----------
    state : MedoidSwapState
    buttons : dict of str to ipywidgets.Button
        ``{"Step": ..., "Reset": ...}`` keyed by their labels; CSS classes
        ``kl-medoids-step`` and ``kl-medoids-reset``.
    status : ipywidgets.Label
        ``state.status``; CSS class ``kl-medoids-status``; updated after the figure.
    details : ipywidgets.HTML
    output : ipywidgets.Output
        The figure; CSS class ``kl-medoids-figure``.
    widget : ipywidgets.VBox
    """

    BUTTON_LABELS = ("Step", "Reset")
    _TOOLTIPS: ClassVar[dict[str, str]] = {
        "Step": "Make the next swap",
        "Reset": "Back to the starting medoids",
    }
    CSS_PREFIX = "kl-medoids"
    WIDGET_CSS = "kl-medoids-stepper"
    TITLE = "PAM swap stepper"
    FIGURE_MIN_HEIGHT = "250px"

    def __init__(self, X, medoids, *, method="pam", metric="euclidean"):
        X = check_plane_data(X, "MedoidSwapStepper")
        self.state = MedoidSwapState(X, medoids, method=method, metric=metric)
        actions = {"Step": self.state.step, "Reset": self.state.reset}
        self.buttons = self._make_buttons(actions, width="88px", tooltips=self._TOOLTIPS, primary="Step")
        self._build_view(list(self.buttons.values()))
        self.refresh()

    def _draw(self):
        return draw_swap_state(self.state)

    def __repr__(self):
        return f"MedoidSwapStepper(n_samples={self.state.X.shape[0]}, {self.state.status!r})"
