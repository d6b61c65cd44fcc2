"""Widget for the lessons: lloyd_stepper."""

__all__ = []
