"""Logging to a rotating file in the user log directory, so a problem can be looked at afterwards."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

LOG_NAME = "annotator.log"


def log_dir() -> Path:
    override = os.environ.get("ANNOTATOR_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir("annotator", appauthor=False))


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the ``annotator`` loggers to ``annotator.log`` (1 MB, five old files kept); returns its path."""
    directory = log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_NAME
    logger = logging.getLogger("annotator")
    for old in [h for h in logger.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        if Path(old.baseFilename) == path:
            logger.setLevel(level)
            return path
        logger.removeHandler(old)
        old.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    return path
