"""Fuzzy c-means (Bezdek): soft memberships."""

__all__ = []
