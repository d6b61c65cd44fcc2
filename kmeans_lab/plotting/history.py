"""Small multiples of a Lloyd run: one panel per step (or half-step)."""

import numpy as np

from ._style import MIN_FONT_SIZE, cluster_color, padded_bounds, small_multiples
from .clusters import plot_voronoi


def draw_lloyd_panel(X, centroids, labels=None, *, ax=None, previous_centroids=None, bounds=None,
                     highlight=None, show_cells=True, resolution=300):
    """One frame of Lloyd's algorithm on one axes.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    centroids : array-like of shape (n_clusters, 2)
        The current centres (crosses) and their Voronoi cells.
    labels : array-like of shape (n_samples,), optional
        Colours of the samples; None draws them grey (before any assignment).
    previous_centroids : array-like of shape (n_clusters, 2), optional
        Drawn as hollow circles with an arrow to where each centre moved.
    bounds : (xmin, xmax, ymin, ymax), optional
    highlight : sequence of int, optional
        Samples to ring in black (e.g. those moved into an empty cluster).
    resolution : int, default=300
        Grid points per side for the Voronoi cells.

    Returns
    -------
    ax : matplotlib Axes
    """
    centroids = np.asarray(centroids, dtype=float)
    ax = plot_voronoi(centroids, ax=ax, X=X, labels=labels, bounds=bounds, alpha=0.18 if show_cells else 0.0,
                      resolution=resolution)
    if previous_centroids is not None:
        previous = np.asarray(previous_centroids, dtype=float)
        colors = [cluster_color(k) for k in range(len(previous))]
        ax.scatter(previous[:, 0], previous[:, 1], marker="o", s=55, facecolors="none", edgecolors=colors,
                   linewidths=1.3, zorder=4)  # fmt: skip
        for old, new in zip(previous, centroids):
            if np.any(old != new):
                arrow = {"arrowstyle": "->", "lw": 1.2, "color": "black"}
                ax.annotate("", new, old, arrowprops=arrow, zorder=6)
    if highlight is not None and len(highlight):
        points = np.asarray(X, dtype=float)[np.asarray(highlight, dtype=int)]
        ax.scatter(points[:, 0], points[:, 1], s=120, facecolors="none", edgecolors="black", linewidths=1.3,
                   zorder=6)  # fmt: skip
    return ax


def plot_history(X, result, *, steps=None, ncols=4, panel_size=None, show_cells=True, half_steps=False,
                 bounds=None, resolution=160):
    """Replay a :class:`kmeans_lab.LloydResult` as small multiples.

    Panel 0 shows the initial centres; panel t the assignment of iteration t
    (colours), the centres it was assigned to (crosses) and, as arrows, where
    the update step moves them.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    result : LloydResult
        What :func:`kmeans_lab.lloyd` returns (to replay a ``KMeans`` fit, run
        ``kl.lloyd`` from the same initial centres).
    steps : sequence of int, optional
        Which iterations (1-based) to draw; by default all, up to 11
        (up to 5 with ``half_steps``).
    half_steps : bool, default=False
        Draw two panels per iteration: the assignment (cells of the old
        centres, J before the update) and the update (old centres hollow, an
        arrow to each new centre, cells of the new centres, J after).
    bounds : (xmin, xmax, ymin, ymax), optional
        Shared by every panel; by default the data and every centre drawn,
        plus a 10% margin (so a far-away centre stays in view).
    resolution : int, default=160
        Grid points per side for the Voronoi cells (a small panel needs few).
    """
    if not hasattr(result, "history"):
        raise TypeError(
            f"result must be what kmeans_lab.lloyd returns (a LloydResult), got {type(result).__name__}; "
            "to replay a KMeans fit, run kl.lloyd(X, init) from the same initial centres."
        )
    history = result.history
    init = history[0].previous_centroids
    if steps is None:
        steps = list(range(1, min(len(history), 5 if half_steps else 11) + 1))
    n_panels = 1 + len(steps) * (2 if half_steps else 1)
    fig, axes = small_multiples(n_panels, ncols=ncols, panel_size=panel_size)
    X = np.asarray(X, dtype=float)
    if bounds is None:
        drawn = [X, init]
        for t in steps:
            drawn += [history[t - 1].previous_centroids, history[t - 1].centroids]
        bounds = padded_bounds(np.vstack(drawn), 0.1)
    alpha = 0.18 if show_cells else 0.0
    plot_voronoi(init, ax=axes[0], X=X, alpha=alpha, bounds=bounds, resolution=resolution)
    axes[0].set_title("start", fontsize=MIN_FONT_SIZE)
    if half_steps:
        for i, t in enumerate(steps):
            step = history[t - 1]
            ax_assign, ax_update = axes[1 + 2 * i], axes[2 + 2 * i]
            draw_lloyd_panel(X, step.previous_centroids, step.labels, ax=ax_assign, show_cells=show_cells,
                             bounds=bounds, resolution=resolution)  # fmt: skip
            ax_assign.set_title(f"{t}a assign: J = {step.inertia_before_update:.4g}", fontsize=MIN_FONT_SIZE)
            draw_lloyd_panel(X, step.centroids, step.labels, ax=ax_update,
                             previous_centroids=step.previous_centroids, show_cells=show_cells, bounds=bounds,
                             resolution=resolution)  # fmt: skip
            ax_update.set_title(f"{t}b update: J = {step.inertia:.4g}", fontsize=MIN_FONT_SIZE)
        return fig
    for ax, t in zip(axes[1:], steps):
        step = history[t - 1]
        plot_voronoi(step.previous_centroids, ax=ax, X=X, labels=step.labels, alpha=alpha, bounds=bounds,
                     resolution=resolution)  # fmt: skip
        for old, new in zip(step.previous_centroids, step.centroids):
            if np.any(old != new):
                ax.annotate("", new, old, arrowprops={"arrowstyle": "->", "lw": 1.2, "color": "black"})
        ax.set_title(f"iter {t}: J = {step.inertia:.4g}", fontsize=MIN_FONT_SIZE)
    return fig

