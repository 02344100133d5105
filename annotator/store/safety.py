"""Keeping a SQLite database safe to write: an integrity check before writing, on-demand full checks,
and automatic daily backups made with SQLite's online backup API.

A damaged file that still takes writes spreads the damage (``stats`` and ``import`` would go on
succeeding while only ``export`` fails), so every opening for writing runs ``PRAGMA quick_check`` first,
within a time budget that keeps start-up quick on large files (a check that runs out of time is logged,
not taken as damage). Backups live in the user data directory, one folder per database file, newest
``ANNOTATOR_BACKUPS`` (default 7; 0 turns them off) kept.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

import platformdirs

from annotator.core.errors import AnnotatorError

log = logging.getLogger("annotator.safety")
QUICK_CHECK_BUDGET_S = 2.0
BACKUP_EVERY = timedelta(days=1)
DEFAULT_BACKUPS_KEPT = 7


class DamagedDatabaseError(AnnotatorError):
    """The database failed its integrity check: nothing may be written into it."""


def integrity_problems(path: Path, full: bool = False, budget_s: float | None = None) -> list[str] | None:
    """The problems SQLite finds in the file ([] when it is sound), or None when the check ran out of
    its time budget. Read-only: the file is opened with ``mode=ro``."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return [str(error)]
    deadline = None if budget_s is None else time.monotonic() + budget_s
    if deadline is not None:
        connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        rows = connection.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            return None
        return [str(error)]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    finally:
        connection.close()
    problems = [row[0] for row in rows]
    return [] if problems == ["ok"] else problems


def refuse_if_damaged(path: Path) -> None:
    """Before writing into ``path``: its quick check must pass (or run out of time)."""
    started = time.monotonic()
    problems = integrity_problems(path, budget_s=QUICK_CHECK_BUDGET_S)
    log.info("quick_check of %s: %s in %.0f ms", path, "timed out" if problems is None else problems or "ok",
             1000 * (time.monotonic() - started))
    if problems:
        raise DamagedDatabaseError(damage_message(path, problems))


def damage_message(path: Path, problems: list[str]) -> str:
    latest = latest_backup(path)
    restore = (f"or copy the latest automatic backup back: cp '{latest}' '{path}'" if latest is not None
               else "or restore your own latest copy")
    return (f"{path}: the database is damaged ({problems[0]}"
            f"{f', and {len(problems) - 1} more problem(s)' if len(problems) > 1 else ''}); nothing was "
            f"written. Recover what SQLite can read: sqlite3 '{path}' .recover | sqlite3 recovered.db, "
            f"then use --db recovered.db; {restore}. 'annotator check' lists every problem.")


def backup_folder(path: Path) -> Path:
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:10]
    return Path(platformdirs.user_data_dir("annotator", appauthor=False)) / "backups" / f"{path.stem}-{digest}"


def backups_kept() -> int:
    value = os.environ.get("ANNOTATOR_BACKUPS", "")
    try:
        return max(0, int(value)) if value.strip() else DEFAULT_BACKUPS_KEPT
    except ValueError:
        raise AnnotatorError(f"ANNOTATOR_BACKUPS must be a number of backups to keep, got {value!r}") from None


def automatic_backups(path: Path) -> list[Path]:
    folder = backup_folder(path)
    return sorted(folder.glob(f"{path.stem}-*.db")) if folder.is_dir() else []


def latest_backup(path: Path) -> Path | None:
    found = automatic_backups(path)
    return found[-1] if found else None


def daily_backup(path: Path, now: datetime | None = None) -> Path | None:
    """Back ``path`` up when its newest automatic backup is a day old (or there is none), and keep the
    newest ``ANNOTATOR_BACKUPS``. Returns the new backup, if one was made."""
    from annotator.store.database import backup_sqlite

    kept = backups_kept()
    if kept == 0 or not path.is_file() or path.stat().st_size == 0:
        return None
    now = now or datetime.now()
    latest = latest_backup(path)
    if latest is not None and now - datetime.fromtimestamp(latest.stat().st_mtime) < BACKUP_EVERY:
        return None
    folder = backup_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}-{now.strftime('%Y%m%d-%H%M%S')}.db"
    backup_sqlite(path, target)
    for old in automatic_backups(path)[:-kept]:
        old.unlink(missing_ok=True)
    log.info("automatic backup of %s to %s", path, target)
    return target
