"""Estimator plumbing shared by KMeans, KMedoids and FuzzyCMeans.

It follows scikit-learn's conventions without importing scikit-learn:
parameters stored verbatim by ``__init__``, ``get_params``/``set_params``, a
readable repr, ``feature_names_in_`` after fitting on a DataFrame with string
column names, and for estimators with ``transform``,
``get_feature_names_out`` and ``set_output``. So ``sklearn.base.clone``,
``Pipeline`` and ``Pipeline.set_output(transform="pandas")`` work with the
estimators.

As scikit-learn's ``_SetOutputMixin`` does, a subclass's ``fit``,
``transform`` and ``fit_transform`` are wrapped when the class is created:
``fit`` to record the feature names of X, the other two to return a
DataFrame when ``set_output`` asked for one.
"""

import functools
import importlib.util
import inspect
import sys
import types
import warnings

import numpy as np

from ._validation import check_data

_OUTPUTS = ("default", "pandas", "polars")


class NotFittedError(ValueError, AttributeError):
    """Raised when an estimator is used before ``fit``.

    When scikit-learn has been imported, the error raised is also an
    instance of ``sklearn.exceptions.NotFittedError``, so code written for
    scikit-learn's estimators catches it too.
    """


def _not_fitted_error(message):
    # Only look scikit-learn up if the caller already imported it: the package never imports it.
    sklearn_exceptions = sys.modules.get("sklearn.exceptions")
    if sklearn_exceptions is None:
        return NotFittedError(message)
    return _with_sklearn_base(sklearn_exceptions.NotFittedError)(message)


@functools.cache
def _with_sklearn_base(sklearn_not_fitted):
    def __reduce__(self):
        # The class is made at run time, so it cannot be pickled by name.
        return NotFittedError, self.args

    return type(
        "NotFittedError",
        (NotFittedError, sklearn_not_fitted),
        {"__module__": __name__, "__qualname__": "NotFittedError", "__reduce__": __reduce__},
    )


def _feature_names(X):
    """Column names of a DataFrame X as an object array, or None (scikit-learn's rule)."""
    if isinstance(X, np.ndarray):
        return None
    columns = getattr(X, "columns", None)
    if columns is None or isinstance(columns, str):
        return None
    names = np.asarray(list(columns), dtype=object)
    is_str = np.array([isinstance(name, str) for name in names], dtype=bool)
    if names.size == 0 or not is_str.any():
        return None
    if not is_str.all():
        types_found = sorted({type(name).__name__ for name in names})
        raise TypeError(
            "Feature names are only supported if all columns of X have string names, but X has column "
            f"names of types {types_found}; make them all strings, e.g. X.columns = X.columns.astype(str)."
        )
    return names


def _name_list(names, limit=5):
    shown = "".join(f"- {name}\n" for name in names[:limit])
    return shown + ("- ...\n" if len(names) > limit else "")


def _records_feature_names(fit):
    @functools.wraps(fit)
    def fit_and_record(self, X, *args, **kwargs):
        names = _feature_names(X)
        result = fit(self, X, *args, **kwargs)
        if names is None:
            self.__dict__.pop("feature_names_in_", None)
        else:
            self.feature_names_in_ = names
        return result

    return fit_and_record


def _wraps_output(method):
    @functools.wraps(method)
    def method_with_output(self, X, *args, **kwargs):
        result = method(self, X, *args, **kwargs)
        output = self._output_format()
        if output == "default" or not isinstance(result, np.ndarray):
            return result
        columns = list(self.get_feature_names_out())
        if output == "pandas":
            import pandas as pd

            index = X.index if isinstance(X, pd.DataFrame) else None
            return pd.DataFrame(result, columns=columns, index=index, copy=False)
        import polars as pl

        return pl.DataFrame(result, schema=columns, orient="row")

    return method_with_output


class _IfTransform:
    """A method that only estimators with ``transform`` have (``hasattr`` is False on the others)."""

    def __init__(self, function):
        self.function = function
        functools.update_wrapper(self, function)

    def __get__(self, instance, owner=None):
        if not hasattr(owner if instance is None else instance, "transform"):
            raise AttributeError(f"{owner.__name__} has no transform, so it has no {self.function.__name__}.")
        return self.function if instance is None else types.MethodType(self.function, instance)


class BaseEstimator:
    """get_params/set_params, a repr of the non-default parameters, feature names, output containers."""

    _estimator_type = "clusterer"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "fit" in cls.__dict__:
            cls.fit = _records_feature_names(cls.__dict__["fit"])
        for name in ("transform", "fit_transform"):
            if name in cls.__dict__:
                setattr(cls, name, _wraps_output(cls.__dict__[name]))

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
        return sorted(
            name for name, p in signature.parameters.items() if name != "self" and p.kind != p.VAR_KEYWORD
        )

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
            if (
                isinstance(value, np.ndarray)
                or isinstance(default, np.ndarray)
                or value is not default and value != default
            ):
                shown.append(f"{name}={_short_repr(value)}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def _check_fitted(self, attribute):
        if not hasattr(self, attribute):
            raise _not_fitted_error(
                f"This {type(self).__name__} instance is not fitted yet; call fit(X) before using it."
            )

    def _check_new_data(self, X):
        """Validate X for predict/transform against what fit saw."""
        self._check_feature_names(X)
        X = check_data(X, dtype=self._fit_dtype)
        if X.shape[1] != self.n_features_in_:
            # scikit-learn's wording, which its estimator checks look for.
            raise ValueError(
                f"X has {X.shape[1]} features, but {type(self).__name__} is expecting "
                f"{self.n_features_in_} features as input."
            )
        return X

    def _check_feature_names(self, X):
        fitted = getattr(self, "feature_names_in_", None)
        names = _feature_names(X)
        name = type(self).__name__
        if fitted is None and names is None:
            return
        if names is None:
            warnings.warn(
                f"X does not have valid feature names, but {name} was fitted with feature names",
                UserWarning,
                stacklevel=4,
            )
        elif fitted is None:
            warnings.warn(
                f"X has feature names, but {name} was fitted without feature names", UserWarning, stacklevel=4
            )
        elif len(names) != len(fitted) or (names != fitted).any():
            unseen = sorted(set(names) - set(fitted))
            missing = sorted(set(fitted) - set(names))
            message = "The feature names should match those that were passed during fit.\n"
            if unseen:
                message += "Feature names unseen at fit time:\n" + _name_list(unseen)
            if missing:
                message += "Feature names seen at fit time, yet now missing:\n" + _name_list(missing)
            if not unseen and not missing:
                message += "Feature names must be in the same order as they were in fit.\n"
            raise ValueError(message)

    def _output_format(self):
        output = getattr(self, "_sklearn_output_config", {}).get("transform")
        if output is None:
            # scikit-learn's global set_config(transform_output=...), if scikit-learn is in use.
            sklearn = sys.modules.get("sklearn")
            output = "default" if sklearn is None else sklearn.get_config().get("transform_output", "default")
        return output

    @_IfTransform
    def get_feature_names_out(self, input_features=None):
        """Names of the columns of ``transform``'s output: lower-case class name and cluster index.

        Parameters
        ----------
        input_features : array-like of str, optional
            Only checked against ``feature_names_in_`` and ``n_features_in_``;
            the output names do not depend on them.

        Returns
        -------
        feature_names_out : ndarray of str objects
            ``['kmeans0', 'kmeans1', ...]`` for KMeans, as scikit-learn names
            the distances to the centres.
        """
        self._check_fitted("n_features_in_")
        if input_features is not None:
            input_features = np.asarray(input_features, dtype=object)
            fitted = getattr(self, "feature_names_in_", None)
            if fitted is not None and not np.array_equal(fitted, input_features):
                raise ValueError("input_features is not equal to feature_names_in_")
            if input_features.shape != (self.n_features_in_,):
                raise ValueError(
                    f"input_features should have length equal to number of features ({self.n_features_in_}), "
                    f"got {len(input_features)}"
                )
        centres = getattr(self, "cluster_centers_", None)
        n_clusters = len(self.medoid_indices_) if centres is None else len(centres)
        prefix = type(self).__name__.lower()
        return np.asarray([f"{prefix}{k}" for k in range(n_clusters)], dtype=object)

    @_IfTransform
    def set_output(self, *, transform=None):
        """Choose the container that ``transform`` and ``fit_transform`` return.

        Parameters
        ----------
        transform : {'default', 'pandas', 'polars'} or None, default=None
            'default' gives NumPy arrays, 'pandas' and 'polars' DataFrames
            whose columns are :meth:`get_feature_names_out` (and whose index
            is that of X when X is a pandas DataFrame). None leaves the
            choice unchanged. pandas or polars is imported only when used.

        Returns
        -------
        self
        """
        if transform is None:
            return self
        if not isinstance(transform, str) or transform not in _OUTPUTS:
            raise ValueError(f"transform must be 'default', 'pandas', 'polars' or None, got {transform!r}.")
        if transform != "default" and importlib.util.find_spec(transform) is None:
            raise ImportError(
                f"set_output(transform={transform!r}) needs {transform}, which is not installed "
                f"(pip install {transform})."
            )
        # The attribute scikit-learn's clone copies, so the choice survives clone and grid searches.
        self._sklearn_output_config = {"transform": transform}
        return self


def _short_repr(value):
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape}"
    return repr(value)
