"""The Lloyd stepper's state: the data, the initial centres and the half-steps reached so far.

A plain Python object, testable without a browser; the view draws it.
"""

from dataclasses import dataclass, field

import numpy as np

from ..._validation import check_data, check_init, check_n_clusters, check_random_state
from ...init import kmeans_plusplus, random_init
from ...lloyd import assign, update_centroids
from ...objective import wcss

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
