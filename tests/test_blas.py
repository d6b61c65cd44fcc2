"""OpenBLAS is held to one thread while the kernels run, and given back its thread count afterwards.

threadpoolctl (a scikit-learn dependency, used here only as an independent
witness) reads the thread count OpenBLAS reports.
"""

import os
import threading

import numpy as np
import pytest

import kmeans_lab as kl
from kmeans_lab import _blas

threadpoolctl = pytest.importorskip("threadpoolctl")

pytestmark = pytest.mark.skipif(
    not _blas.blas_threads_controllable(), reason="NumPy's BLAS here is not an OpenBLAS whose threads can be set"
)


def openblas_threads():
    """Threads of the OpenBLAS NumPy uses (SciPy may have loaded another copy)."""
    ours = os.path.realpath(_blas._openblas().path)
    pools = [pool for pool in threadpoolctl.threadpool_info() if os.path.realpath(pool["filepath"]) == ours]
    assert len(pools) == 1, "threadpoolctl does not see NumPy's OpenBLAS"
    return pools[0]["num_threads"]


@pytest.fixture
def two_blas_threads():
    """Start from OpenBLAS on 2 threads (even on a 1-CPU machine), whatever the test leaves behind."""
    with threadpoolctl.threadpool_limits(limits=2, user_api="blas"):
        before = openblas_threads()
        yield before


def test_one_thread_inside_and_the_old_count_after(two_blas_threads):
    with _blas.single_threaded_blas() as limited:
        assert limited
        assert openblas_threads() == 1
        with _blas.single_threaded_blas():
            assert openblas_threads() == 1
        assert openblas_threads() == 1  # the inner block ending does not lift the outer one's limit
    assert openblas_threads() == two_blas_threads


def test_restored_when_the_block_raises(two_blas_threads):
    with pytest.raises(RuntimeError):
        with _blas.single_threaded_blas():
            raise RuntimeError("boom")
    assert openblas_threads() == two_blas_threads


def test_one_thread_for_a_whole_fit_and_the_old_count_after(monkeypatch, two_blas_threads):
    from kmeans_lab._kernels import PreparedData

    seen = []
    real = PreparedData.update

    def spy(self, *args, **kwargs):
        seen.append(openblas_threads())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(PreparedData, "update", spy)
    X = np.random.default_rng(0).standard_normal((20_000, 8))
    kl.KMeans(10, n_init=2, random_state=0).fit(X)
    assert seen and set(seen) == {1}  # between the kernels of a run too (here, in the update step)
    assert openblas_threads() == two_blas_threads


def test_concurrent_blocks_restore_the_count_once_all_have_ended(two_blas_threads):
    inside = threading.Barrier(3)
    leave = threading.Event()

    def hold():
        with _blas.single_threaded_blas():
            inside.wait()
            leave.wait(5)

    threads = [threading.Thread(target=hold) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait()
    assert openblas_threads() == 1
    leave.set()
    for thread in threads:
        thread.join()
    assert openblas_threads() == two_blas_threads
