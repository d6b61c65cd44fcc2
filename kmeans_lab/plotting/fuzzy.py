"""Plot helpers for the lessons on fuzzy."""

__all__ = []
