"""Plot helpers for the lessons on medoids."""

__all__ = []
