"""What a second process may count on: the cores this one may run on, and a process's peak memory; and
the garbage collector's pace during bulk work.

Shared by the import's reader process and the export's worker processes (``formats/parallel.py``)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

# New container objects between two collections of the youngest generation during bulk work (Python's
# default is 700).
BULK_GC_THRESHOLD = 50_000


def usable_cores() -> int:
    """The cores this process may run on (its affinity), not the machine's: a second process is worth
    starting only when there is a core for it."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


def peak_rss_kb() -> int:
    """This process's peak resident memory (VmHWM) in kB; 0 where /proc does not say."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Bulk work (an export) makes millions of short-lived objects (records, tuples, tokens) and almost no
    reference cycles: each is freed by its reference count, and a collection finds next to nothing. With
    Python's default the collector still ran every 700 new objects and walked what was alive each time:
    4,500 collections in an export of 1,000,000 spans, a sixth of the exporting process's time. Meanwhile
    it runs every ``BULK_GC_THRESHOLD`` new objects instead (what it collects is the same, a little later);
    afterwards at the pace it had."""
    before = bulk_pace()
    try:
        yield
    finally:
        gc.set_threshold(*before)


def bulk_pace() -> tuple[int, int, int]:
    """The collector at the pace of bulk work from now on (see ``fewer_collections``); returns its
    thresholds before."""
    before = gc.get_threshold()
    gc.set_threshold(BULK_GC_THRESHOLD, *before[1:])
    return before
