"""SymPy helpers for the symbolic lessons (imported on first use)."""

__all__ = []
