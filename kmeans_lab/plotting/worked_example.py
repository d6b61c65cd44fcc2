"""Figures and tables for the six-point worked example (lesson 05).

Small, exact examples read best as tables of fractions and as pictures with
every point named; these functions keep that plumbing out of the lesson.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch

from ._style import MIN_FONT_SIZE, cluster_color, new_axes, small_multiples
from .clusters import plot_centroids, plot_clusters

__all__ = ["markdown_table", "plot_named_iterations", "plot_partition_objectives", "plot_start_region"]


def markdown_table(header, rows):
    """A Markdown table for display in a notebook (no pandas needed).

    Parameters
    ----------
    header : sequence of str
        Column titles.
    rows : iterable of sequences
        One sequence per row, as long as ``header``; each cell is shown with ``str``
        (a ``|`` in a cell is escaped, so partitions like ``"ABC | DEF"`` stay in one cell).

    Returns
    -------
    IPython.display.Markdown
    """
    from IPython.display import Markdown

    def cell_text(cell):
        return str(cell).replace("|", "\\|")  # a bare pipe would end the cell

    header = [cell_text(h) for h in header]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(":---:" for _ in header) + "|"]
    for row in rows:
        cells = [cell_text(cell) for cell in row]
        if len(cells) != len(header):
            raise ValueError(f"every row needs {len(header)} cells like the header, got {len(cells)}.")
        lines.append("| " + " | ".join(cells) + " |")
    return Markdown("\n".join(lines))


def _limits(points, margin=0.8):
    low, high = points.min(axis=0) - margin, points.max(axis=0) + margin
    return (low[0], high[0]), (low[1], high[1])


def label_offsets(X, markers, *, radius=1.0, distance=7.0):
    """Where to write each point's name so that no nearby marker covers it.

    A name goes up and to the right of its point, unless a marker (a centre) lies within ``radius`` of
    the point: then it goes to the side facing away from the nearest such marker that is not on the
    point itself.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
        The named points.
    markers : ndarray of shape (n_markers, 2)
        The centres drawn over the points.
    radius : float, default=1.0
        In data units: markers farther away than this are ignored.
    distance : float, default=7.0
        How far from its point a name is written, in typographic points.

    Returns
    -------
    ndarray of shape (n_samples, 2)
        The offset of each name from its point, in points (for ``annotate``'s ``xytext``).
    """
    X, markers = np.asarray(X, dtype=float), np.asarray(markers, dtype=float).reshape(-1, 2)
    offsets = np.full((len(X), 2), distance / np.sqrt(2))
    for i, point in enumerate(X):
        away = point - markers
        length = np.hypot(away[:, 0], away[:, 1])
        near = (length > 1e-9) & (length <= radius)
        if near.any():
            j = np.flatnonzero(near)[np.argmin(length[near])]
            offsets[i] = distance * away[j] / length[j]
    return offsets


def _write_names(ax, X, names, markers):
    """Each point's name, away from the markers, above them and on a pale box so it stays readable."""
    for (x, y), name, (dx, dy) in zip(X, names, label_offsets(X, markers)):
        ax.annotate(
            str(name), (x, y), textcoords="offset points", xytext=(dx, dy), fontsize=MIN_FONT_SIZE,
            ha="left" if dx >= 0 else "right", va="bottom" if dy >= 0 else "top", zorder=6,
            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.7},
        )  # fmt: skip


def plot_named_iterations(X, names, history, *, ncols=3, panel_size=None):
    """Small multiples of a Lloyd run with every point named.

    Panel 0 shows the points and the initial centres; panel t shows the
    assignment of iteration t (colours), the centres it was made to (hollow
    circles) and the centres after the update (crosses), joined by arrows.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    names : sequence of str, length n_samples
    history : list of :class:`kmeans_lab.LloydStep`
        ``LloydResult.history``.
    ncols : int, default=3
    panel_size : float, optional
        Width and height of one panel in inches; by default the row fills the column
        (see :func:`kmeans_lab.plotting.small_multiples`).

    Returns
    -------
    fig : matplotlib Figure
    """
    X = np.asarray(X, dtype=float)
    if len(names) != len(X):
        raise ValueError(f"names needs one entry per sample ({len(X)}), got {len(names)}.")
    if not history:
        raise ValueError("history is empty: run kl.lloyd first and pass result.history.")
    everything = np.vstack([X, history[0].previous_centroids] + [step.centroids for step in history])
    xlim, ylim = _limits(everything, margin=1.3)  # room for the names written outside the points
    fig, axes = small_multiples(len(history) + 1, ncols=ncols, panel_size=panel_size)
    plot_clusters(X, None, history[0].previous_centroids, ax=axes[0], s=30)
    _write_names(axes[0], X, names, history[0].previous_centroids)
    axes[0].set_title("start:\ninitial centres", fontsize=MIN_FONT_SIZE)
    for t, (ax, step) in enumerate(zip(axes[1:], history), start=1):
        plot_clusters(X, step.labels, ax=ax, s=30)
        _write_names(ax, X, names, np.vstack([step.previous_centroids, step.centroids]))
        for k, (old, new) in enumerate(zip(step.previous_centroids, step.centroids)):
            ax.scatter(*old, s=90, facecolors="none", edgecolors=cluster_color(k), linewidths=1.2, zorder=4)
            if np.any(old != new):
                ax.annotate("", new, old, arrowprops={"arrowstyle": "->", "lw": 1.0, "color": "black"})
        plot_centroids(step.centroids, ax=ax)
        title = f"iteration {t}: {step.n_changed} changed\nJ = {step.inertia:.4g}"
        ax.set_title(title, fontsize=MIN_FONT_SIZE)
    for ax in axes:
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_xlabel("$x_1$")
    for ax in axes[::ncols]:
        ax.set_ylabel("$x_2$")
    return fig


def plot_partition_objectives(objectives, is_fixed_point, labels, *, ax=None):
    """Bar chart of J for every partition, the Lloyd fixed points highlighted.

    Parameters
    ----------
    objectives : sequence of float, length n_partitions
    is_fixed_point : sequence of bool, length n_partitions
    labels : sequence of str, length n_partitions
        A short name for each partition, e.g. ``"ABC | DEF"``.
    ax : matplotlib Axes, optional

    Returns
    -------
    ax : matplotlib Axes
    """
    objectives = np.asarray(objectives, dtype=float)
    is_fixed_point = np.asarray(is_fixed_point, dtype=bool)
    if not (len(objectives) == len(is_fixed_point) == len(labels)):
        raise ValueError("objectives, is_fixed_point and labels must have the same length.")
    order = np.argsort(objectives, kind="stable")
    ax = new_axes(ax, figsize=(7.0, 3.4))
    colors = [cluster_color(2) if is_fixed_point[i] else "#BBBBBB" for i in order]
    ax.bar(np.arange(len(order)), objectives[order], color=colors, width=0.8)
    ax.set_xticks(np.arange(len(order)))
    ax.set_xticklabels([labels[i] for i in order], rotation=90, fontsize=MIN_FONT_SIZE)
    ax.set_ylabel("J (WCSS)")
    ax.set_xlabel("partition into two clusters, sorted by J")
    ax.legend(
        handles=[
            Patch(color=cluster_color(2), label="Lloyd fixed point"),
            Patch(color="#BBBBBB", label="not a fixed point"),
        ],
        loc="upper left",
    )
    return ax


def plot_start_region(grid_x, grid_y, final_objective, *, levels, level_labels, ax=None, X=None, names=None,
                      fixed_centre=None, discs=(), disc_labels=None, title=None, legend=True):
    """Map of where Lloyd ends, as a function of one starting centre.

    Each grid cell is coloured by the final J reached when the second centre
    starts there (the first one fixed at ``fixed_centre``).

    Parameters
    ----------
    grid_x : ndarray of shape (n_x,)
        Increasing x coordinates of the starting positions.
    grid_y : ndarray of shape (n_y,)
    final_objective : ndarray of shape (n_y, n_x)
        The final J for each start (row = y, column = x).
    levels : sequence of float
        Every distinct final J to show, shared by all panels so colours agree.
    level_labels : sequence of str
        Legend text for each level.
    ax : matplotlib Axes, optional
    X : array-like of shape (n_samples, 2), optional
        The data, drawn on top.
    names : sequence of str, optional
    fixed_centre : array-like of shape (2,), optional
        The centre that does not move between starts (drawn as a black cross).
    discs : sequence of (centre, radius) or (centre, radius, linestyle)
        Circles to outline, e.g. the regions that make an idle centre win a
        point; dashed unless a linestyle is given.
    disc_labels : dict, optional
        Legend text for each linestyle of ``discs``, e.g. ``{"--": "through m"}``.
    title : str, optional
    legend : bool, default=True

    Returns
    -------
    ax : matplotlib Axes
    """
    grid_x, grid_y = np.asarray(grid_x, dtype=float), np.asarray(grid_y, dtype=float)
    final_objective = np.asarray(final_objective, dtype=float)
    if final_objective.shape != (len(grid_y), len(grid_x)):
        expected = (len(grid_y), len(grid_x))
        raise ValueError(f"final_objective must have shape {expected}, got {final_objective.shape}.")
    levels = np.asarray(levels, dtype=float)
    ax = new_axes(ax)
    cmap = plt.get_cmap("viridis")
    low, high = levels.min(), levels.max()
    scale = (lambda v: (v - low) / (high - low)) if high > low else (lambda v: 0.0 * v)
    dx, dy = (grid_x[1] - grid_x[0]) / 2, (grid_y[1] - grid_y[0]) / 2
    ax.imshow(
        scale(final_objective), origin="lower", cmap=cmap, vmin=0, vmax=1, alpha=0.55,
        interpolation="nearest", aspect="equal",
        extent=(grid_x[0] - dx, grid_x[-1] + dx, grid_y[0] - dy, grid_y[-1] + dy),
    )  # fmt: skip
    for centre, radius, *style in discs:
        ls = style[0] if style else "--"
        ax.add_patch(Circle(centre, radius, fill=False, ls=ls, lw=0.8, color="#444444"))
    if X is not None:
        X = np.asarray(X, dtype=float)
        ax.scatter(X[:, 0], X[:, 1], c="black", s=12, zorder=3)
        for (x, y), name in zip(X, names or ()):
            ax.annotate(name, (x, y), textcoords="offset points", xytext=(3, 3), fontsize=MIN_FONT_SIZE)
    if fixed_centre is not None:
        ax.scatter(*fixed_centre, marker="X", s=90, c="black", edgecolors="white", zorder=5)
    ax.set_xlim(grid_x[0] - dx, grid_x[-1] + dx)
    ax.set_ylim(grid_y[0] - dy, grid_y[-1] + dy)
    ax.set_xlabel("start of centre 2, $x_1$")
    ax.set_ylabel("start of centre 2, $x_2$")
    if title:
        ax.set_title(title, fontsize=MIN_FONT_SIZE)
    if legend:
        handles = [
            Patch(color=cmap(float(scale(v))), alpha=0.55, label=text)
            for v, text in zip(levels, level_labels)
        ]
        handles += [Line2D([], [], ls=style, lw=0.8, color="#444444", label=text)
                    for style, text in (disc_labels or {}).items()]
        ax.legend(handles=handles, loc="lower right", frameon=True, fontsize=MIN_FONT_SIZE)
    return ax
