"""Logging to a rotating file in the user log directory, so a problem can be looked at afterwards.

The window's start keeps its first records in memory (``hold_start_records``) and sets the file up once
the window is whole: loading ``logging.handlers`` cost 6 ms before the first paint. ``setup_logging``
writes the held records to the file first, in their order and with their own times."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs

LOG_NAME = "annotator.log"


def log_dir() -> Path:
    override = os.environ.get("ANNOTATOR_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir("annotator", appauthor=False))


def log_file() -> Path:
    """Where ``setup_logging`` writes (the folder is made by it)."""
    return log_dir() / LOG_NAME


class HeldRecords(logging.Handler):
    """The records of the start, until ``setup_logging`` writes them to the file."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def hold_start_records(level: int = logging.INFO) -> None:
    """Keep the ``annotator`` loggers' records in memory until ``setup_logging`` (the window's start)."""
    logger = logging.getLogger("annotator")
    if not any(isinstance(h, HeldRecords) for h in logger.handlers):
        logger.addHandler(HeldRecords())
    logger.setLevel(level)


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the ``annotator`` loggers to ``annotator.log`` (1 MB, five old files kept), held records of the
    start first; returns its path."""
    import logging.handlers

    directory = log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_NAME
    logger = logging.getLogger("annotator")
    held = [h for h in logger.handlers if isinstance(h, HeldRecords)]
    for holder in held:
        logger.removeHandler(holder)
    handler = None
    for old in [h for h in logger.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        if Path(old.baseFilename) == path:
            handler = old
            continue
        logger.removeHandler(old)
        old.close()
    if handler is None:
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)
    for holder in held:
        for record in holder.records:
            handler.handle(record)
    return path
