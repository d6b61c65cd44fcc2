"""Real data sets shipped inside the package (files under datasets/data/)."""

__all__ = []
