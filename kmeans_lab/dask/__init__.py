"""K-Means on a Dask cluster: data chunked by rows, only small summaries sent back.

``import kmeans_lab`` does not import Dask; this sub-package does, and needs
the ``dask`` extra (``pip install "kmeans-lab[dask]"``: ``dask[array]`` and
``distributed``).

- :class:`KMeans` fits a ``dask.array`` (or a NumPy array) with Lloyd's
  algorithm, one pass over the chunks per iteration, from k-means‖ initial
  centres by default. From the same initial centres it gives ``kl.KMeans``'s
  result.
- :func:`iteration_graph` and :func:`describe_graph` show the task graph of
  one iteration as text.
- :func:`make_blobs` makes a data set lazily, chunk by chunk, so that it can
  be larger than the memory of the whole cluster.
"""

from ._graph import describe_graph, iteration_graph
from .datasets import make_blobs
from .estimator import Iteration, KMeans

__all__ = ["Iteration", "KMeans", "describe_graph", "iteration_graph", "make_blobs"]
