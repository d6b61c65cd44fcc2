"""The course's figure style: readable at 100 % zoom (see COURSE_GUIDE.md, "Figures a learner can read")."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.text import Text

import kmeans_lab as kl
from kmeans_lab.plotting import _style

#: CSS px of text as displayed: points × dpi / 72.
MIN_TEXT_PX = 12


@pytest.fixture(autouse=True)
def course_style():
    with mpl.rc_context():
        kl.plotting.setup()
        yield
    plt.close("all")


def px(points):
    return points * mpl.rcParams["figure.dpi"] / 72


def test_text_is_at_least_12_px_and_figures_wide_enough():
    assert mpl.rcParams["figure.dpi"] >= 100 and mpl.rcParams["savefig.dpi"] >= 100
    for key in ("font.size", "axes.titlesize", "axes.labelsize", "xtick.labelsize", "ytick.labelsize",
                "legend.fontsize", "legend.title_fontsize", "figure.titlesize"):  # fmt: skip
        size = mpl.rcParams[key]
        if not isinstance(size, (int, float)):
            size = mpl.font_manager.FontProperties(size=size).get_size()
        points = size
        assert px(points) >= MIN_TEXT_PX, key
    width, _ = mpl.rcParams["figure.figsize"]
    assert width * mpl.rcParams["figure.dpi"] >= 450
    assert _style.WIDE_FIGURE_WIDTH * _style.FIGURE_DPI >= 800
    fig, axes = kl.plotting.small_multiples(8)
    assert fig.get_figwidth() * fig.dpi / 4 >= 200 and len(axes) == 8


def test_no_pale_yellow_in_the_palette():
    for color in kl.plotting.CLUSTER_COLORS:
        red, green, blue = to_rgb(color)
        luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
        assert luminance < 0.75, f"{color} is too pale on white"
    assert "#F0E442" not in {c.upper() for c in kl.plotting.CLUSTER_COLORS}


def texts(fig):
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def test_package_figures_use_no_text_below_the_minimum():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(c, 0.6, size=(30, 2)) for c in ((0, 0), (5, 1), (2, 5))])
    result = kl.lloyd(X, X[:3])
    membership = kl.fuzzy_membership(X, result.centroids, 2.0)
    figures = [
        kl.plotting.plot_history(X, result),
        kl.plotting.plot_fuzzy_clusters(X, membership, result.centroids, m=2.0).figure,
        kl.plotting.plot_objective_contours(X[:5]).figure,
        kl.plotting.plot_clusters(X, result.labels, result.centroids, names=list("ABCDEFGHI") * 10).figure,
    ]
    for fig in figures:
        fig.canvas.draw()
        small = [(t.get_text(), t.get_fontsize()) for t in texts(fig) if px(t.get_fontsize()) < MIN_TEXT_PX]
        assert not small, small


def test_a_map_of_its_own_keeps_its_width_and_limits_set_by_hand_are_kept():
    X = np.random.default_rng(1).normal(size=(40, 2)) * [1, 4]
    ax = kl.plotting.plot_clusters(X)
    assert ax.get_adjustable() == "datalim"
    ax.figure.canvas.draw()
    assert ax.get_position().width == pytest.approx(plt.rcParams["figure.subplot.right"]
                                                    - plt.rcParams["figure.subplot.left"])  # fmt: skip
    ax.set_xlim(-3, 3)
    assert ax.get_adjustable() == "box"
    ax.figure.canvas.draw()
    assert ax.get_xlim() == (-3, 3)
    _fig, axes = kl.plotting.small_multiples(2)
    kl.plotting.plot_clusters(X, ax=axes[0])
    assert axes[0].get_adjustable() == "box"  # shared axes keep equal boxes


def test_voronoi_cells_fill_their_box():
    centroids = np.array([[1.0, 1.0], [5.0, 5.0]])
    ax = kl.plotting.plot_voronoi(centroids, bounds=(0, 7, 0, 7))
    xmin, xmax, ymin, ymax = ax.images[0].get_extent()
    assert (xmin, xmax) == pytest.approx(ax.get_xlim()) and (ymin, ymax) == pytest.approx(ax.get_ylim())
    assert xmin <= 0 and xmax >= 7 and ymin <= 0 and ymax >= 7
    position = ax.get_position()
    box = position.width * ax.figure.get_figwidth() / (position.height * ax.figure.get_figheight())
    assert (xmax - xmin) / (ymax - ymin) == pytest.approx(box)


def test_log_size_axis_ticks_each_size_with_a_short_label():
    import matplotlib.pyplot as plt
    import pytest

    import kmeans_lab as kl

    fig, ax = plt.subplots()
    ax.plot([25_000, 1_500_000], [1, 2])
    kl.plotting.log_size_axis(ax, [25_000, 400_000, 1_500_000])
    fig.canvas.draw()
    assert ax.get_xscale() == "log"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["25k", "400k", "1.5M"]
    assert len(ax.get_xticks(minor=True)) == 0
    with pytest.raises(ValueError, match="sizes must be positive"):
        kl.plotting.log_size_axis(ax, [0, 10])
    plt.close(fig)
