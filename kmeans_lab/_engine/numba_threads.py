"""When the compiled engine may share its slabs out on numba's own threads, and on how many.

numba's threading layers built on OpenMP (``omp``) or TBB start a parallel
loop in microseconds and may be entered from several Python threads at once
(a Dask worker's threads, say). Its ``workqueue`` layer takes about as long to
start a loop as a hand-over to a Python thread, and aborts the process if two
threads enter it at once. So the parallel kernels (``numba_slabs``) run only
where numba would pick ``omp`` or ``tbb``; elsewhere the engine keeps the
package's own thread pool (``threads.run_in_threads``), which gives the same
results to the bit.

How long numba's OpenMP threads spin. Between two parallel loops GNU
OpenMP's threads wait spinning, by default for 300 000 turns (about 3 ms of
CPU time here) before they sleep. On a machine shared with other work that
spinning takes the cores the other processes want, and a thread that has
used up its time waits behind them when the next loop starts: a pass of half
a millisecond then took several. So numba's OpenMP runtime is started with
``GOMP_SPINCOUNT`` at :data:`SPIN_COUNT` (about a tenth of a millisecond
here, about as long as the Python code between two passes of a small fit),
unless ``OMP_WAIT_POLICY`` or ``GOMP_SPINCOUNT`` is set already. The variable is
read once, when the runtime is loaded, and is taken out of the environment
again at once, so no other library or child process sees it.

GNU OpenMP cannot be used again in a child forked from a process that has
used it (numba then ends the child). So a process forked after the parallel
kernels first ran keeps to the package's pool as well.
"""

import importlib
import os
import threading
from contextlib import contextmanager

import numba

from .threads import _THREAD_NAME_PREFIX, n_threads, run_in_threads, single_threaded_blas

_THREAD_SAFE_LAYERS = ("omp", "tbb")

#: Turns GNU OpenMP's idle threads spin before they sleep, unless the user has set their own.
SPIN_COUNT = 10_000
_WAIT_VARIABLES = ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")
_LAYERS_OF_CHOICES = {"safe": ("tbb",), "threadsafe": ("tbb", "omp"), "forksafe": ("tbb",)}

_lock = threading.Lock()
_thread_safe_layer = None  # worked out on first use
_started_in = None  # the process that first ran a parallel kernel


def _importable(layer):
    try:
        if layer == "tbb":
            from numba.np.ufunc.parallel import _check_tbb_version_compatible

            _check_tbb_version_compatible()
        importlib.import_module(f"numba.np.ufunc.{layer}pool")
    except (ImportError, OSError):
        return False
    return True


def _layer_numba_will_pick():
    """The threading layer numba will start (as its ``_launch_threads`` chooses), or None if none loads."""
    chosen = str(numba.config.THREADING_LAYER).lower()
    if chosen == "default":
        candidates = tuple(numba.config.THREADING_LAYER_PRIORITY)
    else:
        candidates = _LAYERS_OF_CHOICES.get(chosen, (chosen,))
    for layer in candidates:
        if layer == "workqueue" or _importable(layer):
            return layer
    return None


def _layer_is_thread_safe():
    global _thread_safe_layer
    with _lock:
        if _thread_safe_layer is None:
            try:
                _thread_safe_layer = numba.threading_layer() in _THREAD_SAFE_LAYERS
            except ValueError:  # no parallel loop has run yet in this process
                with _openmp_spin_count():  # loading numba's omp layer loads the OpenMP runtime
                    _thread_safe_layer = _layer_numba_will_pick() in _THREAD_SAFE_LAYERS
        return _thread_safe_layer


def parallel_threads(n_slabs):
    """How many of numba's threads to run ``n_slabs`` slabs on, or 0 to keep to the package's pool.

    0 when there is one slab or one thread (the caller's own thread does it
    all), when called from the package's pool (whose tasks run their work
    themselves), when numba has no thread-safe layer, and in a process forked
    after the parallel kernels ran in its parent.
    """
    if n_slabs < 2 or threading.current_thread().name.startswith(_THREAD_NAME_PREFIX):
        return 0
    if _started_in not in (None, os.getpid()) or not _layer_is_thread_safe():
        return 0
    threads = min(n_threads(), n_slabs, numba.config.NUMBA_NUM_THREADS)
    return threads if threads > 1 else 0


def run_slabs(n_slabs, task, all_slabs, threads=None):
    """Every slab of a pass: on numba's threads where allowed, else the pool's.

    Parameters
    ----------
    n_slabs : int
    task : callable
        ``task(s)`` does slab s; the package's threads share the slabs out between them.
    all_slabs : callable or None
        ``all_slabs()`` does every slab in one parallel loop on numba's threads,
        used wherever :func:`parallel_threads` allows. Both must write each
        slab's results to its own place, so that they give the same bits.
        None: the pool's threads run ``task`` (work that calls NumPy, say).
    threads : int or None
        What a :func:`slab_threads` block in force yielded; None: one is
        opened for this pass alone.
    """
    if threads is None:
        with slab_threads(n_slabs) as chosen:
            return run_slabs(n_slabs, task, all_slabs, chosen)

    def run(slabs):
        for s in slabs:
            task(s)

    if threads and all_slabs is not None:
        all_slabs()
    else:
        run_in_threads(run, range(n_slabs))


@contextmanager
def slab_threads(n_slabs):
    """For the block: the BLAS held to one thread and numba's threads chosen and set.

    Yields
    ------
    int
        The number of numba's threads to run ``n_slabs`` slabs on
        (:func:`parallel_threads`), 0 for the package's pool.
    """
    with single_threaded_blas():
        threads = parallel_threads(n_slabs)
        if not threads:
            yield 0
            return
        with numba_threads(threads):
            yield threads


@contextmanager
def numba_threads(count):
    """numba's parallel loops on ``count`` threads for the block (its setting is per calling thread)."""
    _start_once()
    previous = numba.get_num_threads()
    numba.set_num_threads(count)
    try:
        yield
    finally:
        numba.set_num_threads(previous)


def _start_once():
    """Start numba's threads, noting this process as the one that did and the layer they run on."""
    global _started_in, _thread_safe_layer
    with _lock:
        if _started_in is None:
            with _openmp_spin_count():
                numba.get_num_threads()  # starts the threading layer
            _started_in = os.getpid()
            _thread_safe_layer = numba.threading_layer() in _THREAD_SAFE_LAYERS


@contextmanager
def _openmp_spin_count():
    """``GOMP_SPINCOUNT`` at :data:`SPIN_COUNT` in the environment for the block, unless set already."""
    if any(name in os.environ for name in _WAIT_VARIABLES):
        yield
        return
    os.environ["GOMP_SPINCOUNT"] = str(SPIN_COUNT)
    try:
        yield
    finally:
        del os.environ["GOMP_SPINCOUNT"]
