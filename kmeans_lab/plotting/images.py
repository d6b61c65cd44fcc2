"""Figures of images: photographs at several K, a codebook's colours, and small images as one montage."""

import matplotlib.pyplot as plt
import numpy as np

from ._style import WIDE_FIGURE_WIDTH, new_axes

__all__ = ["plot_digit_montage", "plot_image_grid", "plot_palette", "show_image"]


def show_image(image, ax=None, title=None):
    """Draw an RGB image (uint8, shape (height, width, 3)) without ticks; returns the axes."""
    ax = new_axes(ax)
    ax.imshow(image, interpolation="antialiased")
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)
    return ax


def plot_palette(codebook, ax=None, max_columns=32):
    """Draw the colours of a codebook (shape (n_colours, 3), 0-255) as a strip of swatches.

    More than ``max_columns`` colours wrap onto several rows. Colours are sorted
    by brightness so that similar ones sit together.
    """
    ax = new_axes(ax)
    colours = np.clip(np.rint(np.asarray(codebook, dtype=float)), 0, 255).astype(np.uint8)
    colours = colours[np.argsort(colours.astype(float) @ [0.299, 0.587, 0.114], kind="stable")]
    n_rows = int(np.ceil(len(colours) / max_columns))
    n_columns = int(np.ceil(len(colours) / n_rows))
    strip = np.full((n_rows * n_columns, 3), 255, dtype=np.uint8)
    strip[: len(colours)] = colours
    ax.imshow(strip.reshape(n_rows, n_columns, 3), aspect="auto", interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def plot_image_grid(images, titles, ncols=3, width=WIDE_FIGURE_WIDTH):
    """Images of one shape side by side, ``ncols`` a row, filling ``width`` inches.

    Parameters
    ----------
    images : sequence of ndarray of shape (height, width, 3)
    titles : sequence of str, one per image
    ncols : int, default=3
    width : float, default=8.4
        Width of the figure in inches (840 px as displayed).

    Returns
    -------
    fig : Figure
    axes : list of Axes
    """
    if len(images) != len(titles):
        raise ValueError(f"give one title per image: {len(images)} images, {len(titles)} titles.")
    height, image_width = np.asarray(images[0]).shape[:2]
    nrows = int(np.ceil(len(images) / ncols))
    panel = width / ncols
    fig_height = round(nrows * (panel * height / image_width + 0.35), 2)  # whole pixels at 100 dpi
    fig, grid = plt.subplots(nrows, ncols, figsize=(width, fig_height),
                             squeeze=False)  # fmt: skip
    axes = list(grid.ravel())
    for ax, image, title in zip(axes, images, titles):
        show_image(image, ax=ax, title=title)
    for ax in axes[len(images) :]:
        ax.set_visible(False)
    fig.set_layout_engine("constrained", w_pad=0.02, h_pad=0.02)
    return fig, axes[: len(images)]


def plot_digit_montage(images, titles, ncols=5, ax=None, figsize=(WIDE_FIGURE_WIDTH, 4.0)):
    """Small grey images (e.g. 8×8 centroids of the digits) in one axes, a title above each.

    Parameters
    ----------
    images : array-like of shape (n_images, height, width)
        Dark is large: drawn with the ``gray_r`` colour map on the range of all images.
    titles : sequence of str, one per image
    ncols : int, default=5
    ax : Axes, optional

    Returns
    -------
    ax : Axes
    """
    images = np.asarray(images, dtype=float)
    if images.ndim != 3:
        raise ValueError(f"images must have shape (n_images, height, width), got {images.shape}.")
    if len(titles) != len(images):
        raise ValueError(f"give one title per image: {len(images)} images, {len(titles)} titles.")
    n, h, w = images.shape
    nrows = int(np.ceil(n / ncols))
    gap_x, gap_y = 2, 4  # blank pixels between images; the gap above each holds its title
    canvas = np.full((nrows * (h + gap_y), ncols * (w + gap_x) - gap_x), np.nan)
    for i, image in enumerate(images):
        r, c = divmod(i, ncols)
        top, left = r * (h + gap_y) + gap_y, c * (w + gap_x)
        canvas[top : top + h, left : left + w] = image
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    cmap = plt.get_cmap("gray_r").with_extremes(bad="white")
    ax.imshow(canvas, cmap=cmap, vmin=np.nanmin(images), vmax=np.nanmax(images), interpolation="nearest")
    for i, title in enumerate(titles):
        r, c = divmod(i, ncols)
        ax.text(c * (w + gap_x) + (w - 1) / 2, r * (h + gap_y) + gap_y - 1.2, title, ha="center", va="bottom")
    ax.set_axis_off()
    return ax
