"""Threads: the package's own pool, and the BLAS held to one thread while the pool works.

The kernels share their chunks of work out between a few threads of their own
(NumPy's matrix product, ``argmin``, ``take`` and ``bincount`` release the
GIL), as scikit-learn shares its chunks between OpenMP threads. If the BLAS
also shared each matrix product out to threads of its own, the two kinds of
thread would compete for the same cores. So, as in scikit-learn, the BLAS
libraries are held to one thread for the length of a fit
(:func:`single_threaded_blas`), through threadpoolctl, which knows OpenBLAS
(whatever its build and symbol names), MKL, BLIS and FlexiBLAS.

A BLAS built on OpenMP (Debian's ``libopenblas0-openmp``, for one) takes its
thread count from the OpenMP setting of the thread that calls it, and OpenMP
keeps that setting per thread: a limit set on the caller does not reach the
pool's workers, each of which would start a full OpenMP team. So while a hold
is in force, each worker also sets the OpenMP runtimes and the OpenMP-built
BLAS to one thread on itself for its share of the work, and puts them back
afterwards. A BLAS on its own threads (pthreads) has one process-wide setting,
which only the hold changes and restores.

How many threads
----------------
:func:`n_threads` is how many threads, the caller's included,
:func:`run_in_threads` uses: the CPUs this process may use, capped by the
container's CPU quota (cgroups; Binder runs under one) and by the thread
counts the BLAS and OpenMP libraries are set to. To use fewer, any of:

- ``OMP_NUM_THREADS=2`` in the environment before Python starts (this limits
  the BLAS as well);
- ``with threadpoolctl.threadpool_limits(2): ...`` around the calls (this
  limits the BLAS as well, for the block);
- ``OPENBLAS_NUM_THREADS``, ``MKL_NUM_THREADS`` and the like count as well,
  as they set the BLAS's own count;
- ``KMEANS_LAB_NUM_THREADS=2`` in the environment (or in ``os.environ``: it is
  read at every fit): the package's own setting, which replaces the automatic
  choice and leaves the BLAS alone. ``1`` runs everything on the calling
  thread.

The count is worked out once per hold, so once per fit.
"""

import math
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

#: The environment variable that sets :func:`n_threads` for the package.
THREADS_VARIABLE = "KMEANS_LAB_NUM_THREADS"

#: Names of the pool's threads start with this; a task that sees it runs on the pool already.
_THREAD_NAME_PREFIX = "kmeans_lab"

_CGROUP_V2_CPU_MAX = "/sys/fs/cgroup/cpu.max"
_CGROUP_V1_QUOTA = "/sys/fs/cgroup/cpu/cpu.cfs_quota_us"
_CGROUP_V1_PERIOD = "/sys/fs/cgroup/cpu/cpu.cfs_period_us"


def _read_cgroup_file(path):
    """The whitespace-separated fields of the file at ``path``, or None if it cannot be read."""
    try:
        with open(path, encoding="ascii") as file:
            return file.read().split()
    except (OSError, UnicodeDecodeError):
        return None


def _cpu_quota():
    """CPUs the container's CPU quota allows, rounded up.

    Returns
    -------
    int or None
        None when there is no quota (or no cgroup file to read).
    """
    fields = _read_cgroup_file(_CGROUP_V2_CPU_MAX)  # "max 100000" (none) or "150000 100000"
    if fields is None:
        quota, period = _read_cgroup_file(_CGROUP_V1_QUOTA), _read_cgroup_file(_CGROUP_V1_PERIOD)
        fields = quota[:1] + period[:1] if quota and period else None
    if not fields or len(fields) != 2:
        return None
    try:
        quota, period = int(fields[0]), int(fields[1])
    except ValueError:
        return None
    if quota <= 0 or period <= 0:  # cgroup v1 writes -1 for no quota
        return None
    return max(1, math.ceil(quota / period))


def _usable_cpus():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _omp_num_threads():
    """``OMP_NUM_THREADS`` (its first value, for nested levels), or None if unset or not a count."""
    first = os.environ.get("OMP_NUM_THREADS", "").split(",")[0].strip()
    return int(first) if first.isdigit() and int(first) > 0 else None


def _package_setting():
    value = os.environ.get(THREADS_VARIABLE, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{THREADS_VARIABLE} must be a whole number of threads >= 1, not {value!r}")
    return int(value)


_libraries_lock = threading.Lock()
_found_libraries = None
_modules_when_found = 0


def _libraries():
    """threadpoolctl's controllers of the BLAS and OpenMP libraries in the process.

    Found once, and again only after modules have been imported since:
    finding them walks every loaded library, which takes milliseconds, while
    reading or setting a thread count through them takes microseconds. NumPy
    loads its BLAS when imported, before this package; an import can load
    another (numba's first compilation brings SciPy's).
    """
    global _found_libraries, _modules_when_found
    with _libraries_lock:
        if _found_libraries is None or len(sys.modules) != _modules_when_found:
            _modules_when_found = len(sys.modules)
            try:
                from threadpoolctl import ThreadpoolController

                _found_libraries = (
                    [] if sys.platform == "emscripten" else ThreadpoolController().lib_controllers
                )
            except Exception:  # noqa: BLE001  without threadpoolctl, or if it fails, the BLAS is left alone
                _found_libraries = []
        return _found_libraries


def _per_thread(lib):
    """Whether the library's thread count is an OpenMP setting, which OpenMP keeps per thread."""
    return lib.user_api == "openmp" or getattr(lib, "threading_layer", None) == "openmp"


def _blas_libraries():
    return [lib for lib in _libraries() if lib.user_api == "blas"]


def _process_wide_blas():
    """The BLAS libraries on threads of their own (pthreads, MKL, ...): one setting for the process."""
    return [lib for lib in _blas_libraries() if not _per_thread(lib)]


def _per_thread_libraries():
    return [lib for lib in _libraries() if _per_thread(lib)]


def _thread_count(lib):
    count = lib.num_threads
    return count if isinstance(count, int) and count > 0 else None


def _library_limit():
    """The fewest threads any BLAS or OpenMP library is set to use from this thread, or None.

    Their defaults are the number of cores, so this is below the usable CPUs
    only when the user (``threadpool_limits``, ``OPENBLAS_NUM_THREADS``, ...)
    has asked for fewer threads.
    """
    counts = [count for count in map(_thread_count, _libraries()) if count is not None]
    return min(counts, default=None)


def _threads_now():
    setting = _package_setting()
    if setting is not None:
        return setting
    if sys.platform == "emscripten":  # no threads in the browser
        return 1
    caps = [_usable_cpus(), _cpu_quota(), _omp_num_threads(), _library_limit()]
    return max(1, min(cap for cap in caps if cap is not None))


def _set_threads(lib, count):
    lib.set_num_threads(count)
    # Recent threadpoolctl lets one Python thread at a time set a process-wide pool (pthreads
    # OpenBLAS), and the thread that sets it keeps that right until it ends unless it gives it up.
    # Given up at once here, so that whichever thread ends the last hold can restore the count.
    release = getattr(type(lib), "clear_controlling_thread", None)
    if release is not None and not _per_thread(lib):
        release()


def _limit(libraries):
    """Set ``libraries`` to one thread; return what :func:`_restore` needs to put them back."""
    saved = [(lib, _thread_count(lib)) for lib in libraries]
    for lib in libraries:
        _set_threads(lib, 1)
    return saved


def _restore(saved):
    # An OpenMP-built BLAS sets the OpenMP runtime's count when it sets its own: runtimes go last.
    for lib, count in sorted(saved, key=lambda item: item[0].user_api == "openmp"):
        if count is not None:
            _set_threads(lib, count)


_hold_lock = threading.Lock()
_hold_depth = 0
_saved_limits = None
_threads_in_hold = None
_this_thread = threading.local()


def n_threads():
    """Threads (the caller's included) that :func:`run_in_threads` shares work between.

    Returns
    -------
    int
        ``KMEANS_LAB_NUM_THREADS`` if set; otherwise the CPUs this process may
        use, capped by the container's CPU quota, by ``OMP_NUM_THREADS`` and
        by the thread counts the BLAS and OpenMP libraries are set to (a
        ``threadpoolctl.threadpool_limits`` in force, say). At least 1. During
        :func:`single_threaded_blas`, the count worked out when it began.

    Raises
    ------
    ValueError
        If ``KMEANS_LAB_NUM_THREADS`` is set to something other than a count >= 1.
    """
    with _hold_lock:
        if _hold_depth:
            return _threads_in_hold
    return _threads_now()


def blas_threads_controllable():
    """Whether :func:`single_threaded_blas` can hold a BLAS library to one thread.

    Returns
    -------
    bool
        True when threadpoolctl finds at least one BLAS library in the process.
    """
    return bool(_blas_libraries())


@contextmanager
def single_threaded_blas():
    """Hold the BLAS libraries to one thread for the block, then restore their counts.

    Nested and concurrent uses are counted: the counts are restored when the
    last one ends. The OpenMP settings, which are per thread, are set on each
    thread that enters, and while any hold is in force on each of the pool's
    workers for its share of the work (see the module docstring).

    Yields
    ------
    bool
        True if the BLAS libraries report one thread, False if there is no
        BLAS to limit or if it would not be limited (threadpoolctl ignores a
        process-wide limit set while another thread's ``threadpool_limits``
        is in force).
    """
    global _hold_depth, _saved_limits, _threads_in_hold
    if not _blas_libraries():
        yield False
        return
    with _hold_lock:
        if _hold_depth == 0:
            _threads_in_hold = _threads_now()  # before the limit, which the count would follow
            _saved_limits = _limit(_process_wide_blas())
        _hold_depth += 1
    try:
        with _openmp_on_one_thread():
            yield all(_thread_count(lib) in (1, None) for lib in _blas_libraries())
    finally:
        with _hold_lock:
            _hold_depth -= 1
            if _hold_depth == 0:
                _restore(_saved_limits)
                _saved_limits = None


@contextmanager
def _openmp_on_one_thread():
    """The OpenMP settings of the calling thread at one thread for the block (nested uses counted)."""
    depth = getattr(_this_thread, "depth", 0)
    if depth == 0:
        _this_thread.saved = _limit(_per_thread_libraries())
    _this_thread.depth = depth + 1
    try:
        yield
    finally:
        _this_thread.depth -= 1
        if _this_thread.depth == 0:
            _restore(_this_thread.saved)
            _this_thread.saved = None


_pool = None
_pool_key = None
_pool_lock = threading.Lock()


def _thread_pool(workers):
    """A pool of ``workers`` threads, made anew for another size or in a forked child (without threads)."""
    global _pool, _pool_key
    key = (os.getpid(), workers)
    with _pool_lock:
        if _pool_key != key:
            # The pool replaced is not shut down, as another caller may still be submitting to it:
            # its idle threads end when it is garbage collected.
            _pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=_THREAD_NAME_PREFIX)
            _pool_key = key
        return _pool


def _take_share(task, chunks, in_hold):
    """Call ``task(chunks)`` on this thread, with its OpenMP settings at one thread during a hold."""
    if in_hold:
        with _openmp_on_one_thread():
            task(chunks)
    else:
        task(chunks)


def run_in_threads(task, chunks):
    """Call ``task(work)`` on several threads that share out ``chunks`` between them.

    Every thread, the caller's included, is handed the same iterator over
    ``chunks`` and takes the next chunk whenever it is free, so a thread
    slowed by other processes takes fewer. ``task`` must write a separate
    output for each chunk, computed by the same code whichever thread takes
    it: the results then do not depend on which thread did what. A task
    running on the pool that calls this runs the whole of its work itself.

    Parameters
    ----------
    task : callable
        Called as ``task(iterator)`` once on each thread; takes chunks from the iterator until it ends.
    chunks : sequence
        The pieces of work (a ``range`` or a list), given to ``task`` one at a time.
    """
    threads = n_threads()
    n_workers = min(threads, len(chunks))
    with _hold_lock:
        in_hold = _hold_depth > 0
    if n_workers <= 1 or threading.current_thread().name.startswith(_THREAD_NAME_PREFIX):
        _take_share(task, chunks, in_hold)
        return
    # A range or list iterator: taking an item holds the GIL, so no chunk is taken twice.
    shared = iter(chunks)
    pool = _thread_pool(threads - 1)
    futures = [pool.submit(_take_share, task, shared, in_hold) for _ in range(n_workers - 1)]
    try:
        _take_share(task, shared, in_hold)
    finally:
        for future in futures:
            future.result()
