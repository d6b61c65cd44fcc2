"""Choosing K: the elbow (Kneedle), silhouette and gap statistic."""

__all__ = []
