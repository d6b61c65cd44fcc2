import os
from contextlib import contextmanager

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

settings.register_profile(
    "default", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture
def rng():
    import numpy as np

    return np.random.default_rng(12345)


def _numba_installed():
    import importlib.util

    return importlib.util.find_spec("numba") is not None


#: The engines to prove equal: NumPy's, and numba's two ways to the nearest centres where numba is installed.
ENGINES = ["numpy"] + (["numba-fused", "numba-blas"] if _numba_installed() else [])


def decided_beyond_rounding(X, centres):
    """True when every sample's nearest centre is nearer than the next by more than rounding."""
    if len(centres) < 2:
        return True
    import numpy as np

    X64 = X.astype(np.float64) - X.mean(axis=0)
    C64 = centres.astype(np.float64) - X.mean(axis=0)
    exact = ((X64[:, None, :] - C64[None, :, :]) ** 2).sum(axis=-1)
    two_nearest = np.sort(exact, axis=1)[:, :2]
    scale = (X64**2).sum(axis=1).max() + (C64**2).sum(axis=1).max()
    return bool(np.all(two_nearest[:, 1] - two_nearest[:, 0] > 1e3 * np.finfo(X.dtype).eps * scale))


@contextmanager
def using_engine(name):
    """Run the block on engine ``name`` (one of ENGINES), whatever the shapes of the problems."""
    from kmeans_lab._engine import ENGINE_VARIABLE

    engine, _, path = name.partition("-")
    saved = os.environ.get(ENGINE_VARIABLE)
    os.environ[ENGINE_VARIABLE] = engine
    numba_engine = None
    if engine == "numba":
        from kmeans_lab._engine import numba_engine

        numba_engine._forced_path = path
    try:
        yield
    finally:
        if saved is None:
            del os.environ[ENGINE_VARIABLE]
        else:
            os.environ[ENGINE_VARIABLE] = saved
        if numba_engine is not None:
            numba_engine._forced_path = None
