"""Explore K: a slider that shows the clustering for each K and where it sits on the curves.

Two layers, so the logic is testable without a browser:

* :class:`ChooseKState` — fits K-Means once for every K in ``ks`` and keeps
  the inertias, silhouettes and the elbow; ``set_k()``, ``next()`` and
  ``previous()`` move the current K.
* :class:`ChooseKExplorer` — the ipywidgets view: a K slider, two buttons, a
  status line and a figure drawn by :func:`draw_choose_k_state`, a pure
  function of the state.
"""

import numbers
import warnings

import numpy as np

from .._validation import check_data, check_positive_int, check_random_state
from ..choosing_k import NoElbowWarning, find_elbow
from ..choosing_k._ks import check_ks
from ..estimator import KMeans
from ..metrics import silhouette_samples
from ._view import StateView

__all__ = ["ChooseKExplorer", "ChooseKState", "draw_choose_k_state", "match_clusters"]


def match_clusters(previous, centroids):
    """Numbers for ``centroids`` that keep the numbers of the nearest ``previous`` centres.

    Pairs are taken greedily, closest first: the centre nearest to a previous
    centre takes that centre's number; centres left over take the next unused
    numbers, in order. Drawn with one colour per number, a cluster that
    survives from one K to the next keeps its colour.

    Parameters
    ----------
    previous : ndarray of shape (n_previous, n_features)
    centroids : ndarray of shape (n_clusters, n_features)

    Returns
    -------
    numbers : ndarray of shape (n_clusters,)
        A permutation of ``range(n_clusters)`` when n_clusters >= n_previous;
        ``numbers[j]`` is the number of centre j.

    Examples
    --------
    >>> match_clusters(np.array([[0.0, 0], [5, 5]]), np.array([[5.0, 4], [9, 9], [0, 1]])).tolist()
    [1, 2, 0]
    """
    previous, centroids = np.asarray(previous, dtype=float), np.asarray(centroids, dtype=float)
    distances = ((centroids[:, None, :] - previous[None, :, :]) ** 2).sum(axis=2)
    numbers = np.full(len(centroids), -1)
    taken = set()
    for flat in np.argsort(distances, axis=None, kind="stable"):
        j, i = np.unravel_index(flat, distances.shape)
        if numbers[j] < 0 and i not in taken:
            numbers[j] = i
            taken.add(int(i))
    free = iter(n for n in range(len(centroids) + len(previous)) if n not in taken)
    for j in np.flatnonzero(numbers < 0):
        numbers[j] = next(free)
    if numbers.max(initial=-1) >= len(centroids):  # fewer centres than before: renumber 0..n-1 in order
        numbers = np.argsort(np.argsort(numbers))
    return numbers


class ChooseKState:
    """K-Means for every K in ``ks``, and the K currently shown.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    ks : sequence of int, default=range(1, 9)
        Strictly increasing, at least 3 values (the elbow needs 3 points).
    k : int, optional
        The K shown first; the smallest K >= 2 in ``ks`` by default.
    n_init : int, default=10
        Restarts per K.
    random_state : None, int or numpy.random.Generator, default=0

    Attributes
    ----------
    ks : ndarray of shape (n_ks,)
    inertias : ndarray of shape (n_ks,)
        J(K) of the best of ``n_init`` runs.
    silhouette_scores : ndarray of shape (n_ks,)
        Mean silhouette per K; NaN at K = 1, where it is undefined.
    elbow : int or None
        :func:`kmeans_lab.find_elbow` of the inertias (None when there is no elbow).
    best_silhouette : int or None
        The K with the largest mean silhouette.

    Examples
    --------
    >>> import kmeans_lab as kl
    >>> X, _ = kl.datasets.make_blobs(60, [[0, 0], [6, 0], [3, 5]], cluster_std=0.5, random_state=0)
    >>> state = ChooseKState(X, range(1, 7), random_state=0)
    >>> state.k, state.elbow, state.best_silhouette
    (2, 3, 3)
    >>> state.next(), state.k
    (True, 3)
    """

    def __init__(self, X, ks=range(1, 9), *, k=None, n_init=10, random_state=0):
        self.X = check_data(X)
        self.ks = check_ks(ks, self.X.shape[0], increasing=True)
        if self.ks.size < 3:
            raise ValueError(f"ks must hold at least 3 values of K to draw an elbow, got {self.ks.tolist()}.")
        n_init = check_positive_int(n_init, "n_init")
        rng = check_random_state(random_state)
        self._fits = [KMeans(int(kk), n_init=n_init, random_state=rng).fit(self.X) for kk in self.ks]
        self._numbers = self._stable_numbers()
        self.inertias = np.array([fit.inertia_ for fit in self._fits])
        self._silhouettes = [self._silhouette(fit) for fit in self._fits]
        self.silhouette_scores = np.array([np.nan if s is None else s.mean() for s in self._silhouettes])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NoElbowWarning)
            self.elbow = find_elbow(self.ks, self.inertias)
        finite = np.isfinite(self.silhouette_scores)
        self.best_silhouette = int(self.ks[np.nanargmax(self.silhouette_scores)]) if finite.any() else None
        default = self.ks[self.ks >= 2][0] if (self.ks >= 2).any() else self.ks[0]
        self._index = 0
        self.set_k(default if k is None else k)

    def _stable_numbers(self):
        """For each fit, the cluster numbers that keep a cluster's number (and colour) as K grows."""
        first = self._fits[0].cluster_centers_
        numbers = [np.argsort(np.lexsort(first.T[::-1]))]  # the first K: numbered from left to right
        for before, fit in zip(self._fits, self._fits[1:]):
            previous = np.empty_like(before.cluster_centers_)
            previous[numbers[-1]] = before.cluster_centers_
            numbers.append(match_clusters(previous, fit.cluster_centers_))
        return numbers

    def _silhouette(self, fit):
        n_labels = np.unique(fit.labels_).size
        if not 2 <= n_labels <= self.X.shape[0] - 1:
            return None
        return silhouette_samples(self.X, fit.labels_)

    # -- transitions --------------------------------------------------------
    def set_k(self, k):
        """Show this K (one of ``ks``); returns it."""
        if isinstance(k, (bool, np.bool_)) or not isinstance(k, numbers.Integral):
            raise TypeError(f"k must be an integer, got {k!r} of type {type(k).__name__}.")
        matches = np.flatnonzero(self.ks == k)
        if not matches.size:
            raise ValueError(f"k must be one of ks={self.ks.tolist()}, got {k}.")
        self._index = int(matches[0])
        return self.k

    def next(self):
        """Move to the next K; returns False (and stays) at the last one."""
        if self._index == self.ks.size - 1:
            return False
        self._index += 1
        return True

    def previous(self):
        """Move to the previous K; returns False (and stays) at the first one."""
        if self._index == 0:
            return False
        self._index -= 1
        return True

    # -- read-only views ----------------------------------------------------
    @property
    def k(self):
        """The K currently shown."""
        return int(self.ks[self._index])

    @property
    def labels(self):
        """Labels of the K-Means fit with the current K, shape (n_samples,).

        Clusters are numbered so that a cluster keeps its number from one K to
        the next (see :func:`match_clusters`).
        """
        return self._numbers[self._index][self._fits[self._index].labels_]

    @property
    def centroids(self):
        """Centres of the fit with the current K, shape (k, n_features), in the order of :attr:`labels`."""
        fit = self._fits[self._index]
        centroids = np.empty_like(fit.cluster_centers_)
        centroids[self._numbers[self._index]] = fit.cluster_centers_
        return centroids

    @property
    def inertia(self):
        return float(self.inertias[self._index])

    @property
    def silhouette(self):
        """Per-sample silhouettes for the current K, or None at K = 1."""
        return self._silhouettes[self._index]

    @property
    def silhouette_score(self):
        """Mean silhouette for the current K, or None at K = 1."""
        value = self.silhouette_scores[self._index]
        return None if np.isnan(value) else float(value)

    @property
    def status(self):
        """``'K = 3 · J = 123.45 · mean silhouette = 0.712 · elbow · best silhouette'``."""
        text = f"K = {self.k} · J = {self.inertia:.2f}"
        score = self.silhouette_score
        text += " · mean silhouette undefined" if score is None else f" · mean silhouette = {score:.3f}"
        if self.k == self.elbow:
            text += " · elbow"
        if self.k == self.best_silhouette:
            text += " · best silhouette"
        return text


def draw_choose_k_state(state, fig=None, *, figsize=(8.4, 5.6), feature_names=None):
    """Draw a :class:`ChooseKState`: a pure function of the state.

    Top: the clustering for the current K (first two features) and its
    silhouette plot. Bottom: J against K and the mean silhouette against K,
    the current K circled, the elbow and the best silhouette dashed.

    Parameters
    ----------
    state : ChooseKState
    fig : matplotlib Figure, optional
        Cleared and reused; a new figure by default.
    feature_names : sequence of two str, optional
        Axis labels of the scatter plot.

    Returns
    -------
    fig : matplotlib Figure
    """
    import matplotlib.pyplot as plt

    from ..plotting import plot_clusters, plot_elbow, plot_score_curve, plot_silhouette
    from ..plotting._style import empty_panel

    if fig is None:
        fig = plt.figure(figsize=figsize)
    fig.clear()
    ax_data, ax_sil, ax_j, ax_score = fig.subplots(2, 2).ravel()
    plot_clusters(state.X[:, :2], state.labels, state.centroids[:, :2], ax=ax_data,
                  title=f"K-Means with K = {state.k}")  # fmt: skip
    names = feature_names or ("$x_1$", "$x_2$")
    ax_data.set_xlabel(names[0])
    ax_data.set_ylabel(names[1])
    if state.silhouette is None:
        empty_panel(ax_sil, "the silhouette needs\nat least 2 clusters")
        ax_sil.set_title("silhouette plot")
    else:
        plot_silhouette(state.silhouette, state.labels, ax=ax_sil, title=f"silhouette plot, K = {state.k}")
    plot_elbow(state.ks, state.inertias, k=state.k, elbow=state.elbow, ax=ax_j, title="J against K")
    plot_score_curve(state.ks, state.silhouette_scores, k=state.k, best=state.best_silhouette, ax=ax_score,
                     title="mean silhouette against K")  # fmt: skip
    fig.set_layout_engine("constrained")
    return fig


class ChooseKExplorer(StateView):
    """Interactive choice of K: move the slider and watch the clustering and the curves.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The first two features are drawn.
    ks : sequence of int, default=range(1, 9)
    k : int, optional
    n_init : int, default=10
    random_state : None, int or numpy.random.Generator, default=0
    feature_names : sequence of two str, optional

    Attributes
    ----------
    state : ChooseKState
    slider : ipywidgets.IntSlider
        Description ``'K'``, from min(ks) to max(ks); CSS class ``kl-choosek-slider``.
        Values not in ``ks`` snap to the nearest K that is.
    buttons : dict of str to ipywidgets.Button
        ``{"Previous K": ..., "Next K": ...}``; CSS classes ``kl-choosek-previous``,
        ``kl-choosek-next``.
    status : ipywidgets.Label
        Its ``value`` is ``state.status``, e.g. ``'K = 3 · J = 123.45 · mean silhouette = 0.712 · elbow'``;
        CSS class ``kl-choosek-status``.
    output : ipywidgets.Output
        The figure; CSS class ``kl-choosek-figure``.
    widget : ipywidgets.VBox
        Everything above; displaying the explorer displays this.
    """

    BUTTON_LABELS = ("Previous K", "Next K")
    CSS_PREFIX = "kl-choosek"
    WIDGET_CSS = "kl-choosek-explorer"
    TITLE = "choosing-K explorer"
    FIGURE_MIN_HEIGHT = "400px"
    HAS_DETAILS = False

    def __init__(self, X, ks=range(1, 9), *, k=None, n_init=10, random_state=0, feature_names=None):
        import ipywidgets as widgets

        self.state = ChooseKState(X, ks, k=k, n_init=n_init, random_state=random_state)
        self.feature_names = feature_names
        self.slider = widgets.IntSlider(
            value=self.state.k, min=int(self.state.ks[0]), max=int(self.state.ks[-1]), step=1,
            description="K", continuous_update=False, layout=widgets.Layout(width="260px"),
        )  # fmt: skip
        self.slider.add_class("kl-choosek-slider")
        self.slider.observe(self._on_slider, names="value")
        actions = {"Previous K": self.state.previous, "Next K": self.state.next}
        self.buttons = self._make_buttons(
            actions, width="96px", css_suffix=lambda label: label.split()[0].lower()
        )
        self._build_view([self.slider, *self.buttons.values()])
        self.refresh()

    def _handler(self, action):
        def on_click(_button):
            action()
            self.slider.value = self.state.k  # triggers refresh through _on_slider if K changed

        return on_click

    def _on_slider(self, change):
        ks = self.state.ks
        nearest = int(ks[np.argmin(np.abs(ks - change["new"]))])
        self.state.set_k(nearest)
        if nearest != change["new"]:
            self.slider.value = nearest
            return
        self.refresh()

    def _draw(self):
        return draw_choose_k_state(self.state, feature_names=self.feature_names)

    def __repr__(self):
        state = self.state
        return f"ChooseKExplorer(n_samples={state.X.shape[0]}, ks={state.ks.tolist()}, {state.status!r})"
