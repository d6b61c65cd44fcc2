"""Measuring clusterings.

* :func:`centroid_index` and :func:`orphan_count` compare a solution's
  centres with the true ones (Fränti, Rezaei & Zhao 2014).
* :func:`match_to_classes` gives each cluster the class it stands for
  (Hungarian method), to compare a clustering with known classes.
* :func:`silhouette_samples` and :func:`silhouette_score` measure how well
  each sample sits in its cluster (Rousseeuw 1987), with scikit-learn's
  conventions; also available as ``kmeans_lab.silhouette_score``.
* :func:`adjusted_rand_score` and :func:`contingency_matrix` compare a
  clustering with a known truth (Hubert & Arabie 1985), as scikit-learn does.
"""

from .centres import centroid_index, orphan_count
from .silhouette import silhouette_samples, silhouette_score

__all__ = ["centroid_index", "orphan_count", "silhouette_samples", "silhouette_score"]

from .partitions import all_partitions_wcss, match_labels

__all__ += ["all_partitions_wcss", "match_labels"]

from .agreement import adjusted_rand_score, contingency_matrix

__all__ += ["adjusted_rand_score", "contingency_matrix"]

from .matching import match_to_classes

__all__ += ["match_to_classes"]
