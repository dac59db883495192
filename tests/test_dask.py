"""The batch on a Dask cluster (a LocalCluster here), and the executor URL's errors."""
from __future__ import annotations

import os
import socket
import sys

import pytest

from cardscan import batch, executors
from cardscan.cache import Cache
from cardscan.errors import DependencyError, UsageError
from cardscan.models import Contact, Name, ScanOutcome
from cardscan.options import Options


def env_worker(source: str, options: Options) -> list[ScanOutcome]:
    """Stands in for the pipeline; reports the thread limit the task ran under, and where."""
    text = open(source, encoding="utf-8").read()
    note = f"OMP_THREAD_LIMIT={os.environ.get('OMP_THREAD_LIMIT')} pid={os.getpid()}"
    return [ScanOutcome(source, 0, contact=Contact(name=Name(text), notes=(note,)))]


def _files(tmp_path, n=5):
    out = []
    for i in range(n):
        p = tmp_path / f"card{i}.jpg"
        p.write_text(f"Person {i}", encoding="utf-8")
        out.append(str(p))
    return out


@pytest.fixture(params=[False, True], ids=["threads", "processes"])
def dask_executor(request, monkeypatch):
    distributed = pytest.importorskip("distributed")
    # The workers must get the limit from the task itself, not inherit it from here.
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=request.param,
                                       dashboard_address=None, silence_logs=40)
    client = distributed.Client(cluster, set_as_default=False)
    executor = executors.DaskExecutor(client)
    try:
        yield executor
    finally:
        executor.shutdown()
        cluster.close()


def test_scan_paths_runs_on_dask_workers_in_input_order(dask_executor, tmp_path):
    files = _files(tmp_path)
    cache = Cache(tmp_path / "cache", engine_name="fake")
    items = list(batch.scan_paths(files, Options(), jobs=1, executor=dask_executor, cache=cache, worker=env_worker))
    assert [i.source for i in items] == files
    assert [i.outcomes[0].contact.name.full for i in items] == [f"Person {n}" for n in range(5)]
    assert all("OMP_THREAD_LIMIT=1 " in i.outcomes[0].contact.notes[0] for i in items)
    assert dask_executor.max_workers == 2  # the batch keeps every worker thread busy
    # an unchanged folder comes back from the cache without touching the cluster
    again = list(batch.scan_paths(files, Options(), executor=dask_executor, cache=cache, worker=env_worker))
    assert all(i.cached for i in again) and [i.outcomes for i in again] == [i.outcomes for i in items]


def test_a_changed_file_under_the_same_path_is_read_again(dask_executor, tmp_path):
    (path,) = _files(tmp_path, 1)
    (first,) = batch.scan_paths([path], Options(), executor=dask_executor, worker=env_worker)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Someone Else")
    (second,) = batch.scan_paths([path], Options(), executor=dask_executor, worker=env_worker)
    assert (first.outcomes[0].contact.name.full, second.outcomes[0].contact.name.full) == ("Person 0",
                                                                                            "Someone Else")


def test_an_unreachable_scheduler_is_a_clear_error():
    pytest.importorskip("distributed")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DependencyError, match=f"cannot reach the Dask scheduler at dask://127.0.0.1:{port}"):
        executors.from_url(f"dask://127.0.0.1:{port}", timeout=2)


def test_from_url_connects_to_a_scheduler_and_checks_its_workers(tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None,
                                  scheduler_port=0, silence_logs=40) as cluster:
        url = cluster.scheduler_address.replace("tcp://", "dask://")
        executor = executors.from_url(url, timeout=10)
        try:
            files = _files(tmp_path, 2)
            items = list(batch.scan_paths(files, Options(), executor=executor, worker=env_worker))
            assert [i.outcomes[0].contact.name.full for i in items] == ["Person 0", "Person 1"]
        finally:
            executor.close()


def test_without_distributed_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(DependencyError, match=r"pip install 'cardscan\[dask\]'"):
        executors.from_url("dask://127.0.0.1:8786")


@pytest.mark.parametrize("url", ["tcp://host:8786", "dask://", "dask://host:port", "dask://host/path"])
def test_a_bad_executor_url_is_a_usage_error(url):
    with pytest.raises(UsageError):
        executors.from_url(url)


def test_dask_url_defaults_to_the_scheduler_port():
    assert executors.parse_dask_url("dask://10.1.2.3") == "tcp://10.1.2.3:8786"
    assert executors.parse_dask_url("dask://[::1]:9000") == "tcp://[::1]:9000"
