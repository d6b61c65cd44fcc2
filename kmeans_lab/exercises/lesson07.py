"""Checks for the exercises of lesson 07."""

__all__ = []
