"""Wall-clock timing for the lessons: the best of a few calls.

A measuring harness, not teaching code: lessons 03 and 07 call it and discuss
what it returns. The best (smallest) time of several calls is the one least
disturbed by other work on the machine.
"""

import time

__all__ = ["best_seconds"]


def best_seconds(run, *args, repeats=3, warm_up=True, **kwargs):
    """Best wall-clock time of ``run(*args, **kwargs)`` over ``repeats`` calls.

    Parameters
    ----------
    run : callable
        The function to time, e.g. ``model.fit``.
    *args, **kwargs
        Passed to ``run`` on every call (``model.fit`` gets ``X``).
    repeats : int, default=3
        Timed calls; the fastest counts.
    warm_up : bool, default=True
        Call ``run`` once, untimed, before the timed calls, so that one-off costs (a compiled engine
        loading its kernels) are not measured.

    Returns
    -------
    float
        Seconds (wall clock, so time spent by several threads counts once).
    """
    if not callable(run):
        raise TypeError(f"run should be a function to call, got {type(run).__name__}.")
    if isinstance(repeats, bool) or not isinstance(repeats, int) or repeats < 1:
        raise ValueError(f"repeats should be a positive integer, got {repeats!r}.")
    if warm_up:
        run(*args, **kwargs)
    best = float("inf")
    for _ in range(repeats):
        tic = time.perf_counter()
        run(*args, **kwargs)
        best = min(best, time.perf_counter() - tic)
    return best
