"""Pick k-means++ centres one at a time.

Two layers, so the logic is testable without a browser:

* :class:`PlusPlusState` — a plain Python object: the data, the centres chosen
  so far and the squared distance D(x)² of every sample to its nearest one.
  ``pick()`` draws the next centre exactly as :func:`kmeans_lab.kmeans_plusplus`
  with ``n_local_trials=1`` does (the same draws of the same generator give the
  same centres); ``reset()`` replays the same seed; ``new_seed()`` starts over
  with another.
* :class:`PlusPlusPicker` — the ipywidgets view: three buttons, a status line
  and a figure drawn by :func:`draw_plusplus_state`, a pure function of the state.
"""

import copy
from typing import ClassVar

import numpy as np

from .._validation import check_data, check_n_clusters, check_random_state
from ._view import StateView, check_plane_data

__all__ = ["PlusPlusPicker", "PlusPlusState", "draw_plusplus_state"]


class PlusPlusState:
    """k-means++ (D² sampling, one candidate per step) as a sequence of picks.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
        How many centres to pick.
    random_state : None, int or numpy.random.Generator
        A Generator is copied, never advanced: :meth:`reset` replays its draws.

    Attributes
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_clusters : int
    indices : list of int
        Rows of X chosen so far, in order.
    closest_sq_dist : ndarray of shape (n_samples,) or None
        D(x)², the squared distance of each sample to its nearest chosen
        centre; None before the first pick.
    potentials : list of float
        The potential φ = Σ D(x)² after each pick; never increasing.
    n_seeds : int
        1 plus the number of :meth:`new_seed` calls.
    seed : int or None
        The seed of the current random stream: ``random_state`` when it is an
        int, the seed :meth:`new_seed` drew after that; None when a Generator
        (or None) was given and no new seed was drawn yet.

    Examples
    --------
    >>> state = PlusPlusState([[0.0, 0.0], [0.0, 1.0], [9.0, 9.0]], 2, random_state=0)
    >>> state.status
    'seed 0 · centre 0 of 2 · potential undefined'
    >>> state.pick() in (0, 1, 2), state.n_picked
    (True, 1)
    """

    def __init__(self, X, n_clusters, *, random_state=None):
        self.X = check_data(X)
        self.n_clusters = check_n_clusters(n_clusters, self.X.shape[0])
        self._start_rng = copy.deepcopy(check_random_state(random_state))
        is_int = isinstance(random_state, (int, np.integer)) and not isinstance(random_state, bool)
        self.seed = int(random_state) if is_int else None
        self.n_seeds = 1
        self.reset()

    # -- transitions --------------------------------------------------------
    def pick(self):
        """Choose the next centre; returns its row index, or None once all are chosen.

        The first centre is uniform; each next one is drawn with probability
        D(x)² / Σ D², by inverting the cumulative sum of D² at a uniform draw
        (the method of :func:`kmeans_lab.kmeans_plusplus`).
        """
        if self.done:
            return None
        n_samples = self.X.shape[0]
        if not self.indices:
            index = int(self._rng.integers(n_samples))
        else:
            target = self._rng.uniform(size=1) * self.potential
            index = int(np.searchsorted(np.cumsum(self.closest_sq_dist, dtype=np.float64), target)[0])
            index = min(index, n_samples - 1)
        new_sq_dist = ((self.X - self.X[index]) ** 2).sum(axis=1)
        if self.closest_sq_dist is None:
            self.closest_sq_dist = new_sq_dist
        else:
            self.closest_sq_dist = np.minimum(self.closest_sq_dist, new_sq_dist)
        self.indices.append(index)
        self.potentials.append(float(self.closest_sq_dist.sum()))
        return index

    def pick_all(self):
        """Pick until ``n_clusters`` centres are chosen; returns ``indices``."""
        while not self.done:
            self.pick()
        return self.indices

    def reset(self):
        """Forget every centre; the next picks replay the same draws."""
        self._rng = copy.deepcopy(self._start_rng)
        self.indices = []
        self.closest_sq_dist = None
        self.potentials = []

    def new_seed(self):
        """Start over with a new seed, drawn from the current stream (so still reproducible); returns it.

        Seeds are below 10,000 so that the status line can show them.
        """
        self.seed = int(self._rng.integers(10_000))
        self._start_rng = np.random.default_rng(self.seed)
        self.n_seeds += 1
        self.reset()
        return self.seed

    # -- read-only views ----------------------------------------------------
    @property
    def n_picked(self):
        return len(self.indices)

    @property
    def done(self):
        return self.n_picked == self.n_clusters

    @property
    def centers(self):
        """The chosen centres, shape (n_picked, n_features)."""
        return self.X[np.asarray(self.indices, dtype=np.intp)]

    @property
    def potential(self):
        """φ = Σ D(x)² for the centres chosen so far; None before the first pick."""
        return self.potentials[-1] if self.potentials else None

    @property
    def probabilities(self):
        """Probability of each sample to be picked next, shape (n_samples,).

        Uniform before the first pick (and if every sample sits on a centre),
        else D(x)² / Σ D². Once all centres are chosen, what the next pick would be.
        """
        n_samples = self.X.shape[0]
        if self.closest_sq_dist is None or self.potential == 0:
            return np.full(n_samples, 1.0 / n_samples)
        return self.closest_sq_dist / self.potential

    @property
    def status(self):
        """``'seed 3 · centre 3 of 15 · potential = 123.4'`` (no seed part when the seed is unknown)."""
        text = "" if self.seed is None else f"seed {self.seed} · "
        text += f"centre {self.n_picked} of {self.n_clusters} · "
        if self.potential is None:
            return text + "potential undefined"
        return text + f"potential = {format_potential(self.potential)}"

    @property
    def details(self):
        """One sentence on what the next pick does."""
        if not self.indices:
            return "No centre yet: the first one is drawn uniformly (every point equally likely)."
        if self.done:
            return "All centres chosen: Lloyd's algorithm would start from these crosses."
        share = float(self.probabilities.max())
        uniform = 100 / self.X.shape[0]
        return (
            "Next: a point x is drawn with probability D(x)²/Σ D²; "
            f"the likeliest point has {100 * share:.2g}% (uniform would be {uniform:.2g}%)."
        )


def format_potential(value):
    """The potential with 4 significant digits (e.g. 123.4)."""
    return f"{value:.4g}"


# -- drawing (a pure function of the state) ------------------------------------
def draw_plusplus_state(state, fig=None, *, true_centers=None, figsize=(8.4, 3.6)):
    """Draw a :class:`PlusPlusState`: a pure function of the state.

    Left: each sample with size and colour showing its probability of being
    picked next, the chosen centres numbered in order (after the last pick:
    the samples coloured by their nearest centre). Right: the potential
    after each pick.

    Parameters
    ----------
    state : PlusPlusState
        With 2-D data.
    fig : matplotlib Figure, optional
        Cleared and reused; a new figure by default.
    true_centers : array-like of shape (n_true, 2), optional
        Drawn as hollow grey circles.

    Returns
    -------
    fig : matplotlib Figure
    """
    from ..plotting import cluster_color, plot_clusters, plot_pick_probabilities
    from ..plotting._style import MIN_FONT_SIZE, empty_panel, two_panel_figure

    if state.X.shape[1] != 2:
        raise ValueError(f"the picker draws 2-D data only, got X with {state.X.shape[1]} features.")
    fig, ax_data, ax_phi = two_panel_figure(fig, figsize)
    if state.done:
        labels = ((state.X[:, None, :] - state.centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        plot_clusters(state.X, labels, state.centers, ax=ax_data, s=8)
        ax_data.set_title(f"all {state.n_clusters} centres chosen", fontsize=MIN_FONT_SIZE)
    else:
        centers = state.centers if state.indices else None
        plot_pick_probabilities(
            state.X, centers, probabilities=state.probabilities, ax=ax_data, true_centers=true_centers,
            max_size=60.0,
        )
        title = "next pick: uniform" if not state.indices else "size/colour = P(picked next) ∝ D²"
        ax_data.set_title(f"{state.n_picked} chosen · {title}", fontsize=MIN_FONT_SIZE)
    ax_data.set_xlabel("$x_1$")
    ax_data.set_ylabel("$x_2$")
    ax_phi.set_title("potential φ = Σ D² after each pick", fontsize=MIN_FONT_SIZE)
    ax_phi.set_xlabel("centres chosen")
    ax_phi.set_ylabel("φ")
    if state.potentials:
        picks = np.arange(1, state.n_picked + 1)
        ax_phi.plot(picks, state.potentials, marker="o", ms=4, color=cluster_color(0))
        ax_phi.set_yscale("log")
        _plain_log_ticks(ax_phi.yaxis)
        ax_phi.set_xlim(0.5, state.n_clusters + 0.5)
        ax_phi.xaxis.get_major_locator().set_params(integer=True)
    else:
        empty_panel(ax_phi, "φ is undefined until\nthe first pick")
    fig.set_layout_engine("constrained")
    return fig


def _plain_log_ticks(axis):
    """Label a log axis at 1, 2, 5 × 10ⁿ in plain numbers (20, 50, 100) rather than powers of ten."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    axis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    axis.set_minor_formatter(NullFormatter())


class PlusPlusPicker(StateView):
    """Interactive k-means++: press "Pick next" to draw one centre at a time.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    n_clusters : int
    random_state : None, int or numpy.random.Generator
    true_centers : array-like of shape (n_true, 2), optional
        Drawn as hollow grey circles, to see which true clusters got a centre.

    Attributes
    ----------
    state : PlusPlusState
        The logic; every button calls one of its methods.
    buttons : dict of str to ipywidgets.Button
        ``{"Pick next": ..., "Reset": ..., "New seed": ...}``, keyed by their
        exact labels. "Pick next" is disabled once all centres are chosen.
        CSS classes ``kl-plusplus-pick-next``, ``kl-plusplus-reset``,
        ``kl-plusplus-new-seed``.
    status : ipywidgets.Label
        Its ``value`` is ``state.status``, e.g. ``'centre 3 of 15 · potential = 123.4'``;
        CSS class ``kl-plusplus-status``.
    details : ipywidgets.HTML
        One sentence on the next pick; CSS class ``kl-plusplus-details``.
    output : ipywidgets.Output
        Holds the figure (inline backend), redrawn after every click;
        CSS class ``kl-plusplus-figure``.
    widget : ipywidgets.VBox
        Everything above; displaying the picker displays this.
    """

    BUTTON_LABELS = ("Pick next", "Reset", "New seed")
    _TOOLTIPS: ClassVar[dict[str, str]] = {
        "Pick next": "Draw the next centre with probability proportional to D²",
        "Reset": "Forget the centres; the same seed replays the same picks",
        "New seed": "Start over with another random seed (shown in the status line)",
    }
    CSS_PREFIX = "kl-plusplus"
    WIDGET_CSS = "kl-plusplus-picker"
    TITLE = "k-means++ picker"
    FIGURE_MIN_HEIGHT = "270px"

    def __init__(self, X, n_clusters, *, random_state=None, true_centers=None):
        X = check_plane_data(X, "PlusPlusPicker")
        self.state = PlusPlusState(X, n_clusters, random_state=random_state)
        self.true_centers = None if true_centers is None else check_data(true_centers, "true_centers")
        actions = {"Pick next": self.state.pick, "Reset": self.state.reset, "New seed": self.state.new_seed}
        self.buttons = self._make_buttons(actions, width="96px", tooltips=self._TOOLTIPS, primary="Pick next")
        self._build_view(list(self.buttons.values()))
        self.refresh()

    def refresh(self):
        """Redraw the status line, the details and the figure from the state."""
        self.buttons["Pick next"].disabled = self.state.done
        super().refresh()

    def _draw(self):
        return draw_plusplus_state(self.state, true_centers=self.true_centers)

    def __repr__(self):
        return (f"PlusPlusPicker(n_samples={self.state.X.shape[0]}, n_clusters={self.state.n_clusters}, "
                f"{self.state.status!r})")  # fmt: skip
