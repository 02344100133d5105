"""What a second process may count on: the cores this one may run on, and a process's peak memory.

Shared by the import's reader process and the export's worker processes (``formats/parallel.py``)."""

from __future__ import annotations

import os


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
