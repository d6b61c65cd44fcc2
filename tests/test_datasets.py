"""The shipped Palmer penguins data, checked against the raw file and published summaries."""

from collections import Counter
from importlib import resources

import numpy as np
import pytest

import kmeans_lab as kl

FEATURES = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]


def _raw_lines():
    path = resources.files("kmeans_lab.datasets").joinpath("data", "penguins.csv")
    return path.read_text(encoding="utf-8").strip().split("\n")


def _complete_raw_records():
    """Rows of the raw file (split by hand, not with the csv module) with all four measurements."""
    header, *lines = _raw_lines()
    columns = header.split(",")
    records = [dict(zip(columns, line.split(","))) for line in lines]
    return records, [r for r in records if all(r[f] != "NA" for f in FEATURES)]


@pytest.fixture(scope="module")
def penguins():
    return kl.datasets.load_penguins()


def test_shape_types_and_no_missing_values(penguins):
    assert penguins.X.shape == (342, 4)
    assert penguins.X.dtype == np.float64
    assert penguins.species.shape == penguins.sex.shape == (342,)
    assert not np.isnan(penguins.X).any()
    assert penguins.feature_names == tuple(FEATURES)
    assert penguins.species_names == ("Adelie", "Chinstrap", "Gentoo")


def test_species_counts_and_dropped_rows_match_the_raw_file(penguins):
    records, complete = _complete_raw_records()
    assert len(records) == 344
    assert penguins.n_dropped == len(records) - len(complete) == 2
    expected = Counter(r["species"] for r in complete)
    assert dict(zip(*np.unique(penguins.species, return_counts=True))) == dict(expected)
    assert dict(expected) == {"Adelie": 151, "Chinstrap": 68, "Gentoo": 123}


def test_values_match_the_raw_file_row_by_row(penguins):
    _, complete = _complete_raw_records()
    raw = np.array([[float(r[f]) for f in FEATURES] for r in complete])
    np.testing.assert_array_equal(penguins.X, raw)
    assert penguins.species.tolist() == [r["species"] for r in complete]
    assert penguins.sex.tolist() == [r["sex"] for r in complete]
    assert dict(Counter(penguins.sex.tolist())) == {"male": 168, "female": 165, "NA": 9}
    np.testing.assert_array_equal(penguins.X[0], [39.1, 18.7, 181, 3750])


def test_means_match_the_published_summary(penguins):
    # summary(penguins) in the palmerpenguins R package (Horst, Hill & Gorman 2020).
    np.testing.assert_allclose(penguins.X.mean(axis=0), [43.92, 17.15, 200.9, 4202], rtol=5e-4)
    np.testing.assert_allclose(penguins.X.min(axis=0), [32.1, 13.1, 172, 2700])
    np.testing.assert_allclose(penguins.X.max(axis=0), [59.6, 21.5, 231, 6300])


def test_each_call_returns_fresh_arrays(penguins):
    again = kl.datasets.load_penguins()
    again.X[0, 0] = -1.0
    assert penguins.X[0, 0] == 39.1
