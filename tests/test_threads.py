"""The package's threads: how many, and the BLAS held to one thread on all of them while they work.

threadpoolctl's ``threadpool_info`` (which looks the libraries up afresh at
each call) is the witness of the thread counts the BLAS libraries report.
"""

import threading

import numpy as np
import pytest

import kmeans_lab as kl
from kmeans_lab._engine import threads

threadpoolctl = pytest.importorskip("threadpoolctl")

needs_blas_control = pytest.mark.skipif(
    not threads.blas_threads_controllable(), reason="threadpoolctl finds no BLAS library here"
)


def blas_threads():
    """Thread count of each BLAS library in the process, read from the calling thread."""
    return {
        lib["filepath"]: lib["num_threads"]
        for lib in threadpoolctl.threadpool_info()
        if lib["user_api"] == "blas"
    }


def set_blas_threads(counts):
    """Set each BLAS library to ``counts[filepath]`` threads, leaving no thread in control of them.

    (Recent threadpoolctl lets only the thread that set a process-wide pool
    change it until it gives that up; a ``threadpool_limits`` block keeps it.)
    """
    for lib in threadpoolctl.ThreadpoolController().select(user_api="blas").lib_controllers:
        lib.set_num_threads(counts[lib.filepath])
        getattr(type(lib), "clear_controlling_thread", lambda: None)()


@pytest.fixture
def two_blas_threads():
    """Start from the BLAS on 2 threads (even on a 1-CPU machine), whatever the test leaves behind."""
    # A first fit loads what the engine loads (numba brings SciPy's BLAS along), so that every
    # BLAS library a fit will use is counted from the start.
    kl.KMeans(2, n_init=1, random_state=0).fit(np.random.default_rng(0).standard_normal((50, 2)))
    original = blas_threads()
    set_blas_threads(dict.fromkeys(original, 2))
    try:
        before = blas_threads()
        assert set(before.values()) == {2}
        yield before
    finally:
        set_blas_threads(original)


@pytest.fixture
def no_thread_settings(monkeypatch):
    """No quota, no OMP_NUM_THREADS, no package setting, no library limit: only the CPUs count."""
    monkeypatch.setattr(threads, "_read_cgroup_file", lambda path: None)
    monkeypatch.setattr(threads, "_library_limit", lambda: None)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.delenv(threads.THREADS_VARIABLE, raising=False)
    monkeypatch.setattr(threads.os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)


def test_n_threads_is_the_cpus_this_process_may_use(no_thread_settings, monkeypatch):
    assert threads.n_threads() == 64
    monkeypatch.setattr(threads.os, "sched_getaffinity", lambda pid: {0, 3, 5}, raising=False)
    assert threads.n_threads() == 3


V2 = "/sys/fs/cgroup/cpu.max"
V1_QUOTA, V1_PERIOD = "/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us"


@pytest.mark.parametrize(
    "files, expected",
    [
        ({V2: "150000 100000\n"}, 2),
        ({V2: "400000 100000\n"}, 4),
        ({V2: "max 100000\n"}, 64),
        ({V1_QUOTA: "100000\n", V1_PERIOD: "100000\n"}, 1),
        ({V1_QUOTA: "50000\n", V1_PERIOD: "100000\n"}, 1),
        ({V1_QUOTA: "-1\n", V1_PERIOD: "100000\n"}, 64),
    ],
)
def test_n_threads_follows_the_cpu_quota(no_thread_settings, monkeypatch, files, expected):
    monkeypatch.setattr(
        threads, "_read_cgroup_file", lambda path: files[path].split() if path in files else None
    )
    assert threads.n_threads() == expected


@pytest.mark.parametrize("value, expected", [("3", 3), ("5,2", 5), ("1", 1), ("", 64), ("many", 64)])
def test_n_threads_follows_omp_num_threads(no_thread_settings, monkeypatch, value, expected):
    monkeypatch.setenv("OMP_NUM_THREADS", value)
    assert threads.n_threads() == expected


def test_the_package_setting_replaces_the_automatic_count(no_thread_settings, monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    monkeypatch.setenv(threads.THREADS_VARIABLE, "6")
    assert threads.n_threads() == 6
    for wrong in ("0", "two", "-1"):
        monkeypatch.setenv(threads.THREADS_VARIABLE, wrong)
        with pytest.raises(ValueError, match=threads.THREADS_VARIABLE):
            threads.n_threads()


@needs_blas_control
def test_n_threads_follows_a_users_threadpool_limits(monkeypatch):
    monkeypatch.delenv(threads.THREADS_VARIABLE, raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(threads, "_read_cgroup_file", lambda path: None)
    monkeypatch.setattr(threads.os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    with threadpoolctl.threadpool_limits(1):
        assert threads.n_threads() == 1
    with threadpoolctl.threadpool_limits(2):
        assert threads.n_threads() == 2
        with threads.single_threaded_blas():
            assert threads.n_threads() == 2  # the count from before the hold, not the hold's own 1


@needs_blas_control
def test_one_thread_inside_and_the_old_count_after(two_blas_threads):
    with threads.single_threaded_blas() as limited:
        assert limited
        assert set(blas_threads().values()) == {1}
        with threads.single_threaded_blas():
            assert set(blas_threads().values()) == {1}
        # The inner block ending does not lift the outer one's limit.
        assert set(blas_threads().values()) == {1}
    assert blas_threads() == two_blas_threads


@needs_blas_control
def test_restored_when_the_block_raises(two_blas_threads):
    with pytest.raises(RuntimeError), threads.single_threaded_blas():
        raise RuntimeError("boom")
    assert blas_threads() == two_blas_threads


@needs_blas_control
def test_concurrent_blocks_restore_the_count_once_all_have_ended(two_blas_threads):
    inside = threading.Barrier(3)
    leave = threading.Event()

    def hold():
        with threads.single_threaded_blas():
            inside.wait()
            leave.wait(5)

    holders = [threading.Thread(target=hold) for _ in range(2)]
    for holder in holders:
        holder.start()
    try:
        inside.wait()
        during = blas_threads()
    finally:
        leave.set()
        for holder in holders:
            holder.join()
    assert set(during.values()) == {1}
    assert blas_threads() == two_blas_threads


def set_from_another_thread(counts):
    setter = threading.Thread(target=set_blas_threads, args=(counts,))
    setter.start()
    setter.join()


@needs_blas_control
def test_a_fit_leaves_no_thread_in_control_of_the_blas(two_blas_threads):
    X = np.random.default_rng(0).standard_normal((60_000, 8))
    kl.KMeans(10, n_init=1, random_state=0).fit(X)
    assert blas_threads() == two_blas_threads
    set_from_another_thread(dict.fromkeys(two_blas_threads, 3))
    assert set(blas_threads().values()) == {3}


@needs_blas_control
def test_a_users_threadpool_limits_around_a_fit_is_kept_and_then_lifted(two_blas_threads):
    X = np.random.default_rng(0).standard_normal((60_000, 8))
    with threadpoolctl.threadpool_limits(limits=3, user_api="blas"):
        kl.KMeans(10, n_init=1, random_state=0).fit(X)
        assert set(blas_threads().values()) == {3}
    assert blas_threads() == two_blas_threads


def record_threads(records, barrier=None):
    """A task for run_in_threads that notes its thread and the BLAS counts seen from it."""

    def task(chunks):
        records.append((threading.current_thread().name, blas_threads()))
        if barrier is not None:
            barrier.wait(timeout=10)  # both threads must take a share
        for _ in chunks:
            pass

    return task


@needs_blas_control
def test_the_workers_blas_is_on_one_thread_during_the_hold_only(monkeypatch, two_blas_threads):
    monkeypatch.setenv(threads.THREADS_VARIABLE, "2")
    during, after = [], []
    with threads.single_threaded_blas():
        threads.run_in_threads(record_threads(during, threading.Barrier(2)), range(8))
    threads.run_in_threads(record_threads(after, threading.Barrier(2)), range(8))
    for records in (during, after):
        assert len(records) == 2 and sum(name.startswith("kmeans_lab") for name, _ in records) == 1
    assert all(set(counts.values()) == {1} for _, counts in during)
    assert all(counts == two_blas_threads for _, counts in after)


def test_run_in_threads_shares_every_chunk_once_and_does_not_nest(monkeypatch):
    monkeypatch.setenv(threads.THREADS_VARIABLE, "2")
    done, inner_threads = [], []

    def task(chunks):
        for chunk in chunks:
            done.append(chunk)
            inner = []
            threads.run_in_threads(
                lambda work, inner=inner: inner.append((threading.current_thread().name, list(work))), [1, 2]
            )
            inner_threads.append(inner)

    threads.run_in_threads(task, range(50))
    assert sorted(done) == list(range(50))
    # A task on the pool runs the inner call's whole work itself.
    assert all(
        len(inner) == 1 and inner[0][1] == [1, 2]
        for inner in inner_threads
        if inner[0][0].startswith("kmeans_lab")
    )


def test_one_thread_runs_everything_on_the_caller(monkeypatch):
    monkeypatch.setenv(threads.THREADS_VARIABLE, "1")
    names = []
    threads.run_in_threads(lambda work: names.append((threading.current_thread().name, list(work))), range(5))
    assert names == [(threading.current_thread().name, [0, 1, 2, 3, 4])]


@needs_blas_control
def test_one_thread_on_every_thread_for_a_whole_fit_and_the_old_count_after(monkeypatch, two_blas_threads):
    seen = []
    take_share = threads._take_share

    def spy(task, chunks, in_hold):
        def recording(work):
            seen.append((threading.current_thread().name, blas_threads()))
            return task(work)

        return take_share(recording, chunks, in_hold)

    monkeypatch.setattr(threads, "_take_share", spy)
    monkeypatch.setenv(threads.THREADS_VARIABLE, "2")  # workers even on a 1-CPU machine
    if compiled_engine() is not None:  # the package's pool, not numba's threads (tested below)
        from kmeans_lab._engine import numba_threads

        monkeypatch.setattr(numba_threads, "parallel_threads", lambda n_slabs: 0)
    X = np.random.default_rng(0).standard_normal((60_000, 8))
    kl.KMeans(10, n_init=2, random_state=0).fit(X)
    assert any(name.startswith("kmeans_lab") for name, _ in seen), "the fit used no worker thread"
    assert all(set(counts.values()) == {1} for _, counts in seen)
    assert blas_threads() == two_blas_threads


def compiled_engine():
    """The numba engine module, or None where numba is not installed."""
    try:
        from kmeans_lab._engine import numba_engine
    except ImportError:
        return None
    return numba_engine


@needs_blas_control
@pytest.mark.parametrize("n_features", [2, 8, 40])
def test_numbas_threads_run_with_the_blas_on_one_thread(monkeypatch, two_blas_threads, n_features):
    numba_engine = compiled_engine()
    if numba_engine is None:
        pytest.skip("numba is not installed")
    from kmeans_lab._engine import numba_slabs

    seen = []
    for name in ("assign_fused", "assign_by_products", "inertia", "potentials"):
        kernel = getattr(numba_slabs, name)

        def spy(*args, kernel=kernel, name=name):
            seen.append((name, blas_threads()))
            return kernel(*args)

        monkeypatch.setattr(numba_slabs, name, spy)
    monkeypatch.setenv(threads.THREADS_VARIABLE, "2")
    X = np.random.default_rng(0).standard_normal((60_000, n_features))
    kl.KMeans(10, n_init=2, random_state=0).fit(X)
    way = "assign_by_products" if numba_engine.uses_blas(n_features, 10) else "assign_fused"
    assert {name for name, _ in seen} == {way, "inertia", "potentials"}
    assert all(set(counts.values()) == {1} for _, counts in seen)
    assert blas_threads() == two_blas_threads
