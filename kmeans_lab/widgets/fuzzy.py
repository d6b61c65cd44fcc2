"""Slide the fuzzifier m (and K) of fuzzy c-means and watch the memberships soften.

Two layers, so the logic is testable without a browser:

* :class:`FuzzyState` — a plain Python object holding the data, m and K, and
  the fuzzy c-means fit for them. Every fit starts from the same k-means++
  centres for a given K, so the picture is a pure function of (m, K).
* :class:`FuzzyExplorer` — the ipywidgets view: a slider for m, a slider for
  K, a Reset button, a status line and a figure drawn by
  :func:`draw_fuzzy_state`, a pure function of the state.
"""

import numpy as np

from .._validation import check_data, check_n_clusters, check_positive_int
from ..fuzzy import FuzzyCMeans, check_fuzzifier
from ..init import kmeans_plusplus
from ._view import StateView, check_plane_data, nowrap

__all__ = ["FuzzyExplorer", "FuzzyState", "draw_fuzzy_state"]


class FuzzyState:
    """Fuzzy c-means on fixed data as a function of the fuzzifier m and of K.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int, default=3
    m : float, default=2.0
        Fuzzifier, > 1.
    random_state : int, default=0
        Seed of the k-means++ start for each K (the same K always starts
        from the same centres).

    Attributes
    ----------
    X : ndarray of shape (n_samples, n_features)
    m : float
    n_clusters : int
    model : FuzzyCMeans
        Fitted for the current (m, n_clusters).

    Examples
    --------
    >>> state = FuzzyState([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0]], 2, m=2.0)
    >>> state.set_m(1.1).m
    1.1
    >>> state.membership.shape
    (4, 2)
    """

    def __init__(self, X, n_clusters=3, *, m=2.0, random_state=0):
        self.X = check_data(X)
        self._defaults = (check_n_clusters(n_clusters, self.X.shape[0]), check_fuzzifier(m))
        self.random_state = check_positive_int(random_state, "random_state", minimum=0)
        self._starts = {}
        self.reset()

    # -- transitions --------------------------------------------------------

    def set_m(self, m):
        """Refit with fuzzifier ``m`` (> 1); returns self."""
        self.m = check_fuzzifier(m)
        self._fit()
        return self

    def set_n_clusters(self, n_clusters):
        """Refit with ``n_clusters`` clusters; returns self."""
        self.n_clusters = check_n_clusters(n_clusters, self.X.shape[0])
        self._fit()
        return self

    def reset(self):
        """Back to the K and m given at construction; returns self."""
        self.n_clusters, self.m = self._defaults
        self._fit()
        return self

    def start_centers(self, n_clusters):
        """The k-means++ centres every fit with ``n_clusters`` clusters starts from."""
        if n_clusters not in self._starts:
            self._starts[n_clusters] = kmeans_plusplus(self.X, n_clusters, random_state=self.random_state)[0]
        return self._starts[n_clusters]

    def _fit(self):
        init = self.start_centers(self.n_clusters)
        self.model = FuzzyCMeans(self.n_clusters, m=self.m, init=init, max_iter=500).fit(self.X)

    # -- read-only views ----------------------------------------------------

    @property
    def membership(self):
        """Memberships of the samples, shape (n_samples, n_clusters)."""
        return self.model.membership_

    @property
    def centers(self):
        """Fitted centres, shape (n_clusters, n_features)."""
        return self.model.cluster_centers_

    @property
    def partition_coefficient(self):
        return self.model.partition_coefficient

    @property
    def partition_entropy(self):
        return self.model.partition_entropy

    @property
    def largest_membership(self):
        """Each sample's largest membership, shape (n_samples,), in [1/K, 1]."""
        return self.membership.max(axis=1)

    @property
    def status(self):
        """``'m = 2.00 · K = 3 · PC = 0.812 · PE = 0.345 · 14 iterations'``."""
        return (f"m = {self.m:.2f} · K = {self.n_clusters} · PC = {self.partition_coefficient:.3f} · "
                f"PE = {self.partition_entropy:.3f} · {self.model.n_iter_} iterations")  # fmt: skip

    @property
    def details(self):
        """One sentence on how hard or soft the memberships are."""
        sure = float(np.mean(self.largest_membership > 0.9))
        k = self.n_clusters
        return (f"{100 * sure:.0f}% of the points have a membership above 0.9 in one cluster "
                f"({nowrap('PC = 1')} and {nowrap('PE = 0')} would be a hard partition; "
                f"{nowrap(f'PC = 1/K = {1 / k:.2f}')} and {nowrap(f'PE = ln K = {np.log(k):.2f}')} "
                f"mean every membership is {nowrap('1/K')}).")  # fmt: skip


# -- drawing (a pure function of the state) ------------------------------------


def draw_fuzzy_state(state, fig=None, *, figsize=(8.4, 3.5)):
    """Draw a :class:`FuzzyState`: a pure function of the state.

    Left: the samples in colours blended by membership, the centres, and the
    contour lines where the largest membership is 0.5 and 0.8. Right: the
    histogram of each sample's largest membership, from 1/K (no preference)
    to 1 (certain).

    Parameters
    ----------
    state : FuzzyState
        With 2-D data.
    fig : matplotlib Figure, optional
        Cleared and reused; a new figure by default.

    Returns
    -------
    fig : matplotlib Figure
    """
    from ..plotting import cluster_color, plot_fuzzy_clusters
    from ..plotting._style import MIN_FONT_SIZE, two_panel_figure

    if state.X.shape[1] != 2:
        raise ValueError(f"the explorer draws 2-D data only, got X with {state.X.shape[1]} features.")
    fig, ax_data, ax_hist = two_panel_figure(fig, figsize)
    plot_fuzzy_clusters(state.X, state.membership, state.centers, m=state.m, ax=ax_data,
                        title=f"m = {state.m:.2f}, K = {state.n_clusters}: "
                        "colours blended by membership")  # fmt: skip
    ax_data.title.set_fontsize(MIN_FONT_SIZE)
    k = state.n_clusters
    ax_hist.hist(state.largest_membership, bins=np.linspace(1 / k, 1, 21), color=cluster_color(0), alpha=0.85)
    ax_hist.axvline(1 / k, color="#999999", ls="--", lw=1)
    ax_hist.set_xlim(0, 1.02)
    ax_hist.set_xlabel("largest membership of each sample")
    ax_hist.set_ylabel("number of samples")
    ax_hist.set_title(
        f"PC = {state.partition_coefficient:.3f}, PE = {state.partition_entropy:.3f}", fontsize=MIN_FONT_SIZE
    )
    ax_hist.text(1 / k, ax_hist.get_ylim()[1] * 0.95, " 1/K", color="#777777", fontsize=MIN_FONT_SIZE,
                 va="top")  # fmt: skip
    fig.set_layout_engine("constrained")
    return fig


class FuzzyExplorer(StateView):
    """Interactive fuzzy c-means: drag the m slider (and the K slider) and see the memberships change.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    n_clusters : int, default=3
    m : float, default=2.0
    random_state : int, default=0

    Attributes
    ----------
    state : FuzzyState
        The logic; every control calls one of its methods.
    m_slider : ipywidgets.FloatSlider
        Description ``"m"``, from 1.1 to 5.0 in steps of 0.1; redraws on
        release. CSS class ``kl-fuzzy-m``.
    k_slider : ipywidgets.IntSlider
        Description ``"K"``, from 2 to 6. CSS class ``kl-fuzzy-k``.
    reset_button : ipywidgets.Button
        Label ``"Reset"``: back to the initial m and K. CSS class ``kl-fuzzy-reset``.
    status : ipywidgets.Label
        Its ``value`` is ``state.status``, e.g.
        ``'m = 2.00 · K = 3 · PC = 0.812 · PE = 0.345 · 14 iterations'``; CSS class ``kl-fuzzy-status``.
    details : ipywidgets.HTML
        One sentence on how soft the memberships are; CSS class ``kl-fuzzy-details``.
    output : ipywidgets.Output
        Holds the figure (inline backend); CSS class ``kl-fuzzy-figure``.
    widget : ipywidgets.VBox
        Everything above; CSS class ``kl-fuzzy-explorer``. Displaying the explorer displays this.
    """

    M_RANGE = (1.1, 5.0, 0.1)
    K_RANGE = (2, 6)
    CSS_PREFIX = "kl-fuzzy"
    WIDGET_CSS = "kl-fuzzy-explorer"
    TITLE = "fuzzy c-means explorer"
    FIGURE_MIN_HEIGHT = "260px"

    def __init__(self, X, n_clusters=3, *, m=2.0, random_state=0):
        import ipywidgets as widgets

        X = check_plane_data(X, "FuzzyExplorer")
        self.state = FuzzyState(X, n_clusters, m=m, random_state=random_state)
        m_min, m_max, m_step = self.M_RANGE
        self.m_slider = widgets.FloatSlider(
            value=self.state.m, min=m_min, max=m_max, step=m_step, description="m", readout_format=".1f",
            continuous_update=False, tooltip="Fuzzifier m: near 1 is hard k-means, larger is softer",
        )  # fmt: skip
        self.m_slider.add_class("kl-fuzzy-m")
        self.k_slider = widgets.IntSlider(
            value=self.state.n_clusters, min=self.K_RANGE[0], max=self.K_RANGE[1], description="K",
            continuous_update=False, tooltip="Number of clusters K",
        )  # fmt: skip
        self.k_slider.add_class("kl-fuzzy-k")
        self.reset_button = widgets.Button(description="Reset", tooltip="Back to the initial m and K",
                                           layout=widgets.Layout(width="80px"))  # fmt: skip
        self.reset_button.add_class("kl-fuzzy-reset")
        self.m_slider.observe(self._on_m, names="value")
        self.k_slider.observe(self._on_k, names="value")
        self.reset_button.on_click(self._on_reset)
        self._build_view([self.m_slider, self.k_slider, self.reset_button])
        self._syncing = False
        self.refresh()

    def _guarded(self, action):
        if not self._syncing:
            self._run(action)

    def _on_m(self, change):
        self._guarded(lambda: self.state.set_m(round(change["new"], 6)))

    def _on_k(self, change):
        self._guarded(lambda: self.state.set_n_clusters(change["new"]))

    def _on_reset(self, _button):
        def reset():
            self.state.reset()
            self._syncing = True
            try:
                self.m_slider.value = self.state.m
                self.k_slider.value = self.state.n_clusters
            finally:
                self._syncing = False

        self._guarded(reset)

    def _draw(self):
        return draw_fuzzy_state(self.state)

    def __repr__(self):
        return f"FuzzyExplorer(n_samples={self.state.X.shape[0]}, {self.state.status!r})"
