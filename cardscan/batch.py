"""Many photos: a process pool (or any Executor), a result cache, input order kept.

Workers only compute; the parent collects results in input order and writes.
One failed input never stops the batch: it becomes an error outcome.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import hashlib
import os
import shutil
import signal
import tempfile
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional

from cardscan import cache as cache_mod
from cardscan.models import ScanOutcome
from cardscan.options import Options

# Per-process engine, made once per worker: starting the engine (and, for the in-process
# engine, loading the model) is the costly part of a card.
_ENGINE = None
_ENGINE_KEY: Optional[tuple[str, float]] = None
_ENGINE_LOCK = threading.Lock()  # a Dask worker runs several tasks at once in threads


def _limit_threads() -> None:
    # One Tesseract thread per worker: OpenMP's default of one thread per core makes
    # parallel workers fight over the cores (measured 0.28 s a card against 0.90 s).
    os.environ["OMP_THREAD_LIMIT"] = "1"


def _pool_init(scratch: Optional[str] = None) -> None:
    """Initializer of the local pool's workers."""
    _limit_threads()
    # Ctrl-C is for the parent alone: it cancels the queue, keeps what finished and
    # stops the workers itself. Its own process group keeps a worker (and the tesseract
    # programs it starts) out of the terminal's reach and lets the parent end them together.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "setpgrp"):
        try:
            os.setpgrp()
        except OSError:
            pass
    if scratch:
        # Temporary files (pytesseract's) go where the parent removes them even when it
        # had to end a worker mid-card.
        os.environ["TMPDIR"] = scratch
        tempfile.tempdir = scratch


def _stop_pool(executor: ProcessPoolExecutor) -> None:
    """Stop at once: drop the queue and end each worker with the card it is reading.
    Waiting instead would take up to two cards per worker, or a whole --ocr-timeout."""
    procs = list((getattr(executor, "_processes", None) or {}).values())
    for proc in procs:
        try:
            if hasattr(os, "killpg"):
                os.killpg(proc.pid, signal.SIGTERM)  # the worker and the tesseract it runs
            else:
                proc.terminate()
        except ProcessLookupError:
            proc.terminate()  # it had not made its own group yet
        except OSError:
            pass
    for proc in procs:
        proc.join(timeout=5)
    # With its workers gone the pool's manager thread ends at once; waiting for it here
    # (not leaving it to interpreter exit) keeps the exit quiet.
    executor.shutdown(wait=True, cancel_futures=True)


def _engine(name: str, timeout: float):
    global _ENGINE, _ENGINE_KEY
    with _ENGINE_LOCK:
        if _ENGINE is None or _ENGINE_KEY != (name, timeout):
            from cardscan.ocr import make_engine

            _ENGINE = make_engine(name, timeout=timeout)
            _ENGINE_KEY = (name, timeout)
        return _ENGINE


def scan_one(source: str, options: Options) -> list[ScanOutcome]:
    """The worker's job for one input (module-level so it pickles for any executor)."""
    from cardscan.pipeline import scan_or_error

    _limit_threads()
    _map_large_blocks()
    engine = _engine(options.engine, options.ocr_timeout)
    load = getattr(engine, "load", None)  # an engine that keeps its models: loaded before the photo
    if load is not None:
        load(options.lang)
    try:
        return scan_or_error(source, options, engine)
    finally:
        _give_back_memory()


@functools.lru_cache(maxsize=1)
def _libc() -> Optional[ctypes.CDLL]:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


def _malloc_trim() -> Optional[Callable[[int], int]]:
    return getattr(_libc(), "malloc_trim", None)


def _mallopt() -> Optional[Callable[[int, int], int]]:
    return getattr(_libc(), "mallopt", None)


# glibc's mallopt setting for the size from which a block is mapped from the system on its
# own, and given back the moment it is freed.
M_MMAP_THRESHOLD = -3
# The size set for it. glibc's own threshold rises with every larger block freed (up to
# 32 MB), so soon a 12-MP photo's copies (12 to 36 MB each) came from the heap, where what
# one card's read freed was still held when the next copy was made: with pytesseract a
# worker's peak over 14 12-MP photos was 291 MB, and 232 MB with blocks of 256 kB and more
# mapped (253 MB from 1 MB; 232 MB from 128 kB). Reading took as long either way.
MMAP_THRESHOLD = 256 << 10


@functools.lru_cache(maxsize=1)
def _map_large_blocks() -> None:
    """Set MMAP_THRESHOLD in this process, once (glibc only; elsewhere nothing to do)."""
    mallopt = _mallopt()
    if mallopt is not None:
        mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def _give_back_memory() -> None:
    """Hand the freed heap of the photo just read back to the system (glibc only).

    glibc keeps small freed blocks, and Tesseract's are many: a worker's memory between
    photos grew from 167 to about 265 MB over 200 12-MP photos, and a photo's own peak
    comes on top of it. Trimmed after each photo it stays near 186 MB. The objects that only
    the cycle collector frees are collected first, so that what they held is free for the
    trim too: over 100 12-MP photos a worker's peak was 274 MB with that and 301 without,
    at the same speed."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def run_task(worker: Callable[[str, Options], list[ScanOutcome]], source: str,
             options: Options) -> list[ScanOutcome]:
    """What any executor runs: worker set-up, then the worker. Executors other than the
    local pool (Dask, threads) never run its initializer, so the set-up travels with the task."""
    _limit_threads()
    return worker(source, options)


def _width(executor: Executor, jobs: int) -> int:
    """How many tasks the executor runs at once: a cluster has more slots than --jobs."""
    width = getattr(executor, "max_workers", None) or getattr(executor, "_max_workers", None)
    return max(int(width or 0), jobs or 1)


@dataclass(frozen=True)
class Item:
    """What the batch yields per input: its outcomes, and whether they came from the cache."""

    source: str
    outcomes: tuple[ScanOutcome, ...]
    cached: bool = False


def file_digest(path: str) -> Optional[str]:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None  # the worker reports the read error with its own message
    return h.hexdigest()


def scan_paths(
    files: Iterable[str],
    options: Options,
    *,
    jobs: int = 1,
    executor: Optional[Executor] = None,
    cache: Optional[cache_mod.Cache] = None,
    worker: Callable[[str, Options], list[ScanOutcome]] = scan_one,
) -> Iterator[Item]:
    """Scan every file; yield one Item per file in input order, as soon as it is ready.

    jobs=1 without an executor runs in this process (no pool start-up, easy to debug).
    A given executor is used as it is and not shut down here."""
    files = list(files)
    keys = {}
    if cache is not None:
        for f in files:
            digest = file_digest(f)
            if digest is not None:
                keys[f] = cache.key(digest, options)

    def cached(f: str) -> Optional[Item]:
        if f in keys:
            hit = cache.get(keys[f], f)
            if hit is not None:
                return Item(f, tuple(hit), cached=True)
        return None

    def store(f: str, outcomes: list[ScanOutcome]) -> None:
        # Failed inputs are not cached: the file may be fixed, or Tesseract installed, next time.
        if f in keys and all(o.error is None for o in outcomes):
            cache.put(keys[f], outcomes)

    if executor is None and jobs <= 1:
        for f in files:
            hit = cached(f)
            if hit is not None:
                yield hit
                continue
            outcomes = worker(f, options)
            store(f, outcomes)
            yield Item(f, tuple(outcomes))
        return

    own = executor is None
    scratch = None
    if own:
        _limit_threads()  # inherited by the workers and the Tesseract processes they start
        scratch = tempfile.mkdtemp(prefix="cardscan-")
        executor = _pool(jobs, scratch)
    window = max(2, _width(executor, jobs) * 4)  # bounded in-flight work keeps memory flat on huge folders
    pending: dict[int, Future] = {}
    ready: dict[int, Item] = {}
    next_submit = 0
    finished = False
    try:
        for i, f in enumerate(files):
            hit = cached(f)
            if hit is not None:
                ready[i] = hit
        for i in range(len(files)):
            while next_submit < len(files) and len(pending) < window:
                if next_submit not in ready:
                    pending[next_submit] = _submit(executor, run_task, worker, files[next_submit], options)
                next_submit += 1
            if i in ready:
                yield ready.pop(i)
                continue
            fut = pending.pop(i)
            try:
                outcomes = fut.result()
            except BrokenProcessPool as exc:
                if not own:
                    outcomes = _stopped(files[i], exc)
                else:
                    # A worker died (out of memory, a crash in native code) and took the pool
                    # with it: every input in flight failed with it, the guilty one among
                    # them. Each is read again alone, so only an input that stops its own
                    # worker fails; then a new pool takes the rest.
                    _stop_pool(executor)
                    suspects = [i] + sorted(pending)
                    pending.clear()
                    alone = _isolated(suspects, files, worker, options, scratch)
                    for j in suspects:
                        if not alone[j][0].error:
                            store(files[j], alone[j])
                        if j != i:
                            ready[j] = Item(files[j], tuple(alone[j]))
                    outcomes = alone[i]
                    executor = _pool(jobs, scratch)
            except Exception as exc:  # anything else a worker raised fails its input only
                outcomes = _failed(files[i], exc)
            else:
                store(files[i], outcomes)
            yield Item(files[i], tuple(outcomes))
        finished = True
    finally:
        # Stopped early (Ctrl-C, or the caller stopped reading): keep what already
        # finished out of order in the cache, so the next run resumes after it.
        for i, fut in pending.items():
            if fut.done() and not fut.cancelled() and fut.exception() is None:
                store(files[i], fut.result())
        if not own:
            for fut in pending.values():
                fut.cancel()
        elif finished:
            executor.shutdown(wait=True)
        else:
            # Our own futures are not cancelled first: the pool fails them itself when its
            # workers end, and a cancelled one trips Python 3.11's pool in that step.
            _stop_pool(executor)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def _pool(workers: int, scratch: Optional[str]) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_pool_init, initargs=(scratch,))


def _stopped(source: str, exc: BaseException) -> list[ScanOutcome]:
    return [ScanOutcome(source, 0, exit_code=1, error=(
        f"{source}: the worker reading it stopped ({exc or 'crashed'}); it may need more memory than is free"))]


def _failed(source: str, exc: BaseException) -> list[ScanOutcome]:
    return [ScanOutcome(source, 0, exit_code=1, error=f"{source}: worker failed ({type(exc).__name__}: {exc})")]


def _isolated(indices: list[int], files: list[str], worker, options: Options,
              scratch: Optional[str]) -> dict[int, list[ScanOutcome]]:
    """Each input read alone in a one-worker pool, a new pool after one that stops."""
    out: dict[int, list[ScanOutcome]] = {}
    pool = _pool(1, scratch)
    try:
        for j in indices:
            try:
                out[j] = pool.submit(run_task, worker, files[j], options).result()
            except BrokenProcessPool as exc:
                out[j] = _stopped(files[j], exc)
                _stop_pool(pool)
                pool = _pool(1, scratch)
            except Exception as exc:
                out[j] = _failed(files[j], exc)
    finally:
        _stop_pool(pool)
    return out


def _submit(executor: Executor, *args) -> Future:
    """executor.submit; a pool already broken by a dead worker gives a failed future, met
    (and recovered from) where its result is awaited."""
    try:
        return executor.submit(*args)
    except BrokenProcessPool as exc:
        fut: Future = Future()
        fut.set_exception(exc)
        return fut
