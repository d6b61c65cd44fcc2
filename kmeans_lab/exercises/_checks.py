"""Shared pieces of the exercise checks."""

import numpy as np


def passed(message):
    """Print and return the one-line verdict of a right answer."""
    print(f"✓ Correct — {message}")


def require(condition, hint):
    """Fail the exercise with ``hint`` unless ``condition`` holds."""
    if not condition:
        raise AssertionError(hint)


def _verb(name, singular, plural):
    """The verb that agrees with ``name``: "your labels have", "your centre has", "membership has"."""
    words = name.split()
    is_plural = len(words) > 1 and words[-1].endswith("s") and not words[-1].endswith("ss")
    return plural if is_plural else singular


def as_array(answer, name="your answer"):
    """Turn an answer into a float array, or fail with a hint."""
    try:
        return np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError(
            f"{name} should be numbers (a list or NumPy array), got {type(answer).__name__}."
        ) from None


def require_shape(array, shape, name="your answer", why=""):
    require(
        array.shape == tuple(shape),
        f"{name} {_verb(name, 'has', 'have')} shape {array.shape}, expected {tuple(shape)}."
        + (f" {why}" if why else ""),
    )


def require_close(value, expected, name="your answer", rtol=1e-6, atol=1e-9, hint=""):
    require(
        np.allclose(value, expected, rtol=rtol, atol=atol),
        f"{name} {_verb(name, 'is', 'are')} not right." + (f" {hint}" if hint else ""),
    )
