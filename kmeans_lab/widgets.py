"""Interactive widgets for the lessons (ipywidgets, imported on first use)."""

__all__ = []
