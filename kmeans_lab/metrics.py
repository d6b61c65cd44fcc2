"""Comparing clusterings: how far a solution is from the true structure."""

__all__ = []
