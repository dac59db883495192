"""Throughput of the batch on synthetic phone photos, against the naive pipeline.

    python benchmarks/bench_batch.py --sizes 50,200 [--engines pytesseract,tesseract,tesserocr]
                                     [--tiers photo,flat] [--megapixels 12] [--jobs N]
                                     [--naive-limit 50] [--profile 8] [--workdir DIR]

For each size N it scans the first N images of one generated folder with
batch.scan_paths (a fresh process pool of --jobs workers, cores by default) once per
engine, then the naive pipeline (whole photo -> image_to_string) on the same images,
then a second run over the unchanged folder with the result cache. It prints cards per
second, seconds per card and the peak memory of a worker; it asserts nothing.
See benchmarks/README.md for how to read the figures.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cardscan import batch  # noqa: E402
from cardscan.cache import Cache  # noqa: E402
from cardscan.ocr import default_lang, make_engine  # noqa: E402
from cardscan.options import Options  # noqa: E402

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


# ---------------------------------------------------------------- the photos

def make_photos(folder: Path, count: int, seed: int, tiers: str, megapixels: float, jobs: int) -> list[str]:
    """At least `count` of the generator's images, made once and reused by later runs
    with the same settings (a folder made for 800 serves 50 and 200 too).

    Generation is split over `jobs` processes, one seed and subfolder each, because a
    12-MP photo takes about as long to draw as to scan."""
    marker = folder / ".complete"
    try:
        have = int(marker.read_text())
    except (OSError, ValueError):
        have = 0
    if have < count:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        chunks = [count // jobs + (1 if i < count % jobs else 0) for i in range(jobs)]
        started = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-m", "cardscan.synth", str(folder / f"part{i}"),
                                   "--count", str(n), "--seed", str(seed + i), "--tiers", tiers,
                                   "--megapixels", str(megapixels), "-q"], cwd=ROOT)
                 for i, n in enumerate(chunks) if n]
        codes = [proc.wait() for proc in procs]
        if any(codes):
            raise SystemExit(f"the synthetic generator failed (exit {max(codes)}); see its message above")
        marker.write_text(str(count))
        print(f"generated {count} images ({tiers}, {megapixels:g} MP) in {time.perf_counter() - started:.0f} s "
              f"into {folder}", file=sys.stderr)
    parts = sorted(d for d in folder.iterdir() if d.is_dir())
    per_part = [sorted(str(f) for f in d.iterdir() if f.suffix.lower() in IMAGE_SUFFIXES) for d in parts]
    # Interleave the parts so that any prefix has the same mix of tiers.
    mixed = [f for group in zip(*per_part) for f in group]
    mixed += [f for files in per_part for f in files[len(min(per_part, key=len)):]]
    if len(mixed) < count:
        raise SystemExit(f"{folder}: {len(mixed)} images where {count} were made; delete the folder and rerun")
    return mixed


# ---------------------------------------------------------------- memory of the pool

def _status_kb(pid: int, field: str) -> Optional[int]:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(p) for p in fh.read().split()]
    except OSError:
        pass
    return out


def _exe(pid: int) -> Optional[str]:
    try:
        return os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return None


class PoolMemory:
    """Peak memory of each pool worker: its own high-water mark (VmHWM, read at the end)
    and, sampled every 50 ms, its resident memory plus the high-water mark of each program
    it is running (the tesseract programs: one per read with pytesseract, kept running with
    the tesseract engine). Linux only; None elsewhere.

    A child counts once it runs a program of its own. Between fork and exec it is the
    worker itself (Python starts programs with vfork, so the child runs in the worker's
    memory until exec), and /proc reports the worker's whole resident set for it as well:
    counting it would count the worker twice. After exec its high-water mark is the
    program's alone."""

    def __init__(self, executor: ProcessPoolExecutor):
        self.executor = executor
        self.tree_peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _workers(self) -> list[int]:
        return list(getattr(self.executor, "_processes", {}) or {})

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            for pid in self._workers():
                own = _exe(pid)
                kb = _status_kb(pid, "VmRSS") or 0
                kb += sum(_status_kb(c, "VmHWM") or 0 for c in _children(pid) if _exe(c) not in (None, own))
                self.tree_peak_kb = max(self.tree_peak_kb, kb)

    def __enter__(self) -> "PoolMemory":
        if Path("/proc/self/status").exists():
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.hwm_kb = max((_status_kb(pid, "VmHWM") or 0 for pid in self._workers()), default=0)
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def peak_mb(self) -> Optional[float]:
        kb = max(getattr(self, "hwm_kb", 0), self.tree_peak_kb)
        return kb / 1024 if kb else None


# ---------------------------------------------------------------- one run

@dataclass
class Run:
    label: str
    images: int
    cards: int
    failed: int
    seconds: float
    peak_mb: Optional[float]
    compare: bool = True  # show its ratio to the naive pipeline
    cpu_seconds: Optional[float] = None  # CPU time of the workers and the programs they ran

    @property
    def cards_per_s(self) -> float:
        return self.cards / self.seconds if self.seconds else 0.0

    @property
    def images_per_s(self) -> float:
        return self.images / self.seconds if self.seconds else 0.0

    @property
    def s_per_image(self) -> float:
        return self.seconds / self.images if self.images else 0.0

    @property
    def cpu_per_image(self) -> Optional[float]:
        return self.cpu_seconds / self.images if self.cpu_seconds is not None and self.images else None


def naive_worker(source: str, options: Options):
    from cardscan.cli import _naive_worker

    return _naive_worker(source, options)


def run_batch(label: str, files: list[str], options: Options, jobs: int, *,
              cache: Optional[Cache] = None, worker: Callable = batch.scan_one) -> Run:
    """One timed batch with a fresh pool, start-up and model loading included."""
    batch._limit_threads()  # as scan_paths does for its own pool: inherited by the workers
    before = _children_cpu()
    started = time.perf_counter()
    executor = ProcessPoolExecutor(max_workers=jobs, initializer=batch._pool_init)
    cards = failed = 0
    try:
        with PoolMemory(executor) as memory:
            for item in batch.scan_paths(files, options, jobs=jobs, executor=executor, cache=cache, worker=worker):
                cards += sum(o.ok for o in item.outcomes)
                errors = [o.error for o in item.outcomes if o.error]
                failed += bool(errors)
                if errors and failed <= 5:  # a failure changes the figures: say which and why
                    print(f"  {label}: {errors[0]}", file=sys.stderr)
    finally:
        executor.shutdown(wait=True)  # reaps the workers, so their CPU time is counted below
    return Run(label, len(files), cards, failed, time.perf_counter() - started, memory.peak_mb(),
               cpu_seconds=_children_cpu() - before)


def _children_cpu() -> float:
    """CPU seconds of finished child processes (and theirs): on a busy machine this
    says more about the cost of a card than the wall clock does."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def cached_rerun(label: str, files: list[str], options: Options, jobs: int, cache: Cache) -> Run:
    """The second run over an unchanged folder, as the command line does it (own pool,
    which it never starts when every file is a cache hit)."""
    started = time.perf_counter()
    cards = failed = 0
    hits = 0
    for item in batch.scan_paths(files, options, jobs=jobs, cache=cache):
        cards += sum(o.ok for o in item.outcomes)
        failed += any(o.error for o in item.outcomes)
        hits += item.cached
    run = Run(label, len(files), cards, failed, time.perf_counter() - started, None, compare=False)
    if hits < len(files):
        run.label += f" ({len(files) - hits} misses)"
    return run


# ---------------------------------------------------------------- where a card's time goes

STAGES = (  # (label, module file, function): cumulative time of each, from cProfile
    ("decode (imageio.load)", "imageio.py", "load"),
    ("find cards (all)", "preprocess.py", "find_cards"),
    ("  of which detection", "preprocess.py", "detect_quads"),
    ("  of which warp", "preprocess.py", "_warp"),
    ("blur measured (deblur)", "deblur.py", "measure"),
    ("blur undone (deblur)", "deblur.py", "undone"),
    ("prepare for OCR (for_ocr)", "preprocess.py", "for_ocr"),
    ("OCR: orientation (OSD)", "ocr.py", "detect_orientation"),
    ("OCR: recognize passes", "ocr.py", "recognize"),
    ("parse (assemble.contact)", "assemble.py", "contact"),
)


def profile(files: list[str], engine_name: str, lang: str) -> None:
    """Serial, in this process, after one warm-up card: seconds per image in each stage."""
    from cardscan import ocr, pipeline

    engine = ocr.make_engine(engine_name)
    options = Options(engine=engine.name, lang=lang)
    batch._limit_threads()
    pipeline.scan_or_error(files[0], options, engine)  # model loading is not a per-card cost
    prof = cProfile.Profile()
    started = time.perf_counter()
    prof.enable()
    for f in files:
        pipeline.scan_or_error(f, options, engine)
    prof.disable()
    total = time.perf_counter() - started
    stats = pstats.Stats(prof).stats  # {(file, line, func): (cc, nc, tt, ct, callers)}
    n = len(files)
    print(f"\nwhere the time goes: {engine.name}, {n} images, serial, {total / n:.3f} s per image")
    print(f"{'stage':<28} {'s/image':>8} {'share':>6} {'calls/image':>11}")
    for label, module, func in STAGES:
        hits = [(v[1], v[3]) for (fname, _, fn), v in stats.items() if fn == func and fname.endswith(module)]
        if not hits:
            print(f"{label:<28} {'n/a':>8}")
            continue
        calls, cum = sum(h[0] for h in hits), max(h[1] for h in hits)  # max: recursion counts once
        print(f"{label:<28} {cum / n:8.3f} {cum / total:6.0%} {calls / n:11.1f}")


# ---------------------------------------------------------------- the report

def print_table(size: int, runs: list[Run], baseline: Optional[Run]) -> None:
    print(f"\n== {size} images ==")
    print(f"{'run':<36} {'images':>6} {'cards':>5} {'fail':>4} {'seconds':>8} {'img/s':>6} {'cards/s':>7} "
          f"{'s/img':>6} {'cpu s/img':>9} {'peak MB/worker':>14} {'x naive':>7}")
    for r in runs:
        ratio = f"{r.images_per_s / baseline.images_per_s:7.1f}" if baseline and baseline.images_per_s else ""
        peak = f"{r.peak_mb:14.0f}" if r.peak_mb else f"{'':>14}"
        cpu = f"{r.cpu_per_image:9.3f}" if r.cpu_per_image is not None else f"{'':>9}"
        print(f"{r.label:<36} {r.images:6d} {r.cards:5d} {r.failed:4d} {r.seconds:8.2f} {r.images_per_s:6.2f} "
              f"{r.cards_per_s:7.2f} {r.s_per_image:6.3f} {cpu} {peak} {ratio if r.compare and r is not baseline else '':>7}")


def available_engines(wanted: list[str]) -> list[str]:
    from cardscan import ocr
    from cardscan.errors import DependencyError

    out = []
    for name in wanted:
        try:
            ocr.make_engine(name).version()
            out.append(name)
        except DependencyError as exc:
            print(f"skipping {name}: {exc.message}", file=sys.stderr)
    return out


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="50", help="comma-separated image counts, e.g. 50,200,800 (default 50)")
    p.add_argument("--engines", default="pytesseract,tesseract,tesserocr",
                   help="engines to time (default all three)")
    p.add_argument("--tiers", default="photo,flat", help="generator tiers, cycled (default photo,flat)")
    p.add_argument("--megapixels", type=float, default=12.0, help="photo size (default 12)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--lang", default="auto",
                   help="Tesseract languages (default: what cardscan scan reads with, Latin when installed)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers (default: cores)")
    p.add_argument("--naive-limit", type=int, default=50,
                   help="time the naive pipeline on at most this many images per size (default 50; 0 = all)")
    p.add_argument("--no-naive", action="store_true", help="skip the naive pipeline")
    p.add_argument("--no-cache-run", action="store_true", help="skip the second, cached run")
    p.add_argument("--profile", type=int, default=0, metavar="K",
                   help="also profile K images serially and print the time per stage")
    p.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "cardscan-bench"),
                   help="where generated photos are kept between runs")
    args = p.parse_args(argv)

    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    engines = available_engines([e.strip() for e in args.engines.split(",") if e.strip()])
    if not sizes or not engines:
        p.error("nothing to run: give --sizes and at least one installed engine")
    folder = Path(args.workdir) / f"photos-{args.tiers.replace(',', '+')}-{args.megapixels:g}mp-seed{args.seed}"
    photos = make_photos(folder, max(sizes), args.seed, args.tiers, args.megapixels, args.jobs)
    # the languages cardscan scan would read with, unless asked
    langs = {name: args.lang if args.lang != "auto" else (default_lang(make_engine(name)) or "eng") for name in engines}
    print(f"cardscan batch benchmark: {args.jobs} workers on {os.cpu_count()} cores, {args.tiers} at "
          f"{args.megapixels:g} MP, engines {', '.join(engines)}, languages {', '.join(sorted(set(langs.values())))}")

    for size in sizes:
        files = photos[:size]
        runs: list[Run] = []
        caches: dict[str, Path] = {}
        for name in engines:
            # The first run fills a fresh cache, as a first `cardscan scan` does.
            caches[name] = Path(tempfile.mkdtemp(prefix=f"cache-{name}-", dir=args.workdir))
            runs.append(run_batch(f"cardscan {name}", files, Options(engine=name, lang=langs[name]), args.jobs,
                                  cache=Cache(caches[name], engine_name=name)))
            print(f"  {runs[-1].label}: {runs[-1].seconds:.1f} s", file=sys.stderr, flush=True)
        baseline = None
        if not args.no_naive:
            naive_files = files[:args.naive_limit] if args.naive_limit else files
            baseline = run_batch("naive (image_to_string)", naive_files, Options(), args.jobs, worker=naive_worker)
            runs.append(baseline)
        if not args.no_cache_run:
            for name in engines:
                first = next(r for r in runs if r.label == f"cardscan {name}")
                again = cached_rerun(f"cached rerun {name}", files, Options(engine=name, lang=langs[name]), args.jobs,
                                     Cache(caches[name], engine_name=name))
                again.label += f" = {again.seconds / first.seconds:.1%}"
                runs.append(again)
        for d in caches.values():
            shutil.rmtree(d, ignore_errors=True)
        print_table(size, runs, baseline)
    if args.profile:
        for name in engines:
            profile(photos[:args.profile], name, langs[name])
    return 0


if __name__ == "__main__":
    sys.exit(main())
