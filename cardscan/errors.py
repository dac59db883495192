"""Exit codes and the exceptions the library raises.

The library raises; only cli.main turns an exception into an exit code.
The numbers are part of the interface (documented in the README) and never change.
"""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0               # every input was read
    PARTIAL = 1          # some inputs failed; the rest were written
    USAGE = 2            # bad command line
    DEPENDENCY = 3       # Tesseract or a language pack is missing or too old
    NO_INPUT = 4         # no input could be read
    OUTPUT = 5           # the output cannot be written (found before scanning)
    INTERRUPTED = 130    # Ctrl-C


class CardscanError(Exception):
    """Base class: carries an exit code and a one-line message saying what to do."""

    exit_code: ExitCode = ExitCode.PARTIAL

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UsageError(CardscanError):
    exit_code = ExitCode.USAGE


class DependencyError(CardscanError):
    exit_code = ExitCode.DEPENDENCY


class InputError(CardscanError):
    """One input cannot be read (not an image, truncated, too large, unreadable)."""

    exit_code = ExitCode.NO_INPUT


class OutputError(CardscanError):
    exit_code = ExitCode.OUTPUT


class OcrError(CardscanError):
    """The OCR engine failed or timed out on one card."""

    exit_code = ExitCode.PARTIAL
