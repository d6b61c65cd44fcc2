"""Widget for the lessons: medoids."""

__all__ = []
