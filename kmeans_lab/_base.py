"""Estimator plumbing shared by KMeans, KMedoids and FuzzyCMeans.

It follows scikit-learn's conventions (parameters stored verbatim by
``__init__``, ``get_params``/``set_params``, a readable repr) without importing
scikit-learn, so ``sklearn.base.clone`` and ``Pipeline`` work with the
estimators.
"""

import inspect

import numpy as np

from ._validation import check_data


class NotFittedError(ValueError, AttributeError):
    """Raised when an estimator is used before ``fit``."""


class BaseEstimator:
    """get_params/set_params and a repr listing the non-default parameters."""

    _estimator_type = "clusterer"

    def __sklearn_tags__(self):
        # Only scikit-learn calls this (Pipeline, clone, ...), so it is already
        # imported then: the package itself never depends on it.
        from sklearn.utils import Tags, TargetTags, TransformerTags

        return Tags(
            estimator_type="clusterer",
            target_tags=TargetTags(required=False),
            transformer_tags=TransformerTags() if hasattr(self, "transform") else None,
        )

    @classmethod
    def _param_names(cls):
        signature = inspect.signature(cls.__init__)
        return sorted(name for name, p in signature.parameters.items() if name != "self" and p.kind != p.VAR_KEYWORD)

    def get_params(self, deep=True):
        """Parameters of this estimator, as a dict of name to value."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params):
        """Set parameters by name; returns self."""
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for {type(self).__name__}; valid parameters are {valid}."
                )
            setattr(self, name, value)
        return self

    def __repr__(self):
        defaults = inspect.signature(type(self).__init__).parameters
        shown = []
        for name in self._param_names():
            value = getattr(self, name)
            default = defaults[name].default
            if isinstance(value, np.ndarray) or isinstance(default, np.ndarray) or value is not default and value != default:
                shown.append(f"{name}={_short_repr(value)}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def _check_fitted(self, attribute):
        if not hasattr(self, attribute):
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet; call fit(X) before using it."
            )

    def _check_new_data(self, X):
        """Validate X for predict/transform against what fit saw."""
        X = check_data(X, dtype=self._fit_dtype)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features, but {type(self).__name__} was fitted with "
                f"{self.n_features_in_} features."
            )
        return X


def _short_repr(value):
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape}"
    return repr(value)
