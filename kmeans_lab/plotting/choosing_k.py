"""Figures for choosing K: elbow curves, Kneedle's difference curve, silhouette plots, the gap statistic."""

import numpy as np

from ._style import cluster_color, new_axes

__all__ = ["plot_elbow", "plot_gap", "plot_kneedle", "plot_score_curve", "plot_silhouette"]

#: Colours of the marks: the K being shown and the K a criterion chose.
CURRENT_K_COLOR = "#000000"
CHOSEN_K_COLOR = "#D55E00"


def _mark_k(ax, ks, values, k, chosen, chosen_label):
    ks = np.asarray(ks)
    if chosen is not None:
        ax.axvline(chosen, color=CHOSEN_K_COLOR, ls="--", lw=1, label=chosen_label)
    if k is not None and k in ks:
        i = int(np.flatnonzero(ks == k)[0])
        if np.isfinite(values[i]):
            ax.scatter([k], [values[i]], s=110, facecolors="none", edgecolors=CURRENT_K_COLOR, lw=1.5,
                       zorder=4, label=f"K = {k}")  # fmt: skip
    ax.set_xticks(ks)


def plot_elbow(ks, inertias, *, k=None, elbow=None, ax=None, title="J against K", label=None, color=None):
    """The elbow curve: J (WCSS) against K.

    Parameters
    ----------
    ks : array-like of shape (n_ks,)
    inertias : array-like of shape (n_ks,)
    k : int, optional
        Circle the point of this K (the one currently shown).
    elbow : int, optional
        Dashed vertical line at the elbow (from :func:`kmeans_lab.find_elbow`).
    label, color : optional
        For overlaying several curves on one axes.

    Returns
    -------
    ax : matplotlib Axes
    """
    ax = new_axes(ax)
    inertias = np.asarray(inertias, dtype=float)
    ax.plot(ks, inertias, marker="o", ms=4, color=color or cluster_color(0), label=label)
    _mark_k(ax, ks, inertias, k, elbow, f"elbow: K = {elbow}")
    ax.set_xlabel("K (number of clusters)")
    ax.set_ylabel("J (WCSS)")
    if title:
        ax.set_title(title)
    if label or elbow is not None or k is not None:
        ax.legend(loc="upper right")
    return ax


def plot_score_curve(ks, scores, *, k=None, best=None, ax=None, ylabel="mean silhouette", title=None,
                     best_label="best"):
    """A score against K (mean silhouette, say), with the current and the best K marked.

    Non-finite scores (the silhouette at K = 1) are left out of the line.
    """
    ax = new_axes(ax)
    scores = np.asarray(scores, dtype=float)
    ax.plot(ks, scores, marker="s", ms=4, color=cluster_color(2))
    _mark_k(ax, ks, scores, k, best, f"{best_label}: K = {best}" if best is not None else None)
    ax.set_xlabel("K (number of clusters)")
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if best is not None or k is not None:
        ax.legend(loc="best")
    return ax


def plot_silhouette(silhouette, labels, *, ax=None, title=None, gap=4):
    """Rousseeuw's silhouette plot: one horizontal bar per sample, grouped by cluster, sorted.

    Parameters
    ----------
    silhouette : array-like of shape (n_samples,)
        From :func:`kmeans_lab.silhouette_samples`.
    labels : array-like of shape (n_samples,)
        Integer cluster labels 0..K−1 (coloured with the course's colours).
    gap : int, default=4
        Empty rows between clusters.

    Returns
    -------
    ax : matplotlib Axes
    """
    ax = new_axes(ax)
    silhouette = np.asarray(silhouette, dtype=float)
    labels = np.asarray(labels)
    bottom = 0
    ticks, names = [], []
    for cluster in np.unique(labels):
        values = np.sort(silhouette[labels == cluster])
        rows = np.arange(bottom, bottom + values.size)
        ax.fill_betweenx(rows, 0, values, color=cluster_color(int(cluster)), lw=0, step="mid")
        ticks.append(bottom + values.size / 2)
        names.append(str(cluster))
        bottom += values.size + gap
    mean = silhouette.mean()
    ax.axvline(mean, color=CHOSEN_K_COLOR, ls="--", lw=1, label=f"mean {mean:.2f}")
    ax.axvline(0, color="#999999", lw=0.8)
    ax.set_yticks(ticks, names)
    ax.set_xlim(min(-0.1, silhouette.min() - 0.05), 1.0)
    ax.set_ylim(-gap, bottom)
    ax.set_xlabel("silhouette s(i)")
    ax.set_ylabel("cluster")
    ax.legend(loc="lower right")
    if title:
        ax.set_title(title)
    return ax


def plot_gap(result, *, ax=None, title="Gap statistic"):
    """Gap(K) with error bars ±s_K, the chosen K marked.

    Parameters
    ----------
    result : GapStatistic
        From :func:`kmeans_lab.gap_statistic`.
    """
    ax = new_axes(ax)
    ax.errorbar(result.ks, result.gaps, yerr=result.sk, marker="o", ms=4, capsize=3, color=cluster_color(4),
                label="Gap(K) ± s_K")  # fmt: skip
    ax.axvline(result.k, color=CHOSEN_K_COLOR, ls="--", lw=1, label=f"chosen: K = {result.k}")
    ax.set_xticks(result.ks)
    ax.set_xlabel("K (number of clusters)")
    ax.set_ylabel("Gap(K)")
    ax.legend(loc="best")
    if title:
        ax.set_title(title)
    return ax


def plot_kneedle(result, *, ax=None, title="Kneedle, normalised"):
    """Kneedle's normalised curve, its difference curve, the thresholds (dotted) and the knee (dashed).

    Parameters
    ----------
    result : KneedleResult
        From :func:`kmeans_lab.kneedle`; drawn in its transformed frame
        (concave and increasing on [0, 1]²).
    """
    ax = new_axes(ax)
    x = result.x_normalized
    ax.plot(x, result.y_normalized, marker="o", ms=3, color=cluster_color(0), label="normalised curve")
    ax.plot(x, result.difference, marker="o", ms=3, color=cluster_color(1), label="difference y − x")
    ax.plot([0, 1], [0, 1], color="#999999", lw=0.8, ls=":")
    for n, (index, threshold) in enumerate(zip(result.maxima, result.thresholds)):
        ax.hlines(threshold, x[index], 1.0, color=cluster_color(1), lw=1.2, ls=":",
                  label="threshold" if n == 0 else None)
    if result.norm_knee is not None:
        label = f"knee: x = {result.knee:.3g}"
        ax.axvline(result.norm_knee, color="black", ls="--", lw=1, label=label)
    ax.set_xlabel("x (normalised)")
    ax.set_ylabel("y (normalised)")
    # Below the axes, off the curves (which fill the unit square).
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=2, frameon=False)
    if title:
        ax.set_title(title)
    return ax

