"""Colour quantisation with a K slider: the photograph redrawn with K colours.

Two layers, so the logic is testable without a browser:

* :class:`QuantisationState` — fits a codebook for every K in ``ks`` once
  (on a random sample of the pixels), encodes the whole image with each, and
  keeps the K shown; ``set_k()``, ``next()`` and ``previous()`` move it.
* :class:`ColourQuantiser` — the ipywidgets view: a K slider, a status line
  and a figure drawn by :func:`draw_quantisation_state`, a pure function of
  the state. Moving the slider only looks up what was computed.
"""

import itertools
import math
import numbers

import numpy as np

from .._validation import check_positive_int, check_random_state
from ..quantisation import _check_image, image_pixels, nearest_colours, quantise_image
from ._view import StateView

__all__ = ["ColourQuantiser", "QuantisationState", "draw_quantisation_state"]

#: Bits of one pixel of an 8-bit RGB image.
BITS_PER_COLOUR = 24


class QuantisationState:
    """Codebooks of every K in ``ks`` for one image, and the K shown.

    Parameters
    ----------
    image : array-like of shape (height, width, 3)
        Colours on a 0-255 scale.
    ks : sequence of int, default=(2, 4, 8, 16, 32, 64)
        Codebook sizes, strictly increasing, each between 1 and 256.
    k : int, optional
        The K shown first; the middle of ``ks`` by default.
    sample_size : int, default=10_000
        Pixels each codebook is fitted on.
    random_state : None, int or numpy.random.Generator, default=0

    Attributes
    ----------
    image : ndarray of shape (height, width, 3)
    ks : ndarray of int, shape (n_ks,)
    codebooks : list of ndarray, shapes (k, 3)
    distortions : ndarray of shape (n_ks,)
        J/N of every K over all pixels.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> image = rng.integers(0, 256, size=(20, 30, 3), dtype=np.uint8)
    >>> state = QuantisationState(image, ks=[2, 4, 8], sample_size=200, random_state=0)
    >>> state.k, state.bits_per_pixel, state.quantised().shape
    (4, 2, (20, 30, 3))
    >>> state.next(), state.k, state.next(), state.k
    (True, 8, False, 8)
    """

    def __init__(self, image, ks=(2, 4, 8, 16, 32, 64), *, k=None, sample_size=10_000, random_state=0):
        self.image = _check_image(image)
        ks = [check_positive_int(value, "ks") for value in ks]
        if not ks or any(b <= a for a, b in itertools.pairwise(ks)) or ks[-1] > 256:
            raise ValueError(f"ks must be strictly increasing values between 1 and 256, got {ks}.")
        self.ks = np.array(ks)
        rng = check_random_state(random_state)
        pixels = image_pixels(self.image)
        fits = [quantise_image(self.image, kk, sample_size=sample_size, random_state=rng) for kk in ks]
        self.codebooks = [fit.codebook for fit in fits]
        self._indices = [fit.indices for fit in fits]
        self._decoded = [fit.image() for fit in fits]
        self.distortions = np.array([nearest_colours(pixels, c)[1].mean() for c in self.codebooks])
        self.n_distinct = len(np.unique(pixels.astype(np.int64) @ [65536, 256, 1]))
        self._index = 0
        self.set_k(ks[len(ks) // 2] if k is None else k)

    # -- transitions --------------------------------------------------------
    def _position(self, k):
        """Where ``k`` is in ``ks``; a TypeError or ValueError naming k otherwise."""
        if isinstance(k, (bool, np.bool_)) or not isinstance(k, numbers.Integral):
            raise TypeError(f"k must be an integer, got {k!r} of type {type(k).__name__}.")
        matches = np.flatnonzero(self.ks == k)
        if not matches.size:
            raise ValueError(f"k must be one of ks={self.ks.tolist()}, got {k}.")
        return int(matches[0])

    def set_k(self, k):
        """Show this K (one of ``ks``); returns it."""
        self._index = self._position(k)
        return self.k

    def next(self):
        """Move to the next K; returns False (and stays) at the last one."""
        if self._index == self.ks.size - 1:
            return False
        self._index += 1
        return True

    def previous(self):
        """Move to the previous K; returns False (and stays) at the first one."""
        if self._index == 0:
            return False
        self._index -= 1
        return True

    # -- read-only views ----------------------------------------------------
    @property
    def k(self):
        """The K shown."""
        return int(self.ks[self._index])

    @property
    def codebook(self):
        """The codebook of the K shown, shape (k, 3)."""
        return self.codebooks[self._index]

    @property
    def indices(self):
        """Codebook index of every pixel for the K shown, shape (height, width)."""
        return self._indices[self._index]

    @property
    def distortion(self):
        """J/N for the K shown."""
        return float(self.distortions[self._index])

    @property
    def bits_per_pixel(self):
        """Bits of one index: ceil(log2 K) (0 for K = 1)."""
        return math.ceil(math.log2(self.k))

    def quantised(self, k=None):
        """The image drawn with the codebook of ``k`` (the K shown by default), uint8 (height, width, 3)."""
        return self._decoded[self._index if k is None else self._position(k)]

    @property
    def status(self):
        """``'K = 16 · 4 bits per pixel · J/N = 123.4 · RMS error 6.4 per channel'``."""
        rms = math.sqrt(self.distortion / 3)
        return (f"K = {self.k} · {self.bits_per_pixel} bits per pixel · J/N = {self.distortion:.1f} · "
                f"RMS error {rms:.1f} per channel")  # fmt: skip

    @property
    def details(self):
        """One sentence on what storing the image this way costs."""
        return (f"{self.n_distinct:,} distinct colours in the original become {self.k}: each pixel is stored "
                f"as a {self.bits_per_pixel}-bit index instead of {BITS_PER_COLOUR} bits, plus the codebook "
                f"({self.k} colours × 3 bytes).")  # fmt: skip


def draw_quantisation_state(state, fig=None, *, figsize=(8.4, 3.6)):
    """Draw a :class:`QuantisationState`: a pure function of the state.

    Left: the original image. Right: the image with the K colours of the
    codebook shown, and the codebook as a strip of swatches below it.

    Returns
    -------
    fig : matplotlib Figure
    """
    import matplotlib.pyplot as plt

    from ..plotting.images import plot_palette, show_image

    if fig is None:
        fig = plt.figure(figsize=figsize)
    fig.clear()
    grid = fig.add_gridspec(2, 2, height_ratios=(1, 0.09))
    original = fig.add_subplot(grid[0, 0])
    show_image(state.image, ax=original, title=f"original: {BITS_PER_COLOUR} bits per pixel")
    note = fig.add_subplot(grid[1, 0])
    note.set_axis_off()
    note.text(0.5, 0.5, f"{state.n_distinct:,} distinct colours", ha="center", va="center")
    bits = state.bits_per_pixel
    show_image(state.quantised(), ax=fig.add_subplot(grid[0, 1]),
               title=f"K = {state.k}: {bits} bit{'s' * (bits != 1)} per pixel")  # fmt: skip
    plot_palette(state.codebook, ax=fig.add_subplot(grid[1, 1]))
    fig.set_layout_engine("constrained", h_pad=0.02)
    return fig


class ColourQuantiser(StateView):
    """Interactive colour quantisation: move the K slider and see the image with K colours.

    Parameters
    ----------
    state : QuantisationState
        Computed beforehand, so the slider only looks up codebooks.

    Attributes
    ----------
    state : QuantisationState
    slider : ipywidgets.SelectionSlider
        Description ``'K'``, options ``state.ks``; CSS class ``kl-quantise-slider``.
    status : ipywidgets.Label
        ``state.status``; CSS class ``kl-quantise-status``; updated after the figure.
    details : ipywidgets.HTML
    output : ipywidgets.Output
        The figure; CSS class ``kl-quantise-figure``.
    widget : ipywidgets.VBox
    """

    CSS_PREFIX = "kl-quantise"
    WIDGET_CSS = "kl-quantise-explorer"
    TITLE = "colour quantiser"
    FIGURE_MIN_HEIGHT = "360px"

    def __init__(self, state):
        import ipywidgets as widgets

        if not isinstance(state, QuantisationState):
            raise TypeError(f"state must be a QuantisationState, got {type(state).__name__}.")
        self.state = state
        self.slider = widgets.SelectionSlider(
            options=[int(k) for k in state.ks], value=state.k, description="K", continuous_update=False,
            layout=widgets.Layout(width="320px"),
        )  # fmt: skip
        self.slider.add_class("kl-quantise-slider")
        self.slider.observe(self._on_slider, names="value")
        self._build_view([self.slider])
        self.refresh()

    def _on_slider(self, change):
        self._run(lambda: self.state.set_k(int(change["new"])))

    def _draw(self):
        return draw_quantisation_state(self.state)

    def __repr__(self):
        return f"ColourQuantiser(ks={self.state.ks.tolist()}, {self.state.status!r})"
