"""Colours, sizes and the lesson-wide matplotlib defaults."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

#: Colour-blind-friendly palette (Okabe & Ito 2008), then tab20 for many clusters.
CLUSTER_COLORS = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
    "#D55E00", "#F0E442", "#000000", "#999999",
)  # fmt: skip

#: Small figures keep the notebooks light (PNG size grows with dpi²).
FIGURE_DPI = 72


def setup():
    """Apply the course's matplotlib defaults (small, legible, light PNGs)."""
    mpl.rcParams.update(
        {
            "figure.figsize": (5.0, 3.6),
            "figure.dpi": FIGURE_DPI,
            "savefig.dpi": FIGURE_DPI,
            "figure.max_open_warning": 0,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": False,
            "font.size": 9,
            "axes.titlesize": 10,
            "legend.fontsize": 8,
            "legend.frameon": False,
            "image.cmap": "viridis",
        }
    )


def cluster_color(k):
    """Colour of cluster ``k`` (consistent across every figure of the course)."""
    if k < len(CLUSTER_COLORS):
        return CLUSTER_COLORS[k]
    return mpl.colormaps["tab20"]((k - len(CLUSTER_COLORS)) % 20)


def label_colors(labels):
    """One colour per sample from its label (a negative label is drawn grey)."""
    return [cluster_color(int(k)) if k >= 0 else "#BBBBBB" for k in np.asarray(labels)]


def new_axes(ax=None, figsize=None):
    """Return ``ax`` or the axes of a new figure."""
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize)
    return ax


def small_multiples(n_panels, ncols=4, panel_size=2.2, sharex=True, sharey=True):
    """A grid of ``n_panels`` small, equal axes; unused cells are hidden.

    Returns
    -------
    fig : Figure
    axes : list of Axes, length ``n_panels``
    """
    ncols = min(ncols, n_panels)
    nrows = int(np.ceil(n_panels / ncols))
    fig, grid = plt.subplots(
        nrows, ncols, figsize=(panel_size * ncols, panel_size * nrows), sharex=sharex, sharey=sharey, squeeze=False
    )
    axes = list(grid.ravel())
    for ax in axes[n_panels:]:
        ax.set_visible(False)
    fig.set_layout_engine("constrained")
    return fig, axes[:n_panels]
