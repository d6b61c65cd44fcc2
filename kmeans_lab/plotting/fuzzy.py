"""Figures for the lesson on fuzzy c-means: soft memberships, the fuzzifier m and validity indices."""

import numpy as np
from matplotlib.colors import to_rgb

from ._style import MIN_FONT_SIZE, cluster_color, new_axes, padded_bounds, set_equal_aspect
from .clusters import _xy, plot_centroids

__all__ = [
    "membership_colors",
    "plot_fuzzy_clusters",
    "plot_fuzzy_objective",
    "plot_membership_curves",
    "plot_validity_indices",
]


def membership_colors(membership):
    """Blend the cluster colours by membership: a sample shared 50/50 gets the mix of two colours.

    Parameters
    ----------
    membership : array-like of shape (n_samples, n_clusters)
        Rows sum to 1.

    Returns
    -------
    colors : ndarray of shape (n_samples, 3)
        RGB values in [0, 1].
    """
    u = np.asarray(membership, dtype=float)
    palette = np.array([to_rgb(cluster_color(j)) for j in range(u.shape[1])])
    return np.clip(u @ palette, 0.0, 1.0)


def plot_fuzzy_clusters(X, membership, centers=None, *, m=None, ax=None, title=None, s=14, levels=(0.5, 0.8),
                        bounds=None, resolution=160):  # fmt: skip
    """Scatter the samples in colours blended by membership, with the centres on top.

    Each sample's size also grows with its largest membership, so the
    uncertain samples between clusters stand out as small, mixed-colour dots.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    membership : array-like of shape (n_samples, n_clusters)
    centers : array-like of shape (n_clusters, 2), optional
    m : float, optional
        With ``centers``, draw the contour lines where the largest membership
        equals each of ``levels`` (computed on a grid for this fuzzifier).
    ax : matplotlib Axes, optional
    title : str, optional
    levels : sequence of float
        Membership levels of the contour lines.
    bounds : (xmin, xmax, ymin, ymax), optional
        Extent of the contour grid; the data with a 5% margin by default.

    Returns
    -------
    ax : matplotlib Axes
    """
    from ..fuzzy import fuzzy_membership

    X = _xy(X)
    u = np.asarray(membership, dtype=float)
    ax = new_axes(ax)
    if centers is not None and m is not None:
        if bounds is None:
            bounds = padded_bounds(X, 0.05)
        gx, gy = np.meshgrid(
            np.linspace(bounds[0], bounds[1], resolution), np.linspace(bounds[2], bounds[3], resolution)
        )
        grid_u = fuzzy_membership(np.column_stack([gx.ravel(), gy.ravel()]), centers, m).max(axis=1)
        contours = ax.contour(gx, gy, grid_u.reshape(gx.shape), levels=sorted(levels), colors="#777777",
                              linewidths=0.7)  # fmt: skip
        ax.clabel(contours, fmt="%.1f", fontsize=MIN_FONT_SIZE)
    sizes = 4 + 14 * u.max(axis=1) ** 2
    ax.scatter(X[:, 0], X[:, 1], c=membership_colors(u), s=sizes, linewidths=0)
    if centers is not None:
        plot_centroids(centers, ax=ax)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    set_equal_aspect(ax)
    return ax


def plot_membership_curves(x, membership, *, ax=None, title=None, centers=None, linestyle="-", alpha=1.0,
                           label=None, ylabel="membership $u_j(x)$"):  # fmt: skip
    """Memberships along a line: one curve per cluster, in the cluster's colour.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Positions along the line (the horizontal axis).
    membership : array-like of shape (n_points, n_clusters)
        Memberships (or responsibilities) at each position.
    centers : array-like of shape (n_clusters,), optional
        Positions of the centres, marked by crosses on the top axis line.
    label : str, optional
        Legend entry, drawn in grey with this ``linestyle`` (e.g. "m = 2").

    Returns
    -------
    ax : matplotlib Axes
    """
    x = np.asarray(x, dtype=float)
    u = np.asarray(membership, dtype=float)
    ax = new_axes(ax)
    for j in range(u.shape[1]):
        ax.plot(x, u[:, j], color=cluster_color(j), linestyle=linestyle, alpha=alpha, lw=1.4)
    if label is not None:
        # A neutral legend entry: colours stand for clusters, the line style for the setting.
        ax.plot([], [], color="#444444", linestyle=linestyle, lw=1.4, label=label)
    if centers is not None:
        centers = np.asarray(centers, dtype=float).ravel()
        ax.scatter(centers, np.full(len(centers), 1.04), marker="X", s=60, clip_on=False,
                   c=[cluster_color(j) for j in range(len(centers))], edgecolors="white",
                   zorder=5)  # fmt: skip
    ax.set_ylim(-0.02, 1.08)
    ax.set_xlabel("position $x$")
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    return ax


def plot_validity_indices(values, partition_coefficients, partition_entropies, *, axes=None, label=None,
                          color=None, xlabel="fuzzifier $m$"):  # fmt: skip
    """Partition coefficient (left) and partition entropy (right) against a parameter.

    Call once per curve (e.g. once per K) on the same pair of axes.

    Parameters
    ----------
    values : array-like of shape (n_values,)
        The parameter on the horizontal axis (m, or K).
    partition_coefficients, partition_entropies : array-like of shape (n_values,)
    axes : pair of matplotlib Axes, optional
        A new figure with two panels by default.
    label : str, optional
    color : colour, optional

    Returns
    -------
    axes : pair of matplotlib Axes
    """
    import matplotlib.pyplot as plt

    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(8.0, 3.0), layout="constrained")
    ax_pc, ax_pe = axes
    ax_pc.plot(values, partition_coefficients, marker="o", ms=3, color=color, label=label)
    ax_pe.plot(values, partition_entropies, marker="o", ms=3, color=color, label=label)
    ax_pc.set_ylabel("partition coefficient PC")
    ax_pe.set_ylabel("partition entropy PE")
    for ax in axes:
        ax.set_xlabel(xlabel)
    ax_pc.set_title("PC: 1 = hard, 1/K = all equal")
    ax_pe.set_title("PE: 0 = hard, ln K = all equal")
    return axes


def plot_fuzzy_objective(objective, *, ax=None, title="$J_m$ at each iteration", label=None, color=None):
    """The objective J_m after each iteration of fuzzy c-means (it never increases).

    Parameters
    ----------
    objective : array-like of shape (n_iter,)
        ``FuzzyCMeans.objective_``.

    Returns
    -------
    ax : matplotlib Axes
    """
    objective = np.asarray(objective, dtype=float)
    ax = new_axes(ax)
    ax.plot(np.arange(1, len(objective) + 1), objective, marker="o", ms=3,
            color=color or cluster_color(0), label=label)  # fmt: skip
    ax.set_xlabel("iteration $t$")
    ax.set_ylabel("$J_m$")
    ax.xaxis.get_major_locator().set_params(integer=True)
    if title:
        ax.set_title(title)
    return ax
