"""Line plots of the objective: J per iteration, J against K."""

import numpy as np

from ._style import new_axes


def plot_inertia_curve(x, inertias, *, ax=None, xlabel="iteration", ylabel="J (WCSS)", marker="o", label=None,
                       highlight=None, title=None):
    """Plot J against iterations, K or anything else on the x axis.

    Parameters
    ----------
    x : array-like of shape (n_points,)
    inertias : array-like of shape (n_points,)
    highlight : x value, optional
        Marked with a vertical dashed line (an elbow, say).
    """
    ax = new_axes(ax)
    ax.plot(np.asarray(x), np.asarray(inertias, dtype=float), marker=marker, ms=4, label=label)
    if highlight is not None:
        ax.axvline(highlight, color="#D55E00", ls="--", lw=1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if label:
        ax.legend()
    return ax


def log_size_axis(ax, sizes, *, label="N (samples)"):
    """A logarithmic x axis with one tick at each data-set size, labelled 25k, 1.5M, ... (no minor ticks).

    Parameters
    ----------
    ax : matplotlib Axes
    sizes : sequence of int
        The sizes on the x axis, each > 0.
    label : str, default="N (samples)"

    Returns
    -------
    ax : matplotlib Axes
    """
    sizes = [int(n) for n in sizes]
    if not sizes or min(sizes) <= 0:
        raise ValueError(f"sizes must be positive integers, got {sizes!r}.")

    def short(n):
        for unit, name in ((10**9, "G"), (10**6, "M"), (10**3, "k")):
            if n >= unit:
                return f"{n / unit:g}{name}"
        return str(n)

    ax.set_xscale("log")
    ax.set_xticks(sizes, [short(n) for n in sizes])
    ax.set_xticks([], minor=True)
    ax.set_xlabel(label)
    return ax
