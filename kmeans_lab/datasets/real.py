"""Real data sets shipped inside the package (files under datasets/data/).

Palmer penguins
---------------
``data/penguins.csv`` holds body measurements of 344 adult Adélie, Chinstrap
and Gentoo penguins observed near Palmer Station, Antarctica (2007–2009),
collected by Dr. Kristen Gorman with the Palmer Station Long Term Ecological
Research (LTER) Program and released under CC0 (public domain) by Horst, Hill
& Gorman (2020). The file is the ``penguins.csv`` of the palmerpenguins
package, unchanged.

Cite: Horst AM, Hill AP, Gorman KB (2020). palmerpenguins: Palmer Archipelago
(Antarctica) penguin data. R package, doi:10.5281/zenodo.3960218; and Gorman
KB, Williams TD, Fraser WR (2014). Ecological sexual dimorphism and
environmental variability within a community of Antarctic penguins (genus
Pygoscelis). PLoS ONE 9(3): e90081.
"""

import csv
import io
from dataclasses import dataclass
from importlib import resources

import numpy as np

__all__ = ["Penguins", "load_penguins"]

PENGUIN_FEATURES = ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")
_MISSING = "NA"


@dataclass(frozen=True)
class Penguins:
    """The Palmer penguins measurements, rows with a missing value removed.

    Attributes
    ----------
    X : ndarray of shape (n_samples, 4)
        Bill length (mm), bill depth (mm), flipper length (mm), body mass (g).
    species : ndarray of str, shape (n_samples,)
        'Adelie', 'Chinstrap' or 'Gentoo'.
    sex : ndarray of str, shape (n_samples,)
        'female', 'male', or 'NA' where the file does not say (9 penguins).
    feature_names : tuple of str
        Column names of ``X``.
    species_names : tuple of str
        The species in alphabetical order.
    n_dropped : int
        Rows of the file left out because a measurement was missing ("NA").
    """

    X: np.ndarray
    species: np.ndarray
    sex: np.ndarray
    feature_names: tuple
    species_names: tuple
    n_dropped: int


def _read_rows(filename):
    text = resources.files(__package__).joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def load_penguins():
    """Load the Palmer penguins body measurements (Horst, Hill & Gorman 2020; CC0).

    Of the 344 penguins in the file, 2 have none of the four measurements;
    they are dropped, leaving 342 (151 Adélie, 68 Chinstrap, 123 Gentoo). The
    sex is returned too ('NA' for the 9 penguins whose sex is not recorded;
    they are kept); island and year are not.

    Returns
    -------
    Penguins
        ``X`` of shape (342, 4) in the units of the file (mm and g — body
        mass is in the thousands, so standardise before clustering),
        ``species`` and ``sex`` of shape (342,), ``feature_names``, ``species_names``
        and ``n_dropped`` (2).

    Examples
    --------
    >>> data = load_penguins()
    >>> data.X.shape, data.n_dropped, data.feature_names[3]
    ((342, 4), 2, 'body_mass_g')
    """
    rows = _read_rows("penguins.csv")
    kept = [row for row in rows if all(row[name] != _MISSING for name in PENGUIN_FEATURES + ("species",))]
    X = np.array([[float(row[name]) for name in PENGUIN_FEATURES] for row in kept])
    species = np.array([row["species"] for row in kept])
    return Penguins(
        X=X,
        species=species,
        sex=np.array([row["sex"] for row in kept]),
        feature_names=PENGUIN_FEATURES,
        species_names=tuple(np.unique(species).tolist()),
        n_dropped=len(rows) - len(kept),
    )
