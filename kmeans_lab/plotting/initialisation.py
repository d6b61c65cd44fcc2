"""Plot helpers for the lessons on initialisation."""

__all__ = []
