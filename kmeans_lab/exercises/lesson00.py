"""Checks for the exercises of lesson 00."""

__all__ = []
