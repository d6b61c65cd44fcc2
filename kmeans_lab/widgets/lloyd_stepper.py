"""Step through Lloyd's algorithm one half-step at a time.

Two layers, so the logic is testable without a browser:

* :class:`LloydState` — a plain Python object holding the data, the initial
  centres and the list of frames reached so far. ``step()`` alternates the
  assignment and update half-steps, ``back()`` undoes one, ``reset()`` returns
  to the initial centres and ``new_init()`` draws new ones.
* :class:`LloydStepper` — the ipywidgets view: four buttons, a status line and
  a figure drawn by :func:`draw_lloyd_state`, a pure function of the state.
"""

from dataclasses import dataclass, field

import numpy as np

from .._validation import check_data, check_init, check_n_clusters, check_random_state
from ..init import kmeans_plusplus, random_init
from ..lloyd import assign, update_centroids
from ..objective import wcss
from ._view import StateView, check_plane_data

__all__ = ["LloydFrame", "LloydState", "LloydStepper", "draw_lloyd_state"]

PHASES = ("start", "assign", "update")
INIT_METHODS = ("random", "k-means++")


@dataclass(frozen=True, eq=False)
class LloydFrame:
    """What the stepper shows after one half-step.

    Attributes
    ----------
    iteration : int
        0 before the first assignment, then t for both half-steps of iteration t.
    phase : {'start', 'assign', 'update'}
    centroids : ndarray of shape (n_clusters, n_features)
        The current centres (after the update in the 'update' phase).
    labels : ndarray of shape (n_samples,) or None
        The current assignment; None in the 'start' phase.
    inertia : float or None
        J(labels, centroids); None in the 'start' phase, where J is undefined.
    previous_centroids : ndarray of shape (n_clusters, n_features) or None
        In the 'update' phase, the centres before the update.
    n_changed : int
        Samples whose label changed in this assignment (0 in other phases).
    relocated : ndarray of int
        Samples moved into empty clusters by this update (see
        :func:`kmeans_lab.update_centroids`); their labels are already the new ones.
    converged : bool
        True once an assignment changed no label: further steps change nothing.
    """

    iteration: int
    phase: str
    centroids: np.ndarray
    labels: np.ndarray = None
    inertia: float = None
    previous_centroids: np.ndarray = None
    n_changed: int = 0
    relocated: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.intp))
    converged: bool = False


class LloydState:
    """The state of a Lloyd stepper, with no widgets or figures attached.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
    init : {'random', 'k-means++'} or array-like of shape (n_clusters, n_features), default='random'
        How the initial centres are chosen (:func:`kmeans_lab.random_init`,
        :func:`kmeans_lab.kmeans_plusplus`), or the centres themselves. With an
        array, :meth:`new_init` draws random rows of X.
    random_state : None, int or numpy.random.Generator
        Seeds the initial centres and every :meth:`new_init`, so the same seed
        replays the same sequence of starts.

    Attributes
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_clusters : int
    init_centroids : ndarray of shape (n_clusters, n_features)
        The centres of the 'start' frame.
    frames : list of LloydFrame
        Every frame from the start to the current one (the last).

    Examples
    --------
    >>> state = LloydState([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0]], 2, init=[[0.0, 0.0], [5.0, 5.0]])
    >>> state.status
    'iteration 0 · phase: start'
    >>> state.step().phase, state.step().phase, state.status
    ('assign', 'update', 'iteration 1 · phase: update · J = 1.00')
    """

    def __init__(self, X, n_clusters, *, init="random", random_state=None):
        self.X = check_data(X)
        self.n_clusters = check_n_clusters(n_clusters, self.X.shape[0])
        self._rng = check_random_state(random_state)
        init = check_init(init, INIT_METHODS, self.X, self.n_clusters)
        if isinstance(init, str):
            self.init_method = init
            centres = self._draw_centres()
        else:
            self.init_method = "random"
            centres = init
        self._start(centres)

    # -- transitions --------------------------------------------------------
    def step(self):
        """Advance by one half-step (assign after start/update, update after assign).

        Returns the new current frame. J never increases from one frame with J
        to the next. After convergence the frames repeat the fixed point.
        """
        frame = self.frame
        if frame.phase == "assign":
            new = self._update(frame)
        else:
            new = self._assign(frame)
        self.frames.append(new)
        return new

    def back(self):
        """Undo the last half-step; returns False (and does nothing) at the start."""
        if len(self.frames) == 1:
            return False
        self.frames.pop()
        return True

    def reset(self):
        """Return to the initial centres (the 'start' frame)."""
        del self.frames[1:]
        return self.frame

    def new_init(self):
        """Draw new initial centres (same method, next draw of the seeded generator) and reset."""
        self._start(self._draw_centres())
        return self.frame

    def run(self, n_half_steps):
        """Call :meth:`step` ``n_half_steps`` times; returns the current frame."""
        for _ in range(int(n_half_steps)):
            self.step()
        return self.frame

    # -- read-only views ----------------------------------------------------
    @property
    def frame(self):
        """The current :class:`LloydFrame`."""
        return self.frames[-1]

    @property
    def iteration(self):
        return self.frame.iteration

    @property
    def phase(self):
        return self.frame.phase

    @property
    def centroids(self):
        return self.frame.centroids

    @property
    def labels(self):
        return self.frame.labels

    @property
    def inertia(self):
        """J of the current frame, or None before the first assignment."""
        return self.frame.inertia

    @property
    def converged(self):
        return self.frame.converged

    @property
    def inertias(self):
        """J of every frame since the start that has one, in order."""
        return [f.inertia for f in self.frames if f.inertia is not None]

    @property
    def status(self):
        """``'iteration 3 · phase: update · J = 123.45'`` (no J at the start)."""
        text = f"iteration {self.iteration} · phase: {self.phase}"
        if self.inertia is not None:
            text += f" · J = {format_inertia(self.inertia)}"
        return text

    @property
    def details(self):
        """One sentence on what the last half-step did."""
        frame = self.frame
        if frame.phase == "start":
            return "Initial centres. Press Step to assign every point to its nearest centre."
        if frame.phase == "assign":
            if frame.converged:
                return "Converged: no label changed, so the centres will not move again."
            changed = "every point labelled" if frame.iteration == 1 else f"{frame.n_changed} labels changed"
            return f"Assignment: {changed}; J can only go down."
        moved = float(np.sqrt(((frame.centroids - frame.previous_centroids) ** 2).sum(axis=1)).max())
        text = f"Update: each centre moved to its cluster's mean (largest move {moved:.3g})."
        if frame.relocated.size:
            text += f" {frame.relocated.size} empty cluster(s) took the farthest point."
        if frame.converged:
            text = "Converged: the centres no longer move."
        return text

    # -- internals ----------------------------------------------------------
    def _draw_centres(self):
        if self.init_method == "k-means++":
            return kmeans_plusplus(self.X, self.n_clusters, random_state=self._rng)[0]
        return random_init(self.X, self.n_clusters, random_state=self._rng)

    def _start(self, centres):
        self.init_centroids = np.array(centres, dtype=self.X.dtype)
        self.frames = [LloydFrame(iteration=0, phase="start", centroids=self.init_centroids)]

    def _assign(self, frame):
        labels = assign(self.X, frame.centroids)
        if frame.labels is None:
            n_changed = labels.size
        else:
            n_changed = int(np.count_nonzero(labels != frame.labels))
        converged = frame.converged or (frame.labels is not None and n_changed == 0)
        return LloydFrame(
            iteration=frame.iteration + 1, phase="assign", centroids=frame.centroids, labels=labels,
            inertia=wcss(self.X, frame.centroids, labels), n_changed=n_changed, converged=converged,
        )  # fmt: skip

    def _update(self, frame):
        centroids, relocated = update_centroids(
            self.X, frame.labels, self.n_clusters, centroids=frame.centroids, return_relocated=True
        )
        # The partition whose means are the new centres: each relocated sample in its new cluster.
        labels = frame.labels.copy()
        labels[relocated[:, 0]] = relocated[:, 1]
        return LloydFrame(
            iteration=frame.iteration, phase="update", centroids=centroids, labels=labels,
            inertia=wcss(self.X, centroids, labels), previous_centroids=frame.centroids,
            relocated=relocated[:, 0], converged=frame.converged,
        )  # fmt: skip


def format_inertia(value):
    """J with two decimals (more below 1), never in scientific notation."""
    return f"{value:.2f}" if abs(value) >= 1 else f"{value:.6f}"


# -- drawing (pure functions of the state) ------------------------------------
def state_bounds(state, margin=0.08):
    """Fixed plot limits for a state: the data and its initial centres, plus a margin."""
    from ..plotting._style import padded_bounds

    return padded_bounds(np.vstack([state.X[:, :2], state.init_centroids[:, :2]]), margin)


PHASE_TITLES = {
    "start": "initial centres",
    "assign": "assign: each point → nearest centre",
    "update": "update: each centre → mean of its points",
}


def draw_lloyd_state(state, fig=None, *, figsize=(8.4, 3.5), resolution=200):
    """Draw the current frame of a :class:`LloydState`: a pure function of the state.

    Left: the samples coloured by their current label, the Voronoi cells of the
    current centres and, after an update, arrows from the old centres. Right:
    J after every half-step so far.

    Parameters
    ----------
    state : LloydState
        With 2-D data.
    fig : matplotlib Figure, optional
        Cleared and reused; a new figure by default.
    figsize : (float, float), default=(8.4, 3.5)
        Size of a new figure, in inches.
    resolution : int, default=200
        Grid points per side for the Voronoi cells.

    Returns
    -------
    fig : matplotlib Figure
    """
    from ..plotting._style import two_panel_figure
    from ..plotting.history import draw_lloyd_panel

    if state.X.shape[1] != 2:
        raise ValueError(f"the stepper draws 2-D data only, got X with {state.X.shape[1]} features.")
    fig, ax_data, ax_j = two_panel_figure(fig, figsize)
    frame = state.frame
    draw_lloyd_panel(
        state.X, frame.centroids, frame.labels, ax=ax_data, previous_centroids=frame.previous_centroids,
        bounds=state_bounds(state), highlight=frame.relocated, resolution=resolution,
    )  # fmt: skip
    ax_data.set_title(f"iteration {frame.iteration} · {PHASE_TITLES[frame.phase]}", fontsize=9)
    ax_data.set_xlabel("$x_1$")
    ax_data.set_ylabel("$x_2$")
    draw_inertia_trace(state.frames, ax_j)
    fig.set_layout_engine("constrained")
    return fig


def draw_inertia_trace(frames, ax):
    """J after each half-step: assignments at t, updates at t + ½."""
    from ..plotting import cluster_color
    from ..plotting._style import empty_panel

    points = [(f.iteration + (0.5 if f.phase == "update" else 0.0), f.inertia, f.phase) for f in frames[1:]]
    ax.set_title("J (WCSS) after each half-step", fontsize=9)
    ax.set_xlabel("iteration")
    ax.set_ylabel("J")
    if not points:
        return empty_panel(ax, "J is undefined until\nthe first assignment")
    x = np.array([p[0] for p in points])
    y = np.array([p[1] for p in points])
    ax.plot(x, y, color="#999999", lw=1, zorder=1)
    for phase, marker, color in (("assign", "o", cluster_color(0)), ("update", "s", cluster_color(1))):
        mask = np.array([p[2] == phase for p in points])
        if mask.any():
            ax.scatter(x[mask], y[mask], marker=marker, s=22, color=color, label=phase, zorder=2)
    ax.scatter(x[-1:], y[-1:], s=90, facecolors="none", edgecolors="black", lw=1.2, zorder=3)
    ax.set_xlim(0.6, max(3.0, x.max() + 0.4))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper right")
    return ax


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
    _TOOLTIPS = {
        "Step": "Next half-step: assign points, or move the centres to the means",
        "Back": "Undo the last half-step",
        "Reset": "Back to the initial centres",
        "New init": "Draw new initial centres",
    }
    CSS_PREFIX = "kl-lloyd"
    WIDGET_CSS = "kl-lloyd-stepper"
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
