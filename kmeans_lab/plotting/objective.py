"""Plot helpers for the lessons on objective."""

__all__ = []
