"""Plot helpers for the lessons on choosing_k."""

__all__ = []
