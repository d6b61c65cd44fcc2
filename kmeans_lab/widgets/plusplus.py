"""Widget for the lessons: plusplus."""

__all__ = []
