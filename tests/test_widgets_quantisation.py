"""The colour quantiser: its state without a browser (checked against scikit-learn), drawing and slider."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.datasets import load_sample_image
from sklearn.metrics import pairwise_distances_argmin_min

from kmeans_lab.widgets.quantisation import ColourQuantiser, QuantisationState, draw_quantisation_state

STATUS = re.compile(r"^K = (\d+) · (\d+) bits per pixel · J/N = (\d+\.\d) · RMS error (\d+\.\d) per channel$")


@pytest.fixture(scope="module")
def image():
    return load_sample_image("china.jpg")[::8, ::8]  # 54 × 80


@pytest.fixture(scope="module")
def state(image):
    return QuantisationState(image, ks=[2, 4, 8, 16], sample_size=2000, random_state=0)


def test_every_codebook_encodes_every_pixel_by_its_nearest_colour(state, image):
    pixels = image.reshape(-1, 3).astype(float)
    for k, codebook, distortion in zip(state.ks, state.codebooks, state.distortions):
        state.set_k(int(k))
        nearest, distances = pairwise_distances_argmin_min(pixels, codebook)
        np.testing.assert_array_equal(state.indices.ravel(), nearest)
        assert distortion == pytest.approx(np.mean(distances**2), rel=1e-9)
        assert codebook.shape == (k, 3)
        decoded = state.quantised()
        assert decoded.shape == image.shape and len(np.unique(decoded.reshape(-1, 3), axis=0)) <= k
    assert np.all(np.diff(state.distortions) < 0), "more colours, less distortion"
    assert state.n_distinct == len(np.unique(pixels, axis=0))


def test_moving_k(state):
    assert state.set_k(4) == 4 and state.bits_per_pixel == 2
    assert state.next() and state.k == 8
    assert state.next() and state.k == 16 and not state.next() and state.k == 16
    state.set_k(2)
    assert not state.previous() and state.k == 2
    assert state.quantised(16) is state.quantised(16) and state.k == 2


def test_status_and_details(state):
    state.set_k(8)
    match = STATUS.match(state.status)
    assert match, state.status
    k, bits, distortion, rms = match.groups()
    assert (int(k), int(bits)) == (8, 3)
    assert float(rms) == pytest.approx(np.sqrt(float(distortion) / 3), abs=0.06)
    assert "3-bit index instead of 24 bits" in state.details


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"ks": [4, 2]}, ValueError, "strictly increasing"),
        ({"ks": [2, 512]}, ValueError, "between 1 and 256"),
        ({"ks": [0, 2]}, ValueError, "ks must be"),
        ({"ks": [2, 4], "k": 3}, ValueError, r"k must be one of ks=\[2, 4\]"),
        ({"ks": [2, 4], "k": 2.0}, TypeError, "k must be an integer"),
    ],
)
def test_bad_input(image, kwargs, error, words):
    with pytest.raises(error, match=words):
        QuantisationState(image, sample_size=500, **kwargs)
    with pytest.raises(ValueError, match="image must have shape"):
        QuantisationState(image[:, :, 0])


def test_drawing_is_a_pure_function_of_the_state(state):
    state.set_k(4)
    before = [c.copy() for c in state.codebooks]
    fig = draw_quantisation_state(state)
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == ["original: 24 bits per pixel", "K = 4: 2 bits per pixel"]
    assert state.k == 4 and all(np.array_equal(a, b) for a, b in zip(before, state.codebooks))
    assert draw_quantisation_state(state, fig=fig) is fig and len(fig.axes) == 4
    state.set_k(2)
    draw_quantisation_state(state, fig=fig)
    assert [ax.get_title() for ax in fig.axes if ax.get_title()][1] == "K = 2: 1 bit per pixel"
    plt.close(fig)


def test_slider_moves_k_and_the_status_follows(state):
    quantiser = ColourQuantiser(state)
    assert quantiser.slider.description == "K" and list(quantiser.slider.options) == [2, 4, 8, 16]
    quantiser.slider.value = 16
    assert state.k == 16 and quantiser.status.value == state.status
    quantiser.slider.value = 4
    assert quantiser.status.value.startswith("K = 4 · 2 bits")
    bundle = quantiser._repr_mimebundle_()
    assert bundle["text/plain"] == "Interactive colour quantiser — run this cell to use it."
    assert "ColourQuantiser(ks=[2, 4, 8, 16]" in repr(quantiser)
    with pytest.raises(TypeError, match="QuantisationState"):
        ColourQuantiser(np.zeros((4, 4, 3)))
    plt.close("all")
