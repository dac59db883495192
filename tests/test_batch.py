"""The batch: input order, one failure never stops it, the cache makes re-runs cheap."""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from cardscan import batch
from cardscan.cache import Cache
from cardscan.models import Contact, Name, Phone, ScanOutcome
from cardscan.options import Options

CALLS_FILE = "calls.log"


def fake_worker(source: str, options: Options) -> list[ScanOutcome]:
    """Stands in for the pipeline: 'bad' files fail, others yield one contact per line of text."""
    with open(os.path.join(os.path.dirname(source), CALLS_FILE), "a") as fh:
        fh.write(source + "\n")
    text = open(source, encoding="utf-8").read()
    if "bad" in text:
        return [ScanOutcome(source, 0, error=f"{source}: not an image", exit_code=4)]
    return [ScanOutcome(source, i, contact=Contact(name=Name(line), phones=(Phone("+14155550100", "mobile", "7"),)))
            for i, line in enumerate(text.splitlines())]


def _files(tmp_path, n=12, bad=(3, 7)):
    out = []
    for i in range(n):
        p = tmp_path / f"{i:03d}.jpg"
        p.write_text("bad" if i in bad else f"Person {i}\nBack {i}", encoding="utf-8")
        out.append(str(p))
    return out


def _calls(tmp_path):
    p = tmp_path / CALLS_FILE
    return p.read_text().splitlines() if p.exists() else []


def test_serial_and_parallel_give_the_same_results_in_input_order(tmp_path):
    files = _files(tmp_path)
    serial = list(batch.scan_paths(files, Options(), jobs=1, worker=fake_worker))
    parallel = list(batch.scan_paths(files, Options(), jobs=2, worker=fake_worker))
    threads = list(batch.scan_paths(files, Options(), executor=ThreadPoolExecutor(3), worker=fake_worker))
    for run in (serial, parallel, threads):
        assert [i.source for i in run] == files
        assert [len(i.outcomes) for i in run] == [1 if n in (3, 7) else 2 for n in range(12)]
        assert [bool(i.outcomes[0].error) for i in run] == [n in (3, 7) for n in range(12)]


def test_cache_reads_only_new_files_and_relabels_moved_ones(tmp_path):
    files = _files(tmp_path, n=6, bad=(2,))
    cache = Cache(tmp_path / "cache", engine_name="fake")
    first = list(batch.scan_paths(files, Options(), cache=cache, worker=fake_worker))
    assert len(_calls(tmp_path)) == 6
    (tmp_path / CALLS_FILE).unlink()
    new = tmp_path / "new.jpg"
    new.write_text("Someone New", encoding="utf-8")
    second = list(batch.scan_paths(files + [str(new)], Options(), jobs=2, cache=cache, worker=fake_worker))
    # the failed file is tried again (it may have been fixed); the good ones come from the cache
    assert sorted(_calls(tmp_path)) == sorted([files[2], str(new)])
    assert [i.cached for i in second] == [True, True, False, True, True, True, False]
    assert second[0].outcomes == first[0].outcomes
    # a copy of a scanned photo under another name is a cache hit, reported under its own name
    copy = tmp_path / "copy.jpg"
    copy.write_text((tmp_path / "000.jpg").read_text(), encoding="utf-8")
    (item,) = batch.scan_paths([str(copy)], Options(), cache=cache, worker=fake_worker)
    assert item.cached and item.outcomes[0].source == str(copy)
    assert item.outcomes[0].contact.phones[0].ext == "7"


def test_options_that_change_results_change_the_cache_key(tmp_path):
    cache = Cache(tmp_path)
    assert cache.key("abc", Options()) != cache.key("abc", Options(region="DE"))
    assert cache.key("abc", Options()) == cache.key("abc", Options(debug_dir="/tmp/x"))
    assert Cache(tmp_path, "a").key("abc", Options()) != Cache(tmp_path, "b").key("abc", Options())


def test_a_change_to_the_code_or_word_lists_changes_the_cache_key(tmp_path, monkeypatch):
    from cardscan import cache as cache_mod

    before = Cache(tmp_path).key("abc", Options())
    assert len(cache_mod.code_fingerprint()) == 16
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "another-checkout")
    assert Cache(tmp_path).key("abc", Options()) != before


def test_reading_with_the_whole_tesseract_word_list_changes_the_cache_key(tmp_path, monkeypatch):
    from cardscan import tessdata

    monkeypatch.delenv(tessdata.FULL_ENV, raising=False)
    cut = Cache(tmp_path).key("abc", Options())
    monkeypatch.setenv(tessdata.FULL_ENV, "1")
    assert Cache(tmp_path).key("abc", Options()) != cut


def test_the_code_fingerprint_covers_the_word_lists(tmp_path, monkeypatch):
    import shutil
    from pathlib import Path

    from cardscan import cache as cache_mod

    pkg = tmp_path / "cardscan"
    shutil.copytree(Path(cache_mod.__file__).parent, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    fake = pkg / "cache.py"
    monkeypatch.setattr(cache_mod, "__file__", str(fake))
    cache_mod.code_fingerprint.cache_clear()
    try:
        first = cache_mod.code_fingerprint()
        lexicon = pkg / "data" / "lexicon.json"
        lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        cache_mod.code_fingerprint.cache_clear()
        assert cache_mod.code_fingerprint() != first
        # ... and Tesseract's, shipped compressed
        second = cache_mod.code_fingerprint()
        dawg = pkg / "data" / "Latin-words.dawg.xz"
        dawg.write_bytes(dawg.read_bytes() + b"\0")
        cache_mod.code_fingerprint.cache_clear()
        assert cache_mod.code_fingerprint() != second
    finally:
        monkeypatch.undo()
        cache_mod.code_fingerprint.cache_clear()


def test_a_damaged_cache_entry_is_a_miss(tmp_path):
    files = _files(tmp_path, n=1, bad=())
    cache = Cache(tmp_path / "cache")
    list(batch.scan_paths(files, Options(), cache=cache, worker=fake_worker))
    for root, _, names in os.walk(tmp_path / "cache"):
        for n in names:
            with open(os.path.join(root, n), "w") as fh:
                fh.write("{not json")
    (item,) = batch.scan_paths(files, Options(), cache=cache, worker=fake_worker)
    assert not item.cached and item.outcomes[0].contact.name.full == "Person 0"


def dying_worker(source: str, options: Options) -> list[ScanOutcome]:
    """Like a worker killed by the kernel for memory: the process ends without a word."""
    if "die" in open(source, encoding="utf-8").read():
        os._exit(137)
    return fake_worker(source, options)


def test_a_worker_that_dies_fails_only_its_own_input(tmp_path):
    files = _files(tmp_path, n=8, bad=())
    with open(files[4], "w", encoding="utf-8") as fh:
        fh.write("die")
    items = list(batch.scan_paths(files, Options(), jobs=2, worker=dying_worker))
    assert [i.source for i in items] == files
    failed = [i.source for i in items if i.outcomes[0].error]
    assert failed == [files[4]]
    assert "stopped" in items[4].outcomes[0].error
    assert all(len(i.outcomes) == 2 for n, i in enumerate(items) if n != 4)


def test_workers_that_die_again_and_again_fail_only_their_own_inputs(tmp_path):
    files = _files(tmp_path, n=12, bad=())
    for k in (3, 4, 9):
        with open(files[k], "w", encoding="utf-8") as fh:
            fh.write("die")
    items = list(batch.scan_paths(files, Options(), jobs=2, worker=dying_worker))
    assert [i.source for i in items] == files
    assert [n for n, i in enumerate(items) if i.outcomes[0].error] == [3, 4, 9]


def test_a_worker_gives_back_the_memory_of_each_photo_it_read(tmp_path, monkeypatch):
    events = []
    monkeypatch.setattr(batch, "_malloc_trim", lambda: lambda pad: events.append(("trim", pad)))
    monkeypatch.setattr(batch.gc, "collect", lambda: events.append(("collect",)))
    monkeypatch.setattr(batch, "_engine", lambda name, timeout: object())
    monkeypatch.setattr("cardscan.pipeline.scan_or_error", lambda source, options, engine: [])
    for source in _files(tmp_path, n=3, bad=()):
        batch.scan_one(source, Options())
    # what only the cycle collector frees is freed before the heap is trimmed
    assert events == [("collect",), ("trim", 0)] * 3


def test_a_worker_maps_large_blocks_of_memory_on_their_own_once(tmp_path, monkeypatch):
    calls = []
    batch._map_large_blocks.cache_clear()
    monkeypatch.setattr(batch, "_mallopt", lambda: lambda option, value: calls.append((option, value)) or 1)
    monkeypatch.setattr(batch, "_engine", lambda name, timeout: object())
    monkeypatch.setattr("cardscan.pipeline.scan_or_error", lambda source, options, engine: [])
    try:
        for source in _files(tmp_path, n=3, bad=()):
            batch.scan_one(source, Options())
    finally:
        batch._map_large_blocks.cache_clear()
    # (glibc's option number for the threshold; a photo's copies are far larger than it)
    assert calls == [(-3, batch.MMAP_THRESHOLD)] and batch.MMAP_THRESHOLD <= 4 << 20


def test_without_mallopt_a_worker_goes_on(monkeypatch):
    batch._map_large_blocks.cache_clear()
    monkeypatch.setattr(batch, "_mallopt", lambda: None)
    try:
        batch._map_large_blocks()  # a libc without mallopt (musl, macOS): nothing to do, no error
    finally:
        batch._map_large_blocks.cache_clear()


def test_without_malloc_trim_a_worker_goes_on(monkeypatch):
    monkeypatch.setattr(batch, "_malloc_trim", lambda: None)
    batch._give_back_memory()  # a libc without malloc_trim (musl, macOS): nothing to do, no error
