"""Figures for the lesson on k-medoids: medoids, swaps and the 1-D medoid."""

import numpy as np
from matplotlib.collections import LineCollection

from ._style import (
    MIN_FONT_SIZE,
    cluster_color,
    label_colors,
    new_axes,
    padded_bounds,
    set_equal_aspect,
    small_multiples,
)

__all__ = ["plot_medoid_1d", "plot_medoid_losses", "plot_medoids", "plot_swap_steps"]

_REMOVED_COLOR = "#555555"


def plot_medoids(X, labels, medoid_indices, *, ax=None, title=None, links=True, removed=(), added=(), s=16,
                 bounds=None):
    """Samples coloured by cluster, a thin line to their medoid, medoids as large squares.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    labels : array-like of shape (n_samples,)
        Cluster j of each sample: the cluster of ``medoid_indices[j]``.
    medoid_indices : array-like of int, shape (n_clusters,)
    ax : matplotlib Axes, optional
    title : str, optional
    links : bool, default=True
        Draw a line from each sample to its medoid (the dissimilarities summed by the loss).
    removed, added : sequence of int
        Samples that just stopped / started being medoids: a grey cross and a black ring.
    bounds : (xmin, xmax, ymin, ymax), optional

    Returns
    -------
    ax : matplotlib Axes
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"plot_medoids needs 2-D points of shape (n_samples, 2), got shape {X.shape}.")
    labels = np.asarray(labels)
    medoids = np.asarray(medoid_indices, dtype=int)
    ax = new_axes(ax)
    if links:
        segments = np.stack([X, X[medoids[labels]]], axis=1)
        lines = LineCollection(segments, colors=label_colors(labels), linewidths=0.5, alpha=0.35, zorder=1)
        ax.add_collection(lines)
    ax.scatter(X[:, 0], X[:, 1], c=label_colors(labels), s=s, linewidths=0, zorder=2)
    for removed_index in removed:
        ax.scatter(*X[removed_index], marker="x", s=70, color=_REMOVED_COLOR, linewidths=1.6, zorder=4)
    for j, m in enumerate(medoids):
        ax.scatter(*X[m], marker="s", s=85, color=cluster_color(j), edgecolors="white", linewidths=1.2,
                   zorder=5)
    for added_index in added:
        ax.scatter(*X[added_index], marker="o", s=230, facecolors="none", edgecolors="black", linewidths=1.3,
                   zorder=6)  # fmt: skip
    if bounds is not None:
        ax.set_xlim(bounds[0], bounds[1])
        ax.set_ylim(bounds[2], bounds[3])
    if title:
        ax.set_title(title)
    set_equal_aspect(ax)
    return ax


def data_bounds(X, margin=0.08):
    """(xmin, xmax, ymin, ymax) of 2-D points with a margin, for panels that share limits."""
    return padded_bounds(np.asarray(X, dtype=float), margin)


def plot_swap_steps(X, start, steps, *, ncols=4, panel_size=None, what="swap"):
    """Small multiples of a k-medoids run: the start, then the state after each step.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    start : MedoidStep
        The starting state (e.g. the last step of BUILD, or the first frame of
        a :class:`kmeans_lab.widgets.MedoidSwapState`).
    steps : sequence of MedoidStep
        From :func:`kmeans_lab.pam_swap_steps` and friends.
    what : str
        Word used in the panel titles ("swap", "update", "BUILD step").

    Returns
    -------
    fig : Figure
    axes : list of Axes
    """
    frames = [start, *steps]
    fig, axes = small_multiples(len(frames), ncols=ncols, panel_size=panel_size)
    bounds = data_bounds(X)
    for t, (ax, frame) in enumerate(zip(axes, frames)):
        title = "start" if t == 0 else f"{what} {t}"
        plot_medoids(X, frame.labels, frame.medoids, ax=ax, removed=frame.removed if t else (),
                     added=frame.added if t else (), bounds=bounds, s=10,
                     title=f"{title}: loss {frame.loss:.1f}")  # fmt: skip
        ax.title.set_fontsize(MIN_FONT_SIZE)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("$x_1$", labelpad=1)
        if t % ncols == 0:
            ax.set_ylabel("$x_2$", labelpad=1)
    return fig, axes


def plot_medoid_losses(losses, *, ax=None, title="loss after each step", xlabel="step"):
    """Loss against step for one or more runs.

    Parameters
    ----------
    losses : dict of str to sequence of float
        A label and the loss at step 0 (the start), 1, 2, ... of each run.
    """
    ax = new_axes(ax)
    for k, (label, values) in enumerate(losses.items()):
        values = np.asarray(values, dtype=float)
        ax.plot(np.arange(values.size), values, marker="o", ms=4, color=cluster_color(k), label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("loss (sum of dissimilarities)")
    ax.set_title(title)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend()
    return ax


def plot_medoid_1d(x, *, ax=None, title=None):
    """The 1-D picture: :math:`f(m) = \\sum_i |x_i - m|` with its value at each data point, mean and median.

    The medoid is the data point with the lowest value of f; the median (every
    minimiser of f) is shaded or marked, the mean drawn for comparison.

    Parameters
    ----------
    x : array-like of shape (n_samples,)
    """
    x = np.sort(np.asarray(x, dtype=float).ravel())
    ax = new_axes(ax)
    margin = 0.08 * max(np.ptp(x), 1.0)
    m = np.linspace(x.min() - margin, x.max() + margin, 800)
    f = np.abs(x[None, :] - m[:, None]).sum(axis=1)
    at_points = np.abs(x[None, :] - x[:, None]).sum(axis=1)
    medoid = x[np.argmin(at_points)]
    low, high = x[(x.size - 1) // 2], x[x.size // 2]
    ax.plot(m, f, color=cluster_color(2), lw=1.5, label=r"$f(m)=\sum_i |x_i-m|$")
    ax.scatter(x, at_points, s=18, color=cluster_color(0), zorder=3, label="f at each data point")
    if high > low:
        ax.axvspan(low, high, color=cluster_color(2), alpha=0.15, label="median interval")
    else:
        ax.axvline(low, color=cluster_color(2), ls=":", lw=1.2, label=f"median = {low:.3g}")
    ax.axvline(x.mean(), color=cluster_color(5), lw=1.2, ls="--", label=f"mean = {x.mean():.3g}")
    ax.scatter([medoid], [at_points.min()], s=120, marker="s", color=cluster_color(1), edgecolors="black",
               zorder=4, label=f"medoid = {medoid:.3g}")  # fmt: skip
    ax.plot(x, np.full_like(x, f.min() - 0.04 * np.ptp(f)), "|", color="#333333", ms=10)
    ax.set_xlabel("m")
    ax.set_ylabel("f(m)")
    if title:
        ax.set_title(title)
    ax.legend(loc="upper center")
    return ax

