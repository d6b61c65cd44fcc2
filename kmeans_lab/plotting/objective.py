"""Figures for the lessons on the objective J: what it measures and where its minimum is."""

import numpy as np

from ._style import MIN_FONT_SIZE, cluster_color, label_colors, new_axes, set_equal_aspect
from .clusters import _xy, plot_centroids

__all__ = [
    "plot_assignment_segments",
    "plot_count_growth",
    "plot_objective_1d",
    "plot_objective_contours",
    "plot_partition_landscape",
]


def plot_assignment_segments(X, labels, centroids, *, ax=None, title=None):
    """Draw each sample joined to its centroid: J is the sum of the squared segment lengths.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    labels : array-like of shape (n_samples,)
    centroids : array-like of shape (n_clusters, 2)

    Returns
    -------
    ax : matplotlib Axes
    """
    X, centroids = _xy(X), _xy(centroids)
    labels = np.asarray(labels, dtype=int)
    ax = new_axes(ax)
    for x, k in zip(X, labels):
        ax.plot([x[0], centroids[k, 0]], [x[1], centroids[k, 1]], color=cluster_color(k), lw=0.8, alpha=0.6)
    ax.scatter(X[:, 0], X[:, 1], c=label_colors(labels), s=16, linewidths=0)
    plot_centroids(centroids, ax=ax)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax


def plot_partition_landscape(objective_values, *, optimum=None, local_optima=None, ax=None, bins=40,
                             title=None, legend_loc="best"):
    """Histogram of J over many partitions, with the optimum and local optima marked.

    Parameters
    ----------
    objective_values : array-like of shape (n_partitions,)
        J of every partition considered.
    optimum : float, optional
        Drawn as a solid line.
    local_optima : array-like of float, optional
        Drawn as short ticks along the bottom (the partitions Lloyd's
        algorithm can stop at).
    legend_loc : str, default="best"
        Where matplotlib puts the legend.
    """
    values = np.asarray(objective_values, dtype=float)
    ax = new_axes(ax)
    ax.hist(values, bins=bins, color="#999999", alpha=0.8, label=f"all {len(values):,} partitions")
    if local_optima is not None:
        local = np.asarray(local_optima, dtype=float)
        ax.plot(local, np.zeros_like(local), "|", color=cluster_color(1), ms=18, mew=2,
                label=f"{len(local)} fixed points of Lloyd")  # fmt: skip
    if optimum is not None:
        ax.axvline(optimum, color=cluster_color(0), lw=2, label=f"optimum J = {optimum:.4g}")
    ax.set_xlabel("J (WCSS) of the partition")
    ax.set_ylabel("number of partitions")
    ax.legend(loc=legend_loc)
    if title:
        ax.set_title(title)
    return ax


def plot_count_growth(n_values, counts, *, ax=None, title=None, ylabel="number of partitions"):
    """Counts that explode with n, on a log scale (one line per series).

    Parameters
    ----------
    n_values : array-like of shape (n_points,)
    counts : dict of label -> sequence of int
        Exact integers are fine: they are converted to float for plotting only.
        Counts of zero are left out (they have no logarithm).
    """
    ax = new_axes(ax)
    n_values = np.asarray(n_values)
    for index, (label, series) in enumerate(counts.items()):
        values = np.array([float(c) if c > 0 else np.nan for c in series])
        ax.plot(n_values, values, marker="o", ms=3, color=cluster_color(index), label=label)
    ax.set_yscale("log")
    ax.set_xlabel("number of points n")
    ax.set_ylabel(ylabel)
    ax.legend()
    if title:
        ax.set_title(title)
    return ax


def plot_objective_1d(points, *, kind="squared", ax=None, span=None, show_decomposition=True, title=None):
    """J(m) for one cluster of numbers: ``sum (x - m)^2`` or ``sum |x - m|``, with its minimisers.

    For ``kind="squared"`` the mean is marked and, with ``show_decomposition``,
    the floor ``J(mean)`` and the gap ``n (m - mean)^2`` above it. For
    ``kind="absolute"`` every minimiser (the median, or the interval between
    the two middle points for an even count) is shaded.

    Parameters
    ----------
    points : array-like of shape (n_points,)
    kind : {"squared", "absolute"}
    span : (float, float), optional
        Range of m; defaults to the data with a margin.
    """
    if kind not in ("squared", "absolute"):
        raise ValueError(f"kind must be 'squared' or 'absolute', got {kind!r}.")
    x = np.asarray(points, dtype=float).ravel()
    ax = new_axes(ax)
    if span is None:
        margin = 0.25 * max(np.ptp(x), 1.0)
        span = (x.min() - margin, x.max() + margin)
    m = np.linspace(span[0], span[1], 601)
    if kind == "squared":
        J = ((x[None, :] - m[:, None]) ** 2).sum(axis=1)
        mean = x.mean()
        floor = ((x - mean) ** 2).sum()
        ax.plot(m, J, color=cluster_color(0), label=r"$J(m)=\sum (x_i-m)^2$")
        if show_decomposition:
            ax.axhline(floor, color="#999999", ls="--", lw=1, label=r"$J(\bar x)$")
            ax.fill_between(m, floor, J, color=cluster_color(0), alpha=0.12, label=r"gap $n(m-\bar x)^2$")
        ax.axvline(mean, color=cluster_color(5), lw=1.5, label=f"mean = {mean:.3g}")
    else:
        J = np.abs(x[None, :] - m[:, None]).sum(axis=1)
        xs = np.sort(x)
        low, high = xs[(len(xs) - 1) // 2], xs[len(xs) // 2]
        ax.plot(m, J, color=cluster_color(2), label=r"$\sum |x_i-m|$")
        if high > low:
            ax.axvspan(
                low, high, color=cluster_color(5), alpha=0.2, label=f"minimisers [{low:.3g}, {high:.3g}]"
            )
        else:
            ax.axvline(low, color=cluster_color(5), lw=1.5, label=f"median = {low:.3g}")
    ax.plot(x, np.full_like(x, J.min() - 0.04 * np.ptp(J)), "|", color="black", ms=10, label="data")
    ax.set_xlabel("centre m")
    ax.set_ylabel("objective")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if title:
        ax.set_title(title)
    return ax


def plot_objective_contours(X, *, ax=None, levels=12, title=None):
    """Contours of ``J(mu) = sum ||x_i - mu||^2`` over the plane, with the points and their mean.

    The contours are circles around the mean: J grows the same way in every
    direction (its Hessian is ``2 n I``).

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    """
    X = _xy(X)
    ax = new_axes(ax)
    mean = X.mean(axis=0)
    half_width = 0.7 * max(np.ptp(X, axis=0).max(), 1.0)  # a square window shows the circles as circles
    g0, g1 = np.meshgrid(np.linspace(mean[0] - half_width, mean[0] + half_width, 200),
                         np.linspace(mean[1] - half_width, mean[1] + half_width, 200))  # fmt: skip
    J = ((g0[..., None] - X[:, 0]) ** 2 + (g1[..., None] - X[:, 1]) ** 2).sum(axis=-1)
    contours = ax.contour(g0, g1, J, levels=levels, cmap="viridis", linewidths=0.8)
    ax.clabel(contours, fontsize=MIN_FONT_SIZE, fmt="%.0f")
    ax.scatter(X[:, 0], X[:, 1], color=cluster_color(0), s=18, zorder=3, label="points")
    ax.scatter(*mean, marker="X", s=110, color=cluster_color(5), edgecolors="white", zorder=4, label="mean")
    set_equal_aspect(ax)
    ax.set_xlabel(r"$\mu_1$")
    ax.set_ylabel(r"$\mu_2$")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if title:
        ax.set_title(title)
    return ax
