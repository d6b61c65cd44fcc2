"""Checks for the exercises of lesson 08."""

__all__ = []
