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
        nrows,
        ncols,
        figsize=(panel_size * ncols, panel_size * nrows),
        sharex=sharex,
        sharey=sharey,
        squeeze=False,
    )
    axes = list(grid.ravel())
    for ax in axes[n_panels:]:
        ax.set_visible(False)
    fig.set_layout_engine("constrained")
    return fig, axes[:n_panels]


def padded_bounds(points, margin):
    """(xmin, xmax, ymin, ymax) around the first two columns of ``points``, widened by ``margin``.

    Parameters
    ----------
    points : array-like of shape (n_points, n_features)
    margin : float
        Fraction of the range added on each side (a zero range counts as 1e-9).
    """
    points = np.asarray(points)[:, :2]
    low, high = points.min(axis=0), points.max(axis=0)
    pad = margin * np.maximum(high - low, 1e-9)
    return (low[0] - pad[0], high[0] + pad[0], low[1] - pad[1], high[1] + pad[1])


def two_panel_figure(fig=None, figsize=None, width_ratios=(1.25, 1.0)):
    """Clear ``fig`` (or make one of ``figsize``) and split it into two axes side by side.

    Returns
    -------
    fig : Figure
    ax_left, ax_right : Axes
    """
    if fig is None:
        fig = plt.figure(figsize=figsize)
    fig.clear()
    grid = fig.add_gridspec(1, 2, width_ratios=width_ratios)
    return fig, fig.add_subplot(grid[0]), fig.add_subplot(grid[1])


def empty_panel(ax, message):
    """Write ``message`` in grey in the middle of ``ax``, without ticks (a panel with nothing to show yet)."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax
