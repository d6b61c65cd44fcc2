"""scikit-learn's own estimator checks, run on KMeans, MiniBatchKMeans, KMedoids and FuzzyCMeans.

``check_estimator`` runs its clustering checks only on subclasses of
``sklearn.base.ClusterMixin`` (scikit-learn 1.9 tests ``isinstance``, not the
``estimator_type`` tag), and the package never imports scikit-learn, so
those checks, and the ones on feature names and ``set_output`` that
scikit-learn runs only on its own estimators, are run here one by one.

Every deliberate difference is listed in ``EXPECTED_FAILED_CHECKS`` with its
reason; the marks are strict, so a check that starts passing fails the test
until it is taken off the list.
"""

import warnings
from functools import partial

import pytest

import kmeans_lab as kl

estimator_checks = pytest.importorskip("sklearn.utils.estimator_checks")

ESTIMATORS = [
    kl.KMeans(n_clusters=3),
    kl.MiniBatchKMeans(n_clusters=3),
    kl.KMedoids(n_clusters=3),
    kl.FuzzyCMeans(n_clusters=3),
]

# The estimators follow scikit-learn's API without inheriting from its BaseEstimator, which the
# package cannot import; scikit-learn warns about that when it collects and runs the checks.
NOT_INHERITED = "Estimator .* does not inherit from `sklearn.base.BaseEstimator`"
pytestmark = pytest.mark.filterwarnings(f"ignore:{NOT_INHERITED}:UserWarning")

EXPECTED_FAILED_CHECKS = {
    "check_complex_data": (
        "complex X raises TypeError (a wrong type of data), where scikit-learn raises ValueError"
    ),
}

EXPECTED_FAILED_CHECKS_OF = {
    "KMeans": {
        "check_sample_weight_equivalence_on_dense_data": (
            "k-means++ draws rows by index, so a weight of 2 and a repeated row use the random "
            "stream differently; scikit-learn's KMeans is listed for the same reason"
        ),
    },
    "MiniBatchKMeans": {
        "check_sample_weight_equivalence_on_dense_data": (
            "batches are drawn by index, so a weight of 2 and a repeated row use the random stream "
            "differently (tests/test_minibatch.py checks the equivalence statistically and for partial_fit)"
        ),
    },
}


def expected_failed_checks(estimator):
    return {**EXPECTED_FAILED_CHECKS, **EXPECTED_FAILED_CHECKS_OF.get(type(estimator).__name__, {})}


with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=NOT_INHERITED, category=UserWarning)
    with_checks = estimator_checks.parametrize_with_checks(
        ESTIMATORS, expected_failed_checks=expected_failed_checks, xfail_strict=True
    )


@with_checks
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


CLUSTERING_CHECKS = [
    estimator_checks.check_clusterer_compute_labels_predict,
    estimator_checks.check_clustering,
    partial(estimator_checks.check_clustering, readonly_memmap=True),
    estimator_checks.check_dataframe_column_names_consistency,
]

TRANSFORMER_CHECKS = [
    estimator_checks.check_get_feature_names_out_error,
    estimator_checks.check_transformer_get_feature_names_out,
    estimator_checks.check_transformer_get_feature_names_out_pandas,
    estimator_checks.check_set_output_transform,
    estimator_checks.check_set_output_transform_pandas,
    estimator_checks.check_global_output_transform_pandas,
    estimator_checks.check_set_output_transform_polars,
    estimator_checks.check_global_set_output_transform_polars,
]


def _ids(value):
    if isinstance(value, partial):
        keywords = ",".join(f"{k}={v}" for k, v in value.keywords.items())
        return f"{value.func.__name__}({keywords})"
    return getattr(value, "__name__", None) or type(value).__name__


@pytest.mark.parametrize("check", CLUSTERING_CHECKS, ids=_ids)
@pytest.mark.parametrize("estimator", ESTIMATORS, ids=_ids)
def test_sklearn_clustering_checks(estimator, check):
    check(type(estimator).__name__, estimator)


# The set_output checks fit on a DataFrame and transform an array, and the other way round, on
# purpose: the estimators warn about that, as scikit-learn's do.
@pytest.mark.filterwarnings("ignore:X does not have valid feature names:UserWarning")
@pytest.mark.filterwarnings("ignore:X has feature names, but:UserWarning")
@pytest.mark.parametrize("check", TRANSFORMER_CHECKS, ids=_ids)
@pytest.mark.parametrize("estimator", [e for e in ESTIMATORS if hasattr(e, "transform")], ids=_ids)
def test_sklearn_transformer_checks(estimator, check):
    try:
        check(type(estimator).__name__, estimator)
    except estimator_checks.SkipTest as reason:
        pytest.skip(str(reason))


def test_non_transformers_have_no_set_output():
    estimator = kl.FuzzyCMeans(3)
    assert not hasattr(estimator, "set_output") and not hasattr(estimator, "get_feature_names_out")
    estimator_checks.check_non_transformer_estimators_n_iter("FuzzyCMeans", estimator)


def test_the_clustering_checks_can_fail():
    class Constant(kl.KMeans):
        def fit(self, X, y=None, sample_weight=None):
            super().fit(X, sample_weight=sample_weight)
            self.labels_ = self.labels_ * 0
            return self

    with pytest.raises(AssertionError):
        estimator_checks.check_clustering("Constant", Constant(n_clusters=3))
