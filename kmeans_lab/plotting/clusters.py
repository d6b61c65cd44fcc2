"""Scatter plots of clusters, their centroids and Voronoi cells."""

import numpy as np
from matplotlib.colors import ListedColormap

from ._style import MIN_FONT_SIZE, cluster_color, label_colors, new_axes, padded_bounds, set_equal_aspect


def _xy(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"plotting needs 2-D points of shape (n_samples, 2), got shape {X.shape}.")
    return X


def plot_clusters(X, labels=None, centroids=None, *, ax=None, title=None, s=14, alpha=0.8, names=None):
    """Scatter the samples coloured by cluster, with the centroids on top.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    labels : array-like of shape (n_samples,), optional
        Cluster of each sample; None draws every sample grey.
    centroids : array-like of shape (n_clusters, 2), optional
    ax : matplotlib Axes, optional
    title : str, optional
    names : sequence of str, optional
        Text to write next to each sample (for the small worked examples).

    Returns
    -------
    ax : matplotlib Axes
    """
    X = _xy(X)
    ax = new_axes(ax)
    colors = "#888888" if labels is None else label_colors(labels)
    ax.scatter(X[:, 0], X[:, 1], c=colors, s=s, alpha=alpha, linewidths=0)
    if names is not None:
        for (x, y), name in zip(X, names):
            ax.annotate(str(name), (x, y), textcoords="offset points", xytext=(4, 4), fontsize=MIN_FONT_SIZE)
    if centroids is not None:
        plot_centroids(centroids, ax=ax)
    if title:
        ax.set_title(title)
    set_equal_aspect(ax)
    return ax


def plot_centroids(centroids, *, ax=None, marker="X", size=110, edgecolor="white", label=None):
    """Draw centroids as large crosses in their clusters' colours."""
    centroids = _xy(centroids)
    ax = new_axes(ax)
    colors = [cluster_color(k) for k in range(len(centroids))]
    ax.scatter(
        centroids[:, 0], centroids[:, 1], c=colors, marker=marker, s=size,
        edgecolors=edgecolor if marker not in ("x", "+") else None, linewidths=1.2, zorder=5, label=label,
    )  # fmt: skip
    return ax


def _filling_bounds(ax, bounds):
    """``bounds`` widened in x or in y to the shape of ``ax``'s box, so equal scales fill the box."""
    xmin, xmax, ymin, ymax = bounds
    position = ax.get_position()
    width, height = ax.figure.get_size_inches()
    box_ratio = (position.height * height) / (position.width * width)
    if (ymax - ymin) / (xmax - xmin) < box_ratio:
        pad = ((xmax - xmin) * box_ratio - (ymax - ymin)) / 2
        return (xmin, xmax, ymin - pad, ymax + pad)
    pad = ((ymax - ymin) / box_ratio - (xmax - xmin)) / 2
    return (xmin - pad, xmax + pad, ymin, ymax)


def plot_voronoi(centroids, *, ax=None, X=None, labels=None, bounds=None, resolution=300, alpha=0.18):
    """Shade the Voronoi cell of each centroid (the region it would win).

    The cells are computed on a grid by nearest centroid, so they are exact
    up to the grid's resolution and need no SciPy.

    Parameters
    ----------
    centroids : array-like of shape (n_clusters, 2)
    ax : matplotlib Axes, optional
    X : array-like of shape (n_samples, 2), optional
        Samples to scatter on top (coloured by ``labels`` when given).
    labels : array-like of shape (n_samples,), optional
    bounds : (xmin, xmax, ymin, ymax), optional
        Defaults to the data (or centroids) with a 10% margin.
    """
    centroids = _xy(centroids)
    ax = new_axes(ax)
    if bounds is None:
        bounds = padded_bounds(centroids if X is None else np.vstack([_xy(X), centroids]), 0.1)
    if not ax.images and not any(len(g.get_siblings(ax)) > 1 for g in (ax.get_shared_x_axes(),
                                                                         ax.get_shared_y_axes())):
        bounds = _filling_bounds(ax, bounds)  # an axes of its own: cells fill its box at equal scales
    xmin, xmax, ymin, ymax = bounds
    gx, gy = np.meshgrid(np.linspace(xmin, xmax, resolution), np.linspace(ymin, ymax, resolution))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    nearest = ((grid[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    cmap = ListedColormap([cluster_color(k) for k in range(len(centroids))])
    ax.imshow(
        nearest.reshape(gx.shape), origin="lower", extent=bounds, cmap=cmap, alpha=alpha,
        vmin=-0.5, vmax=len(centroids) - 0.5, aspect="auto", interpolation="nearest",
    )  # fmt: skip
    if X is not None:
        plot_clusters(X, labels, ax=ax)
    plot_centroids(centroids, ax=ax)
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    return ax
