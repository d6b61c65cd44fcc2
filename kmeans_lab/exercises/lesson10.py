"""Checks for the exercises of lesson 10 (what K-Means is for).

Exercise 1 tries the learner's ``compression_ratio`` on several image sizes and
codebook sizes (some K not a power of two, some images small enough for the
codebook to matter); exercise 2 tries ``pick_representatives`` on random
distance tables whose nearest samples sit at different rows.
"""

import math

import numpy as np

from ._checks import Exercise, checks_exercise, passed, require
from ._prediction import Prediction

__all__ = ["check_compression_ratio", "check_pick_representatives"]

#: (n_colours, height, width): a power of two on a large image, then cases where the rounding and the
#: codebook show.
_RATIO_CASES = ((16, 427, 640), (100, 120, 80), (5, 10, 10), (256, 1080, 1920), (64, 40, 50), (3, 7, 9))


def _ratio(k, height, width, index_bits=lambda k: math.ceil(math.log2(k)), colour_bits=24):
    return 24 * height * width / (height * width * index_bits(k) + k * colour_bits)


#: Typical slips, each with what the learner is told; tried where it gives another number.
_SLIPS = (
    (lambda k, h, w: 24 / math.ceil(math.log2(k)),
     "the codebook is missing: it is stored too (K colours of 24 bits each), as small images show."),
    (lambda k, h, w: _ratio(k, h, w, index_bits=math.log2),
     "an index is stored in a whole number of bits: round log2(K) up."),
    (lambda k, h, w: _ratio(k, h, w, index_bits=lambda k: math.floor(math.log2(k))),
     "rounding log2(K) down leaves too few bits to number K colours: round it up."),
    (lambda k, h, w: 1 / _ratio(k, h, w),
     "that is compressed size / original size: the ratio asks for original / compressed (a number > 1)."),
    (lambda k, h, w: _ratio(k, h, w, colour_bits=8),
     "a codebook colour has three channels of 8 bits each."),
    (lambda k, h, w: _ratio(k, h, w, index_bits=lambda k: 8),
     "an index needs only ceil(log2 K) bits, not a whole byte."),
)  # fmt: skip


def _call(function, *args):
    try:
        return function(*args)
    except Exception as exc:  # noqa: BLE001  the learner's code may raise anything; shown as a hint
        raise AssertionError(f"your function raised {type(exc).__name__}: {exc}") from None


@checks_exercise(1)
def check_compression_ratio(compression_ratio):
    """Exercise 1: ``compression_ratio(n_colours, height, width)``: original over quantised size."""
    require(callable(compression_ratio),
            "give the function itself (compression_ratio, without parentheses).")  # fmt: skip
    for k, h, w in _RATIO_CASES:
        got = _call(compression_ratio, k, h, w)
        try:
            got = float(got)
        except (TypeError, ValueError):
            raise AssertionError(f"return one number (a float), got {type(got).__name__}: {got!r}.") from None
        expected = _ratio(k, h, w)
        if math.isclose(got, expected, rel_tol=1e-9):
            continue
        for slip, hint in _SLIPS:
            if math.isclose(got, slip(k, h, w), rel_tol=1e-9):
                raise AssertionError(f"for K = {k} and a {h}×{w} image: {hint}")
        raise AssertionError(
            f"for K = {k} and a {h}×{w} image you gave {got:.6g}. Count the bits of the original (24 per "
            "pixel) and of what is stored after quantising (the indices and the codebook), then divide."
        )
    passed("24·H·W bits against H·W·⌈log2 K⌉ + 24·K: the codebook matters only for small images.")


def _distance_tables():
    """(distances, n_per_cluster) cases, the nearest samples of the clusters at scattered rows."""
    rng = np.random.default_rng(1010)
    return [(rng.random((n, k)) * 10, m) for n, k, m in ((30, 4, 1), (50, 5, 3), (12, 3, 2), (40, 6, 4))]


@checks_exercise(2)
def check_pick_representatives(pick_representatives):
    """Exercise 2: ``pick_representatives(distances, n_per_cluster)``: each cluster's nearest samples."""
    require(callable(pick_representatives),
            "give the function itself (pick_representatives, without parentheses).")  # fmt: skip
    for distances, m in _distance_tables():
        n, k = distances.shape
        got = np.asarray(_call(pick_representatives, distances.copy(), m))
        expected = np.argsort(distances, axis=0, kind="stable")[:m].T
        require(got.dtype.kind in "iu",
                f"return sample indices (integers), not distances; got dtype {got.dtype}.")  # fmt: skip
        require(got.shape != (m, k) or m == k,
                f"your array has shape {got.shape}: one ROW per cluster is expected.")  # fmt: skip
        require(got.shape == (k, m), f"for {n} samples × {k} clusters and n_per_cluster={m} return shape "
                f"({k}, {m}), got {got.shape}. Each column of the table is one cluster.")  # fmt: skip
        farthest = np.argsort(-distances, axis=0, kind="stable")[:m].T
        require(not np.array_equal(got, farthest), "those are the FARTHEST samples: the smallest distances "
                "mark the images nearest to a centre.")  # fmt: skip
        require(np.array_equal(np.sort(got, axis=1), np.sort(expected, axis=1)),
                "some of these samples are not among the nearest to their centre: look down each column of "
                "the table, not along a row.")  # fmt: skip
        require(np.array_equal(got, expected), "the right samples, in the wrong order: list each cluster's "
                "samples nearest first.")  # fmt: skip
    passed("each row lists the samples nearest to one centre, nearest first — the ones worth labelling.")


#: "Predict before you run": the factor by which J/N falls for one more bit per pixel at large K.
PREDICTION = Prediction(
    "10", ("a", "b", "c"), "c",
    hint="Doubling K doubles the number of cells that share the colour cube. By what factor does the width "
    "of one cell shrink in three dimensions, and what does that do to a squared distance?",
    verdict="in 3-D, twice as many cells are only 2^(1/3) ≈ 1.26 times narrower, so J/N falls by about "
    "2^(2/3) ≈ 1.6, not 2 or 4.",
)


def check_prediction(prediction):
    """The "predict before you run" question of lesson 10: ``prediction``, one of "a", "b", "c"."""
    PREDICTION.check(prediction)


EXERCISES = (
    Exercise(
        1, check_compression_ratio, "compression_ratio",
        "a function `compression_ratio(n_colours, height, width)` returning a float",
        hint="The original needs 24 bits a pixel. The quantised image needs one index a pixel, of as many "
        "whole bits as it takes to number K colours, plus the codebook itself.",
        solution="import math\n\n\ndef compression_ratio(n_colours, height, width):\n"
        "    n_pixels = height * width\n"
        "    index_bits = math.ceil(math.log2(n_colours))\n"
        "    return 24 * n_pixels / (n_pixels * index_bits + 24 * n_colours)",
    ),
    Exercise(
        2, check_pick_representatives, "pick_representatives",
        "a function `pick_representatives(distances, n_per_cluster)` returning an int array of shape "
        "(n_clusters, n_per_cluster)",
        hint="Column j of the table holds every sample's distance to centre j. np.argsort along the samples' "
        "axis orders them from nearest to farthest.",
        solution="def pick_representatives(distances, n_per_cluster):\n"
        "    order = np.argsort(np.asarray(distances), axis=0)  # samples nearest first, for each centre\n"
        "    return order[:n_per_cluster].T",
    ),
)  # fmt: skip
