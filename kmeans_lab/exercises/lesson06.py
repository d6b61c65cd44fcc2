"""Checks for the exercises of lesson 06."""

__all__ = []
