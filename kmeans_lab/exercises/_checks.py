"""Shared pieces of the exercise checks."""

import numpy as np


def passed(message):
    """Print and return the one-line verdict of a right answer."""
    print(f"✓ Correct — {message}")


def require(condition, hint):
    """Fail the exercise with ``hint`` unless ``condition`` holds."""
    if not condition:
        raise AssertionError(hint)


def as_array(answer, name="your answer"):
    """Turn an answer into a float array, or fail with a hint."""
    try:
        return np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError(f"{name} should be numbers (a list or NumPy array), got {type(answer).__name__}.") from None


def require_shape(array, shape, name="your answer", why=""):
    require(
        array.shape == tuple(shape),
        f"{name} has shape {array.shape}, expected {tuple(shape)}." + (f" {why}" if why else ""),
    )


def require_close(value, expected, name="your answer", rtol=1e-6, atol=1e-9, hint=""):
    require(
        np.allclose(value, expected, rtol=rtol, atol=atol),
        f"{name} is not right." + (f" {hint}" if hint else ""),
    )
