"""Keep OpenBLAS on one thread while the kernels share work between their own.

The kernels run several matrix products at once, one per worker thread. If
OpenBLAS also shared each product out to its own threads, the two kinds of
thread would compete for the same cores. scikit-learn avoids this by limiting
BLAS to one thread for the length of a fit (through threadpoolctl); this module
does the same for OpenBLAS, the BLAS that NumPy's wheels ship, with ``ctypes``:
it finds the OpenBLAS library the process has already loaded, sets its thread
count to 1 while a fit (or a kernel called on its own) runs, and restores the
previous count afterwards.

The setting is process-wide (OpenBLAS has no per-thread setting), as it is with
scikit-learn. When no OpenBLAS with that interface is loaded (NumPy built on
MKL or Accelerate, say), :func:`single_threaded_blas` does nothing and returns
False; the kernels then keep their products small enough that OpenBLAS runs
them on the calling thread anyway.
"""

import ctypes
import os
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

#: Symbol spellings: NumPy's wheels ship OpenBLAS with a ``scipy_`` prefix and ``64_`` suffix.
_SYMBOL_FORMS = [("scipy_openblas", "64_"), ("openblas", "64_"), ("openblas", "")]


class _OpenBLASThreads:
    """get() and set(n) for the thread count of one loaded OpenBLAS, found at ``path``."""

    def __init__(self, library, path):
        self.path = path
        for prefix, suffix in _SYMBOL_FORMS:
            getter = getattr(library, f"{prefix}_get_num_threads{suffix}", None)
            setter = getattr(library, f"{prefix}_set_num_threads{suffix}", None)
            if getter is not None and setter is not None:
                break
        else:
            raise LookupError("no OpenBLAS thread-count functions")
        getter.restype, getter.argtypes = ctypes.c_int, []
        setter.restype, setter.argtypes = None, [ctypes.c_int]
        self.get, self.set = getter, setter


def _candidate_paths():
    """Files of OpenBLAS libraries NumPy may have loaded, most likely first."""
    import numpy

    numpy_dir = Path(numpy.__file__).resolve().parent
    # Where the wheels for Linux and Windows (numpy.libs) and macOS (numpy/.dylibs) keep it.
    for folder in (numpy_dir.parent / "numpy.libs", numpy_dir / ".dylibs"):
        if folder.is_dir():
            yield from sorted(str(p) for p in folder.iterdir() if "openblas" in p.name.lower())
    maps = Path("/proc/self/maps")
    if maps.exists():
        with open(maps, encoding="utf-8", errors="replace") as lines:
            for line in lines:
                path = line.split(maxsplit=5)[-1].strip()
                if "openblas" in Path(path).name.lower():
                    yield path


def _find_openblas():
    # RTLD_NOLOAD: only attach to a library already in the process, never load another copy.
    mode = getattr(os, "RTLD_NOLOAD", 0) | ctypes.RTLD_LOCAL
    seen = set()
    for path in _candidate_paths():
        if path in seen:
            continue
        seen.add(path)
        try:
            library = ctypes.CDLL(path, mode=mode)
            return _OpenBLASThreads(library, path)
        except (OSError, LookupError):
            continue
    return None


_controller = None
_controller_looked_up = False
_lock = threading.Lock()
_depth = 0
_saved_threads = None


def _openblas():
    global _controller, _controller_looked_up
    if not _controller_looked_up:
        try:
            _controller = _find_openblas() if sys.platform != "emscripten" else None
        except Exception:  # a failed lookup must never break a fit
            _controller = None
        _controller_looked_up = True
    return _controller


def blas_threads_controllable():
    """True when :func:`single_threaded_blas` can limit the BLAS NumPy uses."""
    return _openblas() is not None


@contextmanager
def single_threaded_blas():
    """Run the block with OpenBLAS on one thread, then restore its thread count.

    Nested and concurrent uses are counted: the count is restored when the
    last one ends. Yields True if the limit is in force, False if there is no
    OpenBLAS to limit.
    """
    global _depth, _saved_threads
    controller = _openblas()
    if controller is None:
        yield False
        return
    with _lock:
        if _depth == 0:
            _saved_threads = controller.get()
            if _saved_threads != 1:
                controller.set(1)
        _depth += 1
    try:
        yield True
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved_threads != 1:
                controller.set(_saved_threads)
