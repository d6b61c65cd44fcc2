"""Colour quantisation: K-Means as a vector quantiser for the pixels of an image.

An RGB image of height H and width W is N = H·W points in three dimensions.
K-Means fitted on a random sample of them gives a **codebook** of K colours;
``predict`` replaces every pixel by the index of its nearest codebook colour.
The image is then stored as the codebook (K·24 bits) and one index per pixel.

* :func:`image_pixels` — the pixels of an image as an (N, 3) float array.
* :func:`quantise_image` — fit the codebook on a sample, encode every pixel.
* :func:`random_codebook` — K pixels drawn at random: the baseline a codebook
  must beat.
* :func:`distortion` — J/N, the mean squared distance of a pixel to its
  nearest codebook colour.

Colours stay on the scale of the image, 0 to 255 for 8-bit images.
"""

from dataclasses import dataclass

import numpy as np

from ._validation import check_data, check_positive_int, check_random_state
from .distances import squared_distances_to_assigned
from .estimator import KMeans
from .lloyd import assign

__all__ = ["QuantisedImage", "distortion", "image_pixels", "quantise_image", "random_codebook"]


def _check_image(image):
    image = np.asarray(image)
    if image.ndim != 3 or image.shape[2] != 3:
        raise ValueError(f"image must have shape (height, width, 3), got shape {image.shape}.")
    if image.dtype.kind not in "uif" or image.dtype == np.bool_:
        raise TypeError(f"image must hold numbers (e.g. uint8 colours), got dtype {image.dtype}.")
    if image.shape[0] == 0 or image.shape[1] == 0:
        raise ValueError(f"image must have at least one pixel, got shape {image.shape}.")
    return image


def image_pixels(image):
    """The pixels of an RGB image as rows of floats.

    Parameters
    ----------
    image : array-like of shape (height, width, 3)

    Returns
    -------
    pixels : ndarray of shape (height * width, 3), float64
        Row ``i * width + j`` is the colour of pixel (i, j).
    """
    image = _check_image(image)
    return check_data(image.reshape(-1, 3), "image", dtype=np.float64)


def nearest_colours(pixels, codebook):
    """Index of the nearest codebook colour of every pixel, and its squared distance.

    Parameters
    ----------
    pixels : array-like of shape (n_pixels, n_channels)
    codebook : array-like of shape (n_colours, n_channels)

    Returns
    -------
    indices : ndarray of int, shape (n_pixels,)
        Ties go to the smaller index, as in :func:`kmeans_lab.assign`.
    squared : ndarray of float, shape (n_pixels,)
    """
    pixels = check_data(pixels, "pixels", dtype=np.float64)
    codebook = check_data(codebook, "codebook", dtype=np.float64)
    if codebook.shape[1] != pixels.shape[1]:
        raise ValueError(f"codebook has {codebook.shape[1]} channels but pixels have {pixels.shape[1]}.")
    indices = assign(pixels, codebook)  # in chunks by the engine for a large image
    squared = squared_distances_to_assigned(pixels, codebook, indices)
    return indices, squared


def distortion(pixels, codebook):
    """J/N: the mean squared distance of a pixel to its nearest codebook colour.

    Parameters
    ----------
    pixels : array-like of shape (n_pixels, n_channels)
    codebook : array-like of shape (n_colours, n_channels)

    Returns
    -------
    float
        ``mean_i min_k ||x_i - c_k||²``, in squared colour units (0-255 scale: up to 3·255²).
    """
    return float(nearest_colours(pixels, codebook)[1].mean())


def random_codebook(pixels, n_colours, random_state=None):
    """``n_colours`` pixels drawn uniformly at random, without replacement: a codebook without K-Means.

    Parameters
    ----------
    pixels : array-like of shape (n_pixels, n_channels)
    n_colours : int
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    codebook : ndarray of shape (n_colours, n_channels)
    """
    pixels = check_data(pixels, "pixels", dtype=np.float64)
    n_colours = check_positive_int(n_colours, "n_colours")
    if n_colours > len(pixels):
        raise ValueError(f"n_colours={n_colours} should be <= the number of pixels, {len(pixels)}.")
    rng = check_random_state(random_state)
    return pixels[rng.choice(len(pixels), n_colours, replace=False)]


@dataclass(frozen=True)
class QuantisedImage:
    """An image stored as a codebook and one index per pixel.

    Attributes
    ----------
    codebook : ndarray of shape (n_colours, 3)
        The K-Means centres, on the image's scale (floats).
    indices : ndarray of shape (height, width)
        Index of each pixel's codebook colour (uint8 for up to 256 colours).
    model : KMeans
        The fitted estimator, ``model.cluster_centers_ == codebook``.
    """

    codebook: np.ndarray
    indices: np.ndarray
    model: object

    @property
    def n_colours(self):
        return len(self.codebook)

    def image(self):
        """The decoded image, shape (height, width, 3), uint8: each pixel its rounded codebook colour."""
        colours = np.clip(np.rint(self.codebook), 0, 255).astype(np.uint8)
        return colours[self.indices]


def quantise_image(image, n_colours, *, sample_size=10_000, init="k-means++", n_init=1, random_state=None):
    """Fit a K-colour codebook on a random sample of the pixels, then encode every pixel.

    Parameters
    ----------
    image : array-like of shape (height, width, 3)
        Colours on a 0-255 scale (uint8 images as loaded).
    n_colours : int
        K, the size of the codebook.
    sample_size : int, default=10_000
        Pixels drawn uniformly without replacement to fit on (all of them if
        the image has fewer).
    init, n_init : see :class:`kmeans_lab.KMeans`
    random_state : None, int or numpy.random.Generator
        Draws the sample, then seeds the fit.

    Returns
    -------
    QuantisedImage
    """
    image = _check_image(image)
    n_colours = check_positive_int(n_colours, "n_colours")
    sample_size = check_positive_int(sample_size, "sample_size")
    pixels = image_pixels(image)
    rng = check_random_state(random_state)
    sample = pixels[rng.choice(len(pixels), min(sample_size, len(pixels)), replace=False)]
    if n_colours > len(sample):
        raise ValueError(f"n_colours={n_colours} should be <= the number of sampled pixels, {len(sample)}.")
    model = KMeans(n_colours, init=init, n_init=n_init, random_state=rng).fit(sample)
    dtype = np.uint8 if n_colours <= 256 else np.intp
    indices = model.predict(pixels).astype(dtype).reshape(image.shape[:2])
    return QuantisedImage(model.cluster_centers_, indices, model)
