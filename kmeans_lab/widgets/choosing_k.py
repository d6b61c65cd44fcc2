"""Widget for the lessons: choosing_k."""

__all__ = []
