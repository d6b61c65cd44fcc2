"""Small multiples of a Lloyd run: one panel per step."""

import numpy as np

from ._style import small_multiples
from .clusters import plot_voronoi


def plot_history(X, result, *, steps=None, ncols=4, panel_size=2.2, show_cells=True):
    """Replay a :class:`kmeans_lab.LloydResult` (or a fitted KMeans) as small multiples.

    Panel 0 shows the initial centres; panel t the assignment of iteration t
    (colours), the centres it was assigned to (crosses) and, as arrows, where
    the update step moves them.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    result : LloydResult or fitted KMeans
    steps : sequence of int, optional
        Which iterations (1-based) to draw; by default all, up to 11.
    """
    history = result.history_ if hasattr(result, "history_") else result.history
    init = history[0].previous_centroids
    if steps is None:
        steps = list(range(1, min(len(history), 11) + 1))
    fig, axes = small_multiples(len(steps) + 1, ncols=ncols, panel_size=panel_size)
    X = np.asarray(X, dtype=float)
    if show_cells:
        plot_voronoi(init, ax=axes[0], X=X)
    axes[0].set_title("start", fontsize=9)
    for ax, t in zip(axes[1:], steps):
        step = history[t - 1]
        plot_voronoi(step.previous_centroids, ax=ax, X=X, labels=step.labels, alpha=0.18 if show_cells else 0)
        for old, new in zip(step.previous_centroids, step.centroids):
            if np.any(old != new):
                ax.annotate("", new, old, arrowprops={"arrowstyle": "->", "lw": 1.2, "color": "black"})
        ax.set_title(f"iter {t}: J = {step.inertia:.4g}", fontsize=9)
    return fig
