"""Executors named by a URL, for running a batch somewhere other than a local pool.

`dask://HOST:PORT` connects to a Dask scheduler; its workers (on any number of
machines) run batch.scan_one on paths they must be able to open themselves.
"""
from __future__ import annotations

from concurrent.futures import Executor, Future
from typing import Any, Callable, Optional

from cardscan.errors import DependencyError, UsageError

DASK_HINT = "pip install 'cardscan[dask]'"
DASK_PORT = 8786  # the port `dask scheduler` listens on unless told otherwise
CONNECT_TIMEOUT = 20.0  # seconds to reach the scheduler and see a first worker


def _probe() -> str:
    """Run on each worker: proves it can import cardscan, and says which version."""
    import cardscan

    return cardscan.__version__


class DaskExecutor(Executor):
    """A concurrent.futures.Executor over a distributed Client that it owns.

    Tasks are submitted impure: a photo that changed under the same path must be read
    again, never answered from a result the scheduler still holds."""

    def __init__(self, client: Any):
        self.client = client
        self._inner = client.get_executor(pure=False)

    @property
    def max_workers(self) -> int:
        """Task slots across the cluster now (workers × threads), so the batch keeps them all busy."""
        try:
            return max(1, sum(self.client.nthreads().values()))
        except Exception:  # a scheduler that went away: the batch falls back on --jobs
            return 0

    def submit(self, fn: Callable, /, *args, **kwargs) -> Future:
        return self._inner.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        try:
            # Dask's executor cancels what is still queued when told not to wait.
            self._inner.shutdown(wait=wait and not cancel_futures)
        finally:
            self.client.close()

    def close(self) -> None:
        self.shutdown(wait=False, cancel_futures=True)


def parse_dask_url(url: str) -> str:
    """dask://HOST[:PORT] → the scheduler address tcp://HOST:PORT."""
    if not url.startswith("dask://"):
        raise UsageError(f"--executor {url!r}: only dask://HOST:PORT is understood")
    rest = url[len("dask://"):].strip("/")
    if not rest or "/" in rest:
        raise UsageError(f"--executor {url!r}: expected dask://HOST:PORT, e.g. dask://10.0.0.5:{DASK_PORT}")
    if rest.startswith("["):  # an IPv6 address: [::1]:8786
        host, _, tail = rest.partition("]")
        host, port = host + "]", tail[1:] if tail.startswith(":") else ""
    else:
        host, _, port = rest.partition(":")
    port = port or str(DASK_PORT)
    if not host or host == "[]" or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--executor {url!r}: expected dask://HOST:PORT, e.g. dask://10.0.0.5:{DASK_PORT}")
    return f"tcp://{host}:{port}"


def from_url(url: str, *, timeout: float = CONNECT_TIMEOUT) -> Executor:
    """An executor for --executor URL. Only dask:// is understood.

    Fails fast with a one-line message: Dask missing, scheduler unreachable, no
    workers, or workers that cannot import cardscan."""
    address = parse_dask_url(url)
    try:
        from distributed import Client
    except ImportError as exc:
        raise DependencyError(f"--executor dask:// needs Dask; install it with: {DASK_HINT}") from exc
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise DependencyError(
            f"cannot reach the Dask scheduler at {url} within {timeout:g} s; start it there with "
            f"'dask scheduler --port {address.rsplit(':', 1)[1]}' or check the address and firewall") from exc
    try:
        _check_workers(client, url, timeout)
    except BaseException:
        client.close()
        raise
    return DaskExecutor(client)


def _check_workers(client: Any, url: str, timeout: float) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise DependencyError(
            f"the Dask scheduler at {url} has no workers; start one per machine with "
            f"'dask worker {client.scheduler.address}'") from exc
    try:
        answers: dict[str, Any] = client.run(_probe, on_error="return")
    except TypeError:  # a distributed without on_error: the first failure raises instead
        try:
            answers = client.run(_probe)
        except Exception as exc:  # noqa: BLE001 - any failure there means the same to the user
            answers = {"(one of them)": exc}
    broken: Optional[tuple[str, Any]] = next(((w, a) for w, a in answers.items() if isinstance(a, BaseException)),
                                             None)
    if broken is not None:
        worker, error = broken
        raise DependencyError(
            f"Dask worker {worker} cannot run cardscan ({type(error).__name__}: {error}); install it on every "
            f"worker machine with: pip install 'cardscan[fast]'")
