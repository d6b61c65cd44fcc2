"""Choose a data set and a clustering method, and see its partition next to the truth (lesson 09).

Two layers, so the logic is testable without a browser:

* :class:`CaseMethodState` — a plain Python object holding the cases, the
  partitions every method found on every case (computed beforehand) and the
  (case, method) pair shown; ``set_case()``, ``set_method()``,
  ``next_case()`` and ``next_method()`` move it.
* :class:`CaseMethodExplorer` — the ipywidgets view: two drop-downs, buttons
  "Next case" and "Next method", a status line and a figure drawn by
  :func:`draw_case_method_state`, a pure function of the state.
"""

import numpy as np

from ..metrics import adjusted_rand_score
from ._view import StateView

__all__ = ["CaseMethodExplorer", "CaseMethodState", "draw_case_method_state"]


class CaseMethodState:
    """The partitions of several methods on several data sets, and the pair shown.

    Parameters
    ----------
    cases : dict of str to FailureCase
        Each with ``X`` of shape (n_samples, 2), ``y`` and ``n_clusters``
        (see :func:`kmeans_lab.datasets.failure_cases`).
    partitions : dict of (str, str) to array-like of shape (n_samples,)
        ``partitions[case, method]``: the labels ``method`` found on ``case``,
        for every case and every method.

    Attributes
    ----------
    case, method : str
        The pair shown; at first the first case and the first method.
    case_names, method_names : list of str
        In the order of ``cases`` and of the partitions' first appearance.

    Examples
    --------
    >>> import kmeans_lab as kl
    >>> cases = kl.datasets.failure_cases()
    >>> parts = {(c, "truth"): case.y for c, case in cases.items()}
    >>> state = CaseMethodState(cases, parts)
    >>> state.next_case(), state.status
    ('wrong K', 'wrong K · truth · K = 2 · ARI = 1.00')
    """

    def __init__(self, cases, partitions):
        self.cases = dict(cases)
        if not self.cases:
            raise ValueError("cases is empty: give at least one data set.")
        self.case_names = list(self.cases)
        self.method_names = list(dict.fromkeys(method for _, method in partitions))
        missing = [(c, m) for c in self.case_names for m in self.method_names if (c, m) not in partitions]
        if not self.method_names or missing:
            raise ValueError(f"partitions needs every case and method, missing {missing[:3]}.")
        self.partitions = {}
        for (c, m), labels in partitions.items():
            labels = np.asarray(labels)
            if c in self.cases and labels.shape != self.cases[c].y.shape:
                raise ValueError(f"partitions[{c!r}, {m!r}] has shape {labels.shape}, "
                                 f"expected {self.cases[c].y.shape}.")  # fmt: skip
            self.partitions[c, m] = labels
        self.case, self.method = self.case_names[0], self.method_names[0]

    def set_case(self, name):
        """Show the case ``name``."""
        if name not in self.cases:
            raise ValueError(f"case must be one of {self.case_names}, got {name!r}.")
        self.case = name
        return name

    def set_method(self, name):
        """Show the partition of method ``name``."""
        if name not in self.method_names:
            raise ValueError(f"method must be one of {self.method_names}, got {name!r}.")
        self.method = name
        return name

    def next_case(self):
        """Move to the next case (after the last, back to the first)."""
        i = self.case_names.index(self.case)
        return self.set_case(self.case_names[(i + 1) % len(self.case_names)])

    def next_method(self):
        """Move to the next method (after the last, back to the first)."""
        i = self.method_names.index(self.method)
        return self.set_method(self.method_names[(i + 1) % len(self.method_names)])

    @property
    def labels(self):
        """The labels shown, shape (n_samples,)."""
        return self.partitions[self.case, self.method]

    @property
    def score(self):
        """The adjusted Rand index of the partition shown against the truth."""
        return adjusted_rand_score(self.cases[self.case].y, self.labels)

    @property
    def status(self):
        """E.g. ``'moons · K-Means · K = 2 · ARI = 0.23'``."""
        k = self.cases[self.case].n_clusters
        return f"{self.case} · {self.method} · K = {k} · ARI = {self.score:.2f}"

    @property
    def details(self):
        """The case's description and how many clusters (and noise points) the method returned."""
        labels = self.labels
        found = len(np.unique(labels[labels >= 0]))
        noise = int(np.sum(labels < 0))
        tail = f", {noise} points left as noise (grey)" if noise else ""
        return f"{self.cases[self.case].description}: {found} clusters found{tail}."


def draw_case_method_state(state, fig=None, *, figsize=(8.4, 3.9)):
    """Draw the truth (left) and the partition shown (right): a pure function of the state."""
    from ..plotting._style import two_panel_figure
    from ..plotting.clusters import plot_clusters
    from ..plotting.failures import colours_like_truth

    fig, ax_truth, ax_found = two_panel_figure(fig, figsize, width_ratios=(1.0, 1.0))
    case = state.cases[state.case]
    plot_clusters(case.X, case.y, ax=ax_truth, title=f"{state.case}: the truth", s=10)
    plot_clusters(case.X, colours_like_truth(state.labels, case.y), ax=ax_found, s=10,
                  title=f"{state.method}: ARI {state.score:.2f}")  # fmt: skip
    for ax in (ax_truth, ax_found):
        ax.set_xlabel("$x_1$")
    ax_truth.set_ylabel("$x_2$")
    fig.set_layout_engine("constrained")
    return fig


class CaseMethodExplorer(StateView):
    """Pick a data set and a method; see the method's partition next to the truth, with its ARI.

    Parameters
    ----------
    cases : dict of str to FailureCase
    partitions : dict of (str, str) to array-like
        See :class:`CaseMethodState`.

    Attributes
    ----------
    state : CaseMethodState
    case_menu, method_menu : ipywidgets.Dropdown
        CSS classes ``kl-failures-case`` and ``kl-failures-method``.
    buttons : dict of str to ipywidgets.Button
        ``{"Next case": ..., "Next method": ...}``; CSS classes ``kl-failures-next-case``,
        ``kl-failures-next-method``.
    status : ipywidgets.Label
        ``state.status``; CSS class ``kl-failures-status``; updated after the figure.
    output : ipywidgets.Output
        The figure; CSS class ``kl-failures-figure``.
    """

    CSS_PREFIX = "kl-failures"
    WIDGET_CSS = "kl-failures-explorer"
    TITLE = "case and method explorer"
    FIGURE_MIN_HEIGHT = "390px"

    def __init__(self, cases, partitions):
        import ipywidgets as widgets

        self.state = CaseMethodState(cases, partitions)
        self._syncing = False
        self.case_menu = widgets.Dropdown(options=self.state.case_names, value=self.state.case,
                                          description="case", layout=widgets.Layout(width="230px"))
        self.method_menu = widgets.Dropdown(options=self.state.method_names, value=self.state.method,
                                            description="method", layout=widgets.Layout(width="260px"))
        self.case_menu.add_class("kl-failures-case")
        self.method_menu.add_class("kl-failures-method")
        self.case_menu.observe(self._on_menu(self.state.set_case), names="value")
        self.method_menu.observe(self._on_menu(self.state.set_method), names="value")
        actions = {"Next case": self.state.next_case, "Next method": self.state.next_method}
        self.buttons = self._make_buttons(actions, width="110px")
        self._build_view([self.case_menu, self.method_menu, *self.buttons.values()])
        self.refresh()

    def _on_menu(self, setter):
        def on_change(change):
            if not self._syncing:
                self._run(lambda: setter(change["new"]))

        return on_change

    def refresh(self):
        """Set the drop-downs to the state's pair (without reacting to it), then redraw."""
        self._syncing = True
        try:
            self.case_menu.value, self.method_menu.value = self.state.case, self.state.method
        finally:
            self._syncing = False
        super().refresh()

    def _draw(self):
        return draw_case_method_state(self.state)

    def __repr__(self):
        return f"CaseMethodExplorer({self.state.status!r})"
