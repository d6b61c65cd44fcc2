"""Colours, sizes and the lesson-wide matplotlib defaults."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

#: Colour-blind-friendly palette (Okabe & Ito 2008) with a dark purple in place of its pale yellow,
#: which is hard to see on white; then tab20 for many clusters.
CLUSTER_COLORS = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
    "#D55E00", "#6A3D9A", "#000000", "#999999",
)  # fmt: skip

#: Dots per inch of the figures: an inch of figure is FIGURE_DPI CSS pixels in JupyterLab at 100 % zoom.
FIGURE_DPI = 100
#: The smallest text of any figure, in points: MIN_FONT_SIZE * FIGURE_DPI / 72 ≈ 14 px as displayed (≥ 12).
MIN_FONT_SIZE = 10
#: Titles of axes, in points.
TITLE_FONT_SIZE = 11
#: Default size of a single-panel figure, in inches: 560 × 400 px as displayed.
SINGLE_FIGSIZE = (5.6, 4.0)
#: Width of a figure of two or three panels side by side, in inches: 840 px, the width of the notebook column.
WIDE_FIGURE_WIDTH = 8.4
#: Default side of one panel of small multiples, in inches: 220 px, four panels to the column.
PANEL_SIZE = 2.2


def setup():
    """Apply the course's matplotlib defaults: figures and text readable at 100 % zoom.

    Figures are drawn at :data:`FIGURE_DPI` dots per inch, a single panel is
    :data:`SINGLE_FIGSIZE` inches (560 px wide as displayed) and no text is
    smaller than :data:`MIN_FONT_SIZE` points (about 14 px). PNG size grows
    with dpi², so the dpi stays at 100.
    """
    mpl.rcParams.update(
        {
            "figure.figsize": SINGLE_FIGSIZE,
            "figure.dpi": FIGURE_DPI,
            "savefig.dpi": FIGURE_DPI,
            "figure.max_open_warning": 0,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": False,
            "font.size": MIN_FONT_SIZE,
            "axes.titlesize": TITLE_FONT_SIZE,
            "axes.labelsize": MIN_FONT_SIZE,
            "xtick.labelsize": MIN_FONT_SIZE,
            "ytick.labelsize": MIN_FONT_SIZE,
            "legend.fontsize": MIN_FONT_SIZE,
            "legend.title_fontsize": MIN_FONT_SIZE,
            "figure.titlesize": TITLE_FONT_SIZE + 1,
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


def set_equal_aspect(ax):
    """Draw ``ax`` with equal scales on both axes, keeping its full width where it can.

    An axes of its own grows its data limits to fill its box (``adjustable="datalim"``), so a
    single map keeps the width of its figure. Axes that share an axis with others (small
    multiples), show an image (Voronoi cells) or whose limits are set by hand, then or later,
    shrink their box instead (``adjustable="box"``): their limits are kept.
    """
    groups = (ax.get_shared_x_axes(), ax.get_shared_y_axes())
    shared = any(len(group.get_siblings(ax)) > 1 for group in groups)
    ax.set_aspect("equal", adjustable="box" if shared or ax.images else "datalim")
    _box_once_limits_are_set(ax)
    if ax.get_adjustable() == "datalim":
        ax.callbacks.connect("xlim_changed", _box_once_limits_are_set)
        ax.callbacks.connect("ylim_changed", _box_once_limits_are_set)
    return ax


def _box_once_limits_are_set(ax):
    """Once a limit is set by hand (``set_xlim``), keep it: equal scales then shrink the box instead."""
    if ax.get_adjustable() == "datalim" and not (ax.get_autoscalex_on() and ax.get_autoscaley_on()):
        ax.set_adjustable("box")


def small_multiples(n_panels, ncols=4, panel_size=None, sharex=True, sharey=True):
    """A grid of ``n_panels`` small, equal axes; unused cells are hidden.

    Parameters
    ----------
    n_panels : int
    ncols : int, default=4
        At most this many panels a row.
    panel_size : float, optional
        Side of one panel in inches. By default a row of panels fills the column,
        ``WIDE_FIGURE_WIDTH`` inches (840 px), with panels no smaller than
        ``PANEL_SIZE`` (220 px; readable down to about 200 px): four panels of 220 px,
        three of 280 px, two of 420 px.

    Returns
    -------
    fig : Figure
    axes : list of Axes, length ``n_panels``
    """
    ncols = min(ncols, n_panels)
    nrows = int(np.ceil(n_panels / ncols))
    if panel_size is None:
        panel_size = max(PANEL_SIZE, WIDE_FIGURE_WIDTH / ncols)
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

    ``figsize`` defaults to :data:`WIDE_FIGURE_WIDTH` by 3.6 inches.

    Returns
    -------
    fig : Figure
    ax_left, ax_right : Axes
    """
    if fig is None:
        fig = plt.figure(figsize=figsize or (WIDE_FIGURE_WIDTH, 3.6))
    fig.clear()
    grid = fig.add_gridspec(1, 2, width_ratios=width_ratios)
    return fig, fig.add_subplot(grid[0]), fig.add_subplot(grid[1])


def empty_panel(ax, message):
    """Write ``message`` in grey in the middle of ``ax``, without ticks (a panel with nothing to show yet)."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax
