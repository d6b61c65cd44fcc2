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
