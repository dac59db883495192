"""The command line: options in, data on stdout (or -o), messages on stderr, an exit code out.

This is the one place that turns exceptions into exit codes (see errors.ExitCode).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

from cardscan import __version__
from cardscan.errors import CardscanError, ExitCode, OutputError, UsageError
from cardscan.options import ENGINES, Options, region_from_locale

log = logging.getLogger("cardscan")

FORMATS = ("vcf", "json", "csv", "outlook-csv", "table")
SUFFIX_FORMAT = {".vcf": "vcf", ".vcard": "vcf", ".json": "json", ".jsonl": "json", ".ndjson": "json",
                 ".csv": "csv"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 through main, never a traceback
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="cardscan", description="Scan business-card photos into contacts, entirely on this machine.")
    p.add_argument("--version", action="version", version=f"cardscan {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    s = sub.add_parser("scan", help="scan photos or folders into vCard, JSON Lines or CSV")
    s.add_argument("paths", nargs="+", metavar="PATH", help="image files or folders (searched recursively)")
    out = s.add_argument_group("output")
    out.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (format from the suffix; - is stdout)")
    out.add_argument("--format", choices=FORMATS, help="vcf (default), json (JSON Lines), csv (Google), outlook-csv, "
                          "table (for reading, not importing)")
    out.add_argument("--vcard-version", choices=("3.0", "4.0"), default="3.0")
    out.add_argument("--note", metavar="TEXT", help="a note added to every contact (where you met)")
    out.add_argument("--category", metavar="NAME", action="append", default=[],
                     help="a category (group) for every contact; may be repeated")
    out.add_argument("--embed-photo", action="store_true", help="put the straightened card in each vCard as PHOTO")
    out.add_argument("--split", metavar="DIR", help="write one .vcf per contact into DIR")
    out.add_argument("--no-merge", action="store_true", help="keep duplicate contacts apart")
    out.add_argument("--force", action="store_true", help="overwrite an existing output file")
    out.add_argument("--append", action="store_true", help="add to an existing .vcf instead of refusing")
    rd = s.add_argument_group("reading")
    rd.add_argument("--region", metavar="CC", help="country for numbers printed without +CC "
                                                   "(default: the card's own evidence, then the locale, else US)")
    rd.add_argument("--lang", default="auto", metavar="LANGS",
                    help="Tesseract languages, e.g. eng+deu (default: Latin, Tesseract's Latin-script model, when "
                         "it is installed, else eng)")
    rd.add_argument("--engine", choices=ENGINES, default="auto")
    rd.add_argument("--max-cards", type=int, default=8, metavar="N", help="most cards looked for in one photo")
    rd.add_argument("--max-megapixels", type=float, default=100.0, metavar="MP",
                    help="refuse larger images (decompression-bomb guard; default 100)")
    rd.add_argument("--ocr-timeout", type=float, default=60.0, metavar="S", help="seconds per card before it fails")
    rd.add_argument("--debug-dir", metavar="DIR", help="write each stage's images and data here")
    run = s.add_argument_group("running")
    run.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="parallel workers (default: cores)")
    run.add_argument("--executor", metavar="URL", help="dask://HOST:PORT to run on a Dask cluster")
    run.add_argument("--cache-dir", metavar="DIR", help="result cache (default: the user cache folder)")
    run.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary")
    run.add_argument("-v", "--verbose", action="store_true", help="more detail; tracebacks on errors")

    e = sub.add_parser("eval", help="score scans against ground truth")
    e.add_argument("dir", metavar="DIR", help="images with truth JSON beside them, or images/ + truth/")
    e.add_argument("--json", action="store_true", help="print the report as JSON")
    e.add_argument("--naive", action="store_true", help="also score the naive pipeline, for comparison")
    e.add_argument("--region", metavar="CC")
    e.add_argument("--lang", default="auto", metavar="LANGS")
    e.add_argument("--engine", choices=ENGINES, default="auto")
    e.add_argument("-j", "--jobs", type=int, default=None, metavar="N")
    e.add_argument("-q", "--quiet", action="store_true")
    e.add_argument("-v", "--verbose", action="store_true")
    return p


def _options(args: argparse.Namespace) -> Options:
    return Options(
        region=args.region,
        default_region=region_from_locale(),
        lang=args.lang,
        engine=args.engine,
        max_cards=getattr(args, "max_cards", 8),
        max_megapixels=getattr(args, "max_megapixels", 100.0),
        ocr_timeout=getattr(args, "ocr_timeout", 60.0),
        debug_dir=getattr(args, "debug_dir", None),
        embed_photo=getattr(args, "embed_photo", False),
    ).validate()


def _jobs(value: Optional[int]) -> int:
    if value is None:
        return os.cpu_count() or 1
    if value < 1:
        raise UsageError("--jobs must be 1 or more")
    return value


def _output_format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.output:
        fmt = SUFFIX_FORMAT.get(Path(args.output).suffix.lower())
        if fmt is None:
            raise UsageError(f"cannot tell the format from {args.output!r}; add --format {'|'.join(FORMATS)}")
        return fmt
    return "vcf"


def _render(fmt: str, items, args: argparse.Namespace) -> str:
    from cardscan import csvout, jsonout, table, vcard

    if fmt == "table":
        return table.dumps(items)
    if fmt == "vcf":
        return vcard.dumps(items, version=args.vcard_version, note=args.note, categories=args.category,
                           embed_photo=args.embed_photo)
    if fmt == "json":
        return jsonout.dumps(items)
    if fmt == "csv":
        return csvout.google(items, note=args.note, categories=args.category)
    return csvout.outlook(items, note=args.note, categories=args.category)


class Progress:
    """Messages and progress on stderr: a bar on a terminal, a plain line per file otherwise.

    Every input that fails, or gives a warning, gets exactly one line saying which file and
    what to do; that line stands in for its progress line. -q drops progress, notes and the
    summary, never an error or a warning."""

    def __init__(self, total: int, quiet: bool):
        self.total = total
        self.quiet = quiet
        self.done = 0
        self.bar = None
        if not quiet and sys.stderr.isatty() and total > 1:
            try:
                from tqdm import tqdm

                self.bar = tqdm(total=total, unit="img", file=sys.stderr, dynamic_ncols=True)
            except ImportError:
                self.bar = None

    def say(self, message: str) -> None:
        line = f"cardscan: {message}"
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)  # above the bar, which is redrawn below
        else:
            print(line, file=sys.stderr, flush=True)

    def note(self, message: str) -> None:
        if not self.quiet:
            self.say(message)

    def step(self, source: str, message: Optional[str]) -> None:
        """One input done; message None when its own lines were already said."""
        self.done += 1
        if self.quiet:
            return
        if self.bar is not None:
            self.bar.update(1)
        elif message is not None:
            print(f"[{self.done}/{self.total}] {source}: {message}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


@dataclasses.dataclass
class _Tally:
    """What the scan loop counts, for the summary and the exit code."""

    read: int = 0  # inputs decoded (with or without a card on them)
    cached: int = 0
    failed: int = 0  # failure lines: inputs, or single cards of a photo
    failed_codes: set = dataclasses.field(default_factory=set)

    def fail(self, code: int) -> None:
        self.failed += 1
        self.failed_codes.add(int(code) or int(ExitCode.PARTIAL))

    def exit_code(self) -> int:
        if not self.failed:
            return int(ExitCode.OK)
        if self.read:
            return int(ExitCode.PARTIAL)
        if self.failed_codes == {int(ExitCode.DEPENDENCY)}:
            return int(ExitCode.DEPENDENCY)  # e.g. Tesseract removed mid-run: the install command was said
        return int(ExitCode.NO_INPUT)


def _scan(args: argparse.Namespace) -> int:
    from cardscan import batch, fsout, imageio, merge
    from cardscan.cache import Cache, default_dir

    if args.output == "-":
        args.output = None  # "-o -" is standard output, as for most tools
    options = _options(args)
    jobs = _jobs(args.jobs)
    fmt = _output_format(args)
    if args.split and args.output:
        raise UsageError("--split writes one file per contact; it cannot be combined with -o")
    if args.append and fmt != "vcf":
        raise UsageError("--append works with .vcf output only")
    if args.split and fmt != "vcf":
        raise UsageError("--split writes vCards; drop --format or use --format vcf")
    if args.append and not args.output:
        raise UsageError("--append adds to the file named by -o FILE.vcf")

    # Check the world before the work: output, engine and languages.
    if args.output:
        fsout.check_writable(args.output, force=args.force, append=args.append)
    if args.split:
        _check_split_dir(args.split, force=args.force)
    if options.debug_dir:
        _check_debug_dir(options.debug_dir)
    options = _checked_engine(options)

    listing = imageio.list_inputs(args.paths)
    progress = Progress(len(listing.files), args.quiet)
    tally = _Tally()
    for path, message in listing.problems:
        progress.say(f"{path}: {message}")
        tally.fail(ExitCode.NO_INPUT)
    for path, message in listing.notes:
        progress.note(f"{path}: {message}")
    if listing.ignored:
        progress.note(f"{listing.ignored} file{'s' if listing.ignored != 1 else ''} without an image suffix "
                      f"skipped in {', '.join(a for a in args.paths if os.path.isdir(a))}")
    if not listing.files:
        if not listing.problems:  # (each problem already had its line)
            progress.say(f"no images found in {', '.join(args.paths)}; give photos (JPEG, PNG, HEIC, ...) or "
                         f"folders holding them")
        return int(ExitCode.NO_INPUT)

    cache = None if args.no_cache else Cache(args.cache_dir or default_dir(), engine_name=options.engine)
    executor = _executor(args.executor) if args.executor else None
    started = time.monotonic()
    outcomes = []
    try:
        for item in batch.scan_paths(listing.files, options, jobs=jobs, executor=executor, cache=cache):
            errors = [o for o in item.outcomes if o.error]
            good = [o for o in item.outcomes if o.ok]
            warnings = [o.skipped for o in item.outcomes if o.skipped]
            for o in errors:
                progress.say(o.error)
                tally.fail(o.exit_code)
            for message in warnings:
                progress.say(f"warning: {message}")
            if good or not errors:
                tally.read += 1
            tally.cached += item.cached
            outcomes.extend(good)
            said = errors or warnings
            progress.step(item.source, None if said else
                          f"{len(good)} card{'s' if len(good) != 1 else ''}" + (" (cached)" if item.cached else ""))
    except KeyboardInterrupt:
        progress.close()
        resume = ("results so far are cached: run the same command again to resume" if cache is not None
                  else "run the same command again to start over")
        log.error("interrupted after %d of %d images; nothing was written; %s", progress.done,
                  len(listing.files), resume)
        return int(ExitCode.INTERRUPTED)
    finally:
        progress.close()
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    found = len(outcomes)
    merged = outcomes if args.no_merge else merge.merge(outcomes)
    if not merged:
        # Nothing to add: an existing output keeps its content (not replaced by an empty file).
        written = 0
        if args.output or args.split:
            progress.note(f"no contacts found; {args.output or args.split} not written")
    else:
        try:
            written = _write(merged, fmt, args)
        except OutputError as exc:
            again = "; the scan results are cached, so running the same command again is quick" if cache else ""
            raise OutputError(exc.message + again) from exc

    if not args.quiet:
        took = time.monotonic() - started
        log.info("%d image%s read (%d from cache), %d cards found, %d contacts written, %d merged, %d failed%s, "
                 "%.1f s", tally.read, "" if tally.read == 1 else "s", tally.cached, found, written,
                 found - len(merged), tally.failed, " (listed above)" if tally.failed else "", took)
    return tally.exit_code()


def _write(merged, fmt: str, args: argparse.Namespace) -> int:
    from cardscan import fsout

    if args.split:
        return _write_split(merged, args)
    # Every format is UTF-8 whatever the locale; a stray unencodable character is replaced
    # rather than losing the whole scan at the last step.
    data = _render(fmt, merged, args).encode("utf-8", "replace")
    if args.output:
        fsout.atomic_write(args.output, data, force=args.force, append=args.append)
        return len(merged)
    try:
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None)
        if out is None:  # a text-only stream (an embedding program's)
            sys.stdout.write(data.decode("utf-8"))
        else:
            out.write(data)  # bytes as they are: no newline translation of vCard's CRLF
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write to standard output ({exc.strerror or exc}); "
                          f"use -o FILE, or free some space") from exc
    return len(merged)


def _checked_engine(options: Options) -> Options:
    """Check the engine and the languages before any work; return the options as they will run."""
    from cardscan import ocr

    engine = ocr.make_engine(options.engine, timeout=options.ocr_timeout)
    ocr.preflight(engine, "")  # the engine itself first: a missing or old Tesseract says so alone
    options = _resolved_engine(options, engine)
    ocr.preflight(engine, options.lang)
    return options


def _resolved_engine(options: Options, engine) -> Options:
    """Fix the engine's name and the languages, so the cache key says what really ran."""
    lang = options.lang
    if lang == "auto":
        from cardscan.ocr import default_lang, install_hint

        lang = default_lang(engine)
        if lang is None:
            lang = "eng"
            log.warning("reading with English only: accented names read better with Tesseract's "
                        "Latin-script model; install it with: %s", install_hint("Latin"))
    from cardscan import reread

    # (whether Japanese print will be read keys the cache: installing the model changes results)
    japanese = options.japanese and reread.JAPANESE not in lang.split("+") and reread.has_model(engine, reread.JAPANESE)
    return dataclasses.replace(options, engine=engine.name, lang=lang, japanese=japanese)


def _executor(url: str):
    from cardscan.executors import from_url

    return from_url(url)


def _check_split_dir(directory: str, *, force: bool = False) -> None:
    """Before any scanning: the folder can be written, and holds no .vcf that could be replaced."""
    d = Path(directory)
    if d.exists() and not d.is_dir():
        raise OutputError(f"{directory}: exists and is not a folder; give a folder for --split")
    parent = d if d.exists() else d.parent
    if not parent.is_dir():
        raise OutputError(f"{directory}: the folder {parent} does not exist; create it first")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{directory}: cannot write in {parent}; check its permissions")
    if d.is_dir() and not force:
        try:
            taken = any(e.name.lower().endswith(".vcf") for e in os.scandir(d))
        except OSError as exc:
            raise OutputError(f"{directory}: cannot read the folder ({exc.strerror}); check its permissions") from exc
        if taken:
            raise OutputError(f"{directory} already holds .vcf files; use --force to overwrite those with the "
                              f"same names, or give an empty folder")


def _check_debug_dir(directory: str) -> None:
    try:
        Path(directory).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"--debug-dir {directory}: cannot create it ({exc.strerror}); give another folder") from exc
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError(f"--debug-dir {directory}: cannot write in it; check its permissions")


def _write_split(items, args: argparse.Namespace) -> int:
    from cardscan import fsout, vcard

    d = Path(args.split)
    try:
        d.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{args.split}: cannot create the folder ({exc.strerror})") from exc
    names = vcard.split_filenames([o.contact for o in items])
    targets = [d / name for name in names]
    for target in targets:
        if target.parent != d or target.name in ("", ".", ".."):  # a name must never leave the folder
            raise OutputError(f"{target}: not a plain file name; nothing was written")
        # Every target is checked before the first is written: a clash (a file made since the
        # check before scanning) leaves the folder as it was, not half replaced.
        fsout.check_writable(target, force=args.force)
    for o, target in zip(items, targets):
        text = vcard.dumps([o], version=args.vcard_version, note=args.note, categories=args.category,
                           embed_photo=args.embed_photo)
        fsout.atomic_write(str(target), text, force=args.force)
    return len(items)


def _eval(args: argparse.Namespace) -> int:
    from cardscan import batch, evaluate

    samples = evaluate.find_samples(args.dir)
    if not samples:
        log.error("%s: no images with truth files found (x.jpg + x.json, or images/ + truth/)", args.dir)
        return int(ExitCode.NO_INPUT)
    options = Options(region=args.region, lang=args.lang, engine=args.engine).validate()
    options = _checked_engine(options)
    jobs = _jobs(args.jobs)
    progress = Progress(len(samples), args.quiet)
    results = []
    for item in batch.scan_paths([s.image for s in samples], options, jobs=jobs):
        errors = [o.error for o in item.outcomes if o.error]
        results.append((item.source, [o.contact for o in item.outcomes if o.ok], "; ".join(errors) or None))
        progress.step(item.source, "failed" if errors else f"{sum(o.ok for o in item.outcomes)} cards")
    progress.close()
    report = evaluate.evaluate(samples, results)
    naive = None
    if args.naive:
        naive_results = []
        for item in batch.scan_paths([s.image for s in samples], options, jobs=jobs, worker=_naive_worker):
            naive_results.append((item.source, [o.contact for o in item.outcomes if o.ok], None))
        naive = evaluate.evaluate(samples, naive_results)
    if args.json:
        out = {"cardscan": report.to_dict()}
        if naive:
            out["naive"] = naive.to_dict()
        print(json.dumps(out, indent=1))
    else:
        print(evaluate.format_table(report, f"cardscan {__version__} on {args.dir}"))
        if naive:
            print()
            print(evaluate.format_table(naive, "naive pipeline (whole photo → image_to_string → regexes)"))
    return 0


def _naive_worker(source: str, options: Options):
    from cardscan import baseline
    from cardscan.models import ScanOutcome

    try:
        contacts = baseline.scan(source, options.region or options.default_region)
    except Exception as exc:  # the baseline is a yardstick: its failures only cost it points
        return [ScanOutcome(source, 0, error=str(exc))]
    return [ScanOutcome(source, i, contact=c) for i, c in enumerate(contacts)]


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in argv or "--verbose" in argv
    # Other libraries speak only when something is wrong: -v is about cardscan's own steps,
    # not Pillow's or Dask's debug chatter, which would pass for cardscan's under this prefix.
    logging.basicConfig(level=logging.WARNING, format="cardscan: %(message)s", stream=sys.stderr, force=True)
    log.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        args = build_parser().parse_args(argv)
        if args.command == "scan":
            return _scan(args)
        return _eval(args)
    except CardscanError as exc:
        if verbose:
            log.exception("%s", exc.message)
        else:
            log.error("%s", exc.message)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        log.error("interrupted")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader of stdout went away (e.g. `| head`); nothing more to say.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return int(ExitCode.OK)
    except Exception as exc:  # a defect: one line, the traceback only with -v
        if verbose:
            log.exception("internal error")
        else:
            text = " ".join(str(exc).split())[:200]
            log.error("internal error (%s: %s); run again with -v for the details and please report it",
                      type(exc).__name__, text)
        return int(ExitCode.PARTIAL)


def main_entry() -> None:
    sys.exit(main())
