"""The BLAS hold with an OpenMP build of OpenBLAS, as Debian ships it (``libopenblas0-openmp``).

OpenMP keeps its thread count per thread: a limit set on the thread that
starts a fit does not reach the pool's workers, and without their own limit
each of them starts a full OpenMP team for its first matrix product. NumPy's
wheels bundle a pthreads OpenBLAS, so this runs Debian's Python with Debian's
NumPy (``python3-numpy``, which uses the system BLAS) in a subprocess, with the
OpenMP OpenBLAS put first on the library path. ``make test-openmp`` installs
the packages and runs it; elsewhere it is skipped, saying what is missing.
"""

import glob
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"
PACKAGES = "python3-numpy python3-threadpoolctl libopenblas0-openmp"

#: OpenMP's own default would be the number of cores; 4 makes a team show even on a 1-CPU machine.
OMP_THREADS = 4

PROBE = r"""
import json, os, sys, threading, types

def report(**fields):
    print(json.dumps(fields))
    sys.exit(0)

try:
    import numpy as np
    import threadpoolctl
except ImportError as error:
    report(missing=str(error))

if not hasattr(np, "exceptions"):
    # Debian 12's NumPy (1.24) predates numpy.exceptions (1.25), which the package's input checks use.
    np.exceptions = types.SimpleNamespace(VisibleDeprecationWarning=np.VisibleDeprecationWarning)

def counts():
    return {lib["internal_api"]: lib["num_threads"] for lib in threadpoolctl.threadpool_info()}

def threads_outside_python():
    # OpenMP team threads: threads of the process that Python did not start.
    return len(os.listdir("/proc/self/task")) - threading.active_count()

layers = [(lib["internal_api"], lib.get("threading_layer")) for lib in threadpoolctl.threadpool_info()
          if lib["user_api"] == "blas"]
if ("openblas", "openmp") not in layers:
    report(layers=layers)

import kmeans_lab as kl
from kmeans_lab._engine import threads

seen = []
take_share = threads._take_share

def spy(task, chunks, in_hold):
    def recording(work):
        seen.append((threading.current_thread().name, counts()))
        return task(work)
    return take_share(recording, chunks, in_hold)

threads._take_share = spy
before = counts()
X = np.random.default_rng(0).standard_normal((20_000, 8))
kl.KMeans(10, n_init=2, random_state=0).fit(X)
threads._take_share = take_share
after_fit = counts()
outside_after_fit = threads_outside_python()
product = np.ones((1000, 1000)) @ np.ones((1000, 1000))  # on the caller, with its limit lifted
report(
    layers=layers,
    package=kl.__file__,
    before=before,
    seen=seen,
    after_fit=after_fit,
    outside_after_fit=outside_after_fit,
    outside_after_product=threads_outside_python(),
)
"""


@pytest.fixture(scope="module")
def probe():
    """What the probe saw, or a skip (a failure under ``make test-openmp``) saying what is missing."""
    required = os.environ.get("KMEANS_LAB_REQUIRE_OPENMP") == "1"

    def missing(reason):
        reason += f" (make test-openmp installs {PACKAGES})"
        pytest.fail(reason) if required else pytest.skip(reason)

    if not os.path.exists(SYSTEM_PYTHON):
        missing(f"no {SYSTEM_PYTHON}")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "PYTHONNOUSERSITE": "1",
        "OMP_NUM_THREADS": str(OMP_THREADS),
        "KMEANS_LAB_NUM_THREADS": "2",  # the pool's workers are what is under test, whatever the CPUs
        # Debian picks its BLAS with the alternatives system: make sure the OpenMP build comes first.
        "LD_LIBRARY_PATH": ":".join(glob.glob("/usr/lib/*/openblas-openmp")),
    }
    run = subprocess.run(
        [SYSTEM_PYTHON, "-c", PROBE],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    if "missing" in seen:
        missing(f"{SYSTEM_PYTHON} cannot import NumPy and threadpoolctl: {seen['missing']}")
    if "package" not in seen:
        missing(f"{SYSTEM_PYTHON}'s NumPy does not use the OpenMP build of OpenBLAS: {seen['layers']}")
    return seen


def test_the_probe_ran_this_package_on_the_openmp_openblas(probe):
    assert ("openblas", "openmp") in [tuple(layer) for layer in probe["layers"]]
    assert Path(probe["package"]).resolve().is_relative_to(ROOT)
    assert probe["before"]["openmp"] == OMP_THREADS  # what a new thread starts with


def test_every_thread_of_a_fit_calls_the_blas_with_one_thread(probe):
    workers = [counts for name, counts in probe["seen"] if name.startswith("kmeans_lab")]
    assert workers, "the fit used no worker thread"
    assert all(set(counts.values()) == {1} for _, counts in probe["seen"]), probe["seen"]
    assert probe["outside_after_fit"] == 0, "an OpenMP team was started during the fit"


def test_the_limits_are_restored_after_the_fit(probe):
    assert probe["after_fit"] == probe["before"]
    assert probe["outside_after_product"] > 0, "a product after the fit did not use OpenMP threads"
