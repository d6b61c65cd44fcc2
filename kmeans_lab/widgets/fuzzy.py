"""Widget for the lessons: fuzzy."""

__all__ = []
