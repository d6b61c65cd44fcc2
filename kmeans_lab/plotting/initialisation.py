"""Plot helpers for the lessons on initialisation: D² sampling and random starts."""

import matplotlib.pyplot as plt
import numpy as np

from ._style import MIN_FONT_SIZE, cluster_color, new_axes, set_equal_aspect, small_multiples
from .clusters import _xy

__all__ = [
    "d2_probabilities",
    "plot_ci_frequencies",
    "plot_distributions",
    "plot_pick_probabilities",
    "plot_plusplus_sequence",
    "plot_restart_success",
    "plot_start",
]

#: Colour map of the pick probabilities (light = unlikely, dark = likely).
PROBABILITY_CMAP = "magma_r"


def d2_probabilities(X, centers=None):
    """Probability of each sample to be the next k-means++ centre.

    Uniform when no centre has been chosen yet, else D(x)² / Σ D², where D(x) is
    the distance from x to its nearest chosen centre. When every sample sits on
    a centre (Σ D² = 0) the probabilities are uniform.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    centers : array-like of shape (n_centers, n_features), optional

    Returns
    -------
    probabilities : ndarray of shape (n_samples,)
        Non-negative, summing to 1.
    """
    X = np.asarray(X, dtype=float)
    if centers is None or len(centers) == 0:
        return np.full(X.shape[0], 1.0 / X.shape[0])
    centers = np.asarray(centers, dtype=float)
    closest = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).min(axis=1)
    total = closest.sum()
    if total == 0:
        return np.full(X.shape[0], 1.0 / X.shape[0])
    return closest / total


def plot_pick_probabilities(X, centers=None, *, probabilities=None, ax=None, title=None, true_centers=None,
                            max_size=90.0, colorbar=False, number_centers=True):
    """Scatter the samples with size and colour showing their chance to be picked next.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    centers : array-like of shape (n_centers, 2), optional
        The centres chosen so far, drawn as black crosses numbered in order.
    probabilities : array-like of shape (n_samples,), optional
        Defaults to :func:`d2_probabilities` of ``X`` and ``centers``.
    ax : matplotlib Axes, optional
    title : str, optional
    true_centers : array-like of shape (n_true, 2), optional
        Drawn as small hollow grey circles.
    max_size : float
        Marker area of the most probable sample.
    colorbar : bool, default=False
        Add a colour bar of the probabilities.
    number_centers : bool, default=True
        Write each chosen centre's order (1, 2, …) next to it.

    Returns
    -------
    ax : matplotlib Axes
    """
    X = _xy(X)
    ax = new_axes(ax)
    p = d2_probabilities(X, centers) if probabilities is None else np.asarray(probabilities, dtype=float)
    # A faint base layer keeps the shape of the data visible where P is tiny.
    ax.scatter(X[:, 0], X[:, 1], s=2, c="#CCCCCC", linewidths=0, zorder=1)
    uniform = np.ptp(p) <= 1e-12 * max(p.max(), 1e-300)
    if uniform:
        points = ax.scatter(
            X[:, 0], X[:, 1], s=0.15 * max_size, c=np.full(len(p), 0.5), cmap=PROBABILITY_CMAP,
            vmin=0.0, vmax=1.0, linewidths=0, alpha=0.85, zorder=2,
        )  # fmt: skip
    else:
        order = np.argsort(p, kind="stable")  # the likeliest on top
        points = ax.scatter(
            X[order, 0], X[order, 1], s=2.0 + max_size * p[order] / p.max(), c=p[order],
            cmap=PROBABILITY_CMAP, vmin=0.0, vmax=p.max(), linewidths=0, alpha=0.85, zorder=2,
        )  # fmt: skip
    if true_centers is not None:
        true_centers = _xy(true_centers)
        ax.scatter(true_centers[:, 0], true_centers[:, 1], s=60, facecolors="none", edgecolors="#777777",
                   linewidths=1.0, zorder=4)  # fmt: skip
    if centers is not None and len(centers):
        centers = _xy(centers)
        ax.scatter(centers[:, 0], centers[:, 1], marker="X", s=110, c="#0072B2", edgecolors="white",
                   linewidths=1.2, zorder=6)  # fmt: skip
        if number_centers:
            for i, (x, y) in enumerate(centers, start=1):
                ax.annotate(str(i), (x, y), textcoords="offset points", xytext=(5, 4), fontsize=MIN_FONT_SIZE,
                            fontweight="bold", color="#0072B2", zorder=7)  # fmt: skip
    if colorbar:
        plt.colorbar(points, ax=ax, label="P(picked next)", shrink=0.85)
    if title:
        ax.set_title(title)
    set_equal_aspect(ax)
    return ax


def plot_plusplus_sequence(X, indices, *, steps=None, true_centers=None, ncols=4, panel_size=None):
    """Small multiples of k-means++: panel t shows t chosen centres and the next pick's probabilities.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    indices : sequence of int
        Rows of X chosen as centres, in order (e.g. from :func:`kmeans_lab.kmeans_plusplus`).
    steps : sequence of int, optional
        Numbers of centres chosen in each panel (0 = before the first pick);
        by default 0, 1, 2, 3, 5, 8 and ``len(indices)``, as far as they exist.
    true_centers : array-like of shape (n_true, 2), optional

    Returns
    -------
    fig : matplotlib Figure
    """
    X = _xy(X)
    indices = np.asarray(indices, dtype=int)
    if steps is None:
        steps = sorted({s for s in (0, 1, 2, 3, 5, 8) if s < len(indices)} | {len(indices)})
    fig, axes = small_multiples(len(steps), ncols=ncols, panel_size=panel_size)
    for ax, t in zip(axes, steps):
        centers = X[indices[:t]]
        p = d2_probabilities(X, centers if t else None)
        plot_pick_probabilities(X, centers if t else None, probabilities=p, ax=ax, true_centers=true_centers,
                                max_size=40.0, number_centers=t <= 5)  # fmt: skip
        if t < len(indices):
            nxt = X[indices[t]]
            ax.scatter([nxt[0]], [nxt[1]], s=140, facecolors="none", edgecolors="#D55E00", linewidths=1.6,
                       zorder=8)  # fmt: skip
            ax.set_title(f"{t} chosen · next ringed", fontsize=MIN_FONT_SIZE)
        else:
            ax.set_title(f"all {t} chosen", fontsize=MIN_FONT_SIZE)
    return fig


def plot_start(X, init_centers, *, true_centers=None, ax=None, title=None):
    """Grey samples, the initial centres as crosses in cluster colours and the true centres as rings.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    init_centers : array-like of shape (n_clusters, 2)
    true_centers : array-like of shape (n_true, 2), optional
    """
    from .clusters import plot_centroids

    X = _xy(X)
    ax = new_axes(ax)
    ax.scatter(X[:, 0], X[:, 1], s=6, c="#AAAAAA", linewidths=0, alpha=0.7)
    if true_centers is not None:
        true_centers = _xy(true_centers)
        ax.scatter(true_centers[:, 0], true_centers[:, 1], s=140, facecolors="none", edgecolors="#333333",
                   linewidths=1.2, zorder=4, label="true centre")  # fmt: skip
    plot_centroids(init_centers, ax=ax, label="initial centre")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, markerscale=0.6, handletextpad=0.2)
    if title:
        ax.set_title(title)
    set_equal_aspect(ax)
    return ax


def plot_distributions(samples, *, ax=None, xlabel="J", bins=20, title=None, log=False):
    """Overlaid step histograms of one quantity for several methods.

    Parameters
    ----------
    samples : dict of str to array-like
        Method name to its values (one per seed); colours follow the order.
    bins : int
    log : bool, default=False
        Logarithmic bins and x axis (for values spanning orders of magnitude).
    """
    ax = new_axes(ax)
    values = [np.asarray(v, dtype=float) for v in samples.values()]
    low = min(v.min() for v in values)
    high = max(v.max() for v in values)
    if high == low:
        high = low + 1.0
    edges = np.geomspace(low, high, bins + 1) if log else np.linspace(low, high, bins + 1)
    for i, (name, v) in enumerate(zip(samples, values)):
        color = cluster_color(i)
        ax.hist(v, bins=edges, histtype="stepfilled", alpha=0.25, color=color)
        label = f"{name} (median {np.median(v):.3g})"
        ax.hist(v, bins=edges, histtype="step", lw=1.5, color=color, label=label)
    if log:
        ax.set_xscale("log")
    ax.set_ylim(0, ax.get_ylim()[1] * 1.3)  # room for the legend
    ax.set_xlabel(xlabel)
    ax.set_ylabel("number of seeds")
    ax.legend(loc="upper right")
    if title:
        ax.set_title(title)
    return ax


def plot_ci_frequencies(ci_values, *, ax=None, title="centroid index over seeds"):
    """Grouped bars: for each method, the share of seeds with CI = 0, 1, 2, …

    Parameters
    ----------
    ci_values : dict of str to array-like of int
        Method name to its centroid indices (one per seed).
    """
    ax = new_axes(ax)
    arrays = {name: np.asarray(v, dtype=int) for name, v in ci_values.items()}
    top = max(int(v.max()) for v in arrays.values())
    levels = np.arange(top + 1)
    width = 0.8 / len(arrays)
    for i, (name, v) in enumerate(arrays.items()):
        share = np.array([(v == c).mean() for c in levels])
        ax.bar(levels + (i - (len(arrays) - 1) / 2) * width, 100 * share, width=width, color=cluster_color(i),
               label=f"{name} (CI = 0 in {100 * share[0]:.0f}%)")  # fmt: skip
    ax.set_xticks(levels)
    ax.set_ylim(0, ax.get_ylim()[1] * 1.35)  # room for the legend
    ax.set_xlabel("centroid index CI (0 = every cluster found)")
    ax.set_ylabel("% of seeds")
    ax.legend(loc="upper right")
    if title:
        ax.set_title(title)
    return ax


def plot_restart_success(restarts, success, *, ax=None, title="best of r runs"):
    """Share of fits with the right structure against the number of restarts, one line per method.

    Parameters
    ----------
    restarts : sequence of int
        Numbers of runs r (the x axis, logarithmic).
    success : dict of str to sequence of float
        Method name to the share (0–1) of fits with CI = 0 for each r.
    """
    ax = new_axes(ax)
    restarts = np.asarray(restarts)
    for i, (name, rates) in enumerate(success.items()):
        percent = 100 * np.asarray(rates, dtype=float)
        ax.plot(restarts, percent, marker="o", ms=4, color=cluster_color(i), label=name)
    ax.set_xscale("log")
    ax.set_xticks(restarts, [str(r) for r in restarts])
    ax.minorticks_off()
    ax.set_ylim(-3, 103)
    ax.set_xlabel("restarts r (n_init)")
    ax.set_ylabel("% of fits with CI = 0")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False)  # off the curves
    if title:
        ax.set_title(title)
    return ax
