"""Colour quantisation and matching clusters to classes, checked against scikit-learn and SciPy."""

import importlib
import itertools

import numpy as np
import pytest
from sklearn.cluster import KMeans as SklearnKMeans
from sklearn.datasets import load_sample_image
from sklearn.metrics import pairwise_distances_argmin_min
from sklearn.metrics.cluster import contingency_matrix

import kmeans_lab as kl
from kmeans_lab.quantisation import nearest_colours


@pytest.fixture(scope="module")
def small_image():
    """A 60 × 80 crop of scikit-learn's china.jpg."""
    return load_sample_image("china.jpg")[150:210, 200:280]


def test_image_pixels_are_rows_in_reading_order(small_image):
    pixels = kl.quantisation.image_pixels(small_image)
    assert pixels.shape == (60 * 80, 3) and pixels.dtype == np.float64
    np.testing.assert_array_equal(pixels[80 * 3 + 5], small_image[3, 5])


def test_nearest_colours_and_distortion_match_sklearn(small_image):
    pixels = kl.quantisation.image_pixels(small_image)
    codebook = kl.quantisation.random_codebook(pixels, 7, random_state=0)
    theirs, distances = pairwise_distances_argmin_min(pixels, codebook)
    ours, squared = nearest_colours(pixels, codebook)
    np.testing.assert_array_equal(ours, theirs)
    np.testing.assert_allclose(squared, distances**2, rtol=1e-9, atol=1e-6)
    assert kl.quantisation.distortion(pixels, codebook) == pytest.approx(np.mean(distances**2), rel=1e-9)


def test_nearest_colours_in_chunks_equals_one_table(monkeypatch, small_image):
    pixels = kl.quantisation.image_pixels(small_image)
    codebook = np.random.default_rng(0).uniform(0, 255, size=(5, 3))  # distinct: no ties
    whole = nearest_colours(pixels, codebook)
    # As for a large image: kl.assign hands the work to the engine, which goes through it in chunks.
    monkeypatch.setattr(importlib.import_module("kmeans_lab.lloyd"), "_LARGEST_TABLE", 7)
    chunked = nearest_colours(pixels, codebook)
    np.testing.assert_array_equal(whole[0], chunked[0])
    np.testing.assert_allclose(whole[1], chunked[1])


def test_quantise_image_equals_sklearn_from_the_same_start(small_image):
    pixels = kl.quantisation.image_pixels(small_image)
    rng = np.random.default_rng(3)
    sample = pixels[rng.choice(len(pixels), 1000, replace=False)]
    start = sample[np.unique(sample, axis=0, return_index=True)[1][:6]]
    ours = kl.quantisation.quantise_image(small_image, 6, sample_size=1000, init=start,
                                          random_state=np.random.default_rng(3))  # fmt: skip
    theirs = SklearnKMeans(6, init=start, n_init=1, algorithm="lloyd").fit(sample)
    np.testing.assert_allclose(ours.codebook, theirs.cluster_centers_, rtol=1e-7, atol=1e-7)
    np.testing.assert_array_equal(ours.indices.ravel(), theirs.predict(pixels))
    assert ours.indices.shape == (60, 80) and ours.indices.dtype == np.uint8
    decoded = ours.image()
    assert decoded.shape == small_image.shape and decoded.dtype == np.uint8
    np.testing.assert_array_equal(decoded[10, 20], np.rint(ours.codebook[ours.indices[10, 20]]))


def test_quantise_image_is_seeded_and_uses_all_pixels_of_a_small_image(small_image):
    a = kl.quantisation.quantise_image(small_image, 4, sample_size=500, random_state=1)
    b = kl.quantisation.quantise_image(small_image, 4, sample_size=500, random_state=1)
    np.testing.assert_array_equal(a.codebook, b.codebook)
    whole = kl.quantisation.quantise_image(small_image, 4, sample_size=10**6, random_state=1)
    assert whole.n_colours == 4 and whole.model.cluster_centers_.shape == (4, 3)


def test_random_codebook_draws_distinct_pixels():
    pixels = np.arange(30, dtype=float).reshape(10, 3)
    codebook = kl.quantisation.random_codebook(pixels, 10, random_state=0)
    assert sorted(map(tuple, codebook)) == sorted(map(tuple, pixels))


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: kl.quantisation.image_pixels(np.zeros((4, 4))), ValueError, "image must have shape"),
        (lambda: kl.quantisation.image_pixels(np.zeros((4, 4, 4))), ValueError, "(height, width, 3)"),
        (lambda: kl.quantisation.image_pixels(np.full((2, 2, 3), "a")), TypeError, "image must hold numbers"),
        (lambda: kl.quantisation.quantise_image(np.zeros((4, 4, 3)), 0), ValueError, "n_colours"),
        (lambda: kl.quantisation.quantise_image(np.zeros((4, 4, 3)), 2, sample_size=0), ValueError,
         "sample_size"),
        (lambda: kl.quantisation.quantise_image(np.zeros((4, 4, 3)), 20), ValueError, "n_colours=20"),
        (lambda: kl.quantisation.random_codebook(np.zeros((4, 3)), 5), ValueError, "n_colours=5"),
        (lambda: kl.quantisation.distortion(np.zeros((4, 3)), np.zeros((2, 2))), ValueError,
         "codebook has 2"),
    ],
)  # fmt: skip
def test_bad_input_names_the_parameter(call, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(").replace(")", r"\)")):
        call()


# --- matching clusters to classes --------------------------------------------------------------------------


def brute_force_mapping(labels, classes, k):
    """The cluster -> class assignment with the most samples agreeing, by trying every permutation."""
    table = contingency_matrix(labels, classes)  # scikit-learn's table: rows clusters, columns classes
    best = max(itertools.permutations(range(k)), key=lambda p: table[np.arange(k), list(p)].sum())
    return table[np.arange(k), list(best)].sum()


@pytest.mark.parametrize("seed", range(6))
def test_match_to_classes_finds_the_best_assignment(seed):
    rng = np.random.default_rng(seed)
    k = 6
    classes = rng.integers(0, k, 200)
    labels = np.where(rng.random(200) < 0.6, (classes * 5 + 2) % k, rng.integers(0, k, 200))
    labels[:k] = np.arange(k)  # every cluster and class present
    classes[:k] = np.arange(k)
    mapping = kl.metrics.match_to_classes(labels, classes)
    assert sorted(mapping.tolist()) == list(range(k))
    assert np.sum(mapping[labels] == classes) == brute_force_mapping(labels, classes, k)


def test_match_to_classes_keeps_class_values_and_handles_extra_clusters():
    labels = np.array([2, 2, 0, 0, 1, 1, 3])
    classes = np.array(["cat", "cat", "dog", "dog", "dog", "cat", "cat"])
    mapping = kl.metrics.match_to_classes(labels, classes, n_clusters=5)
    assert mapping[2] == "cat" and mapping[0] == "dog"
    assert mapping.shape == (5,) and mapping[4] == "cat"  # empty cluster: most frequent class


@pytest.mark.parametrize(
    "labels, classes, n_clusters, words",
    [
        ([0, 1], [0, 1, 1], None, "shape"),
        ([0.5, 1.0], [0, 1], None, "integers"),
        ([-1, 1], [0, 1], None, ">= 0"),
        ([0, 3], [0, 1], 2, "n_clusters=2"),
        ([], [], None, "empty"),
    ],
)
def test_match_to_classes_bad_input(labels, classes, n_clusters, words):
    with pytest.raises(ValueError, match=words):
        kl.metrics.match_to_classes(np.asarray(labels, dtype=float if words == "integers" else int), classes,
                                    n_clusters)  # fmt: skip
